/**
 * The parser's side of the trust issue (issue 8): text as real reports print it, read so that no
 * rule raises a false alarm and no fix can touch a neighbour's text. Every table and sentence here
 * is written by hand in the shape `pdftotext -layout`, Word pastes and PDF-to-Markdown tools give.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { checkReport } from '../../server/src/service/check';
import { parseReport, type ReportModel, type Row } from '../../server/src/service/parse';
import { fixturePath, joinLines } from '../helpers/corpus';

const VALID = readFileSync(fixturePath('valid-2021.txt'), 'utf8');

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `「${from.slice(0, 30)}」 occurs once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function row(m: ReportModel, key: string): Row {
  const r = m.applications?.rows.find(x => x.key === key);
  assert.ok(r, `row ${key}`);
  return r;
}

/** Findings of the rules that a misread table would set off. */
const TABLE_RULES = ['row-missing', 'row-label', 'cell-count', 'cell-value', 'row-total', 'column-total', 'balance', 'table-unreadable'];
function tableFindings(text: string): [string, string][] {
  return checkReport(text).findings.filter(f => TABLE_RULES.includes(f.ruleId)).map(f => [f.ruleId, text.slice(f.range.start, f.range.end)]);
}

/** A 2021-format 三 table as `pdftotext -layout` prints it: long labels wrap inside their cell, their end on the line after the numbers. */
const LAYOUT_TABLE = joinLines(
  '三、收到和处理政府信息公开申请情况',
  '                                                                   申请人情况',
  '                                                                   法人或其他组织',
  ' （本列数据的勾稽关系为：第一项加第二项之和，       自然人   商业   科研   社会公   法律服              总计',
  ' 等于第三项加第四项之和）                                   企业   机构   益组织   务机构    其他',
  ' 一、本年新收政府信息公开申请数量                     36       2      0       0        1        0      39',
  ' 二、上年结转政府信息公开申请数量                      4       0      0       0        0        0       4',
  '              （一）予以公开                          15       1      0       0        0        0      16',
  '              （二）部分公开（区分处理的，只计这一情   3       0      0       0        0        0       3',
  '              形，不计其他情形）',
  '                              1.属于国家秘密           0       0      0       0        0        0       0',
  '                              2.其他法律行政法规禁止   0       0      0       0        0        0       0',
  '                              公开',
  '                              3.危及“三安全一稳定”     0       0      0       0        0        0       0',
  '              （三）不予公开  4.保护第三方合法权益     1       0      0       0        0        0       1',
  '                              5.属于三类内部事务信息   0       0      0       0        0        0       0',
  '                              6.属于四类过程性信息     0       0      0       0        0        0       0',
  '                              7.属于行政执法案卷       0       0      0       0        0        0       0',
  '                              8.属于行政查询事项       0       0      0       0        0        0       0',
  ' 三、本年度办理结果           1.本机关不掌握相关政府   9       1      0       0        1        0      11',
  '              （四）无法提供  信息',
  '                              2.没有现成信息需要另行   2       0      0       0        0        0       2',
  '                              制作',
  '                              3.补正后申请内容仍不明   0       0      0       0        0        0       0',
  '                              确',
  '                              1.信访举报投诉类申请     3       0      0       0        0        0       3',
  '                              2.重复申请               1       0      0       0        0        0       1',
  '              （五）不予处理  3.要求提供公开出版物     0       0      0       0        0        0       0',
  '                              4.无正当理由大量反复申   0       0      0       0        0        0       0',
  '                              请',
  '                              5.要求行政机关确认或重   0       0      0       0        0        0       0',
  '                              新出具已获取信息',
  '              （六）其他处理  1.申请人无正当理由逾期不补正、行政机关不再  1   0   0   0   0   0   1',
  '                              处理其政府信息公开申请',
  '                              2.申请人逾期未按收费通知要求缴纳费用、行政机关不再  0   0   0   0   0   0   0',
  '                              处理其政府信息公开申请',
  '                              3.其他                   0       0      0       0        0        0       0',
  '              （七）总计                              35       2      0       0        1        0      38',
  ' 四、结转下年度继续办理                                5       0      0       0        0        0       5',
);

