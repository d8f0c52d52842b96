/**
 * Issue 26, writing a report: the new-report skeleton passes its own check in every layout and both
 * formats; filled in, every cell reads back exactly (the 四 table as three labelled lines, the 三
 * columns aligned); 「计算合计」 fills the totals the items give and nothing else, on the sample
 * reports' real tables (their values as read by a person, test/helpers/sample-values.ts).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkReport, prepareReport } from '../../server/src/service/check';
import { reportSkeleton, reviewsTableText, applicationsTableText, textUnits, defaultReportYear, proactiveTableText } from '../../server/src/service/features/skeleton';
import { computeTotals } from '../../server/src/service/features/totals';
import { applyEdits, fixUntilStable } from '../../server/src/service/fixes';
import { createLanguageService } from '../../server/src/service/languageService';
import type { TableLayout } from '../../server/src/service/parse';
import { APPLICATION_TOTAL_COLUMN, formatForYear, formatOf, REVIEW_GROUP_WIDTH, SECTIONS, standardHeading } from '../../server/src/service/format';
import { corpusText, CORPUS, type CorpusId } from '../helpers/corpus';
import { sampleValues, type TrueValues } from '../helpers/sample-values';

const LAYOUTS: TableLayout[] = ['flattened', 'pipe', 'cell-per-line'];
const YEARS = { '2019': 2020, '2021': 2025 } as const;
const IDS = Object.keys(CORPUS) as CorpusId[];

/** A `0` standing alone as a cell (between spaces, ideographic spaces, tabs or pipes, or at a line's end). */
const ZERO_CELL = /(?<=^|[ \t|\u3000])0(?=[ \t|\u3000]|$)/gm;

/** The skeleton's zero cells replaced, in the order written (二 blocks, 三 rows, 四 groups), by `values`. */
function fill(text: string, values: string[]): string {
  let i = 0;
  const out = text.replace(ZERO_CELL, () => {
    if (i >= values.length) throw new Error('more cells than values');
    return values[i++];
  });
  assert.strictEqual(i, values.length, 'every value has a cell');
  return out;
}

/** A sample's tables in skeleton order, as text; totals written as 0 when `itemsOnly`. */
function valuesOf(truth: TrueValues, itemsOnly: boolean): string[] {
  const format = formatOf(truth.template);
  const out: string[] = [];
  for (const block of format.proactive.blocks) {
    const read = truth.proactive.find(b => b.item === block.item);
    for (const row of block.rows) {
      const values = read?.rows.find(r => r.key === row.key)?.values ?? block.columns.map(() => 0);
      // A cell the sample leaves out (001's 行政规范性文件 has two numbers for three columns) is 0 here.
      out.push(...block.columns.map((_, i) => String(values[i] ?? 0)));
    }
  }
  for (const row of format.applications.rows) {
    const read = truth.applications.find(r => r.key === row.key);
    if (!read) throw new Error(`the reading has no row ${row.key}`);
    out.push(...read.values.map((v, col) => (itemsOnly && (col === APPLICATION_TOTAL_COLUMN || row.key === 'total') ? '0' : String(v))));
  }
  out.push(...truth.reviews.map((v, col) => (itemsOnly && col % REVIEW_GROUP_WIDTH === REVIEW_GROUP_WIDTH - 1 ? '0' : String(v))));
  return out;
}

function tablesOf(text: string) {
  const { model } = checkReport(text);
  return {
    proactive: model.proactive.flatMap(b => b.rows.flatMap(r => r.cells.map(c => c.raw))),
    applications: (model.applications?.rows ?? []).map(r => [r.key, ...r.cells.map(c => c.raw)]),
    reviews: model.reviews?.cells.map(c => c.raw) ?? [],
  };
}

