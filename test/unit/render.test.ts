/**
 * The one renderer (model + findings → the official grids), on the five samples: the grids have the
 * format's shape, every cell holds what a person reads in the report (test/helpers/sample-values.ts)
 * and points back at it, and the findings sit on the cells they are about.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { checkReport } from '../../server/src/service/check';
import { LineIndex } from '../../server/src/service/parse';
import { headerRows, placeText, renderTables, tablesView, type GridCell, type TableView } from '../../server/src/service/render';
import { readDocumentSync } from '../../server/src/readers';
import { corpusText, expectedRows, fixturePath } from '../helpers/corpus';
import { reportDocument, toHtml } from '../helpers/fileFormats';
import { SAMPLE_IDS, SAMPLE_READING } from '../helpers/sample-values';

/** The grid as a matrix of cells, spans expanded: throws when a row is too short or too long. */
export function occupancy(rows: GridCell[][], columns: number): GridCell[][] {
  const out: (GridCell | undefined)[][] = rows.map(() => new Array(columns).fill(undefined));
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < columns && out[r][c]) c++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          assert.ok(r + dr < rows.length && c + dc < columns, `cell “${cell.text}” (row ${r}) overflows the ${columns} columns`);
          assert.ok(!out[r + dr][c + dc], `cell “${cell.text}” overlaps another at ${r + dr},${c + dc}`);
          out[r + dr][c + dc] = cell;
        }
      }
      c += cell.colspan;
    }
  });
  out.forEach((row, r) => assert.ok(row.every(Boolean), `row ${r} has holes: ${row.map(c => c?.text ?? '·').join('|')}`));
  return out as GridCell[][];
}

const values = (cells: GridCell[]) => cells.filter(c => c.role === 'value').map(c => c.value ?? null);

