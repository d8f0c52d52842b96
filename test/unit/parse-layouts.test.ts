/** Each layout feature users paste, as a small report written out by hand. */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { reportToJson, type RowJson } from '../../server/src/service/json';
import { LineIndex, parseReport } from '../../server/src/service/parse';
import { expectedRows, fixturePath, joinLines } from '../helpers/corpus';

function json(text: string) {
  return reportToJson(parseReport(text), 'test');
}
function rows(text: string): RowJson[] {
  return json(text).tables.applications?.rows ?? [];
}
function row(text: string, key: string): RowJson {
  const r = rows(text).find(x => x.key === key);
  assert.ok(r, `row ${key} found`);
  return r;
}

const HEADINGS_BEFORE = joinLines('2023年政府信息公开工作年度报告', '', '一、总体情况', '', '正文。', '', '二、主动公开政府信息情况', '', '三、收到和处理政府信息公开申请情况', '');

describe('parser: PDF-extracted text', () => {
  it('reads a row label wrapped over three lines with its numbers on the next line', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5',
      '（六）其他处理',
      '',
      '1.申请人无正当理由逾期不补',
      '',
      '正、行政机关不再处理其政府信',
      '',
      '息公开申请',
      '',
      '2 0 0 0 0 1 3',
    );
    const r = row(text, 'other.1');
    assert.strictEqual(r.label, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    assert.strictEqual(r.line, 14);
    assert.deepStrictEqual(r.values, [2, 0, 0, 0, 0, 1, 3]);
  });

  it('skips page footers (— 6 —, -3-, 第 2 页) inside a table', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5',
      '',
      '— 6 —',
      '',
      '二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1',
      '-3-',
      '（一）予以公开 3 0 0 0 0 0 3',
      '第 2 页',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1',
    );
    assert.deepStrictEqual(rows(text).map(r => [r.key, r.values.join(' ')]), [
      ['new', '5 0 0 0 0 0 5'],
      ['carryover', '1 0 0 0 0 0 1'],
      ['granted', '3 0 0 0 0 0 3'],
      ['partial', '1 0 0 0 0 0 1'],
    ]);
  });

  it('reads headers broken into one character per line', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '申请人情况', '', '自 法人或其他组织 总', ' 然', '', '人', ' 商', '', '业', '', '企', '', '业', '', '其', '', '他', '',
      '一、本年新收政府信息公开申请数量 2 1 0 0 0 0 3',
      '', '三、', '', '本年', '', '度办', '', '理结', '', '果', '',
      '（一）予以公开 2 1 0 0 0 0 3',
    );
    assert.deepStrictEqual(rows(text).map(r => [r.key, r.values.join(' ')]), [
      ['new', '2 1 0 0 0 0 3'],
      ['granted', '2 1 0 0 0 0 3'],
    ]);
  });

  it('continues a table across a page break with a repeated header', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5',
      '（四）无法提供',
      '1.本机关不掌握相关政府信息 4 0 0 0 0 0 4',
      '',
      '— 7 —',
      '',
      '申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
      '2.没有现成信息需要另行制作 1 0 0 0 0 0 1',
    );
    assert.deepStrictEqual(rows(text).map(r => r.key), ['new', 'unavailable.1', 'unavailable.2']);
    assert.deepStrictEqual(row(text, 'unavailable.2').values, [1, 0, 0, 0, 0, 0, 1]);
  });

  it('joins numbers of a row that wrapped onto the next line', () => {
    const text = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息公开申请数量 51 3 0 0', '', '0 2 56', '二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1');
    assert.deepStrictEqual(row(text, 'new').values, [51, 3, 0, 0, 0, 2, 56]);
    assert.deepStrictEqual(row(text, 'carryover').values, [1, 0, 0, 0, 0, 0, 1]);
  });

  it('reads a section 四 header one word per line and its 15 numbers on one line', () => {
    const text = joinLines(
      '四、政府信息公开行政复议、行政诉讼情况', '', '行政复议 行政诉讼', '', '结果', '', '维持', '', '总', '', '计', '',
      '0 0 0 0 0 0 0 0 1 1 0 0 0 0 0', '', '五、存在的主要问题及改进情况', '', '问题 3 个。',
    );
    assert.deepStrictEqual(json(text).tables.reviews, { line: 13, values: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0] });
  });
});