describe('writing a report: the skeleton', () => {
  for (const [version, year] of Object.entries(YEARS)) {
    for (const layout of LAYOUTS) {
      it(`${year} (${version} format), ${layout}: passes its own check, every section and table in place`, () => {
        const format = formatForYear(year);
        assert.strictEqual(format.version, version);
        const text = reportSkeleton({ year, format, layout });
        const { model, findings } = checkReport(text);
        assert.deepStrictEqual(findings.map(f => `${f.ruleId}: ${f.message.zh}`), []);
        assert.strictEqual(text.split('\n')[0], `${year}年政府信息公开工作年度报告`);
        assert.deepStrictEqual([model.year?.value, model.period?.startYear, model.period?.endYear], [year, year, year]);
        assert.deepStrictEqual(model.sections.map(s => s.heading), SECTIONS.map(s => standardHeading(s.no)));
        assert.strictEqual(model.format.version, version, 'the tables say which format they are');
        assert.deepStrictEqual(model.applications!.rows.map(r => r.key), format.applications.rows.map(r => r.key));
        assert.strictEqual(model.applications!.layout, layout);
        assert.deepStrictEqual(model.proactive.map(b => b.item), format.proactive.blocks.map(b => b.item));
        assert.strictEqual(/信息处理费/.test(text), format.feeStatementRequired, 'the 信息处理费 sentence where the format asks for it');
      });
    }
  }

  it('writes the 四 table as three labelled lines, each group’s five columns under one header', () => {
    const lines = reviewsTableText(formatOf('2021'), 'flattened', '\n').trimEnd().split('\n');
    assert.deepStrictEqual(lines.map(l => l.split(/\s+/).filter(Boolean)), [
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
      ['行政复议', '0', '0', '0', '0', '0'],
      ['未经复议直接起诉', '0', '0', '0', '0', '0'],
      ['复议后起诉', '0', '0', '0', '0', '0'],
    ]);
    // Aligned in any font: before each number, as many wide and narrow characters as before its header.
    const starts = (l: string) => [...l.matchAll(/\S+/g)].map(m => textUnits(l.slice(0, m.index)));
    const header = starts(lines[0]);
    for (const l of lines.slice(1)) assert.deepStrictEqual(starts(l).slice(1), header);
  });

  it('aligns the 三 and 二 columns: every number under its column header, in any font', () => {
    const lines = applicationsTableText(formatOf('2021'), 'flattened', '\n').trimEnd().split('\n');
    const starts = (l: string) => [...l.matchAll(/\S+/g)].map(m => textUnits(l.slice(0, m.index)));
    const header = starts(lines[1]);
    assert.strictEqual(header.length, 7);
    const rows = lines.filter(l => / 0$/.test(l));
    assert.strictEqual(rows.length, 25);
    for (const l of rows) assert.deepStrictEqual(starts(l).slice(-7), header, l);
    for (const version of ['2019', '2021'] as const) {
      for (const block of proactiveTableText(formatOf(version), 'flattened', '\n').trimEnd().split('\n\n')) {
        const [, head, ...body] = block.split('\n');
        for (const l of body) assert.deepStrictEqual(starts(l), starts(head), `${head}\n${l}`);
      }
    }
  });

  for (const id of IDS) {
    for (const layout of LAYOUTS) {
      it(`${id}'s tables typed into the ${layout} skeleton read back cell by cell`, () => {
        const truth = sampleValues(id);
        const text = fill(reportSkeleton({ year: YEARS[truth.template], format: formatOf(truth.template), layout }), valuesOf(truth, false));
        const read = tablesOf(text);
        const values = valuesOf(truth, false);
        const format = formatOf(truth.template);
        const proactiveCount = format.proactive.blocks.reduce((n, b) => n + b.rows.length * b.columns.length, 0);
        assert.deepStrictEqual(read.proactive, values.slice(0, proactiveCount));
        const width = format.applications.columns.length;
        assert.deepStrictEqual(read.applications, format.applications.rows.map((r, i) => [r.key, ...values.slice(proactiveCount + i * width, proactiveCount + (i + 1) * width)]));
        assert.deepStrictEqual(read.reviews, values.slice(proactiveCount + format.applications.rows.length * width));
      });
    }
  }

  it('a distinct number in every cell reads back in its cell (2021 and 2019, every layout)', () => {
    for (const version of ['2019', '2021'] as const) {
      for (const layout of LAYOUTS) {
        const skeleton = reportSkeleton({ year: YEARS[version], format: formatOf(version), layout });
        const n = skeleton.match(ZERO_CELL)!.length;
        const values = Array.from({ length: n }, (_, i) => String(1000 + i * 7));
        const read = tablesOf(fill(skeleton, values));
        assert.deepStrictEqual([...read.proactive, ...read.applications.flatMap(r => r.slice(1)), ...read.reviews], values, `${version} ${layout}`);
      }
    }
  });

  it('a new report is on last year until June, on this year from July', () => {
    assert.strictEqual(defaultReportYear(new Date(2026, 0, 10)), 2025);
    assert.strictEqual(defaultReportYear(new Date(2026, 5, 30)), 2025);
    assert.strictEqual(defaultReportYear(new Date(2026, 11, 7)), 2026);
  });
});

