/**
 * What a careful reviewer finds in the five sample reports, written down by reading them:
 * the one broken total (002), the short row (001), non-standard headings (000), and the prose and
 * content defects noted in the closing notes.
 */
import * as assert from 'assert';
import { checkReport } from '../../server/src/service/check';
import { applyFixes } from '../../server/src/service/fixes';
import { LineIndex } from '../../server/src/service/parse';
import { CORPUS, corpusText, type CorpusId } from '../helpers/corpus';

const EXPECTED: Record<CorpusId, [string, string, number, string][]> = {
  '000': [
    // 「公开解读 170余条，其中，部门解读 89 条、领导干部解读 19 条、专家解读 14条、图文解读 45条」: 167
    ['prose-breakdown', 'info', 55, '170'],
    // wrapped over two lines with a blank line between
    ['section-heading', 'info', 362, '四、因政府信息公开工作被申请行政复议和提起行政诉讼情\n\n况'],
    ['section-heading', 'info', 432, '五、政府信息公开工作存在的主要问题及改进情况'],
    // 「其他类提案共 5件，占承办总数的 2.1%」 of 227: 2.2%; but the six shares are written to add up to exactly
    // 100 % (20.3 + 29.5 + 15.9 + 26 + 6.2 + 2.1), where plain rounding gives 100.1: adjusted on purpose, a note
    ['prose-percentage', 'info', 520, '2.1'],
  ],
  '001': [['cell-count', 'error', 27, '行政规范性文件\n\t0\n \t16']],
  '002': [
    // 「实际办理120件。…已经解决或正在解决的111件，占总数的92.3%；…暂时不能解决的9件，占总数的7.7%」: 111 + 9 = 120
    // is the whole, and 111 ÷ 120 = 92.5 %, 9 ÷ 120 = 7.5 %, which add up to 100 % too (no whole gives 92.3 and 7.7)
    ['prose-percentage', 'warning', 20, '92.3'],
    ['prose-percentage', 'warning', 20, '7.7'],
    // 行政复议 14 + 4 + 0 + 0 = 18 but 总计 9: the total or one term is wrong — the finding spans the group
    ['review-total', 'error', 403, '14\n\t4\n\t0\n\t0\n\t9'],
    // 六 says only 「无。」, which is enough for a 2020 report: the fee statement came with the 2021 format
  ],
  '003': [
    // a county-level 机关事务服务中心 reports 规章 5 2 11
    ['regulation-authority', 'warning', 140, '规章 5 2 11'],
    // a 2020 report: no fee statement needed
  ],
  '004': [],
};

describe('checks on the five sample reports', () => {
  for (const id of Object.keys(CORPUS) as CorpusId[]) {
    it(`report ${id}: ${EXPECTED[id].length ? EXPECTED[id].map(e => e[0]).join(', ') : 'no finding'}`, () => {
      const text = corpusText(id);
      const { findings, failures } = checkReport(text);
      assert.deepStrictEqual(failures, []);
      const index = new LineIndex(text);
      assert.deepStrictEqual(
        findings.map(f => [f.ruleId, f.severity, index.lineOf(f.range.start) + 1, text.slice(f.range.start, f.range.end)]),
        EXPECTED[id],
      );
    });
  }

  it('never reports a non-standard heading as a missing section', () => {
    for (const id of Object.keys(CORPUS) as CorpusId[]) {
      assert.deepStrictEqual(checkReport(corpusText(id)).findings.filter(f => f.ruleId === 'section-missing'), []);
    }
  });

  it('002: the 四 行政复议 group does not add up; the tables cannot tell which cell is wrong, so nothing is fixed by itself', () => {
    const text = corpusText('002');
    const f = checkReport(text).findings.find(x => x.ruleId === 'review-total')!;
    assert.strictEqual(f.message.zh, '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实');
    assert.strictEqual(f.message.en, 'Administrative reconsideration: 14 + 4 + 0 + 0 = 18, total is 9: the total or one of its terms is wrong; check the source records');
    assert.strictEqual(f.fix, undefined, 'no safe fix: --fix and fix-all leave the table as it is');
    assert.deepStrictEqual(f.suggestions!.map(s => s.title.zh), ['行政复议总计改为 18', '行政复议结果维持改为 5']);
    // The suggestion a reviewer picks changes the one number and nothing else.
    const fixed = applyFixes(text, [f.suggestions![0]]).text;
    const lines = text.split('\n');
    const fixedLines = fixed.split('\n');
    assert.deepStrictEqual(fixedLines.map((l, i) => (l === lines[i] ? null : [i + 1, lines[i], l])).filter(Boolean), [[407, '\t9', '\t18']]);
    assert.ok(!checkReport(fixed).findings.some(x => x.severity === 'error'));
  });
});

describe('prose against the tables, on the real report text', () => {
  /** Change one phrase of a sample report; the prose-table finding lands on the changed number. */
  const cases: [CorpusId, string, string, string][] = [
    ['000', '申请书 68 件', '申请书 69 件', '69'],
    ['000', '其中自然人申请 63件', '其中自然人申请 61件', '61'],
    ['000', '67件已在规定期', '66件已在规定期', '66'],
    ['000', '1件结转下年度继', '2件结转下年度继', '2'],
    // 「（其中上年结 / 转 12件）」 wraps over lines
    ['000', '转 12件）', '转 11件）', '11'],
    ['001', '依申请公开信息27件', '依申请公开信息28件', '28'],
    ['001', '2022年度结转6件', '2022年度结转5件', '5'],
    ['001', '按时办结数31件', '按时办结数30件', '30'],
    ['001', '结转2024年度继续办理2件', '结转2024年度继续办理3件', '3'],
    ['001', '同意公开答复数8件', '同意公开答复数9件', '9'],
    ['001', '不同意公开答复数0件', '不同意公开答复数1件', '1'],
    ['002', '全区收到依申请公开 131件', '全区收到依申请公开 130件', '130'],
    ['004', '共收到依申请公开 10件', '共收到依申请公开 12件', '12'],
  ];
  for (const [id, from, to, number] of cases) {
    it(`${id}: 「${to}」`, () => {
      const text = corpusText(id);
      assert.strictEqual(text.split(from).length, 2, 'the phrase occurs once');
      const changed = text.replace(from, to);
      const found = checkReport(changed).findings.filter(f => f.ruleId === 'prose-table');
      assert.deepStrictEqual(found.map(f => changed.slice(f.range.start, f.range.end)), [number]);
      assert.ok(found[0].range.start >= changed.indexOf(to) && found[0].range.end <= changed.indexOf(to) + to.length);
    });
  }

  it('004: 「不存在…行政复议、行政诉讼」 while the 四 table has a case', () => {
    const text = corpusText('004');
    const lines = text.split('\n');
    // The first 行政复议 number (line 384) becomes 1, and its total (line 388) too.
    lines[383] = '\t1';
    lines[387] = '\t1';
    const changed = lines.join('\n');
    const found = checkReport(changed).findings.filter(f => f.ruleId === 'prose-table');
    assert.deepStrictEqual(found.map(f => [new LineIndex(changed).lineOf(f.range.start) + 1, changed.slice(f.range.start, f.range.end)]), [[8, '不存在']]);
  });

  it('003: 「无依申请公开的信息」 while the 三 table has applications', () => {
    const text = corpusText('003');
    const changed = text.replace('一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0', '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1');
    const found = checkReport(changed).findings.filter(f => f.ruleId === 'prose-table');
    assert.deepStrictEqual(found.map(f => changed.slice(f.range.start, f.range.end)), ['无']);
  });
});