describe('parser: Word-extracted text', () => {
  it('reads one cell per line, keeps a blank cell as null in its column', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '\t一、本年新收政府信息公开申请数量', '\t26', '\t1', '\t', '\t0', '\t0', '\t0', '\t27', '',
      '\t二、上年结转政府信息公开申请数量', '\t6', '\t0', '\t0', '\t0', '\t0', '\t0', '\t6', '',
    );
    assert.deepStrictEqual(row(text, 'new').values, [26, 1, null, 0, 0, 0, 27]);
    assert.deepStrictEqual(row(text, 'carryover').values, [6, 0, 0, 0, 0, 0, 6]);
  });

  it('ignores the empty merged cells before a label and reads the group label above a row', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '\t一、本年新收政府信息公开申请数量', '\t1', '\t0', '\t0', '\t0', '\t0', '\t0', '\t1', '',
      '\t', '\t（三）不予公开', '\t1．属于国家秘密', '\t1', '\t0', '\t0', '\t0', '\t0', '\t0', '\t1', '',
      '\t', '\t', '\t2．其他法律行政法规禁止公开', '\t0', '\t0', '\t0', '\t0', '\t0', '\t0', '\t0', '',
    );
    assert.deepStrictEqual(rows(text).map(r => [r.key, r.label, r.values.join(' ')]), [
      ['new', '一、本年新收政府信息公开申请数量', '1 0 0 0 0 0 1'],
      ['denied.1', '1．属于国家秘密', '1 0 0 0 0 0 1'],
      ['denied.2', '2．其他法律行政法规禁止公开', '0 0 0 0 0 0 0'],
    ]);
  });

  it('reads labels with [bookmark: …] glued on and skips [image: …] lines', () => {
    const text = joinLines(
      '2023年政府信息公开工作年度报告',
      '[image: 微信图片_20210220154837]',
      '一、总体情况',
      '[image: ][image: 1](一)完善工作机制。正文。',
      '[bookmark: _GoBack]二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '\t[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量', '\t10', '\t0', '\t0', '\t0', '\t0', '\t0', '\t10', '',
    );
    const j = json(text);
    assert.deepStrictEqual(j.sections.map(s => [s.line, s.heading]), [[3, '一、总体情况'], [5, '二、主动公开政府信息情况'], [6, '三、收到和处理政府信息公开申请情况']]);
    assert.deepStrictEqual(j.sections[0].subsections.map(s => s.title), ['(一)完善工作机制']);
    assert.strictEqual(row(text, 'new').label, '一、本年新收政府信息公开申请数量');
    assert.deepStrictEqual(row(text, 'new').values, [10, 0, 0, 0, 0, 0, 10]);
  });

  it('finds nothing in chart data after the signature', () => {
    const text = joinLines(
      '六、其他需要报告的事项', '    无。', '', '张店区人民政府', '                 2021年2月',
      '受理渠道', '受理渠道\t网络平台19%\t信函51%\t当面16%\t电子邮件14%\t0.19\t0.51\t0.16\t0.14\t',
      '申请人基本情况', '系列 1\t自然人', '82.4%', '自然人\t商业企业\t科研机构\t82.4\t11.5\t6.1\t系列 2\t',
    );
    const j = json(text);
    assert.deepStrictEqual(j.sections.map(s => s.no), [6]);
    assert.strictEqual(j.tables.applications, null);
    assert.strictEqual(j.tables.reviews, null);
  });
});