function layoutReport(table = LAYOUT_TABLE): string {
  return replaceOnce(VALID, VALID.slice(VALID.indexOf('三、收到和处理政府信息公开申请情况'), VALID.indexOf('四、政府信息公开行政复议')), table + '\n\n');
}

describe('trust, parser side: labels wrapped as pdftotext -layout wraps them', () => {
  const text = layoutReport();
  const m = parseReport(text);

  it('reads every row with its numbers, the whole label joined over its two lines', () => {
    assert.deepStrictEqual(m.applications!.rows.map(r => r.key), [
      'new', 'carryover', 'granted', 'partial', 'denied.1', 'denied.2', 'denied.3', 'denied.4', 'denied.5', 'denied.6', 'denied.7', 'denied.8',
      'unavailable.1', 'unavailable.2', 'unavailable.3', 'rejected.1', 'rejected.2', 'rejected.3', 'rejected.4', 'rejected.5',
      'other.1', 'other.2', 'other.3', 'total', 'forward',
    ]);
    assert.strictEqual(row(m, 'partial').label, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.strictEqual(row(m, 'other.1').label, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    assert.strictEqual(row(m, 'other.2').label, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    // The end of the label shares its line with the group heading printed beside it.
    assert.strictEqual(row(m, 'unavailable.1').label, '1.本机关不掌握相关政府信息');
    assert.deepStrictEqual(row(m, 'other.1').cells.map(c => c.value), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepStrictEqual(row(m, 'total').cells.map(c => c.value), [35, 2, 0, 0, 1, 0, 38]);
  });

  it('gives each label range exactly the label’s own text, and each piece of a wrapped label its own range', () => {
    for (const r of m.applications!.rows) {
      const own = text.slice(r.labelRange!.start, r.labelRange!.end);
      assert.ok(r.label!.startsWith(own), `${r.key}: 「${own}」 begins 「${r.label}」`);
      const pieces = (r.labelPieces ?? [r.labelRange!]).map(p => text.slice(p.start, p.end));
      assert.strictEqual(pieces.join(''), r.label, `${r.key}: its pieces make its label`);
    }
    assert.deepStrictEqual((row(m, 'other.2').labelPieces ?? []).map(p => text.slice(p.start, p.end)), ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再', '处理其政府信息公开申请']);
    // Never a neighbour's text: （六）其他处理 stays whole outside every label range.
    const group = text.indexOf('（六）其他处理');
    for (const r of m.applications!.rows) {
      for (const p of r.labelPieces ?? [r.labelRange!]) assert.ok(p.end <= group || p.start >= group + '（六）其他处理'.length, `${r.key} does not cover （六）其他处理`);
    }
  });

  it('raises no row-label, row-missing, cell-count or arithmetic finding on the correct table', () => {
    assert.deepStrictEqual(tableFindings(text), []);
  });

  it('a narrower column cuts labels after 12 characters: the start alone names no row, the start and its end name it', () => {
    const narrow = joinLines(
      ...LAYOUT_TABLE.split('\n').map(line => line
        .replace('（二）部分公开（区分处理的，只计这一情   3', '（二）部分公开（区分处理    3')
        .replace(/^ +形，不计其他情形）$/, '              的，只计这一情形，不计其他情形）')
        .replace('1.申请人无正当理由逾期不补正、行政机关不再  1', '1.申请人无正当理由逾期  1')
        .replace('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再  0', '2.申请人逾期未按收费通  0')),
    );
    const lines = narrow.split('\n');
    // The continuation lines follow the cut ones.
    const other1 = lines.findIndex(l => l.includes('1.申请人无正当理由逾期  1'));
    lines[other1 + 1] = '                              不补正、行政机关不再处理其政府信息公开申请';
    const other2 = lines.findIndex(l => l.includes('2.申请人逾期未按收费通  0'));
    lines[other2 + 1] = '                              知要求缴纳费用、行政机关不再处理其政府信息公开申请';
    const cut = layoutReport(lines.join('\n'));
    const model = parseReport(cut);
    assert.strictEqual(row(model, 'partial').label, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.strictEqual(row(model, 'other.1').label, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    assert.strictEqual(row(model, 'other.2').label, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    assert.deepStrictEqual(tableFindings(cut), []);
    // A label cut short with nothing after it stays what it is: a label the format does not have.
    const unfinished = layoutReport(lines.filter((_, i) => i !== other1 + 1).join('\n'));
    assert.deepStrictEqual(tableFindings(unfinished).filter(([rule]) => rule === 'row-label'), [['row-label', '1.申请人无正当理由逾期']]);
  });

  it('gives a label cut over two rows of an OCR’d pipe table its two cells’ text as pieces, never the pipes between', () => {
    const table = joinLines(
      '| 申请人情况 | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| | （二）部分公开（区分处理的，只计这一 | | | | | | | |',
      '| | 情形，不计其他情形） | 3 | 0 | 0 | 0 | 0 | 0 | 3 |',
    );
    const t = joinLines('三、收到和处理政府信息公开申请情况', '', '| | （一）予以公开 | 15 | 1 | 0 | 0 | 0 | 0 | 16 |', table);
    const r = row(parseReport(t), 'partial');
    assert.deepStrictEqual(r.labelPieces!.map(p => t.slice(p.start, p.end)), ['（二）部分公开（区分处理的，只计这一', '情形，不计其他情形）']);
    assert.deepStrictEqual(r.cells.map(c => c.value), [3, 0, 0, 0, 0, 0, 3]);
  });
});

describe('trust, parser side: a row that lost its label in a table fragment is placed, not reported', () => {
  it('after a page footer and the repeated header (PDF text)', () => {
    const text = replaceOnce(VALID, '6.属于四类过程性信息 0 0 0 0 0 0 0', '\n— 3 —\n\n申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n0 0 0 0 0 0 0');
    const m = parseReport(text);
    assert.deepStrictEqual([row(m, 'denied.6').label, row(m, 'denied.6').cells.length], [null, 7]);
    assert.deepStrictEqual(tableFindings(text), []);
  });

  it('right after its group heading, the numbers beside the heading are the first row’s', () => {
    const text = replaceOnce(VALID, '1.本机关不掌握相关政府信息 6 1 0 0 1 0 8', '6 1 0 0 1 0 8');
    const m = parseReport(text);
    assert.deepStrictEqual(row(m, 'unavailable.1').cells.map(c => c.value), [6, 1, 0, 0, 1, 0, 8]);
    assert.deepStrictEqual(m.applications!.numberedGroups, []);
    assert.deepStrictEqual(tableFindings(text), []);
  });

  it('in a Markdown fragment whose first row the converter took for the header', () => {
    // The table as a PDF-to-Markdown tool writes it: one pipe row per table row, a new table on each page.
    const rows = VALID.slice(VALID.indexOf('一、本年新收'), VALID.indexOf('\n\n四、政府信息公开行政复议')).split('\n').map(line => {
      const m = /^(.*?) ((?:\d+ ){6}\d+)$/.exec(line);
      return m ? `| ${m[1]} | ${m[2].split(' ').join(' | ')} |` : `| ${line} | | | | | | | |`;
    });
    const lost = rows.findIndex(r => r.startsWith('| 1.属于国家秘密 '));
    const table = joinLines(
      '| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.slice(0, lost),
      '', '— 3 —', '',
      // The next page's first row lost its label: the tool made it the header.
      rows[lost].replace('1.属于国家秘密', ''),
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.slice(lost + 1),
    );
    const text = replaceOnce(VALID, VALID.slice(VALID.indexOf('申请人情况 自然人'), VALID.indexOf('\n\n四、政府信息公开行政复议')), table);
    const m = parseReport(text);
    assert.deepStrictEqual([row(m, 'denied.1').label, row(m, 'denied.1').cells.map(c => c.value)], [null, [0, 0, 0, 0, 0, 0, 0]]);
    assert.deepStrictEqual(row(m, 'denied.2').cells.map(c => c.value), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepStrictEqual(tableFindings(text), []);
  });
});

describe('trust, parser side: headings', () => {
  it('a heading with its first sentence on the same line covers the heading only', () => {
    const text = replaceOnce(VALID, '六、其他需要报告的事项\n\n本年度未收取信息处理费。',
      '六、其他需要报告的事项 （一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。本年度未收取信息处理费。（二）人大代表建议和政协提案办理情况。本年度办理人大代表建议5件、政协提案3件。');
    const m = parseReport(text);
    const six = m.sections.find(s => s.no === 6)!;
    assert.strictEqual(text.slice(six.headingRange.start, six.headingRange.end), '六、其他需要报告的事项');
    assert.ok(six.standard);
    assert.deepStrictEqual(six.subsections.map(x => x.title), ['（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况']);
    const findings = checkReport(text).findings;
    assert.deepStrictEqual(findings.filter(f => ['section-heading', 'fee-statement', 'section-order'].includes(f.ruleId)).map(f => f.ruleId), []);
  });

  const LIST = '本报告分为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。';

  it('a sentence that lists the six parts, wrapped as a PDF wraps it, starting on the heading’s line, adds no heading', () => {
    const text = replaceOnce(VALID, '一、总体情况\n\n2022年，县政府办公室认真贯彻落实《条例》要求。',
      joinLines('一、总体情况 2022年，县政府办公室认真贯彻落实《条例》要求，本报', '告分为六个部分：一、总体情况；二、主动公开政府信息情况；', '三、收到和处理政府信息公开申请情况；四、政府信息公开行政', '复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其', '他需要报告的事项。'));
    const m = parseReport(text);
    assert.deepStrictEqual(m.sections.map(s => s.no), [1, 2, 3, 4, 5, 6]);
    assert.strictEqual(text.slice(m.sections[0].headingRange.start, m.sections[0].headingRange.end), '一、总体情况');
    assert.deepStrictEqual(checkReport(text).findings.filter(f => f.ruleId.startsWith('section') || f.ruleId === 'table-missing').map(f => f.ruleId), []);
  });

  it('the same sentence pasted from Word as one long line adds no heading either', () => {
    const text = replaceOnce(VALID, '2022年，县政府办公室认真贯彻落实《条例》要求。', `2022年，县政府办公室认真贯彻落实《条例》要求，${LIST}`);
    assert.deepStrictEqual(parseReport(text).sections.map(s => s.no), [1, 2, 3, 4, 5, 6]);
    assert.deepStrictEqual(checkReport(text).findings.filter(f => f.ruleId.startsWith('section') || f.ruleId === 'table-missing' || f.ruleId === 'fee-statement').map(f => f.ruleId), []);
  });
});

describe('trust, parser side: a 三 table pasted twice', () => {
  const from = VALID.indexOf('申请人情况 自然人');
  const to = VALID.indexOf('四、政府信息公开行政复议');
  const table = VALID.slice(from, to);
  // The second copy has a wrong number the first does not.
  const copy = replaceOnce(table, '（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 8 1 0 0 0 0 10');

  it('keeps the first as the table and the second as a copy, each read whole', () => {
    const text = VALID.slice(0, to) + copy + VALID.slice(to);
    const m = parseReport(text);
    assert.deepStrictEqual(row(m, 'granted').cells.map(c => c.value), [8, 1, 0, 0, 0, 0, 9]);
    assert.strictEqual(m.extraTables.applications.length, 1);
    const second = m.extraTables.applications[0];
    assert.strictEqual(second.rows.length, 25);
    const granted = second.rows.find(r => r.key === 'granted')!;
    assert.deepStrictEqual(granted.cells.map(c => c.value), [8, 1, 0, 0, 0, 0, 10]);
    assert.strictEqual(text.slice(granted.cells[6].range.start, granted.cells[6].range.end), '10');
    assert.ok(second.range.start > m.applications!.range.end);
  });

  it('finds the copy when the first lacks its last row, and when the copy is under a repeated heading', () => {
    const truncated = VALID.slice(0, to).replace('四、结转下年度继续办理 1 0 0 0 0 0 1\n', '') + copy + VALID.slice(to);
    const a = parseReport(truncated);
    assert.deepStrictEqual([a.applications!.rows.length, a.extraTables.applications.map(t => t.rows.length)], [24, [25]]);
    const repeated = VALID.slice(0, to) + '三、收到和处理政府信息公开申请情况\n\n' + copy + VALID.slice(to);
    const b = parseReport(repeated);
    assert.deepStrictEqual([b.applications!.rows.length, b.extraTables.applications.map(t => t.rows.length)], [25, [25]]);
  });
});
