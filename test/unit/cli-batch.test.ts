/**
 * A reviewer's batch (issue 25, and issue 18's defects 1–2), as a 政务公开办 reviewer runs it: a folder of
 * one area's reports as saved pages, Word files and crawled text, with a README beside them. Every
 * command reads every input through the same readers, agrees on what is a report, and says where
 * each finding is in words. Expected values are read off the reports by hand (test/helpers/sample-values.ts,
 * and the 上海 page's published table as readers.test.ts reads it).
 */
import * as assert from 'assert';
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { readDocumentSync } from '../../server/src/readers';
import { checkReport } from '../../server/src/service/check';
import { runCli } from '../helpers/cli';
import { corpusPath, corpusText, expectedRows, fixturePath, type CorpusId } from '../helpers/corpus';
import { reportDocument, toDocx } from '../helpers/fileFormats';
import { sampleInLayout } from '../helpers/layouts';
import { SAMPLE_READING, sampleValues } from '../helpers/sample-values';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'nianbao-batch-'));

/** Files that sit beside reports: a folder's README and an index (not reports, see trust.test.ts). */
const README = '# 样本报告\n\n本文件夹存放各单位报送的年度报告原文，请勿改名。\n\n| 文件 | 机关 | 年度 |\n|---|---|---|\n| 000.txt | 张店区人民政府办公室 | 2023 |\n| 004.txt | 张店区发展和改革局 | 2023 |\n';
const INDEX = '# 目录\n\n- 000.txt\n- 004.txt\n';

interface JsonRow { file: string; body: string | null; year: number | null; table: string; block: string | null; rowKey: string | null; col: number; value: number | null; raw: string; line: number | null }
interface SumJson { format: string; files: string[]; years: number[]; leftOut: { table: string; files: { file: string; why: string }[] }[]; rows: (JsonRow & { missing: string[]; leftOut?: string[] })[]; findings: { ruleId: string; message: string }[] }

/** The values of one row of one table, by column. */
const cells = (rows: JsonRow[], table: string, key: string, block: string | null = null) =>
  rows.filter(r => r.table === table && r.rowKey === key && r.block === block).sort((a, b) => a.col - b.col).map(r => r.value);

/** The 三 row `key` of a sample, read by hand. */
const handRow = (id: CorpusId, key: string) => expectedRows(SAMPLE_READING[id].applications).find(r => r.key === key)!.values;

/** The 上海 page (test/fixtures/documents): its table as published, read off the page by hand (as readers.test.ts has it). */
const _ = null;
const SHANGHAI = {
  new: [821, 35, _, _, 2, 1, 859],
  carryover: [18, _, _, _, _, _, 18],
  granted: [258, 12, _, _, 1, 1, _],
  'denied.6': [3, 1, _, _, _, _, _],
  'unavailable.1': [252, 12, _, _, 1, _, _],
  total: [767, 35, _, _, 2, 1, 805],
  forward: [72, _, _, _, _, _, 72],
  reviews: [5, _, _, 2, 7, 8, _, _, 1, 9, _, _, _, _, _],
  proactive: [['第二十条第（一）项', 'rules', [13, 13, 524]], ['第二十条第（一）项', 'normativeDocuments', [60, 60, 368]], ['第二十条第（九）项', 'procurement', [6, 251000]]] as const,
};
const SHANGHAI_PAGE = fixturePath('documents/shanghai-2019-bangongting.html');