describe('parser: Markdown converted from PDF', () => {
  // test/fixtures/markdown-2022.md was written by hand; these are its numbers.
  const text = readFileSync(fixturePath('markdown-2022.md'), 'utf8');
  const j = json(text);

  it('reads ## headings, and not the table rows a converter made into headings', () => {
    assert.deepStrictEqual(j.sections.map(s => [s.line, s.heading]), [
      [5, '一、总体情况'], [17, '二、主动公开政府信息情况'], [41, '三、收到和处理政府信息公开申请情况'],
      [85, '四、政府信息公开行政复议、行政诉讼情况'], [93, '五、存在的主要问题及改进情况'], [97, '六、其他需要报告的事项'],
    ]);
    assert.deepStrictEqual(j.sections[0].subsections.map(s => s.title), ['（一）主动公开情况', '（二）依申请公开情况']);
    assert.strictEqual(j.year, 2022);
    assert.strictEqual(j.template, '2021');
  });

  it('reads a pipe table split into fragments by a page footer and a heading', () => {
    const Z = '0 0 0 0 0 0 0';
    const exp = expectedRows(`
      new 47 20 2 0 0 1 0 23
      carryover 48 3 0 0 0 0 0 3
      granted 52 8 1 0 0 0 0 9
      partial 54 2 0 0 0 0 0 2
      denied.1 55 ${Z}
      denied.2 56 ${Z}
      denied.3 57 ${Z}
      denied.4 58 1 0 0 0 0 0 1
      denied.5 59 ${Z}
      denied.6 60 ${Z}
      denied.7 61 ${Z}
      denied.8 62 ${Z}
      unavailable.1 63 6 1 0 0 1 0 8
      unavailable.2 64 1 0 0 0 0 0 1
      unavailable.3 68 ${Z}
      rejected.1 70 2 0 0 0 0 0 2
      rejected.2 71 1 0 0 0 0 0 1
      rejected.3 72 ${Z}
      rejected.4 73 ${Z}
      rejected.5 74 ${Z}
      other.1 75 1 0 0 0 0 0 1
      other.2 76 ${Z}
      other.3 77 ${Z}
      total 78 22 2 0 0 1 0 25
      forward 80 1 0 0 0 0 0 1`);
    assert.deepStrictEqual(j.tables.applications!.rows.map(r => ({ key: r.key, line: r.line, values: r.values })), exp);
    assert.strictEqual(j.tables.applications!.layout, 'pipe');
  });

  it('reads the pipe 四 table and the 二 tables with thousands separators and decimals', () => {
    assert.deepStrictEqual(j.tables.reviews, { line: 91, values: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    assert.deepStrictEqual(j.tables.proactive.map(b => [b.item, b.rows.map(r => [r.label, r.values])]), [
      ['第二十条第（一）项', [['规章', [0, 0, 0]], ['行政规范性文件', [3, 1, 25]]]],
      ['第二十条第（五）项', [['行政许可', [1234]]]],
      ['第二十条第（六）项', [['行政处罚', [56]], ['行政强制', [2]]]],
      ['第二十条第（八）项', [['行政事业性收费', [12.5]]]],
    ]);
  });
});

describe('parser: HTML tables copied as text', () => {
  it('reads rows whose cells are separated by |, without outer pipes', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计',
      '一、本年新收政府信息公开申请数量 | 51 | 3 | 0 | 0 | 0 | 2 | 56',
      '二、上年结转政府信息公开申请数量 | 12 |  | 0 | 0 | 0 | 0 | 12',
    );
    assert.deepStrictEqual(row(text, 'new').values, [51, 3, 0, 0, 0, 2, 56]);
    assert.deepStrictEqual(row(text, 'carryover').values, [12, null, 0, 0, 0, 0, 12]);
  });
});

describe('parser: characters and line ends', () => {
  it('reads full-width digits and spaces, and keeps offsets exact', () => {
    const text = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息公开申请数量　５１　３　０　０　０　２　５６');
    assert.deepStrictEqual(row(text, 'new').values, [51, 3, 0, 0, 0, 2, 56]);
    const cell = parseReport(text).applications!.rows[0].cells[6];
    assert.strictEqual(text.slice(cell.range.start, cell.range.end), '５６');
  });

  it('reads a number with a full-width space inside it, in a one-cell-per-line table', () => {
    const text = joinLines(HEADINGS_BEFORE, '\t一、本年新收政府信息公开申请数量', '\t1　234', '\t0', '\t0', '\t0', '\t0', '\t0', '\t1 234', '');
    assert.deepStrictEqual(row(text, 'new').values, [1234, 0, 0, 0, 0, 0, 1234]);
  });

  it('reads CRLF line ends and a BOM, with the same lines as LF', () => {
    const lf = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5', '四、政府信息公开行政复议、行政诉讼情况');
    const crlf = '\ufeff' + lf.replace(/\n/g, '\r\n');
    assert.deepStrictEqual(json(crlf).sections, json(lf).sections);
    assert.deepStrictEqual(json(crlf).tables, json(lf).tables);
    const cell = parseReport(crlf).applications!.rows[0].cells[0];
    assert.strictEqual(crlf.slice(cell.range.start, cell.range.end), '5');
  });

  it('reads tabs and runs of spaces inside labels', () => {
    const text = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息  公开申请数量\t5 0 0 0 0 0 5', '二、上年结转\t政府信息公开申请数量 0 0 0 0 0 0 0');
    assert.deepStrictEqual(rows(text).map(r => r.key), ['new', 'carryover']);
  });

  it('counts positions in UTF-16 units, also past characters outside the BMP', () => {
    const text = '𠀀一、总体情况\n第二行 12';
    const index = new LineIndex(text);
    assert.deepStrictEqual(index.position(text.indexOf('一')), { line: 0, character: 2 });
    assert.deepStrictEqual(index.position(text.indexOf('12')), { line: 1, character: 4 });
    assert.strictEqual(index.offset(1, 4), text.indexOf('12'));
  });
});