describe('writing a report: 计算合计', () => {
  for (const id of IDS) {
    it(`${id}: the items typed into a zero-filled skeleton, the totals it fills are the report's`, () => {
      const truth = sampleValues(id);
      const text = fill(reportSkeleton({ year: YEARS[truth.template], format: formatOf(truth.template) }), valuesOf(truth, true));
      const result = computeTotals(prepareReport(text).arithmetic(), text);
      const after = applyEdits(text, result.edits);
      const expected = valuesOf(truth, false);
      if (id === '002') {
        // The report prints 行政复议 14 + 4 + 0 + 0 as 9: computed from its items, the total is 18.
        const at = expected.length - 15 + 4;
        assert.strictEqual(expected[at], '9');
        expected[at] = '18';
      }
      const read = tablesOf(after);
      assert.deepStrictEqual([...read.proactive, ...read.applications.flatMap(r => r.slice(1)), ...read.reviews], expected);
      // Only totals were written: outside them the text is the same.
      for (const e of result.edits) assert.match(text.slice(e.range.start, e.range.end), /^0$/);
      assert.ok(result.filled.every(f => f.ref.table === 'reviews' ? f.ref.col % REVIEW_GROUP_WIDTH === REVIEW_GROUP_WIDTH - 1 : f.ref.col === APPLICATION_TOTAL_COLUMN || f.ref.row === 'total'));
      if (id !== '002') {
        assert.deepStrictEqual(checkReport(after).findings.filter(f => ['row-total', 'column-total', 'balance', 'review-total'].includes(f.ruleId)).map(f => f.message.zh), []);
      }
    });

    it(`${id}: its own totals replaced by 0 in its own layout, 计算合计 writes them back`, () => {
      const original = corpusText(id);
      const { model } = checkReport(original);
      const totals = [
        ...(model.applications?.rows ?? []).flatMap(r => r.cells.filter((c, col) => c.kind === 'number' && (col === APPLICATION_TOTAL_COLUMN || r.key === 'total'))),
        ...(model.reviews?.cells ?? []).filter((c, col) => c.kind === 'number' && col % REVIEW_GROUP_WIDTH === REVIEW_GROUP_WIDTH - 1),
      ];
      const zeroed = applyEdits(original, totals.map(c => ({ range: c.digits, newText: '0' })));
      const result = computeTotals(prepareReport(zeroed).arithmetic(), zeroed);
      const after = applyEdits(zeroed, result.edits);
      if (id === '002') {
        // 行政复议's total, printed 9 (line 407), is its items' sum 18.
        const diff = after.split('\n').map((l, i) => [i + 1, l, original.split('\n')[i]]).filter(([, a, b]) => a !== b);
        assert.deepStrictEqual(diff, [[407, '\t18', '\t9']]);
      } else {
        assert.strictEqual(after, original);
      }
    });
  }

  it('an item typed before the totals are computed is not “fixed” back to 0: a suggestion, and fix-all keeps the typing', () => {
    for (const [table, row] of [['三', '（一）予以公开'], ['四', '行政复议']] as const) {
      const skeleton = reportSkeleton({ year: 2025, format: formatOf('2021') });
      let at: number;
      if (table === '三') {
        // 自然人 of （一）予以公开: the first 0 after the label.
        at = skeleton.indexOf('0', skeleton.indexOf(`${row} `));
      } else {
        // 行政复议 结果维持: the first 0 of its group's line.
        at = skeleton.indexOf('0', skeleton.indexOf('\n行政复议 '));
      }
      const typed = skeleton.slice(0, at) + '5' + skeleton.slice(at + 1);
      const findings = checkReport(typed).findings.filter(f => f.range.start <= at && at < f.range.end);
      assert.ok(findings.length >= 1, `${table}: the typed item is where the sums break`);
      for (const f of findings) assert.strictEqual(f.fix, undefined, `${table}: ${f.ruleId} offers no certain fix`);
      if (table === '三') {
        assert.match(findings[0].message.zh, /计算合计/);
        assert.ok(findings[0].suggestions?.some(x => x.edits.length === 1 && x.edits[0].newText === '0'), 'back to 0 is offered, as a suggestion');
      }
      // Fix-all (and fix-on-save) leaves the clerk's 5 where it was typed.
      const after = fixUntilStable(typed, t => checkReport(t), r => r.findings.flatMap(f => (f.fix ? [f.fix] : []))).text;
      assert.strictEqual(after, typed, table);
    }
  });

  it('a stray number in a table whose totals are written is still pinned with a certain fix', () => {
    const text = corpusText('000');
    const { model } = checkReport(text);
    const cell = model.applications!.rows.find(r => r.key === 'granted')!.cells[2];
    assert.strictEqual(cell.value, 0);
    const typed = text.slice(0, cell.digits.start) + '5' + text.slice(cell.digits.end);
    const f = checkReport(typed).findings.find(x => x.range.start === cell.digits.start)!;
    assert.ok(f.fix, 'the one cell that repairs every sum is certain when the totals are written');
    assert.strictEqual(applyEdits(typed, f.fix.edits), text);
  });

  it('writes only totals that are blank, “/” or 0, never an item, never a total already written', () => {
    const format = formatOf('2021');
    const skeleton = reportSkeleton({ year: 2025, format });
    const n = skeleton.match(ZERO_CELL)!.length;
    fc.assert(fc.property(fc.array(fc.oneof(fc.constant('0'), fc.constant('/'), fc.nat({ max: 30 }).map(String)), { minLength: n, maxLength: n }), values => {
      const text = fill(skeleton, values);
      const { model } = checkReport(text);
      const result = computeTotals(prepareReport(text).arithmetic(), text);
      const totalCells = new Set([
        ...model.applications!.rows.flatMap(r => r.cells.filter((_, col) => col === APPLICATION_TOTAL_COLUMN || r.key === 'total')),
        ...model.reviews!.cells.filter((_, col) => col % REVIEW_GROUP_WIDTH === REVIEW_GROUP_WIDTH - 1),
      ].map(c => c.range.start));
      for (const e of result.edits) {
        assert.ok(totalCells.has(e.range.start), 'a total');
        assert.match(text.slice(e.range.start, e.range.end), /^(0|\/)$/, 'blank, / or 0');
        assert.match(e.newText, /^\d+$/);
      }
    }), { numRuns: 60 });
  });

  it('fills the totals a row and its column agree on, and says what it left', () => {
    const text = fill(reportSkeleton({ year: 2025, format: formatOf('2021') }), (() => {
      const values = valuesOf(sampleValues('001'), true);
      // One item of （一）予以公开 not typed yet: its row total, and the （七） cells of its column and the 总计 column, stay.
      const granted = formatOf('2021').proactive.blocks.reduce((s, b) => s + b.rows.length * b.columns.length, 0) + 2 * 7;
      values[granted] = '/';
      return values;
    })());
    const result = computeTotals(prepareReport(text).arithmetic(), text);
    assert.strictEqual(result.undetermined, 3);
    assert.strictEqual(result.summary.zh, `已填入 ${result.filled.length} 个合计：三表 ${result.filled.filter(f => f.ref.table === 'applications' && f.ref.row !== 'total').length} 行的总计、（七）总计行 ${result.filled.filter(f => f.ref.row === 'total').length} 格、四表 2 组的总计；3 个合计的各项还不全是数字，未填`);
  });
});

