/**
 * Tables whose cell separators were lost (a crawled page): each row's digits glued after its label,
 * split back with the table's own arithmetic (issue 9). The reports below are written by hand in the
 * shape crawled pages have: the whole report on a few lines, headings glued to their text.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { checkReport } from '../../server/src/service/check';
import { parseReport, type ReportModel } from '../../server/src/service/parse';
import { formatOf } from '../../server/src/service/format';

type Values = Record<string, number[]>;

const Z = [0, 0, 0, 0, 0, 0, 0];

/** A 2021-format 三 table that adds up: rows, column totals and the balance. */
const TABLE: Values = {
  new: [40, 3, 0, 0, 1, 2, 46],
  carryover: [5, 0, 0, 0, 0, 0, 5],
  granted: [20, 1, 0, 0, 0, 1, 22],
  partial: [6, 0, 0, 0, 0, 0, 6],
  'denied.4': [1, 0, 0, 0, 0, 0, 1],
  'unavailable.1': [10, 2, 0, 0, 1, 0, 13],
  'unavailable.2': [2, 0, 0, 0, 0, 0, 2],
  'rejected.1': [3, 0, 0, 0, 0, 0, 3],
  'other.1': [1, 0, 0, 0, 0, 0, 1],
  'other.3': [0, 0, 0, 0, 0, 1, 1],
  total: [43, 3, 0, 0, 1, 2, 49],
  forward: [2, 0, 0, 0, 0, 0, 2],
};

function valuesOf(table: Values, key: string): number[] {
  return table[key] ?? Z;
}

/** The report as a crawler saved it: title line, 一 and 二 on one line, 三 to the end on another. */
const PROACTIVE = '第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件000' +
  '第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0' +
  '第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0';

function crawled(table: Values, reviews: number[], proactive = PROACTIVE): string {
  const rows: string[] = [];
  let results: string | undefined = '三、本年度办理结果';
  for (const e of formatOf('2021').applications.entries) {
    if (e.kind === 'group') {
      if (e.key !== 'results') rows.push(e.label);
      continue;
    }
    if (e.result && results) {
      rows.push(results);
      results = undefined;
    }
    rows.push(e.label + valuesOf(table, e.key).join(''));
  }
  return [
    '某某区人民政府办公室2023年政府信息公开工作年度报告本报告统计期限自2023年1月1日起至2023年12月31日止。',
    '一、总体情况2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》。二、主动公开政府信息情况' + proactive,
    '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他' +
      rows.join('') +
      '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计' +
      reviews.join('') +
      '五、存在的主要问题及改进情况一是公开内容还不够全面。六、其他需要报告的事项本年度未收取信息处理费。',
  ].join('\n');
}

function rowValues(m: ReportModel, key: string): (number | null)[] | 'unread' {
  const r = m.applications?.rows.find(x => x.key === key);
  assert.ok(r, `row ${key}`);
  return r.unread ? 'unread' : r.cells.map(c => c.value);
}

const ARITHMETIC = ['row-total', 'column-total', 'balance', 'review-total'];
const REVIEWS = [0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];