describe('parser: tolerant labels', () => {
  it('matches half-width brackets, 1、 and 1． numbering, and a typo, keeping the label as written', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
      '(一)予以公开 1 0 0 0 0 0 1',
      '(三)不予公开 1、属于国家秘密 0 0 0 0 0 0 0',
      '2．其他法律行政止公开 0 0 0 0 0 0 0',
    );
    assert.deepStrictEqual(rows(text).map(r => [r.key, r.label, r.templateLabel]), [
      ['new', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量'],
      ['granted', '(一)予以公开', '（一）予以公开'],
      ['denied.1', '1、属于国家秘密', '1.属于国家秘密'],
      ['denied.2', '2．其他法律行政止公开', '2.其他法律行政法规禁止公开'],
    ]);
  });

  it('keeps a row whose label matches nothing, with its label as written', () => {
    const text = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1', '（八）自定义的一行 1 0 0 0 0 0 1');
    assert.deepStrictEqual(rows(text).map(r => [r.key, r.label]), [['new', '一、本年新收政府信息公开申请数量'], [null, '（八）自定义的一行']]);
  });
});

describe('parser: cells that are not numbers', () => {
  it('keeps /, blank and text cells as null, never 0', () => {
    const text = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息公开申请数量 5 / 0 无 0 0 5', '（一）予以公开 3 0 0 一 0 1 4');
    const app = parseReport(text).applications!;
    assert.deepStrictEqual(app.rows[0].cells.map(c => [c.raw, c.value, c.kind]), [
      ['5', 5, 'number'], ['/', null, 'dash'], ['0', 0, 'number'], ['无', null, 'dash'], ['0', 0, 'number'], ['0', 0, 'number'], ['5', 5, 'number'],
    ]);
    assert.deepStrictEqual(app.rows[1].cells.map(c => c.value), [3, 0, 0, null, 0, 1, 4]);
    assert.strictEqual(app.rows[1].cells[3].kind, 'text');
  });

  it('keeps a row with too few numbers as it is, padding values with null', () => {
    const text = joinLines(HEADINGS_BEFORE, '一、本年新收政府信息公开申请数量 5 0 0 5', '二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1');
    assert.deepStrictEqual(row(text, 'new').cells, ['5', '0', '0', '5']);
    assert.deepStrictEqual(row(text, 'new').values, [5, 0, 0, 5, null, null, null]);
  });
});

describe('parser: sections and format', () => {
  it('joins a heading wrapped over two lines', () => {
    const j = json(joinLines('四、因政府信息公开工作被申请行政复议和提起行政诉讼情', '', '况', '', '五、存在的主要问题及改进情况'));
    assert.deepStrictEqual(j.sections.map(s => [s.no, s.heading, s.standard]), [
      [4, '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况', false],
      [5, '五、存在的主要问题及改进情况', true],
    ]);
  });

  it('does not take 三、本年度办理结果 or 四、结转下年度继续办理 for sections', () => {
    const text = joinLines(
      HEADINGS_BEFORE,
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1', '## 三、本年度办理结果', '（一）予以公开 1 0 0 0 0 0 1',
      '（七）总计 1 0 0 0 0 0 1', '## 四、结转下年度继续办理', '0 0 0 0 0 0 0', '四、政府信息公开行政复议、行政诉讼情况',
    );
    assert.deepStrictEqual(json(text).sections.map(s => s.no), [1, 2, 3, 4]);
    assert.deepStrictEqual(rows(text).map(r => r.key), ['new', 'granted', 'total', 'forward']);
  });

  it('detects the format from the tables, not from the year or a cited document', () => {
    // A 2022 report citing the 2021 format but printing （六）其他处理 as one row: its table is the 2019 one.
    const text = joinLines(
      '2022年政府信息公开工作年度报告', '按照国办公开办函〔2021〕30号要求编制。',
      '三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1', '（六）其他处理 1 0 0 0 0 0 1',
    );
    const m = parseReport(text);
    assert.strictEqual(m.format.version, '2019');
    assert.strictEqual(m.format.cited?.value, '2021');
    assert.strictEqual(m.year?.value, 2022);
  });

  it('falls back to the cited document, then to the year', () => {
    assert.strictEqual(parseReport('依据国办公开办函〔2019〕60号。').format.version, '2019');
    assert.strictEqual(parseReport('2022年政府信息公开工作年度报告').format.version, '2021');
    assert.strictEqual(parseReport('2020年政府信息公开工作年度报告').format.version, '2019');
    assert.strictEqual(parseReport('随便一段文字').format.version, null);
  });

  it('reads the statistics period wrapped over lines', () => {
    const m = parseReport(joinLines('2020 年政府信息公开工作年度报告', '本报告所列数据统计期限自 2020 年 1 月 1 日起至 2020', '', '年12月31日止。'));
    assert.deepStrictEqual([m.period?.startYear, m.period?.endYear], [2020, 2020]);
  });
});