describe('writing a report: completion', () => {
  const service = createLanguageService({ locale: 'zh' });
  const complete = (uri: string, text: string, line: number, character: number) =>
    [...service.completion(TextDocument.create(uri, 'nianbao', 1, text), { line, character }).items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));

  it('an empty document: the first item is the whole report, on the year in the file name', () => {
    const [first] = complete('file:///reports/2025年报.txt', '', 0, 0);
    assert.strictEqual(first.label, '新建年度报告（2025 年度）');
    assert.strictEqual(first.preselect, true);
    const text = (first.textEdit as { newText: string }).newText;
    assert.strictEqual(text, reportSkeleton({ year: 2025, format: formatForYear(2025) }));
  });

  it('after a typed title: the rest of the report, the title kept as written', () => {
    const title = '临淄区民政局2024年政府信息公开工作年度报告';
    const [first] = complete('untitled:Untitled-1', title, 0, title.length);
    assert.strictEqual(first.label, '新建年度报告（2024 年度）');
    const edit = first.textEdit as { range: { start: { character: number } }; newText: string };
    assert.strictEqual(edit.range.start.character, title.length);
    const text = title + edit.newText;
    assert.deepStrictEqual(checkReport(text).findings.map(f => f.ruleId), []);
    assert.strictEqual(text.split('\n')[0], title);
  });

  it('a section without its table: the table is the first item; with one, the labels come first', () => {
    const text = '2025年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n\n三、收到和处理政府信息公开申请情况\n\n\n四、政府信息公开行政复议、行政诉讼情况\n\n';
    assert.strictEqual(complete('file:///r.txt', text, 3, 0)[0].label, '二表（全部为 0）');
    assert.strictEqual(complete('file:///r.txt', text, 6, 0)[0].label, '三表（全部为 0）');
    assert.strictEqual(complete('file:///r.txt', text, 9, 0)[0].label, '四表（全部为 0）');
    const full = reportSkeleton({ year: 2025, format: formatForYear(2025) });
    const line = full.split('\n').findIndex(l => l.startsWith('（七）总计'));
    const items = complete('file:///r.txt', full, line, 0);
    assert.notStrictEqual(items[0].label, '三表（全部为 0）');
  });

  it('column headers complete after a space, replacing only the word typed', () => {
    const text = '2025年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议 结果维持 结果纠';
    const items = complete('file:///r.txt', text, 4, 13);
    const header = items.find(i => i.label === '结果纠正')!;
    assert.deepStrictEqual((header.textEdit as { range: unknown }).range, { start: { line: 4, character: 10 }, end: { line: 4, character: 13 } });
  });
});
