/**
 * The editor's incremental analysis (issue 21): after any edit, what it gives equals a fresh analysis of
 * the new text — the model and the findings. The parse takes the table regions an edit did not touch
 * from the document's last parse (`parse/reuse.ts`), moved by the edit; random edits on the samples, in
 * their own text and in the layouts real reports come in, check that it is the same as reading them again.
 * The facts the rules share take what is the same from the last analysis too (`facts/memo.ts`): the
 * sentences' statements when the sentences read the same, the arithmetic when its cells hold the same values.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { parseReport, type Cell, type ReportModel } from '../../server/src/service/parse';
import { RegionMemo, shifted } from '../../server/src/service/parse/reuse';
import { prepareReport, type PreparedReport } from '../../server/src/service/check';
import { FactsMemo } from '../../server/src/service/facts/memo';
import { readSource, readSourceAfterEdit } from '../../server/src/service/parse/text';
import { findSections, sectionsAfterEdit } from '../../server/src/service/parse/sections';
import { recognitionTraces, recognitionTracesAfterEdit } from '../../server/src/service/parse/recognition';
import type { Arithmetic } from '../../server/src/service/facts/arithmetic';
import { CORPUS, corpusText, type CorpusId } from '../helpers/corpus';
import { LAYOUTS, sampleInLayout } from '../helpers/layouts';

const IDS = Object.keys(CORPUS) as CorpusId[];
const TEXTS: { name: string; text: string }[] = [
  ...IDS.map(id => ({ name: id, text: corpusText(id) })),
  ...IDS.slice(0, 2).flatMap(id => LAYOUTS.map(layout => ({ name: `${id} ${layout}`, text: sampleInLayout(id, layout).text }))),
];

/** What an edit types: digits, spaces, tabs and line breaks (a table's structure), numerals, words of labels and headings. */
const PIECES = ['0', '1', '7', '12', ' ', '  ', '\t', '\n', '\r\n', '\u3000', '|', '（', '）', '一', '三', '、', '（七）总计', '行政复议', '。', '共', '件', '年', '三、收到和处理政府信息公开申请情况\n', 'x'];

interface Edit { at: number; remove: number; insert: string }

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map(a => a.join(''))),
});

/** Frozen, so that a rule or feature that changed a reading the memo gives again would throw (and be a rule failure). */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (value instanceof Map) for (const [k, v] of value) (deepFreeze(k), deepFreeze(v));
  else for (const v of Object.values(value)) deepFreeze(v);
}

/** Where an edit goes: anywhere, or on a table's number (where typing in a report mostly is). */
function apply(text: string, e: Edit, model: ReportModel): string {
  const numbers = [...(model.applications?.rows ?? []).flatMap(r => r.cells), ...(model.reviews?.cells ?? []), ...model.proactive.flatMap(b => b.rows.flatMap(r => r.cells))]
    .filter(c => c.kind === 'number');
  const onNumber = numbers.length > 0 && e.at < 0.5;
  const at = onNumber ? numbers[Math.floor((e.at / 0.5) * numbers.length) % numbers.length].digits.start : Math.floor(((e.at - 0.5) / 0.5) * text.length);
  const start = Math.max(0, Math.min(text.length, at));
  const end = Math.min(text.length, start + (onNumber ? Math.min(e.remove, 2) : e.remove));
  return text.slice(0, start) + e.insert + text.slice(end);
}

/** Every fact of a prepared report, as the rules see them (the arithmetic without its lookup function, its cells checked to be the model's). */
function factsOf(p: PreparedReport): unknown {
  const a: Arithmetic = p.arithmetic();
  const own = new Set(p.model.applications?.rows.flatMap(r => r.cells) ?? []);
  for (const c of p.model.reviews?.cells ?? []) own.add(c);
  const cells = [...a.pins, ...a.ambiguities.flatMap(x => x.candidates), ...a.inferred.keys()].map(x => ('cell' in x ? x.cell : x));
  for (const c of cells) assert.ok(own.has(c as never), 'the arithmetic points at a cell of this model, not of the last');
  return { claims: p.claims(), breakdowns: p.breakdowns(), relations: a.relations, pins: a.pins, ambiguities: a.ambiguities, inferred: [...a.inferred], traces: p.recognitionTraces() };
}