describe('glued tables: split by the table’s own arithmetic', () => {
  it('finds the six headings inside the long lines, each covering the heading only', () => {
    const text = crawled(TABLE, REVIEWS);
    const m = parseReport(text);
    assert.deepStrictEqual(m.sections.map(s => text.slice(s.headingRange.start, s.headingRange.end)), [
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
  });

  it('reads every row when each run splits one way only, each cell at its own digits', () => {
    const text = crawled(TABLE, REVIEWS);
    const m = parseReport(text);
    assert.strictEqual(m.applications?.separation, 'glued');
    for (const e of formatOf('2021').applications.rows) assert.deepStrictEqual(rowValues(m, e.key), valuesOf(TABLE, e.key), e.key);
    const total = m.applications!.rows.find(r => r.key === 'total')!;
    assert.deepStrictEqual(total.cells.map(c => text.slice(c.range.start, c.range.end)), ['43', '3', '0', '0', '1', '2', '49']);
    assert.strictEqual(text.slice(total.labelRange!.start, total.labelRange!.end), '（七）总计');
    assert.deepStrictEqual(m.reviews?.cells.map(c => c.value), REVIEWS);
    assert.deepStrictEqual(m.proactive.map(b => b.rows.map(r => r.cells.map(c => c.value))), [[[0, 0, 0], [0, 0, 0]], [[0]], [[0], [0]], [[0]]]);
  });

  it('says once that the tables were rebuilt, and finds nothing else in them', () => {
    const { findings } = checkReport(crawled(TABLE, REVIEWS));
    const rebuilt = findings.filter(f => f.ruleId === 'table-rebuilt');
    assert.strictEqual(rebuilt.length, 1);
    assert.strictEqual(rebuilt[0].severity, 'info');
    assert.match(rebuilt[0].message.zh, /三表 25 行、四表 15 个数、二表 6 行已拆分还原/);
    assert.deepStrictEqual(findings.filter(f => ['table-unreadable', 'cell-count', 'row-missing', 'cell-value', ...ARITHMETIC].includes(f.ruleId)).map(f => f.ruleId), []);
  });

  it('uses the column totals and the balance where a row total allows two splits', () => {
    // 101301015 is 10 1 3 0 1 0 15 or 1 0 13 0 1 0 15: both keep the row total; 三（七）总计 tells.
    // The rest of the table follows: （七）总计 and the balance 一 + 二 = （七）+ 四, per column.
    const table = { ...TABLE, 'unavailable.1': [10, 1, 3, 0, 1, 0, 15], new: [40, 3, 3, 0, 1, 2, 49], total: [43, 2, 3, 0, 1, 2, 51], forward: [2, 1, 0, 0, 0, 0, 3] };
    const m = parseReport(crawled(table, REVIEWS));
    assert.deepStrictEqual(rowValues(m, 'unavailable.1'), [10, 1, 3, 0, 1, 0, 15]);
    assert.deepStrictEqual(rowValues(m, 'new'), [40, 3, 3, 0, 1, 2, 49]);
  });

  it('leaves unread the rows that two splits of the whole table read differently, and names them once', () => {
    // Swapped between two result rows, the two readings keep every column total and the balance.
    const table = {
      ...TABLE, 'unavailable.1': [10, 1, 3, 0, 1, 0, 15], 'unavailable.2': [1, 0, 13, 0, 1, 0, 15],
      new: [40, 3, 16, 0, 3, 2, 64], total: [42, 2, 16, 0, 2, 2, 64], forward: [3, 1, 0, 0, 1, 0, 5],
    };
    const text = crawled(table, REVIEWS);
    const m = parseReport(text);
    assert.strictEqual(rowValues(m, 'unavailable.1'), 'unread');
    assert.strictEqual(rowValues(m, 'unavailable.2'), 'unread');
    assert.strictEqual(m.applications!.rows.find(r => r.key === 'unavailable.1')!.unread, 'glued-ambiguous');
    assert.deepStrictEqual(rowValues(m, 'total'), [42, 2, 16, 0, 2, 2, 64]);
    const { findings } = checkReport(text);
    const unreadable = findings.filter(f => f.ruleId === 'table-unreadable');
    assert.strictEqual(unreadable.length, 1);
    assert.match(unreadable[0].message.zh, /三表已读出 23 行；以下 2 行无法可靠读取，未作检查：“1\.本机关不掌握相关政府信息”、“2\.没有现成信息需要另行制作”：数字粘连/);
    assert.deepStrictEqual(findings.filter(f => ['cell-count', 'row-missing', 'cell-value', ...ARITHMETIC].includes(f.ruleId)).map(f => f.ruleId), []);
  });

  it('reads nothing of a row whose digits keep no relation, and reports no arithmetic error on it', () => {
    // The report's own mistake: 40 + 3 + 0 + 0 + 1 + 2 printed as 47. Glued, which cell is wrong cannot be told.
    const table = { ...TABLE, new: [40, 3, 0, 0, 1, 2, 47] };
    const text = crawled(table, REVIEWS);
    const m = parseReport(text);
    assert.strictEqual(rowValues(m, 'new'), 'unread');
    assert.strictEqual(m.applications!.rows.find(r => r.key === 'new')!.unread, 'glued-no-split');
    const { findings } = checkReport(text);
    assert.deepStrictEqual(findings.filter(f => ARITHMETIC.includes(f.ruleId)).map(f => [f.ruleId, f.message.zh]), []);
    assert.match(findings.find(f => f.ruleId === 'table-unreadable')!.message.zh, /“一、本年新收政府信息公开申请数量”：数字粘连且表内合计不成立：数字粘连在一起（格子间的分隔已丢失），没有一种拆法能使表内合计都成立/);
  });

  it('never reads a row with a blank cell lost in the glueing as seven numbers', () => {
    // 12 _ 0 0 0 0 12 glued is 1200012: seven digits, but 1 2 0 0 0 1 2 does not add up, so it is not read.
    const table = { ...TABLE, 'rejected.1': [12, 0, 0, 0, 0, 12] };
    const text = crawled(table, REVIEWS);
    assert.strictEqual(rowValues(parseReport(text), 'rejected.1'), 'unread');
    assert.deepStrictEqual(checkReport(text).findings.filter(f => ARITHMETIC.includes(f.ruleId)).map(f => f.message.zh), []);
  });

  it('reads the 四 row when its glued digits split one way keeping the three group totals, not otherwise', () => {
    const ok = parseReport(crawled(TABLE, [12, 3, 0, 1, 16, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]));
    assert.deepStrictEqual(ok.reviews?.cells.map(c => c.value), [12, 3, 0, 1, 16, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
    // 14 + 4 + 0 + 0 printed as 9 (a real report): no split keeps the totals, so nothing is read and nothing checked.
    const text = crawled(TABLE, [14, 4, 0, 0, 9, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
    const bad = parseReport(text);
    assert.deepStrictEqual(bad.reviews?.cells, []);
    assert.strictEqual(bad.reviews?.unread, 'glued-no-split');
    const { findings } = checkReport(text);
    assert.deepStrictEqual(findings.filter(f => f.ruleId === 'review-total' || f.ruleId === 'cell-count').map(f => f.message.zh), []);
    assert.match(findings.find(f => f.ruleId === 'table-unreadable')!.message.zh, /^四表的 15 个数字无法可靠读取/);
  });

  it('reads a 二 row only when its digits split one way at all', () => {
    const m = parseReport(crawled(TABLE, REVIEWS, '第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件016第二十条第（五）项信息内容本年处理决定数量行政许可16'));
    const [rules, normative] = m.proactive[0].rows;
    assert.deepStrictEqual(rules.cells.map(c => c.value), [0, 0, 0]);
    // 016: 0 1 6, or 0 16 with a cell lost: not read.
    assert.deepStrictEqual([normative.cells, normative.unread], [[], 'glued-ambiguous']);
    assert.deepStrictEqual(m.proactive[1].rows[0].cells.map(c => c.value), [16]);
  });

  it('takes no number glued to prose for a table, in a report whose sections have no tables', () => {
    const text = [
      '某某街道办事处2023年政府信息公开工作年度报告',
      '一、总体情况', '2023年，本街道主动公开政府信息312条。',
      '二、主动公开政府信息情况', '本年度办理行政许可1234件，行政处罚56件，行政规范性文件本年制发2件。',
      '三、收到和处理政府信息公开申请情况', '本年度新收政府信息公开申请23件，上年结转3件，予以公开19件，结转下年度继续办理1件。',
      '四、政府信息公开行政复议、行政诉讼情况', '本年度被申请行政复议1件，结果维持1件；未发生行政诉讼。',
      '五、存在的主要问题及改进情况', '一是公开内容还不够全面。', '六、其他需要报告的事项', '本年度未收取信息处理费。',
    ].join('\n');
    const m = parseReport(text);
    assert.deepStrictEqual([m.applications, m.reviews, m.proactive], [null, null, []]);
    assert.deepStrictEqual(checkReport(text).findings.filter(f => f.ruleId.startsWith('table-')).map(f => f.ruleId), ['table-missing', 'table-missing', 'table-missing']);
  });
});

/** A 2021 三 table that adds up in every relation, from random result rows, carry-over and forward. */
function consistentTable(results: number[][], carryover: number[], forward: number[]): Values {
  const rows = formatOf('2021').applications.rows;
  const resultKeys = rows.filter(r => r.result).map(r => r.key);
  const withTotal = (xs: number[]) => [...xs, xs.reduce((a, b) => a + b, 0)];
  const table: Values = {};
  resultKeys.forEach((k, i) => (table[k] = withTotal(results[i % results.length])));
  const total = [0, 1, 2, 3, 4, 5].map(c => resultKeys.reduce((n, k) => n + table[k][c], 0));
  table.total = withTotal(total);
  // 一 + 二 = （七）+ 四, per column: 一 is what is left.
  const carry = carryover.map((x, c) => Math.min(x, total[c] + forward[c]));
  table.carryover = withTotal(carry);
  table.forward = withTotal(forward);
  table.new = withTotal(total.map((t, c) => t + forward[c] - carry[c]));
  return table;
}

describe('glued tables: never a misread number', function () {
  // Random tables parsed and checked one after another: allow for a loaded machine.
  this.timeout(120_000);

  it('reads each row of a glued table that adds up exactly, or not at all, and reports no arithmetic error', () => {
    const count = fc.oneof(fc.constant(0), fc.constant(0), fc.nat(9), fc.nat(120));
    const six = fc.array(count, { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(six, { minLength: 1, maxLength: 6 }), six, six, (results, carryover, forward) => {
        const table = consistentTable(results, carryover, forward);
        const text = crawled(table, REVIEWS);
        const m = parseReport(text);
        for (const e of formatOf('2021').applications.rows) {
          const got = rowValues(m, e.key);
          if (got !== 'unread') assert.deepStrictEqual(got, valuesOf(table, e.key), e.key);
        }
        assert.deepStrictEqual(checkReport(text, {}, m).findings.filter(f => ARITHMETIC.includes(f.ruleId)).map(f => f.message.zh), []);
      }),
      { numRuns: 40 },
    );
  });

  it('never reads a glued 四 row other than as written; when the report’s own total is wrong, another split is never read without saying it was rebuilt', () => {
    const group = fc.array(fc.oneof(fc.constant(0), fc.nat(30)), { minLength: 4, maxLength: 4 }).map(xs => [...xs, xs.reduce((a, b) => a + b, 0)]);
    fc.assert(
      fc.property(group, group, group, fc.boolean(), (a, b, c, wrong) => {
        const reviews = [...a, ...b, ...c];
        // Sometimes the report's own total is wrong: its digits may then split another way that keeps
        // every sum (8 13 0 12 34 | 0 8 10 28 46 glued is also 8 1 3 0 12 | 34 0 810 2 846): no checksum can
        // tell, so such a reading must come with the note that the row was rebuilt and how far to trust it.
        if (wrong) reviews[4] += 1;
        const text = crawled(TABLE, reviews);
        const m = parseReport(text);
        const cells = m.reviews?.cells.map(x => x.value) ?? [];
        if (cells.length === 0 || JSON.stringify(cells) === JSON.stringify(reviews)) return;
        assert.ok(wrong, `${cells} read for ${reviews}, whose sums hold`);
        const note = checkReport(text, {}, m).findings.find(f => f.ruleId === 'table-rebuilt');
        assert.ok(note && /四表/.test(note.message.zh) && /原表本身有合计填错/.test(note.message.zh), `${cells} read for ${reviews} without the rebuilt note`);
      }),
      { numRuns: 60 },
    );
  });

  it('the rebuilt note says a wrong total of the original may split another way (8 13 0 12 34 | 0 8 10 28 46)', () => {
    const reviews = [8, 13, 0, 12, 34, 0, 8, 10, 28, 46, 0, 0, 0, 0, 0];
    const text = crawled(TABLE, reviews);
    const m = parseReport(text);
    const cells = m.reviews?.cells.map(x => x.value) ?? [];
    // Read as 8 1 3 0 12 | 34 0 810 2 846 | 0…: the only split that keeps every sum. The note says so.
    assert.deepStrictEqual(cells, [8, 1, 3, 0, 12, 34, 0, 810, 2, 846, 0, 0, 0, 0, 0]);
    assert.match(checkReport(text, {}, m).findings.find(f => f.ruleId === 'table-rebuilt')!.message.zh, /原表本身有合计填错/);
  });
});

