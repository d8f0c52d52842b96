/**
 * `nianbao export` as a user runs it: the CSV read back (with a CSV library, as a spreadsheet would)
 * holds the numbers `parse --json` reads; `--sum` adds up the five samples as a person does, from the
 * values read by hand; the sum is checked; the progress bar only on a terminal.
 */
import * as assert from 'assert';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sumReports } from '../../server/src/cli/export';
import { progressLine, startProgress } from '../../server/src/cli/progress';
import { checkReport } from '../../server/src/service/check';
import { runCli } from '../helpers/cli';
import { corpusPath, corpusText, expectedRows, type CorpusId } from '../helpers/corpus';
import { SAMPLE_IDS, SAMPLE_READING, sampleValues } from '../helpers/sample-values';

interface CsvRow {
  文件: string; 机关: string; 年度: string; 格式: string; 表: string; 项目: string; 行代码: string; 行: string; 列序号: string; 列: string; 数值: string; 原文: string; 行号: string;
}

interface JsonRow {
  key: string | null;
  values: (number | null)[];
}

const num = (s: string) => (s === '' ? null : Number(s));

describe('nianbao export', function () {
  this.timeout(30000);
  const files = SAMPLE_IDS.map(corpusPath);

  it('--format csv: a BOM, CRLF, a header; read back, the numbers of every table of every report equal `parse --json`', () => {
    const r = runCli(['export', '--format', 'csv', ...files]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('\uFEFF文件,机关,年度,格式,表,项目,行代码,行,列序号,列,数值,原文,行号\r\n'), r.stdout.slice(0, 80));
    const rows = parseCsv(r.stdout, { bom: true, columns: true }) as CsvRow[];
    const parsed = JSON.parse(runCli(['parse', '--json', ...files]).stdout) as {
      file: string; agency: string; year: number; template: string;
      tables: { applications: { rows: JsonRow[] }; reviews: { values: (number | null)[] }; proactive: { item: string; rows: JsonRow[] }[] };
    }[];
    for (const report of parsed) {
      const mine = rows.filter(x => x.文件 === report.file);
      // 2021: 二 3×2 + 1 + 2 + 1, 三 25 × 7, 四 15; 2019: 二 3×2 + 3×2 + 3×2 + 2 + 2, 三 23 × 7, 四 15 (the spec's tables)
      assert.strictEqual(mine.length, report.template === '2021' ? 10 + 175 + 15 : 22 + 161 + 15, report.file);
      assert.ok(mine.every(x => x.机关 === report.agency && x.年度 === String(report.year) && x.格式 === report.template));
      const cells = (table: string, block: string, key: string) => mine.filter(x => x.表 === table && x.项目 === block && x.行代码 === key).sort((a, b) => +a.列序号 - +b.列序号).map(x => num(x.数值));
      for (const row of report.tables.applications.rows) assert.deepStrictEqual(cells('三', '', row.key!), row.values, `${report.file} 三 ${row.key}`);
      assert.deepStrictEqual(cells('四', '', 'reconsideration').concat(cells('四', '', 'litigationDirect'), cells('四', '', 'litigationAfterReconsideration')), report.tables.reviews.values);
      for (const block of report.tables.proactive) for (const row of block.rows) assert.deepStrictEqual(cells('二', block.item, row.key!), row.values, `${report.file} ${block.item} ${row.key}`);
    }
    // The format's labels, as printed: a row of 002's 三 table and a column.
    const granted = rows.find(x => x.文件.includes('002_') && x.行代码 === 'granted' && x.列序号 === '1')!;
    assert.deepStrictEqual([granted.表, granted.行, granted.列, granted.数值, granted.行号], ['三', '（一）予以公开', '自然人', '34', '142']);
  });

  it('--format csv: fields with commas and quotes survive (a file named a,b "x".txt)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-export-'));
    const odd = path.join(dir, 'a,b "x".txt');
    copyFileSync(corpusPath('004'), odd);
    const out = path.join(dir, 'out.csv');
    const r = runCli(['export', '-o', out, odd]);
    assert.strictEqual(r.code, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.includes(`"${odd.replace(/"/g, '""')}"`), 'quoted as RFC 4180 says');
    const rows = parseCsv(text, { bom: true, columns: true }) as CsvRow[];
    assert.ok(rows.length > 0 && rows.every(x => x.文件 === odd));
  });

  it('--format json: the same rows, with English keys and numbers', () => {
    const r = runCli(['export', '--format', 'json', corpusPath('002')]);
    assert.strictEqual(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { table: string; rowKey: string; col: number; column: string; value: number | null; raw: string; line: number }[];
    const nine = rows.find(x => x.table === '四' && x.rowKey === 'reconsideration' && x.column === '总计')!;
    assert.deepStrictEqual({ value: nine.value, raw: nine.raw, line: nine.line, col: nine.col }, { value: 9, raw: '9', line: 407, col: 5 });
    const procurement = rows.filter(x => x.rowKey === 'procurement').map(x => [x.value, x.raw]);
    assert.deepStrictEqual(procurement, [[182, '182个'], [60516, '60516万元']]);
  });

  describe('--sum', () => {
    /** The sum a person makes from the values read by hand: null where any report has no number. */
    function handSum(ids: CorpusId[]) {
      const add = (xs: (number | null)[]) => (xs.some(x => x === null) ? null : Math.round(xs.reduce<number>((a, b) => a + b!, 0) * 100) / 100);
      const reviews = SAMPLE_READING[ids[0]].reviews.map((_, i) => add(ids.map(id => SAMPLE_READING[id].reviews[i])));
      const applications = expectedRows(SAMPLE_READING[ids[0]].applications).map(row => ({
        key: row.key,
        values: row.values.map((_, c) => add(ids.map(id => expectedRows(SAMPLE_READING[id].applications).find(x => x.key === row.key)!.values[c]))),
      }));
      const proactive = sampleValues(ids[0]).proactive.map(block => ({
        item: block.item,
        rows: block.rows.map(row => ({
          key: row.key,
          values: row.values.map((_, c) => add(ids.map(id => sampleValues(id).proactive.find(b => b.item === block.item)!.rows.find(x => x.key === row.key)!.values[c]))),
        })),
      }));
      return { reviews, applications, proactive };
    }

    type SumJson = { format: string; files: string[]; years: number[]; rows: { table: string; block: string | null; rowKey: string; col: number; value: number | null; missing: string[] }[]; findings: { ruleId: string; message: string }[] }[];

    let groups: SumJson;
    let run: ReturnType<typeof runCli>;
    before(() => {
      run = runCli(['export', '--sum', '--format', 'json', ...files]);
      groups = JSON.parse(run.stdout);
    });

    it('adds the five samples per format (2021: 000, 001, 004; 2019: 002, 003) to the totals added by hand', () => {
      assert.deepStrictEqual(groups.map(g => [g.format, g.files.map(f => path.basename(f).slice(0, 3))]), [['2021', ['000', '001', '004']], ['2019', ['002', '003']]]);
      for (const g of groups) {
        const ids = g.files.map(f => path.basename(f).slice(0, 3) as CorpusId);
        const hand = handSum(ids);
        const cells = (table: string, block: string | null, key: string) => g.rows.filter(r => r.table === table && r.block === block && r.rowKey === key).sort((a, b) => a.col - b.col).map(r => r.value);
        for (const row of hand.applications) assert.deepStrictEqual(cells('三', null, row.key), row.values, `${g.format} 三 ${row.key}`);
        assert.deepStrictEqual(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].flatMap(k => cells('四', null, k)), hand.reviews);
        for (const block of hand.proactive) for (const row of block.rows) assert.deepStrictEqual(cells('二', block.item, row.key), row.values, `${g.format} ${block.item} ${row.key}`);
      }
      // By hand: 三 （七）总计 总计 of 000 + 001 + 004 = 67 + 31 + 10; 四 行政复议 总计 of 002 + 003 = 9 + 0.
      const g21 = groups[0].rows;
      assert.strictEqual(g21.find(r => r.table === '三' && r.rowKey === 'total' && r.col === 7)!.value, 108);
      assert.strictEqual(groups[1].rows.find(r => r.table === '四' && r.rowKey === 'reconsideration' && r.col === 5)!.value, 9);
      // 政府集中采购 采购总金额: 60516万元 + 909.76 万元
      assert.strictEqual(groups[1].rows.find(r => r.rowKey === 'procurement' && r.col === 2)!.value, 61425.76);
    });

    it('leaves a cell that a report lacks empty and names the report (001’s 行政规范性文件 has two numbers of three)', () => {
      const cell = groups[0].rows.find(r => r.rowKey === 'normativeDocuments' && r.col === 3)!;
      assert.strictEqual(cell.value, null);
      assert.deepStrictEqual(cell.missing.map(f => path.basename(f).slice(0, 3)), ['001']);
      const finding = groups[0].findings.find(f => f.ruleId === 'cell-value')!;
      assert.match(finding.message, /^二 · 第二十条第（一）项 · 行政规范性文件 · 现行有效件数：无法相加，缺少数字：\S*001_7ffb10b0611b3e96\.txt$/);
      assert.ok(run.stderr.includes(`合计（3 份报告） 2023 年 · 2021 年格式: 错误  ${finding.message}  [cell-value]`), run.stderr);
    });

    it('runs the checks on the sum: 002’s 行政复议 9 makes the 2019 sum’s total wrong too; exit code 1', () => {
      assert.deepStrictEqual(groups[1].findings.map(f => [f.ruleId, f.message]), [['review-total', '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实']]);
      assert.deepStrictEqual(groups[0].findings.map(f => f.ruleId), ['cell-value'], 'only the cell 001 lacks');
      assert.strictEqual(run.code, 1);
      assert.match(run.stderr, /分别相加：2023 年 · 2021 年格式 3 份，2020 年 · 2019 年格式 2 份/);
      // Which reports each sum adds.
      assert.ok(run.stderr.includes(`合计（2020 年 · 2019 年格式）加入 2 份报告：${corpusPath('002')}、${corpusPath('003')}\n`), run.stderr);
    });

    it('--format text writes the sum as a report that parses back to the same numbers', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-sum-'));
      const out = path.join(dir, 'sum.txt');
      const ids: CorpusId[] = ['000', '001', '004'];
      const r = runCli(['export', '--sum', '--format', 'text', '-o', out, ...ids.map(corpusPath)]);
      assert.strictEqual(r.code, 1, r.stderr); // the cell 001 lacks
      const back = JSON.parse(runCli(['parse', '--json', out]).stdout);
      const hand = handSum(ids);
      assert.strictEqual(back.template, '2021');
      assert.strictEqual(back.year, 2023);
      assert.deepStrictEqual(back.tables.applications.rows.map((x: JsonRow) => ({ key: x.key, values: x.values })), hand.applications);
      assert.deepStrictEqual(back.tables.reviews.values, hand.reviews);
      assert.deepStrictEqual(back.tables.proactive.map((b: { item: string; rows: JsonRow[] }) => ({ item: b.item, rows: b.rows.map(x => ({ key: x.key, values: x.values })) })), hand.proactive);
      // The JSON of the same sum says where each number stands in that text.
      const [g] = JSON.parse(runCli(['export', '--sum', '--format', 'json', ...ids.map(corpusPath)]).stdout) as { rows: { rowKey: string; col: number; table: string; line: number; raw: string }[] }[];
      const total = g.rows.find(x => x.table === '三' && x.rowKey === 'total' && x.col === 7)!;
      assert.strictEqual(readFileSync(out, 'utf8').split('\n')[total.line - 1], '（七）总计 102 4 0 0 0 2 108');
      assert.strictEqual(total.raw, '108');
    });

    it('--format text refuses reports of two formats (their tables differ), exit code 2', () => {
      const r = runCli(['export', '--sum', '--format', 'text', ...files]);
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /不同的格式或年度（2023 年 · 2021 年格式 3 份，2020 年 · 2019 年格式 2 份）/);
      assert.strictEqual(r.stdout, '');
    });

    it('does not add money written in different units (60516万元 and 60516元)', () => {
      const a = corpusText('002');
      const b = a.replace('60516万元', '60516元');
      assert.notStrictEqual(a, b);
      const reports = [a, b].map((text, i) => ({ file: `r${i}.txt`, text, ...checkReport(text) }));
      const [g] = sumReports(reports, 'zh');
      const amount = g.rows.find(r => r.rowKey === 'procurement' && r.col === 2)!;
      assert.deepStrictEqual([amount.value, amount.units], [null, ['万元', '元']]);
      // Counts may carry a unit word (182个): they are still added.
      assert.strictEqual(g.rows.find(r => r.rowKey === 'procurement' && r.col === 1)!.value, 364);
    });
  });

  it('reports bad usage with exit code 2', () => {
    assert.strictEqual(runCli(['export']).code, 2);
    const r = runCli(['export', '--format', 'xlsx', corpusPath('000')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--format 应为 csv 或 json/);
  });
});

