/** Properties of the parser on random and randomly damaged reports. */
import * as assert from 'assert';
import fc from 'fast-check';
import { cleanChar } from '../../server/src/service/parse/text';
import { parseReportStrict, type ReportModel } from '../../server/src/service/parse';
import { CORPUS, corpusText, type CorpusId } from '../helpers/corpus';
import { allRanges } from '../helpers/model';

const corpus = (Object.keys(CORPUS) as CorpusId[]).map(corpusText);

/** Pieces that real reports are made of, so random text reaches deep into the parser. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(
    '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '三、本年度办理结果', '四、结转下年度继续办理', '（七）总计',
    '一、本年新收政府信息公开申请数量', '（三）不予公开', '1.属于国家秘密', '（六）其他处理', '3.其他', '第二十条第（一）项',
    '规章', '行政规范性文件', '信息内容', '行政复议', '结果维持', '总计', '2023年政府信息公开工作年度报告',
    '统计期限自2023年1月1日起至12月31日止', '〔2021〕30号', '[bookmark: _Hlk1]', '[image: ]', '— 6 —', '-3-',
  ) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\t', ' ', '\u3000', '|', '| --- |', '#', '**') },
  { weight: 3, arbitrary: fc.oneof(fc.nat(300).map(String), fc.constantFrom('/', '-', '—', '无', '１２', '-5', '+3', '1.5', '1,234', '60516万元')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const reportish = fc.array(piece, { maxLength: 300 }).map(parts => parts.join(' '));

function checkModel(text: string, m: ReportModel): void {
  for (const [name, r] of allRanges(m)) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), `${name}: integer offsets`);
    assert.ok(0 <= r.start && r.start <= r.end && r.end <= text.length, `${name}: ${r.start}..${r.end} inside 0..${text.length}`);
  }
  const cells = [...(m.applications?.rows ?? []), ...m.proactive.flatMap(b => b.rows)].flatMap(r => r.cells).concat(m.reviews?.cells ?? []);
  for (const c of cells) {
    if (c.kind !== 'number') continue;
    // The digits a fix would replace are the digits of the value.
    const digits = Array.from(text.slice(c.digits.start, c.digits.end), cleanChar).join('').replace(/[,\u00a0\u2009\u202f\u3000 ]/g, '');
    assert.strictEqual(Number(digits), c.value, `digits ${JSON.stringify(digits)} hold ${c.value}`);
  }
}

type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'digit'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map(x => x), len: fc.nat(400) }).map(m => ({ ...m, at: m.at })),
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: reportish }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(2000) }),
  fc.record({ op: fc.constant('digit' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('', '9', '/', ' ', '\n', '１', '-', 'x') }),
) as fc.Arbitrary<Mutation>;

function mutate(text: string, ms: Mutation[]): string {
  for (const m of ms) {
    const at = Math.floor(m.at * text.length);
    switch (m.op) {
      case 'delete': text = text.slice(0, at) + text.slice(at + m.len); break;
      case 'insert': text = text.slice(0, at) + m.text + text.slice(at); break;
      case 'duplicate': text = text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len); break;
      case 'digit': {
        const d = text.slice(at).search(/\d/);
        if (d >= 0) text = text.slice(0, at + d) + m.text + text.slice(at + d + 1);
        break;
      }
    }
  }
  return text;
}

function workFor(text: string): number {
  const meter = { units: 0 };
  parseReportStrict(text, { meter });
  return meter.units;
}

describe('parser properties', function () {
  // Work is counted, not timed; the generous timeout only keeps a loaded machine from failing the run.
  this.timeout(120000);
  it('never throws on random text and keeps every range inside the document', () => {
    fc.assert(fc.property(reportish, text => checkModel(text, parseReportStrict(text))), { numRuns: 300 });
  });

  it('never throws on arbitrary unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), text => checkModel(text, parseReportStrict(text))), { numRuns: 300 });
  });

  it('never throws on randomly damaged sample reports and keeps ranges inside them', () => {
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, ms) => {
        const text = mutate(corpus[i], ms);
        checkModel(text, parseReportStrict(text));
      }),
      { numRuns: 150 },
    );
  });

  it('does work linear in a 二 table whose long text is followed by many blank cells (each matched it again: quadratic)', () => {
    const region = (chars: number, cells: number) => `二、主动公开政府信息情况\n${'某'.repeat(chars)}\n|${' |'.repeat(cells)}\n三、收到和处理政府信息公开申请情况\n`;
    const some = workFor(region(2000, 300));
    const four = workFor(region(8000, 1200));
    assert.ok(four <= 4 * 1.5 * some + 1000, `work ${four} for four times the text and cells, ${some} for once`);
  });

  it('does work linear in the input: four times the copies cost about four times the work', function () {
    // Forty texts of thousands of copies each, parsed twice: longer than the default timeout on a loaded machine.
    this.timeout(120_000);
    fc.assert(
      // Past the first copies (where the label window fills up), work grows in proportion.
      // Compare sizes past that warm-up: at least 8 copies and 3,000 characters.
      fc.property(fc.oneof(reportish, fc.constantFrom(...corpus)), fc.integer({ min: 1, max: 3 }), (text, k) => {
        const n = k * Math.max(8, Math.ceil(3000 / Math.max(1, text.length)));
        const some = workFor(Array(n).fill(text).join('\n'));
        const four = workFor(Array(4 * n).fill(text).join('\n'));
        assert.ok(four <= 4 * 1.5 * some + 1000, `work ${four} for ${4 * n} copies, ${some} for ${n}`);
      }),
      { numRuns: 40 },
    );
  });

  it('does work linear in the length of one long line and of many short lines', () => {
    const base = workFor('一、' + '公开'.repeat(1000) + ' 1'.repeat(1000));
    const big = workFor('一、' + '公开'.repeat(16000) + ' 1'.repeat(16000));
    assert.ok(big <= 16 * 2 * base, `long line: ${big} vs ${base}`);
    const lines = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? '（一）予以公开 1 0 0 0 0 0 1' : `第${i}行 ${i}`)).join('\n');
    const small = workFor('三、收到和处理政府信息公开申请情况\n' + lines(500));
    const large = workFor('三、收到和处理政府信息公开申请情况\n' + lines(8000));
    assert.ok(large <= 16 * 2 * small, `many lines: ${large} vs ${small}`);
  });
});
