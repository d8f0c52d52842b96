/** The CLI on the files reviewers receive: web pages, Word files, PDFs, in a folder with text reports. */
import * as assert from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import PDFDocument from 'pdfkit';
import { runCli } from '../helpers/cli';
import { corpusText } from '../helpers/corpus';
import { reportDocument, toDocx, toHtml } from '../helpers/fileFormats';
import { cjkFontAvailable, toPdf } from '../helpers/pdfgen';

describe('CLI: .html, .docx and .pdf reports', function () {
  this.timeout(120_000);
  let dir: string;

  before(async () => {
    if (!cjkFontAvailable()) throw new Error('the CJK font is missing: run scripts/setup-code-server.sh (apt fonts-wqy-microhei)');
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-docs-'));
    const doc = reportDocument(corpusText('002'));
    writeFileSync(path.join(dir, '002.html'), toHtml(doc, { charset: 'gbk', blank: 'nbsp' }));
    writeFileSync(path.join(dir, '002.docx'), toDocx(doc));
    writeFileSync(path.join(dir, '002.pdf'), await toPdf(doc));
    // A page saved as .txt by a browser.
    writeFileSync(path.join(dir, '002-saved.txt'), toHtml(doc, { charset: 'utf-8', blank: 'empty' }));
    const scan = await new Promise<Buffer>(resolve => {
      const d = new PDFDocument();
      const chunks: Buffer[] = [];
      d.on('data', (c: Buffer) => chunks.push(c));
      d.on('end', () => resolve(Buffer.concat(chunks)));
      d.rect(50, 50, 400, 500).fill('#999');
      d.end();
    });
    writeFileSync(path.join(dir, 'scan.pdf'), scan);
  });

  it('checks a folder of them, naming the cell, the page and line, or the source line of each finding', () => {
    const r = runCli(['check', dir]);
    assert.strictEqual(r.code, 2, r.stdout + r.stderr); // an error finding, and an unreadable scan
    const total = r.stdout.split('\n').filter(l => l.includes('[review-total]'));
    const at = (name: string) => total.find(l => l.startsWith(path.join(dir, name)));
    // The 行政复议 group 14 4 0 0 9 does not add up: the finding starts at its first cell, the 14.
    assert.match(at('002.docx')!, /002\.docx（表格 3 第 4 行第 1 列）  错误  四表 · 行政复议  行政复议：14 \+ 4 \+ 0 \+ 0 = 18，总计为 9/);
    assert.match(at('002.pdf')!, /002\.pdf（第 5 页第 \d+ 行）  错误/);
    // A web page: line:column in the page's own source, where the 14 stands.
    const m = /002\.html:(\d+):(\d+)  错误/.exec(at('002.html')!);
    assert.ok(m, at('002.html'));
    const source = new TextDecoder('gb18030').decode(readFileSync(path.join(dir, '002.html'))).split('\n');
    assert.strictEqual(source[Number(m[1]) - 1].slice(Number(m[2]) - 1, Number(m[2]) + 1), '14');
    // A page saved as .txt: read as a page, placed in its source as well, in a folder checked in worker threads too.
    const saved = /002-saved\.txt:(\d+):(\d+)  错误/.exec(at('002-saved.txt')!);
    assert.ok(saved, at('002-saved.txt'));
    const savedSource = readFileSync(path.join(dir, '002-saved.txt'), 'utf8').split('\n');
    assert.strictEqual(savedSource[Number(saved[1]) - 1].slice(Number(saved[2]) - 1, Number(saved[2]) + 1), '14');
    assert.match(r.stdout, /scan\.pdf  无法读取  没有文字层（可能是扫描件）：请先做 OCR/);
  });

  it('says it in English too', () => {
    const r = runCli(['check', '--locale', 'en', path.join(dir, '002.pdf'), path.join(dir, 'scan.pdf')]);
    assert.match(r.stdout, /002\.pdf \(page 5, line \d+\)  error/);
    assert.match(r.stdout, /no text layer \(a scanned document\?\): OCR first/);
  });

  it('--fix writes nothing to them and says why', () => {
    const file = path.join(dir, '002.docx');
    const before = readFileSync(file);
    const r = runCli(['check', '--fix', file]);
    assert.match(r.stderr, /这是Word 文件，--fix 不写回/);
    assert.deepStrictEqual(readFileSync(file), before);
    assert.doesNotMatch(r.stdout, /已自动修正/);
  });

  it('parse --json reads the tables out of a Word file and a PDF', () => {
    for (const name of ['002.docx', '002.pdf']) {
      const r = runCli(['parse', '--json', path.join(dir, name)]);
      assert.strictEqual(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      assert.deepStrictEqual(j.tables.reviews.values, [14, 4, 0, 0, 9, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
      assert.strictEqual(j.year, 2020);
    }
  });

  it('JSON output carries the location in the file', () => {
    const r = runCli(['check', '--format', 'json', path.join(dir, '002.docx')]);
    const f = JSON.parse(r.stdout).files[0].findings.find((x: { ruleId: string }) => x.ruleId === 'review-total');
    assert.strictEqual(f.location, '表格 3 第 4 行第 1 列', 'the group starts at its first cell');
  });
});
