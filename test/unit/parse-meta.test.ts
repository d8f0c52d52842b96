/**
 * The body and year a report names (parse/meta.ts): in its title, before or after the year; in a
 * crawler's header lines (「标题: …」「发布机构: …」) above the text it stored.
 */
import * as assert from 'assert';
import { parseReport } from '../../server/src/service/parse';
import { looksLikeReport } from '../../server/src/service/rules/not-a-report';
import { joinLines } from '../helpers/corpus';

const BODY = joinLines('一、总体情况', '本年度依法公开政府信息。', '二、主动公开政府信息情况', '（略）');
const meta = (text: string) => {
  const m = parseReport(text);
  return { title: m.title?.value ?? null, agency: m.agency?.value ?? null, year: m.year?.value ?? null, agencyText: m.agency ? text.slice(m.agency.range.start, m.agency.range.end) : null };
};

describe('parse: the body and year a report names', () => {
  it('a title with the body before the year (as before)', () => {
    assert.deepStrictEqual(meta(joinLines('张店区发展和改革局2023年政府信息公开工作年度报告', BODY)), {
      title: '张店区发展和改革局2023年政府信息公开工作年度报告', agency: '张店区发展和改革局', year: 2023, agencyText: '张店区发展和改革局',
    });
  });

  it('a title with the body after the year (2019年上海市人民政府办公厅政府信息公开工作年度报告)', () => {
    assert.deepStrictEqual(meta(joinLines('2019年上海市人民政府办公厅政府信息公开工作年度报告', BODY)), {
      title: '2019年上海市人民政府办公厅政府信息公开工作年度报告', agency: '上海市人民政府办公厅', year: 2019, agencyText: '上海市人民政府办公厅',
    });
  });

  it('a crawler’s header: 标题 (either colon) is the title; 发布机构 is the body when the title names none', () => {
    assert.deepStrictEqual(meta(joinLines('标题: 2022年政府信息公开工作年度报告', '发布机构: 杨凌示范区审计局', '发布日期: 2023-01-29', BODY)), {
      title: '2022年政府信息公开工作年度报告', agency: '杨凌示范区审计局', year: 2022, agencyText: '杨凌示范区审计局',
    });
    assert.deepStrictEqual(meta(joinLines('索引号：11610403-2023-00001', '发布机构：杨凌示范区审计局', '标题：2022年政府信息公开工作年度报告', BODY)).agency, '杨凌示范区审计局');
    // The title's own body comes first; the label is not part of the title.
    assert.deepStrictEqual(meta(joinLines('标题：杨凌示范区审计局2022年政府信息公开工作年度报告', '发布机构：杨凌示范区管委会办公室', BODY)), {
      title: '杨凌示范区审计局2022年政府信息公开工作年度报告', agency: '杨凌示范区审计局', year: 2022, agencyText: '杨凌示范区审计局',
    });
  });

  it('takes no body from a 发布机构 line that is a sentence, and no title from a 标题 that is not a report’s', () => {
    assert.strictEqual(meta(joinLines('发布机构：本局，联系电话 0533-1234567', '标题：2022年政府信息公开工作年度报告', BODY)).agency, null);
    const minutes = joinLines('标题：关于召开政府信息公开工作会议的通知', '发布机构：区政府办公室', '请各单位按时参加。');
    assert.strictEqual(meta(minutes).title, null);
    assert.ok(!looksLikeReport(parseReport(minutes)), 'a notice with a crawler header is still no report');
  });
  it('a web page: past the site’s menu, its <title> and a link to last year’s report, the report’s own title', () => {
    const menu = Array.from({ length: 14 }, (_, k) => `栏目${k + 1}`);
    const text = joinLines(
      '淄博市张店区人民政府', ...menu, '政府信息公开工作年度报告', '上一篇：2022年政府信息公开工作年度报告',
      '张店区发展和改革局2023年政府信息公开工作年度报告', BODY);
    const m = meta(text);
    assert.strictEqual(m.title, '张店区发展和改革局2023年政府信息公开工作年度报告');
    assert.strictEqual(m.agency, '张店区发展和改革局');
    assert.strictEqual(m.year, 2023);
  });

  it('a crawled page stored on one line: the title at its start, the report after it', () => {
    const text = '临淄区人民政府办公室2023年政府信息公开工作年度报告 发布日期：2024-01-20 本年度报告根据《中华人民共和国政府信息公开条例》编制。一、总体情况 二、主动公开政府信息情况';
    const m = meta(text);
    assert.strictEqual(m.title, '临淄区人民政府办公室2023年政府信息公开工作年度报告');
    assert.strictEqual(m.agency, '临淄区人民政府办公室');
    assert.strictEqual(m.year, 2023);
    // A sentence that names a report is still no title.
    assert.strictEqual(meta('会议研究了2023年政府信息公开工作年度报告的编制事宜。请各单位按时参加。').title, null);
  });
});