describe('renderer: the official grids', () => {
  it('merges header cells from the columns’ paths (四: 行政复议 over five, 行政诉讼 over ten)', () => {
    const rows = headerRows([['A', 'x'], ['A', 'y'], ['B', 'P', 'x'], ['B', 'P', 'y'], ['B', 'Q', 'x']]);
    assert.deepStrictEqual(rows.map(r => r.map(c => [c.text, c.colspan, c.rowspan])), [
      [['A', 2, 1], ['B', 3, 1]],
      [['x', 1, 2], ['y', 1, 2], ['P', 2, 1], ['Q', 1, 1]],
      [['x', 1, 1], ['y', 1, 1], ['x', 1, 1]],
    ]);
  });

  for (const id of SAMPLE_IDS) {
    const truth = SAMPLE_READING[id];
    describe(`sample ${id} (${truth.template})`, () => {
      const text = corpusText(id);
      const result = checkReport(text);
      const view = tablesView(result);
      const table = (key: TableView['key']) => view.tables.find(t => t.key === key)!;
      const lines = new LineIndex(text);

      it('三: 3 header rows under 申请人情况 › 法人或其他组织, the corner note, a row per format row with its 7 numbers as read', () => {
        const t = table('applications');
        const expected = expectedRows(truth.applications);
        assert.strictEqual(t.version, truth.template);
        assert.strictEqual(t.valueColumns, 7);
        // 3 label columns: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密
        assert.strictEqual(t.columns, 10);
        assert.strictEqual(t.head.length, 3);
        assert.deepStrictEqual(t.head[0].map(c => [c.text, c.colspan, c.rowspan]), [
          ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3], ['申请人情况', 7, 1],
        ]);
        assert.deepStrictEqual(t.head[1].map(c => [c.text, c.colspan, c.rowspan]), [['自然人', 1, 2], ['法人或其他组织', 5, 1], ['总计', 1, 2]]);
        occupancy([...t.head, ...t.body], t.columns);
        assert.strictEqual(t.body.length, expected.length);
        assert.deepStrictEqual(t.body.map(values), expected.map(r => r.values));
        // Every number points at its digits, on the line a reader found the row on.
        t.body.forEach((row, i) => row.filter(c => c.role === 'value').forEach(c => {
          assert.ok(c.range, `row ${expected[i].key} has a place`);
          assert.strictEqual(Number(text.slice(c.range!.start, c.range!.end)), c.value);
          assert.ok(Math.abs(lines.lineOf(c.range!.start) + 1 - expected[i].line) <= 10, `row ${expected[i].key} near line ${expected[i].line}`);
        }));
        // The group labels span their rows: 三、本年度办理结果 from （一） to （七）总计.
        const results = t.body.flat().find(c => c.text === '三、本年度办理结果')!;
        assert.strictEqual(results.rowspan, expected.length - 3);
        assert.strictEqual(t.body.flat().find(c => c.text === '（三）不予公开')!.rowspan, 8);
      });

      it('四: 3 header rows, 15 numbers as read', () => {
        const t = table('reviews');
        assert.strictEqual(t.columns, 15);
        assert.deepStrictEqual(t.head.map(r => r.map(c => [c.text, c.colspan, c.rowspan])), [
          [['行政复议', 5, 1], ['行政诉讼', 10, 1]],
          [['结果维持', 1, 2], ['结果纠正', 1, 2], ['其他结果', 1, 2], ['尚未审结', 1, 2], ['总计', 1, 2], ['未经复议直接起诉', 5, 1], ['复议后起诉', 5, 1]],
          ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map(x => [x, 1, 1]),
        ]);
        occupancy([...t.head, ...t.body], t.columns);
        assert.deepStrictEqual(values(t.body[0]), truth.reviews);
      });

      it('二: each block with 信息内容 and its column labels, the rows as read', () => {
        const t = table('proactive');
        occupancy(t.body, t.columns);
        const blocks: { item: string; rows: [string, (number | null)[]][] }[] = [];
        for (const row of t.body) {
          if (row.length === 1) blocks.push({ item: row[0].text, rows: [] });
          else if (row[0].role === 'label') blocks[blocks.length - 1].rows.push([row[0].text, values(row)]);
          else assert.strictEqual(row[0].text, '信息内容');
        }
        // The format's labels: 2019 prints 规范性文件, 2021 行政规范性文件 (as the reports do).
        assert.deepStrictEqual(blocks, truth.proactive.map(b => ({ item: b.item, rows: b.rows.map(([label, , v]) => [label, v]) })));
      });
    });
  }

  it('002: the 四 行政复议 group (14 4 0 0 9, lines 403–407): its total and the one term that could be wrong are marked, with the message on hover', () => {
    const text = corpusText('002');
    const result = checkReport(text);
    const { html, view } = renderTables(result, 'zh');
    const row = view.tables.find(t => t.key === 'reviews')!.body[0];
    const nine = row[4];
    assert.strictEqual(nine.value, 9);
    assert.strictEqual(text.slice(nine.range!.start, nine.range!.end), '9');
    assert.deepStrictEqual(new LineIndex(text).position(nine.range!.start), { line: 406, character: 1 });
    assert.deepStrictEqual(nine.marks.map(m => [result.findings[m.finding].ruleId, m.severity, m.related]), [['review-total', 'error', false]]);
    // 14 + 4 + 0 + 0 = 18 ≠ 9: either the total should be 18 or 14 should be 5; 4 and the zeros cannot be
    // lowered by 9. Those two cells are the finding's, not the whole group (the cells it is about).
    const own = view.tables.flatMap(t => [...t.head, ...t.body].flat()).filter(c => c.marks.some(m => !m.related));
    assert.deepStrictEqual(own, [row[0], row[4]]);
    assert.deepStrictEqual(view.places[result.findings.findIndex(f => f.ruleId === 'review-total')], { table: '四', row: '行政复议' });
    const cell = new RegExp(`<td class="v m-error" id="c${nine.range!.start}" data-s="${nine.range!.start}" data-e="${nine.range!.end}" tabindex="0" data-f="\\d+" data-v="9" title="([^"]*)">9</td>`).exec(html);
    assert.ok(cell, 'the cell in the HTML');
    assert.match(cell![1], /错误：行政复议：14 \+ 4 \+ 0 \+ 0 = 18，总计为 9；总计或其中一项有误/);
  });

  it('001: the 二 row with two numbers where the table has three is marked on its label (the row), not cell by cell; the third cell is drawn missing', () => {
    const result = checkReport(corpusText('001'));
    const view = tablesView(result);
    const t = view.tables.find(x => x.key === 'proactive')!;
    const row = t.body.find(r => r[0].text === '行政规范性文件')!;
    assert.deepStrictEqual(row.map(c => c.marks.map(m => result.findings[m.finding].ruleId)), [['cell-count'], [], [], []]);
    assert.strictEqual(row[3].kind, 'missing');
    assert.strictEqual(placeText(view.places[0], 'zh'), '二表 · 第二十条第（一）项 · 行政规范性文件');
  });

  it('a row total the tables cannot decide marks its total and the term that could be wrong, not the row’s zeros', () => {
    // 004 with （一）予以公开 10 0 0 0 0 0 | 10 written with the total 8, and no （七）总计 row to tell which
    // cell is wrong: 10 − 2 or a total of 10 would repair it; a zero cannot be lowered.
    const lines = corpusText('004').split('\n');
    const granted = lines.findIndex(l => l.includes('（一）予以公开'));
    assert.deepStrictEqual(lines.slice(granted + 1, granted + 8), ['\t10', '\t0', '\t0', '\t0', '\t0', '\t0', '\t10']);
    lines[granted + 7] = '\t8';
    const total = lines.findIndex(l => l.includes('（七）总计'));
    lines.splice(total, 9);
    const result = checkReport(lines.join('\n'));
    const i = result.findings.findIndex(f => f.ruleId === 'row-total');
    assert.ok(i >= 0 && !result.findings[i].fix, 'undecided: no safe fix');
    const view = tablesView(result);
    const row = view.tables.find(t => t.key === 'applications')!.body.find(r => r.some(c => c.rowKey === 'granted'))!.filter(c => c.role === 'value');
    assert.deepStrictEqual(row.map(c => c.marks.some(m => m.finding === i && !m.related)), [true, false, false, false, false, false, true]);
    assert.strictEqual(placeText(view.places[i], 'zh'), '三表 · （一）予以公开');
  });

  it('a correct report on one line: a finding whose range spans the line marks no cell', () => {
    // 004 (no error in its tables) as a crawled page's text: every table cell between pipes, all on one
    // line, and its heading 六 dropped, so that section-missing spans the line.
    const page = toHtml(reportDocument(corpusText('004')), { charset: 'utf-8', blank: 'empty' });
    const text = readDocumentSync(page, '004.html').text.replace(/\n+/g, ' ').replace('六、其他需要报告的事项', '');
    assert.ok(!text.includes('\n'));
    const result = checkReport(text);
    assert.deepStrictEqual(result.findings.map(f => f.ruleId), ['section-missing']);
    assert.ok(result.findings[0].range.end - result.findings[0].range.start > text.length / 2, 'the finding spans most of the line');
    const view = tablesView(result);
    // The tables are read as the report has them…
    assert.deepStrictEqual(view.tables.find(t => t.key === 'reviews')!.body[0].map(c => c.value ?? null), SAMPLE_READING['004'].reviews);
    // …and no cell is the finding's.
    const marked = view.tables.flatMap(t => [...t.head, ...t.body].flat()).filter(c => c.marks.length);
    assert.deepStrictEqual(marked, []);
    assert.deepStrictEqual(view.places[0], { quote: '张店区发展和改革局 2023年政…' });
  });

  it('marks the blank 总计 of （一）予以公开 in the real 上海 page with the one finding for the 总计 column, placed at that column', () => {
    const file = fixturePath('documents/shanghai-2019-bangongting.html');
    const result = checkReport(readDocumentSync(new Uint8Array(readFileSync(file)), file).text);
    const view = tablesView(result);
    const total = view.tables.find(t => t.key === 'applications')!.body.flat().find(c => c.rowKey === 'granted' && c.column === '总计')!;
    assert.strictEqual(total.kind, 'blank');
    const i = total.marks.find(m => !m.related)!.finding;
    assert.strictEqual(result.findings[i].ruleId, 'cell-value');
    // The page leaves 19 cells of its 总计 column blank: one finding for the column, naming the rows, each cell marked.
    assert.match(result.findings[i].message.zh, /^三表“总计”列有 19 个格子为空或不是数字（“（一）予以公开”/);
    assert.strictEqual(result.findings[i].cells?.length, 19);
    assert.strictEqual(placeText(view.places[i], 'zh'), '三表 · 总计');
    assert.strictEqual(placeText(view.places[i], 'en'), 'table 三 · 总计');
  });

  it('escapes what the report wrote (a label with markup stays text)', () => {
    const text = corpusText('004').replace('规章', '规章<script>x</script>');
    const { html } = renderTables(checkReport(text), 'zh');
    assert.ok(!html.includes('<script>'));
  });
});