describe('incremental analysis in the editor (issue 21)', function () {
  this.timeout(120000);

  it('moves every offset of a reading and keeps shared parts shared', () => {
    const row = { range: { start: 5, end: 9 }, cells: [{ range: { start: 6, end: 7 }, digits: { start: 6, end: 7 }, raw: '1', value: 1 }] };
    const copy = shifted({ rows: [row], runs: new Map([[row, { start: 5, end: 9, chunks: [{ start: 6, end: 7, digits: '1' }], digits: 1 }]]), numbers: 3 }, 10);
    assert.deepStrictEqual(copy.rows[0].range, { start: 15, end: 19 });
    assert.deepStrictEqual(copy.rows[0].cells[0].digits, { start: 16, end: 17 });
    assert.strictEqual(copy.numbers, 3, 'a count is not an offset');
    assert.strictEqual([...copy.runs.keys()][0], copy.rows[0], 'the row is one object in the copy too');
    assert.deepStrictEqual([...copy.runs.values()][0], { start: 15, end: 19, chunks: [{ start: 16, end: 17, digits: '1' }], digits: 1 });
    assert.deepStrictEqual(row.range, { start: 5, end: 9 }, 'the original is untouched');
  });

  it('reads only the table an edit touched: the other tables come from the last parse', () => {
    const text = corpusText(IDS[0]);
    const memo = new RegionMemo();
    const first = parseReport(text, { reuse: memo });
    assert.deepStrictEqual(memo.counts, { read: 3, reused: 0 });
    // A digit of the 三 table changed: 三 read again, 二 and 四 reused.
    const cell = first.applications!.rows.flatMap(r => r.cells).find(c => c.kind === 'number')!;
    const edited = text.slice(0, cell.digits.start) + '9' + text.slice(cell.digits.start);
    const model = parseReport(edited, { reuse: memo });
    assert.deepStrictEqual(memo.counts, { read: 4, reused: 2 });
    assert.deepStrictEqual(model, parseReport(edited));
    // A word typed in the prose of 一, before every table: all three reused, each moved by one.
    const prose = edited.indexOf('。') + 1;
    const typed = edited.slice(0, prose) + '年' + edited.slice(prose);
    const again = parseReport(typed, { reuse: memo });
    assert.deepStrictEqual(memo.counts, { read: 4, reused: 5 });
    assert.deepStrictEqual(again, parseReport(typed));
    assert.strictEqual(again.applications!.range.start, model.applications!.range.start + 1);
  });

  /** What typing puts on one line, with what the cleaning reads across lines (tags, comments, artifacts, notes, raised marks). */
  const LINE_PIECES = [...PIECES.filter(p => !/[\r\n]/.test(p)), '<span', ' style="x">', '>', '<!--', '-->', '[image', '[image: a]', ':', ']', '(^3', ')', '^', '【nianbao-ignore row-total】', '— 3 —', '第 3 页', '3/10', '\\-', '０', '　', '\ufeff', '   '];
  const lineEdit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.integer({ min: 0, max: 12 }),
    insert: fc.array(fc.constantFrom(...LINE_PIECES), { maxLength: 3 }).map(a => a.join('')),
  });
  /** The samples, and texts that hold what the cleaning reads across lines (a tag over two lines, an open comment, an artifact's spaces over a line break, `\r` line breaks). */
  const SOURCES = [
    ...TEXTS.slice(0, 7).map(t => t.text),
    corpusText(IDS[0]).replace('\n', '\n<span\n style="a">x</span>\n').replace('二、', '<!-- 注\n释 -->\n二、'),
    corpusText(IDS[1]).replace('\n', '\n[image  \n\n  : 图]\n'),
    corpusText(IDS[3]).replace(/\n/g, '\r\n'),
    corpusText(IDS[4]).replace(/\n/g, '\r').replace('。', '。(^21\r3)【nianbao-\rx】'),
  ];

  it('reads again only the line an edit changed: the source and its sections equal those read whole', () => {
    let oneLine = 0;
    let moved = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        let text = start;
        let src = readSource(text);
        let found = findSections(src);
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          const next = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          const whole = readSource(next);
          const after = readSourceAfterEdit(next, src);
          const sections = findSections(whole);
          if (after) {
            oneLine++;
            assert.deepStrictEqual(after.src, whole, 'the source read on one line equals the source read whole');
            const kept = sectionsAfterEdit(found, src, after.src, after.edit);
            if (kept) {
              moved++;
              assert.deepStrictEqual(kept, sections, 'the sections moved equal the sections found');
            }
          }
          text = next;
          src = after?.src ?? whole;
          found = sections;
        }
      }),
      { numRuns: 400, seed: 2123 },
    );
    assert.ok(oneLine > 300 && moved > 200, `read on one line ${oneLine} times, sections moved ${moved} times`);
  });

  it('reads the whole source again where the cleaning or a heading reaches over the edited line', () => {
    const base = corpusText(IDS[0]);
    // A line start with no heading in the five lines before it, so that only the lines each case puts there can matter.
    const headings = findSections(readSource(base)).map(s => s.headingRange.start);
    let at = base.indexOf('\n', 200) + 1;
    const fiveLinesBefore = (x: number) => base.slice(0, x).split('\n').slice(-6).join('\n').length;
    while (headings.some(h => h < at && h >= at - fiveLinesBefore(at))) at = base.indexOf('\n', at) + 1;
    // [text before, text after]: each edit changes one line that a construct on other lines runs through.
    const cases: [string, string, string][] = [
      ['a tag over three lines, its middle line edited', '<span\n style="a"\n  b>\n', '<span\n style="ab"\n  b>\n'],
      ['an artifact marker whose spaces run over a line made blank', '[image  \nx\n  : 图]\n', '[image  \n\n  : 图]\n'],
      ['a comment over lines, a line far inside it edited', `<!-- 注${'释'.repeat(400)}\n第一行\n -->\n`, `<!-- 注${'释'.repeat(400)}\n第二行\n -->\n`],
      ['a heading wrapped over a blank line, its last word edited', '三、收到和处理政府信息公开申请情\n\n况\n', '三、收到和处理政府信息公开申请情\n\n况况\n'],
      ['a line made a heading', '他、主动公开政府信息情况\n', '二、主动公开政府信息情况\n'],
      ['a heading made a line', '二、主动公开政府信息情况\n', '他、主动公开政府信息情况\n'],
      ['a heading wrapped over blank lines, its last word typed', '四、政府信息公开行政复议、行政诉讼情\n\n\n\n', '四、政府信息公开行政复议、行政诉讼情\n\n\n况\n'],
    ];
    for (const [name, a, b] of cases) {
      const before = base.slice(0, at) + a + base.slice(at);
      const after = base.slice(0, at) + b + base.slice(at);
      const last = readSource(before);
      const read = readSourceAfterEdit(after, last);
      const whole = readSource(after);
      if (read) assert.deepStrictEqual(read.src, whole, `${name}: the source`);
      const kept = read ? sectionsAfterEdit(findSections(last), last, read.src, read.edit) : null;
      if (kept) assert.deepStrictEqual(kept, findSections(whole), `${name}: the sections`);
    }
  });

  it('searches again for OCR traces only on the lines an edit touched', () => {
    const TRACES = ['( 一 )', '(一 )', '〈一)', '《六)', '【2019 ]', '9D5', 'S5500', 'x9D5', '(', ')', ' ', '\n', '\r\n', '一', '2019', 'D', '5', '。'];
    const ocr = corpusText(IDS[1]).replace(/（([一二三四五六])）/g, '( $1 )').replace(/2023/g, '2O23');
    let searched = 0;
    fc.assert(
      fc.property(fc.constantFrom(ocr, corpusText(IDS[0])), fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 20 }), insert: fc.array(fc.constantFrom(...TRACES), { maxLength: 4 }).map(a => a.join('')) }), { minLength: 1, maxLength: 6 }), (start, edits) => {
        let text = start;
        let traces = recognitionTraces(text);
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          const next = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          const after = recognitionTracesAfterEdit(next, text, traces);
          assert.deepStrictEqual(after, recognitionTraces(next));
          searched++;
          text = next;
          traces = after;
        }
      }),
      { numRuns: 300, seed: 2124 },
    );
    assert.ok(recognitionTraces(ocr).length >= 4, 'the OCR-like text has traces to keep');
    assert.ok(searched > 300);
  });

  it('reads again only the number an edit changed in the 三 table, and weighs the table again', () => {
    const text = corpusText(IDS[0]);
    const memo = new RegionMemo();
    const first = parseReport(text, { reuse: memo });
    const cells = first.applications!.rows.flatMap(r => r.cells).filter(c => c.kind === 'number');
    let edited = text;
    // A digit typed, one changed, one deleted, in three cells: each a one-number edit, the table patched.
    for (const [pick, change] of [
      [(c: Cell) => c.raw.length === 1, (d: string) => d + '7'],
      [(c: Cell) => c.raw !== '9', () => '9'],
      [(c: Cell) => c.raw.length > 1, (d: string) => d.slice(1)],
    ] as const) {
      const cell = parseReport(edited).applications!.rows.flatMap(r => r.cells).filter(c => c.kind === 'number' && pick(c))[3];
      const digits = edited.slice(cell.digits.start, cell.digits.end);
      edited = edited.slice(0, cell.digits.start) + change(digits) + edited.slice(cell.digits.end);
      assert.deepStrictEqual(parseReport(edited, { reuse: memo }), parseReport(edited));
    }
    assert.strictEqual(memo.lineCounts.tablesPatched, 3);
    assert.ok(cells.length > 12);
    // A number broken into two (a space typed inside it): no longer one number changed — read again, and right.
    const cell = parseReport(edited).applications!.rows.flatMap(r => r.cells).find(c => c.kind === 'number' && c.raw.length > 1)!;
    const split = edited.slice(0, cell.digits.start + 1) + ' ' + edited.slice(cell.digits.start + 1);
    assert.deepStrictEqual(parseReport(split, { reuse: memo }), parseReport(split));
    assert.strictEqual(memo.lineCounts.tablesPatched, 3);
    // Two rows on one line, an edit from the first row's last number to the second's first (a paste): the first
    // row ends inside the change, which no offset moved by the edit can say — read again, and right.
    const rows = '1.属于国家秘密 0 0 0 0 0 0 0\n\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0';
    assert.ok(text.includes(rows));
    const joined = text.replace(rows, rows.replace('\n\n', ' '));
    const twoRows = new RegionMemo();
    const read = parseReport(joined, { reuse: twoRows });
    assert.ok(read.applications!.rows.some(r => r.key === 'denied.2' && r.cells.length === 7), 'both rows read from the one line');
    const at = joined.indexOf('0 0 2.其他');
    const pasted = joined.slice(0, at) + '0 07 2.其他法律行政法规禁止公开 08' + joined.slice(at + '0 0 2.其他法律行政法规禁止公开 0'.length);
    assert.deepStrictEqual(parseReport(pasted, { reuse: twoRows }), parseReport(pasted));
  });

  it('after random edits of the 三 table’s numbers, the model with reuse equals a fresh parse', () => {
    let patched = 0;
    const digitEdit = fc.record({ cell: fc.nat(), at: fc.nat(), kind: fc.constantFrom('type', 'change', 'delete', 'space'), digit: fc.constantFrom('0', '1', '5', '9') });
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), fc.array(digitEdit, { minLength: 1, maxLength: 6 }), (sample, edits) => {
        const memo = new RegionMemo();
        let text = sample.text;
        let model = parseReport(text, { reuse: memo });
        for (const e of edits) {
          const cells = (model.applications?.rows ?? []).flatMap(r => r.cells).filter(c => c.kind === 'number');
          if (!cells.length) return;
          const c = cells[e.cell % cells.length];
          const at = c.digits.start + (e.at % Math.max(1, c.digits.end - c.digits.start));
          text = e.kind === 'type' ? text.slice(0, at) + e.digit + text.slice(at)
            : e.kind === 'change' ? text.slice(0, at) + e.digit + text.slice(at + 1)
              : e.kind === 'delete' ? text.slice(0, at) + text.slice(at + 1)
                : text.slice(0, at) + ' ' + text.slice(at);
          model = parseReport(text, { reuse: memo });
          assert.deepStrictEqual(model, parseReport(text), `${sample.name}: the model after a number's edit differs from a fresh parse`);
        }
        patched += memo.lineCounts.tablesPatched;
      }),
      { numRuns: 250, seed: 2125 },
    );
    assert.ok(patched > 60, `tables patched: ${patched}`);
  });

  it('after random edits, the model with reuse equals a fresh parse, on every sample and layout', () => {
    let reused = 0;
    let patched = 0;
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 5 }), (sample, edits) => {
        const memo = new RegionMemo();
        let text = sample.text;
        let model = parseReport(text, { reuse: memo });
        for (const e of edits) {
          text = apply(text, e, model);
          model = parseReport(text, { reuse: memo });
          assert.deepStrictEqual(model, parseReport(text), `${sample.name}: the model after an edit differs from a fresh parse`);
        }
        reused += memo.counts.reused;
        patched += memo.lineCounts.tablesPatched;
      }),
      { numRuns: 300, seed: 21 },
    );
    assert.ok(reused > 300, `regions reused: ${reused}`);
    assert.ok(patched > 5, `tables patched: ${patched}`);
  });

  it('takes the sentences’ statements and the sums from the last analysis when what they read is the same', () => {
    const text = corpusText(IDS[0]);
    const memo = new FactsMemo();
    const regions = new RegionMemo();
    const facts = (t: string) => factsOf(prepareReport(t, {}, parseReport(t, { reuse: regions }), undefined, memo));
    const fresh = (t: string) => factsOf(prepareReport(t));
    facts(text);
    assert.deepStrictEqual(memo.counts, { reused: 0, computed: 4 });
    // A digit of the 三 table changed: the sentences read the same (no statement looked for again), the sums are solved again.
    const model = parseReport(text);
    const cell = model.applications!.rows.flatMap(r => r.cells).find(c => c.kind === 'number' && c.value! > 0)!;
    const edited = text.slice(0, cell.digits.start) + '9' + text.slice(cell.digits.start);
    assert.deepStrictEqual(facts(edited), fresh(edited));
    assert.deepStrictEqual(memo.counts, { reused: 3, computed: 5 });
    // A word typed in the prose of 一: its sentence changed (statements looked for again), the cells hold the same values
    // (the sums taken from the last analysis, pointing at the new cells, one character further on).
    const prose = edited.indexOf('。') + 1;
    const typed = edited.slice(0, prose) + '年' + edited.slice(prose);
    assert.deepStrictEqual(facts(typed), fresh(typed));
    assert.deepStrictEqual(memo.counts, { reused: 5, computed: 7 });
    // A part of a 「共…其中…」 breakdown changed: as many sentences, one of them not the same — read again.
    const part = prepareReport(typed).breakdowns()[0].parts[0].range;
    const changed = typed.slice(0, part.start) + '8' + typed.slice(part.start);
    assert.deepStrictEqual(facts(changed), fresh(changed));
    assert.notDeepStrictEqual(fresh(changed), fresh(typed), 'the edit changes the facts');
  });

  it('after random edits, the facts with the memo equal those computed afresh', () => {
    const counts = { reused: 0, computed: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 5 }), (sample, edits) => {
        const memo = new FactsMemo();
        const regions = new RegionMemo();
        let text = sample.text;
        let model = parseReport(text, { reuse: regions });
        factsOf(prepareReport(text, {}, model, undefined, memo));
        for (const e of edits) {
          text = apply(text, e, model);
          model = parseReport(text, { reuse: regions });
          assert.deepStrictEqual(factsOf(prepareReport(text, {}, model, undefined, memo)), factsOf(prepareReport(text)), `${sample.name}: the facts after an edit differ from fresh ones`);
        }
        counts.reused += memo.counts.reused;
        counts.computed += memo.counts.computed;
      }),
      { numRuns: 300, seed: 2122 },
    );
    assert.ok(counts.reused > 300, `facts reused: ${JSON.stringify(counts)}`);
  });

  it('after random edits, the editor gives the findings, diagnostics and features of a fresh analysis, and changes no reading it reuses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 4 }), (sample, edits) => {
        const editor = createLanguageService({ locale: 'zh' });
        const uri = 'file:///reports/edited.txt';
        let text = sample.text;
        let version = 1;
        let a = editor.analyse(TextDocument.create(uri, 'nianbao', version, text));
        void a.findings;
        for (const e of edits) {
          text = apply(text, e, a.model);
          const doc = TextDocument.create(uri, 'nianbao', ++version, text);
          a = editor.analyse(doc);
          // The tables as the memo gives them are shared with the next analyses: no rule or feature may change them.
          for (const part of [a.model.applications, a.model.reviews, a.model.extraTables, a.model.proactive]) deepFreeze(part);
          const fresh = createLanguageService({ locale: 'zh' });
          const b = fresh.analyse(doc);
          assert.deepStrictEqual(a.model, b.model, `${sample.name}: model`);
          assert.deepStrictEqual(a.findings, b.findings, `${sample.name}: findings`);
          assert.deepStrictEqual(a.failures, b.failures, `${sample.name}: rule failures`);
          assert.deepStrictEqual(editor.diagnostics(doc), fresh.diagnostics(doc), `${sample.name}: diagnostics`);
          const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
          assert.deepStrictEqual(editor.inlayHints(doc), fresh.inlayHints(doc), `${sample.name}: inlay hints`);
          assert.deepStrictEqual(editor.codeActions(doc, whole, { diagnostics: editor.diagnostics(doc) }), fresh.codeActions(doc, whole, { diagnostics: fresh.diagnostics(doc) }), `${sample.name}: code actions`);
          assert.deepStrictEqual(editor.documentSymbols(doc), fresh.documentSymbols(doc), `${sample.name}: symbols`);
          assert.deepStrictEqual(editor.foldingRanges(doc), fresh.foldingRanges(doc), `${sample.name}: folding`);
          assert.deepStrictEqual(editor.tables(doc), fresh.tables(doc), `${sample.name}: the tables preview`);
          const number = a.model.applications?.rows.flatMap(r => r.cells).find(c => c.kind === 'number');
          if (number) assert.deepStrictEqual(editor.hover(doc, doc.positionAt(number.digits.start)), fresh.hover(doc, doc.positionAt(number.digits.start)), `${sample.name}: hover`);
        }
      }),
      { numRuns: 120, seed: 2121 },
    );
  });
});