describe('a reviewer’s batch (issue 25; issue 18, defects 1–2)', function () {
  this.timeout(120_000);

  describe('files that are not reports (18.1, 18.2): every command agrees with check', () => {
    let dir: string;
    before(() => {
      dir = tmp();
      copyFileSync(corpusPath('000'), path.join(dir, '000.txt'));
      copyFileSync(corpusPath('004'), path.join(dir, '004.txt'));
      writeFileSync(path.join(dir, 'README.md'), README);
      writeFileSync(path.join(dir, 'INDEX.md'), INDEX);
      for (const t of [README, INDEX]) assert.deepStrictEqual(checkReport(t).findings.map(f => f.ruleId), ['not-a-report'], 'check says: not a report');
    });

    it('export writes no row for them and lists them once, as skipped', () => {
      const r = runCli(['export', dir]);
      assert.strictEqual(r.code, 0, r.stderr);
      const rows = parseCsv(r.stdout, { bom: true, columns: true }) as { 文件: string }[];
      assert.deepStrictEqual([...new Set(rows.map(x => path.basename(x.文件)))], ['000.txt', '004.txt']);
      assert.strictEqual(rows.length, 2 * (10 + 175 + 15), 'two 2021 reports: 二 10, 三 25 × 7, 四 15 cells each');
      const said = r.stderr.split('\n').filter(l => l.includes('README.md'));
      assert.deepStrictEqual(said, [`nianbao: 跳过 2 个不是年报的文件（未导出）：${path.join(dir, 'INDEX.md')}、${path.join(dir, 'README.md')}`]);
    });

    it('export --sum adds the two reports only: no 「无法相加」, exit 0, 本年新收 总计 = 56 + 10', () => {
      const r = runCli(['export', '--sum', '--format', 'json', dir]);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /无法相加/);
      const [g] = JSON.parse(r.stdout) as SumJson[];
      assert.deepStrictEqual(g.files.map(f => path.basename(f)), ['000.txt', '004.txt']);
      // By hand: 000's 一、本年新收 51 3 0 0 0 2 56, 004's 10 0 0 0 0 0 10.
      assert.deepStrictEqual(handRow('000', 'new'), [51, 3, 0, 0, 0, 2, 56]);
      assert.deepStrictEqual(handRow('004', 'new'), [10, 0, 0, 0, 0, 0, 10]);
      assert.deepStrictEqual(cells(g.rows, '三', 'new'), [61, 3, 0, 0, 0, 2, 66]);
      assert.deepStrictEqual(g.findings, []);
      assert.match(r.stderr, /合计（2023 年 · 2021 年格式）加入 2 份报告：\S*000\.txt、\S*004\.txt\n/);
    });

    it('check lists them once as not checked, and counts two reports, both passed', () => {
      const r = runCli(['check', dir]);
      assert.strictEqual(r.code, 0, r.stdout + r.stderr);
      assert.deepStrictEqual(r.stdout.split('\n').filter(l => l.includes('README.md')), [`  不是年报，未检查：${path.join(dir, 'INDEX.md')}、${path.join(dir, 'README.md')}`]);
      assert.match(r.stdout, /^2 份报告：通过 2 份；另有 2 个文件不是年报，未检查$/m);
    });

    it('the review page lists them apart (不是年报，未检查): not in the summary table, the counts or the chart', () => {
      const r = runCli(['check', '--format', 'html', dir]);
      const html = r.stdout;
      const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
      assert.strictEqual((tbody.match(/<tr /g) ?? []).length, 2);
      assert.doesNotMatch(tbody, /README|INDEX|不是年报/);
      assert.match(html, /<h3>不是年报，未检查<\/h3>\n<ul class="not-reports"><li>[^<]*INDEX\.md<\/li><li>[^<]*README\.md<\/li><\/ul>/);
      assert.match(html, /<p class="meta counts" id="counts">2 份报告：<span class="s-pass" data-status="pass">通过 2<\/span><span class="others">另有 2 个文件不是年报，未检查<\/span><\/p>/);
      assert.strictEqual((html.match(/<g class="bar" data-report=/g) ?? []).length, 2, 'a bar per report');
      assert.strictEqual((html.match(/<section class="report"/g) ?? []).length, 2);
    });
  });

  describe('export reads every input through check’s readers', () => {
    it('the real 上海 page: every value as published, the body and year from its title, lines in the page’s source', () => {
      const r = runCli(['export', '--format', 'json', SHANGHAI_PAGE]);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.strictEqual(r.stderr, '');
      const rows = JSON.parse(r.stdout) as JsonRow[];
      assert.strictEqual(rows.length, 22 + 161 + 15, '2019: 二 22, 三 23 × 7, 四 15');
      for (const key of ['new', 'carryover', 'granted', 'denied.6', 'unavailable.1', 'total', 'forward'] as const) assert.deepStrictEqual(cells(rows, '三', key), SHANGHAI[key], key);
      assert.deepStrictEqual(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].flatMap(k => cells(rows, '四', k)), SHANGHAI.reviews);
      for (const [block, key, values] of SHANGHAI.proactive) assert.deepStrictEqual(cells(rows, '二', key, block), values, key);
      assert.ok(rows.every(x => x.body === '上海市人民政府办公厅' && x.year === 2019));
      // The article is one line (line 11) of the page's source.
      assert.deepStrictEqual([...new Set(rows.filter(x => x.raw).map(x => x.line))], [11]);
    });

    it('a Word file: every value of sample 002 as read by hand', () => {
      const dir = tmp();
      const file = path.join(dir, '002.docx');
      writeFileSync(file, toDocx(reportDocument(corpusText('002'))));
      const r = runCli(['export', '--format', 'json', file]);
      assert.strictEqual(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as JsonRow[];
      for (const row of expectedRows(SAMPLE_READING['002'].applications)) assert.deepStrictEqual(cells(rows, '三', row.key), row.values, row.key);
      assert.deepStrictEqual(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].flatMap(k => cells(rows, '四', k)), SAMPLE_READING['002'].reviews);
      for (const block of sampleValues('002').proactive) for (const row of block.rows) assert.deepStrictEqual(cells(rows, '二', row.key, block.item), row.values, `${block.item} ${row.key}`);
      assert.ok(rows.every(x => x.body === '张店区人民政府' && x.year === 2020 && x.line === null), 'a Word file has no lines');
    });

    it('a report whose tables give no number is said, not exported silently empty', () => {
      const dir = tmp();
      const file = path.join(dir, 'r.txt');
      writeFileSync(file, ['某某局2023年政府信息公开工作年度报告', '一、总体情况', '本年度依法公开政府信息。', '二、主动公开政府信息情况', '（见附表）',
        '三、收到和处理政府信息公开申请情况', '（见附表）', '四、政府信息公开行政复议、行政诉讼情况', '（见附表）', '五、存在的主要问题及改进情况', '无。', '六、其他需要报告的事项', '无。', ''].join('\n'));
      const r = runCli(['export', file]);
      assert.match(r.stderr, /r\.txt：表格中没有读到任何数字（没有找到统计表，或表格读不准），请人工核对/);
    });
  });

  describe('the body and year of crawled text and of a page titled only in <title>', () => {
    it('reads a crawler’s 标题: / 发布机构: header lines (crawled-pipes-1: 杨凌示范区审计局, 2022)', () => {
      const dir = tmp();
      const body = readFileSync(fixturePath('layouts/crawled-pipes-1.txt'), 'utf8').split('\n').slice(1).join('\n');
      // As the crawler stores a page: its header, then the text (this fixture's source: a 杨凌示范区 审计局 2022 report).
      writeFileSync(path.join(dir, 'a.txt'), `标题: 2022年政府信息公开工作年度报告\n发布机构: 杨凌示范区审计局\n发布日期: 2023-01-29\n${body}`);
      writeFileSync(path.join(dir, 'b.txt'), `标题：杨凌示范区审计局2022年政府信息公开工作年度报告\n${body}`);
      const rows = parseCsv(runCli(['export', dir]).stdout, { bom: true, columns: true }) as { 文件: string; 机关: string; 年度: string }[];
      for (const name of ['a.txt', 'b.txt']) {
        const mine = rows.filter(x => path.basename(x.文件) === name);
        assert.ok(mine.length && mine.every(x => x.机关 === '杨凌示范区审计局' && x.年度 === '2022'), name);
      }
    });

    it('reads a page whose title is only its <title> (the 上海 page without its title paragraph)', () => {
      const dir = tmp();
      const original = readFileSync(SHANGHAI_PAGE, 'utf8');
      const page = original.replace("<p style='text-align: center;font-weight: bold;'>2019年上海市人民政府办公厅政府信息公开工作年度报告</p>", '');
      assert.notStrictEqual(page, original);
      writeFileSync(path.join(dir, 'p.html'), `<html><head><title>上海市人民政府办公厅2019年政府信息公开工作年度报告_中国上海</title></head><body>${page}</body></html>`);
      const rows = parseCsv(runCli(['export', path.join(dir, 'p.html')]).stdout, { bom: true, columns: true }) as { 机关: string; 年度: string }[];
      assert.ok(rows.length && rows.every(x => x.机关 === '上海市人民政府办公厅' && x.年度 === '2019'));
      const html = runCli(['check', '--format', 'html', path.join(dir, 'p.html')]).stdout;
      assert.match(html, /<td><a href="#r1">[^<]*p\.html<\/a><\/td><td>上海市人民政府办公厅<\/td><td class="n">2019<\/td>/);
    });
  });

  describe('one report in two files (a page and its text)', () => {
    let dir: string;
    before(() => {
      dir = tmp();
      copyFileSync(SHANGHAI_PAGE, path.join(dir, 'sh.html'));
      writeFileSync(path.join(dir, 'sh.txt'), readDocumentSync(new Uint8Array(readFileSync(SHANGHAI_PAGE)), 'sh.html').text);
      copyFileSync(corpusPath('004'), path.join(dir, '004.txt'));
    });

    it('check warns once, naming both', () => {
      const r = runCli(['check', dir]);
      assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean), ['nianbao: 上海市人民政府办公厅 2019 年的报告有 2 份：sh.html、sh.txt——请确认是否为同一份报告（如网页与其文字版），汇总时只应算一份']);
      const json = JSON.parse(runCli(['check', '--format', 'json', dir]).stdout);
      assert.deepStrictEqual(json.sameReports, [{ body: '上海市人民政府办公厅', year: 2019, files: [path.join(dir, 'sh.html'), path.join(dir, 'sh.txt')] }]);
    });

    it('export --sum adds it once and says so', () => {
      const r = runCli(['export', '--sum', '--format', 'json', dir]);
      assert.strictEqual(r.stderr.split('\n').filter(l => l.includes('sh.txt')).length, 1, r.stderr);
      assert.match(r.stderr, /上海市人民政府办公厅 2019 年的报告有 2 份：sh\.html、sh\.txt——合计只加入第一份/);
      const groups = JSON.parse(r.stdout) as SumJson[];
      const g2019 = groups.find(g => g.format === '2019')!;
      assert.deepStrictEqual(g2019.files.map(f => path.basename(f)), ['sh.html']);
      assert.deepStrictEqual(cells(g2019.rows, '三', 'new'), [821, 35, _, _, 2, 1, 859], 'the page’s numbers, once');
    });
  });

  describe('--sum', () => {
    it('groups by year as well as by format', () => {
      const dir = tmp();
      copyFileSync(corpusPath('004'), path.join(dir, '004-2023.txt'));
      // The same body's report of the year before (its title and period say 2022).
      writeFileSync(path.join(dir, '004-2022.txt'), corpusText('004').replace(/2023年/g, '2022年'));
      const r = runCli(['export', '--sum', '--format', 'json', dir]);
      const groups = JSON.parse(r.stdout) as SumJson[];
      assert.deepStrictEqual(groups.map(g => [g.format, g.years, g.files.map(f => path.basename(f))]), [['2021', [2022], ['004-2022.txt']], ['2021', [2023], ['004-2023.txt']]]);
      assert.match(r.stderr, /分别相加：2022 年 · 2021 年格式 1 份，2023 年 · 2021 年格式 1 份/);
    });

    it('leaves one report’s unread 四 out of the 四 sums only, and says so (not the whole 四 as “/”)', () => {
      const dir = tmp();
      // Samples 002 and 003 (2019 format, 2020) as crawled pages whose cells are glued: 002's 四 group
      // 14 4 0 0 9 does not add up, so its 15 digits split in no way and are not read; 003's all 0 are.
      for (const id of ['002', '003'] as const) {
        const l = sampleInLayout(id, 'crawled-glued');
        assert.strictEqual(l.unsure.reviews, id === '002');
        writeFileSync(path.join(dir, `${id}.txt`), l.text);
      }
      const r = runCli(['export', '--sum', '--format', 'json', dir]);
      const [g] = JSON.parse(r.stdout) as SumJson[];
      assert.deepStrictEqual(g.files.map(f => path.basename(f)), ['002.txt', '003.txt']);
      const reviews = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].flatMap(k => cells(g.rows, '四', k));
      assert.deepStrictEqual(reviews, SAMPLE_READING['003'].reviews, '003’s 四 alone');
      assert.ok(g.rows.filter(x => x.table === '四').every(x => x.leftOut?.length === 1 && path.basename(x.leftOut[0]) === '002.txt'));
      assert.deepStrictEqual(g.leftOut.find(l => l.table === '四')!.files.map(f => [path.basename(f.file), f.why]), [['002.txt', 'unread']]);
      assert.match(r.stderr, /的四表未计入：\S*002\.txt（此表读不准）/);
      assert.doesNotMatch(r.stderr, /四 · [^\n]*无法相加/);
      // 三 is read in both and added whole: 一、本年新收 总计 by hand.
      assert.deepStrictEqual(cells(g.rows, '三', 'new')[6], handRow('002', 'new')[6]! + handRow('003', 'new')[6]!);
    });
  });

  describe('one status per report, and where each finding is', () => {
    it('JSON: each finding on a table carries its table, row and column (the 上海 page)', () => {
      const j = JSON.parse(runCli(['check', '--format', 'json', SHANGHAI_PAGE]).stdout);
      const f = j.files[0];
      // Blank cells where numbers belong: not as the format says (格式不符); nothing is missing.
      assert.deepStrictEqual([f.status, f.body, f.year], ['format', '上海市人民政府办公厅', 2019]);
      // Its 19 blank 总计 cells are one finding, placed at the column.
      const blankTotals = f.findings.filter((x: { place?: { row?: string; column?: string } }) => x.place?.column === '总计' && !x.place?.row);
      assert.deepStrictEqual(blankTotals.map((x: { ruleId: string; place: object }) => [x.ruleId, x.place]), [['cell-value', { table: '三', column: '总计', text: '三表 · 总计' }]]);
      // Every finding on a table names its table, and its row or its column.
      for (const x of f.findings.filter((y: { ruleId: string }) => y.ruleId === 'cell-value')) assert.ok(x.place.table && (x.place.row || x.place.column), JSON.stringify(x));
    });

    it('--quiet hides warnings and notes, not what a report is: a non-report stays apart, an unread table stays 读不准', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'README.md'), README);
      // 002 as a crawled page: its 四 digits glued and not read (a warning, table-unreadable), no error.
      writeFileSync(path.join(dir, '002.txt'), sampleInLayout('002', 'crawled-glued').text);
      const r = runCli(['check', '--quiet', dir]);
      assert.match(r.stdout, /^ {2}读不准（需人工核对） {2}\S*002\.txt/m);
      assert.match(r.stdout, /^ {2}不是年报，未检查：\S*README\.md$/m);
      assert.match(r.stdout, /^1 份报告：读不准（需人工核对） 1 份；另有 1 个文件不是年报，未检查$/m);
      const j = JSON.parse(runCli(['check', '--quiet', '--format', 'json', dir]).stdout);
      assert.deepStrictEqual(j.files.map((x: { file: string; status: string }) => [path.basename(x.file), x.status]), [['002.txt', 'unsure'], ['README.md', 'not-a-report']]);
    });

    it('a file that could not be read is 读不准（需人工核对）, not a failed report', () => {
      const dir = tmp();
      copyFileSync(corpusPath('004'), path.join(dir, '004.txt'));
      symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'broken.txt'));
      const r = runCli(['check', dir]);
      assert.match(r.stdout, /^ {2}读不准（需人工核对） {2}\S*broken\.txt {2}文件不存在/m);
      assert.match(r.stdout, /^2 份报告：读不准（需人工核对） 1 份，通过 1 份$/m);
      const html = runCli(['check', '--format', 'html', dir]).stdout;
      assert.match(html, /<tr data-status="unsure"><td>[^<]*broken\.txt<\/td>/);
    });
  });
});