describe('progress on stderr', () => {
  it('draws a bar with the count, the share and the time left', () => {
    assert.strictEqual(progressLine(125, 500, 10000, 'reports/a.txt', 120), `${'█'.repeat(6)}${'░'.repeat(18)} 125/500 25% · 剩余约 30 秒 reports/a.txt`);
    assert.match(progressLine(1, 4, 90000, 'x', 80, 'en'), /1\/4 25% · 4m 30s left x$/);
  });

  it('on a terminal: redrawn in place after a delay, cleared at the end; elsewhere: nothing', () => {
    let clock = 0;
    const written: string[] = [];
    const tty = { isTTY: true, columns: 100, write: (s: string) => written.push(s) };
    const p = startProgress(3, tty, { now: () => clock, delayMs: 400, intervalMs: 100 });
    p.tick('a');
    assert.deepStrictEqual(written, [], 'quiet at first');
    clock = 500;
    p.tick('b');
    clock = 1000;
    p.tick('c');
    p.done();
    assert.strictEqual(written.length, 3);
    assert.match(written[0], /^\r\x1b\[K█{8}░{16} 1\/3 33% · 剩余约 1 秒 b$/);
    assert.match(written[1], /2\/3 67%/);
    assert.strictEqual(written[2], '\r\x1b[K');

    const piped: string[] = [];
    const q = startProgress(500, { isTTY: false, write: (s: string) => piped.push(s) }, { now: () => (clock += 1000) });
    for (let i = 0; i < 10; i++) q.tick(String(i));
    q.done();
    assert.deepStrictEqual(piped, []);
  });
});

describe('nianbao check --format html', () => {
  it('writes one self-contained page: nothing remote, a Content-Security-Policy, every report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-review-'));
    const out = path.join(dir, 'review.html');
    const r = runCli(['check', '--format', 'html', '-o', out, ...SAMPLE_IDS.map(corpusPath)]);
    assert.strictEqual(r.code, 1, r.stderr);
    const html = readFileSync(out, 'utf8');
    assert.doesNotMatch(html, /<link|<img|\bsrc=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-([^']+)'; script-src 'nonce-\1'; img-src data:">/);
    for (const id of SAMPLE_IDS) assert.ok(html.includes(path.basename(corpusPath(id))), id);
    writeFileSync(path.join(dir, 'ok'), '');
  });
});
