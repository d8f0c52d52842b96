/// <reference lib="dom" />
/**
 * The table preview's page and the CLI's review page in headless Chromium, as a reader sees them:
 * the grids' sizes, the marked 行政复议 group (14 4 0 0 9) of sample 002's 四 table, clicks, live updates, scrolling, sorting
 * and filtering, the links between findings and cells, the chart; a reviewer's mixed batch (statuses,
 * files that are not reports apart, the chart following the filter, labels whole) and a correct
 * one-line report with no red cell; no Content-Security-Policy violation. Screenshots in light, dark (and, for the preview, high-contrast) themes go to
 * test-artifacts/tables/.
 *
 * The preview page is the one the extension builds (client/src/previewPage.ts) around the server's
 * answer to the tables request; VS Code's part (theme variables, `acquireVsCodeApi`) is played by
 * the test. The same page inside a real VS Code is checked in code-server.test.ts.
 */
import * as assert from 'assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { makeNonce, previewPage } from '../../client/src/previewPage';
import { createLanguageService } from '../../server/src/service/languageService';
import { LineIndex } from '../../server/src/service/parse';
import { readDocument, readDocumentSync } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';
import { SourceDocuments } from '../../server/src/sourceDocuments';
import type { PdfMark } from '../../server/src/protocol';
import { pathToFileURL } from 'url';
import { runCli } from '../helpers/cli';
import { corpusPath, corpusText, expectedRows, fixturePath, ROOT } from '../helpers/corpus';
import { reportDocument, toHtml } from '../helpers/fileFormats';
import { SAMPLE_IDS, SAMPLE_READING } from '../helpers/sample-values';

const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.NIANBAO_E2E_REQUIRED === '1';
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'tables');
const REVIEW_TOTAL = '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实';

/** Colours of VS Code's default themes (Light Modern, Dark Modern, Dark High Contrast), as a webview gets them. */
const THEMES = {
  light: {
    body: 'vscode-light',
    vars: {
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'editorError-foreground': '#e51400', 'editorWarning-foreground': '#bf8803',
      'editorInfo-foreground': '#1a85ff', 'focusBorder': '#005fb8', 'descriptionForeground': '#3b3b3b', 'editorWidget-background': '#f8f8f8',
      'editorWidget-border': '#c8c8c8', 'inputValidation-errorBackground': '#f2dede', 'inputValidation-warningBackground': '#f6f5d2',
      'font-family': 'system-ui, "Noto Sans CJK SC", sans-serif', 'font-size': '13px',
    },
  },
  dark: {
    body: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'editorError-foreground': '#f14c4c', 'editorWarning-foreground': '#cca700',
      'editorInfo-foreground': '#3794ff', 'focusBorder': '#0078d4', 'descriptionForeground': '#9d9d9d', 'editorWidget-background': '#202020',
      'editorWidget-border': '#454545', 'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-warningBackground': '#352a05',
      'font-family': 'system-ui, "Noto Sans CJK SC", sans-serif', 'font-size': '13px',
    },
  },
  'high-contrast': {
    body: 'vscode-high-contrast',
    vars: {
      'editor-background': '#000000', 'editor-foreground': '#ffffff', 'editorError-foreground': '#f48771', 'editorWarning-foreground': '#ffd700',
      'editorInfo-foreground': '#3794ff', 'focusBorder': '#f38518', 'descriptionForeground': '#ffffff', 'editorWidget-background': '#0c141f',
      'contrastBorder': '#6fc3df', 'inputValidation-errorBackground': '#000000', 'inputValidation-warningBackground': '#000000',
      'font-family': 'system-ui, "Noto Sans CJK SC", sans-serif', 'font-size': '13px',
    },
  },
} as const;
type Theme = keyof typeof THEMES;

/**
 * Computed in the page: each table's grid with spans expanded — its rows, and per row the number of
 * columns covered (a well-formed grid covers the same number on every row) and of value cells.
 */
function gridOf(selector: string) {
  const table = document.querySelector(selector) as HTMLTableElement | null;
  if (!table) return null;
  const taken: boolean[][] = [];
  const rows = Array.from(table.rows);
  rows.forEach((tr, r) => {
    taken[r] ??= [];
    let c = 0;
    for (const cell of Array.from(tr.cells)) {
      while (taken[r][c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      c += cell.colSpan;
    }
  });
  return {
    rows: rows.length,
    head: table.tHead?.rows.length ?? 0,
    covered: taken.slice(0, rows.length).map(r => r.filter(Boolean).length),
    values: rows.map(tr => tr.querySelectorAll(':scope > td.v').length),
  };
}

describe('the tables in a browser: preview page and review page', function () {
  this.timeout(120000);
  let browser: Browser | null = null;
  let server: Server | null = null;
  let base = '';
  let profile = '';
  let work = '';
  /** Pages the local server serves, by path. */
  const pages = new Map<string, string>();

  before(async function () {
    let playwright: typeof import('playwright-core') | null = null;
    try {
      playwright = require('playwright-core');
    } catch {
      playwright = null;
    }
    if (!playwright || !existsSync(CHROMIUM)) {
      if (required) throw new Error(`Chromium (${CHROMIUM}) or playwright-core is missing: run scripts/setup-code-server.sh`);
      console.log('      (skipped: Chromium is not installed — `bash scripts/setup-code-server.sh` installs it)');
      this.skip();
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    work = mkdtempSync(path.join(tmpdir(), 'nianbao-tables-'));
    server = createServer((req, res) => {
      const page = pages.get(req.url ?? '');
      // The PDF reader, as the webview loads it from the extension (the page view).
      if (req.url === '/dist/pdf.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(path.join(ROOT, 'dist', 'pdf.js')));
        return;
      }
      if (req.url === '/favicon.ico') {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page ?? '');
    });
    await new Promise<void>(r => server!.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(path.join(tmpdir(), 'nianbao-chromium-'));
    browser = await playwright!.chromium.launch({
      executablePath: CHROMIUM,
      env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: path.join(profile, 'config'), XDG_CACHE_HOME: path.join(profile, 'cache') },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    for (const d of [profile, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  /** A page that records CSP violations, script errors and (for the preview) what it posts to VS Code. */
  async function open(url: string, options: { scheme?: 'light' | 'dark'; theme?: Theme; width?: number; height?: number; answer?: (m: { what: string; name?: string }) => number[] | null } = {}): Promise<{ page: Page; problems: string[] }> {
    const page = await browser!.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.scheme ?? 'light' });
    if (options.answer) await page.exposeFunction('answer', options.answer);
    const problems: string[] = [];
    page.on('pageerror', e => problems.push(`error: ${e.message}`));
    page.on('console', m => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const theme = options.theme ? THEMES[options.theme] : null;
    // tsx names the functions it compiles with a helper the page does not have.
    await page.addInitScript('window.__name = f => f;');
    await page.addInitScript(t => {
      const w = window as unknown as { posted: unknown[]; violations: string[]; acquireVsCodeApi: () => unknown };
      w.posted = [];
      w.violations = [];
      document.addEventListener('securitypolicyviolation', e => w.violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
      // The page view's requests (the PDF's bytes, a CMap) are answered as the extension answers them, by the test (`answer`).
      const answer = (window as unknown as { answer?: (m: unknown) => Promise<number[] | null> }).answer;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: { type?: string; id?: number }) => {
          w.posted.push(m);
          if (m.type === 'request' && answer) void answer(m).then(data => window.postMessage({ type: 'reply', id: m.id, data: data && Uint8Array.from(data) }, '*'));
        },
        getState: () => undefined, setState: () => undefined,
      });
      if (t) {
        // As VS Code does: the theme's colours as custom properties on <html>, its kind as a class on <body>.
        document.addEventListener('DOMContentLoaded', () => {
          for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
          document.body.classList.add(t.body);
        });
      }
    }, theme);
    await page.goto(url);
    return { page, problems };
  }

  const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

  describe('the table preview page (what the extension shows beside a report)', () => {
    const text = corpusText('002');
    const service = createLanguageService({ locale: 'zh' });
    const tablesOf = (t: string, version: number) => service.tables(TextDocument.create('file:///ws/002.nianbao.txt', 'nianbao', version, t));
    const lines = new LineIndex(text);
    let url = '';

    before(() => {
      const r = tablesOf(text, 1);
      const nonce = makeNonce();
      url = '/preview';
      pages.set(url, previewPage({ cspSource: base, nonce, css: r.css, html: r.html, summary: `002.nianbao.txt · ${r.template} 年格式 · ${r.errors} 个错误`, lang: 'zh-CN' }));
    });

    it('draws 二, 三 and 四 as the official grids: 三 with 3 header rows and 23 rows × 7 numbers (2019), 四 with 15', async () => {
      const { page, problems } = await open(base + url, { theme: 'light', width: 900, height: 700 });
      const apps = await page.evaluate(gridOf, 'section[data-table="applications"] table');
      const rows = expectedRows(SAMPLE_READING['002'].applications).length;
      assert.strictEqual(rows, 23);
      assert.deepStrictEqual(apps, { rows: 3 + rows, head: 3, covered: new Array(3 + rows).fill(10), values: [0, 0, 0, ...new Array(rows).fill(7)] });
      const reviews = await page.evaluate(gridOf, 'section[data-table="reviews"] table');
      assert.deepStrictEqual(reviews, { rows: 4, head: 3, covered: [15, 15, 15, 15], values: [0, 0, 0, 15] });
      const proactive = await page.evaluate(gridOf, 'section[data-table="proactive"] table');
      // 2019: five blocks (一 五 六 八 九), each a heading row, a header row and its rows (2, 2, 2, 1, 1), 4 columns wide.
      assert.deepStrictEqual(proactive!.covered, new Array(5 * 2 + 8).fill(4));
      assert.deepStrictEqual(await page.locator('section[data-table="reviews"] thead th').allTextContents(), [
        '行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉',
        '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计',
      ]);
      assert.deepStrictEqual(await violations(page), []);
      assert.deepStrictEqual(problems, []);
      await page.close();
    });

    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      it(`marks the 四 行政复议 group's total 9 and the one term that could be wrong (14) as errors in the ${theme} theme, with the message on hover (screenshot)`, async () => {
        const { page, problems } = await open(base + url, { theme, width: 900, height: 700 });
        const group = page.locator('section[data-table="reviews"] td.v.m-error');
        // 14 + 4 + 0 + 0 = 18 ≠ 9: the total should be 18, or 14 should be 5; 4 and the zeros cannot be lowered by 9.
        assert.deepStrictEqual(await group.allTextContents(), ['14', '9']);
        const nine = group.last();
        assert.match((await nine.getAttribute('title')) ?? '', new RegExp(`行政复议 · 总计\\n错误：${REVIEW_TOTAL.replace(/[+]/g, '\\+')}`));
        // Marked by more than colour: a frame in the theme's error colour (and a ✗).
        const look = await nine.evaluate(el => {
          const s = getComputedStyle(el);
          return { outline: s.outlineStyle, outlineColor: s.outlineColor, before: getComputedStyle(el, '::before').content };
        });
        const error = THEMES[theme].vars['editorError-foreground'];
        const rgb = `rgb(${[1, 3, 5].map(i => parseInt(error.slice(i, i + 2), 16)).join(', ')})`;
        assert.deepStrictEqual(look, { outline: 'solid', outlineColor: rgb, before: '"✗ "' });
        assert.strictEqual(await page.locator('td.m-error, th.m-error').count(), 2, 'nothing else is an error');
        await nine.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(ARTIFACTS, `preview-${theme}.png`) });
        await page.screenshot({ path: path.join(ARTIFACTS, `preview-${theme}-full.png`), fullPage: true });
        assert.deepStrictEqual(await violations(page), []);
        assert.deepStrictEqual(problems, []);
        await page.close();
      });
    }

    it('a click on the 9 asks the editor to select it (line 407, column 2); Enter on a focused cell does too', async () => {
      const { page } = await open(base + url, { theme: 'dark', width: 900, height: 700 });
      const nine = page.locator('section[data-table="reviews"] td[data-v="9"]');
      await nine.click();
      const posted = await page.evaluate(() => (window as unknown as { posted: { type: string; start: number; end: number }[] }).posted);
      const reveal = posted.filter(m => m.type === 'reveal');
      assert.strictEqual(reveal.length, 1, JSON.stringify(posted));
      assert.strictEqual(text.slice(reveal[0].start, reveal[0].end), '9');
      assert.deepStrictEqual(lines.position(reveal[0].start), { line: 406, character: 1 });
      // The 14 before it, by keyboard.
      await page.locator('section[data-table="reviews"] td[data-v="14"]').focus();
      await page.keyboard.press('Enter');
      const again = await page.evaluate(() => (window as unknown as { posted: { type: string; start: number }[] }).posted.filter(m => m.type === 'reveal'));
      assert.strictEqual(text.slice(again[1].start, again[1].start + 2), '14');
      await page.close();
    });

    it('follows the editor: an edit redraws the grid (9 → 18, no longer marked), the cursor’s cell is outlined, the top line scrolls it', async () => {
      const { page } = await open(base + url, { theme: 'light', width: 900, height: 500 });
      const at = text.indexOf('\t9\n', lines.offset(406, 0)) + 1;
      assert.deepStrictEqual(lines.position(at), { line: 406, character: 1 });
      const edited = text.slice(0, at) + '18' + text.slice(at + 1);
      const r = tablesOf(edited, 2);
      await page.evaluate(m => window.postMessage(m, '*'), { type: 'update', html: r.html, summary: 'edited', version: 2 });
      await page.locator('body[data-version="2"]').waitFor({ state: 'attached' });
      const total = page.locator('section[data-table="reviews"] tbody td.v').nth(4);
      assert.strictEqual(await total.textContent(), '18');
      assert.strictEqual(await page.locator('.m-error').count(), 0);
      assert.strictEqual(await page.locator('#summary').textContent(), 'edited');

      await page.evaluate(offset => window.postMessage({ type: 'cursor', offset }, '*'), at);
      await page.locator('td.active').waitFor();
      assert.strictEqual(await page.locator('td.active').textContent(), '18');

      // The editor's top line at the 四 table's numbers (line 403): the preview shows that row at its top.
      await page.evaluate(offset => window.postMessage({ type: 'scroll', offset }, '*'), lines.offset(402, 0));
      const row = page.locator('section[data-table="reviews"] tbody tr');
      await page.waitForFunction(() => window.scrollY > 0);
      // At the top, or as near it as the page goes (the 四 table is the last thing on it).
      const box = await row.boundingBox();
      const atEnd = await page.evaluate(() => Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2);
      assert.ok(box && box.y >= 0 && box.y + box.height <= 500 && (box.y < 120 || atEnd), `the 四 row in view: ${JSON.stringify(box)}`);
      // Back to the report's first line: the top of the preview.
      await page.evaluate(() => window.postMessage({ type: 'scroll', offset: 0 }, '*'));
      await page.waitForFunction(() => window.scrollY === 0);
      await page.close();
    });
  });

  describe('the page view: a report text read from a PDF, its pages with the cells that have findings outlined', () => {
    const file = fixturePath('real/hongze-2023.pdf');
    const bytes = readFileSync(file);
    const uri = `nianbao-report:${pathToFileURL(file).pathname}?${encodeURIComponent(pathToFileURL(file).href)}`;
    let text = '';
    let marks: PdfMark[] = [];
    const url = '/pdf-preview';
    const sources = new SourceDocuments();
    let doc: TextDocument;

    before(async () => {
      // What the server does: the PDF read by the CLI's reader, the tables drawn, the marked cells placed on the pages.
      const read = await readDocument(bytes, file, { pdf: { loadCMap: loadCMapFromDisk } });
      text = read.text;
      doc = TextDocument.create(uri, 'nianbao', 1, text);
      const { marks: cells, ...r } = createLanguageService({ locale: 'zh' }).tables(doc);
      sources.keep(pathToFileURL(file).href, read);
      marks = sources.pdfPages(doc, cells)!.marks;
      pages.set(url, previewPage({
        cspSource: base, nonce: makeNonce(), css: r.css, html: r.html, summary: `hongze-2023.pdf · ${r.template} 年格式 · ${r.errors} 个错误`, lang: 'zh-CN',
        pdfScript: `${base}/dist/pdf.js`,
        pagesLabels: { pages: '显示 PDF 原页', tables: '显示表格', page: '第 {n} 页', loading: '正在打开 PDF…', unreadable: '无法读取 PDF 文件' },
      }));
    });

    /** The extension's answers: the file's bytes, the CMaps from dist/cmaps. */
    const answer = (m: { what: string; name?: string }) => {
      if (m.what === 'pdf-data') return [...bytes];
      if (m.what === 'cmap' && m.name && /^[\w.-]+$/.test(m.name)) return [...readFileSync(path.join(ROOT, 'dist', 'cmaps', `${m.name}.bcmap`))];
      return null;
    };

    it('shows page 4 drawn by pdfjs under the strict CSP, the two wrong 四 totals outlined over the printed 0s; a click selects the 0 in the text (screenshot)', async () => {
      const { page, problems } = await open(base + url, { theme: 'light', width: 1000, height: 900, answer });
      // Until the extension says the text has pages, no button; then the reader is loaded only on the click.
      const toggle = page.locator('#pdf-toggle');
      assert.ok(await toggle.isHidden());
      await page.evaluate(pdf => window.postMessage({ type: 'pdf', pdf }, '*'), { pages: 5, marks });
      await toggle.waitFor();
      assert.strictEqual(await page.evaluate(() => 'nianbaoPdf' in window), false, 'pdf.js is not loaded before the page view opens');
      await toggle.click();
      await page.locator('.nb-page[data-page="4"][data-drawn="true"]').waitFor({ timeout: 30000 });
      assert.strictEqual(await toggle.textContent(), '显示表格');
      assert.ok(await page.locator('#root').isHidden());
      const errors = page.locator('.nb-page[data-page="4"] .nb-mark.m-error');
      const titles = await errors.evaluateAll(els => els.map(el => el.getAttribute('title') ?? ''));
      const reconsideration = titles.findIndex(t => t.includes('行政复议总计应为 11'));
      const lawsuit = titles.findIndex(t => t.startsWith('行政诉讼·复议后起诉 · 总计') || t.includes('行政诉讼·复议后起诉：5 + 0 + 0 + 0 = 5'));
      assert.ok(reconsideration >= 0 && lawsuit >= 0, titles.join('\n---\n'));
      // Each outline stands over ink: the printed digit, dark on the white page, inside its box on the canvas.
      for (const i of [reconsideration, lawsuit]) {
        const box = (await errors.nth(i).boundingBox())!;
        const ink = await page.evaluate(b => {
          const canvas = document.querySelector('.nb-page[data-page="4"] canvas') as HTMLCanvasElement;
          const r = canvas.getBoundingClientRect();
          const k = canvas.width / r.width;
          const data = canvas.getContext('2d')!.getImageData(Math.round((b.x + 3 - r.left) * k), Math.round((b.y + 3 - r.top) * k), Math.round((b.width - 6) * k), Math.round((b.height - 6) * k)).data;
          let dark = 0;
          for (let p = 0; p < data.length; p += 4) if (data[p] + data[p + 1] + data[p + 2] < 300 && data[p + 3] > 0) dark++;
          return dark;
        }, box);
        assert.ok(ink > 5, `ink under the outline ${i}: ${ink} dark pixels`);
        assert.ok(box.width < 40 && box.height < 40, `one cell, not a row: ${JSON.stringify(box)}`);
      }
      await errors.nth(reconsideration).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'pdf-page-light.png') });
      await errors.nth(reconsideration).click();
      const reveal = await page.evaluate(() => (window as unknown as { posted: { type: string; start: number; end: number }[] }).posted.filter(m => m.type === 'reveal'));
      assert.strictEqual(reveal.length, 1);
      assert.strictEqual(text.slice(reveal[0].start, reveal[0].end), '0');
      // The 5th number of the 四 row `10 1 0 0 0 | …`: 行政复议 总计.
      const row = text.indexOf('| 10 | 1 | 0 | 0 | 0 |');
      assert.strictEqual(reveal[0].start, row + '| 10 | 1 | 0 | 0 | '.length);
      // The editor's cursor on that cell outlines it on the page too.
      await page.evaluate(offset => window.postMessage({ type: 'cursor', offset }, '*'), reveal[0].start);
      await page.locator('.nb-mark.m-error.active').waitFor();
      // Back to the grids.
      await toggle.click();
      assert.ok(await page.locator('#pdf').isHidden());
      assert.ok(await page.locator('#root').isVisible());
      assert.deepStrictEqual(await violations(page), []);
      assert.deepStrictEqual(problems, []);
      await page.close();
    });

    it('"reveal in the source file": the page shown with the place outlined (dark theme, screenshot)', async () => {
      const { page, problems } = await open(base + url, { theme: 'dark', width: 1000, height: 900, answer });
      await page.evaluate(pdf => window.postMessage({ type: 'pdf', pdf }, '*'), { pages: 5, marks });
      // The 10 (行政复议 结果维持), which has no finding: its place as the server answers nianbao/sourcePlace.
      const start = text.indexOf('| 10 | 1 | 0 | 0 | 0 |') + 2;
      const place = sources.place(doc, start, start + 2, 'zh')!;
      assert.deepStrictEqual([place.page, place.text], [4, '第 4 页第 21 行']);
      await page.evaluate(p => window.postMessage({ type: 'show-page', page: p.page, box: p.box }, '*'), place);
      const flash = page.locator('.nb-page[data-page="4"] .nb-flash');
      await flash.waitFor({ timeout: 30000 });
      // In view, over the printed 10 (left of the first outlined 0, on its line).
      const zero = (await page.locator('.nb-page[data-page="4"] .nb-mark.m-error').evaluateAll(els => els.map(el => el.getBoundingClientRect().toJSON() as DOMRect)))
        .find(r => r.width < 40);
      const b = (await flash.boundingBox())!;
      assert.ok(b.y >= 0 && b.y + b.height <= 900, `in view: ${JSON.stringify(b)}`);
      assert.ok(zero && Math.abs(b.y - zero.y) < 6 && b.x < zero.x, `on the 四 row, left of a marked total: ${JSON.stringify({ b, zero })}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'pdf-page-dark.png') });
      assert.deepStrictEqual(await violations(page), []);
      assert.deepStrictEqual(problems, []);
      await page.close();
    });
  });

  describe('the review page (`nianbao check --format html`)', () => {
    let file = '';
    before(() => {
      file = path.join(work, 'review.html');
      const r = runCli(['check', '--format', 'html', '-o', file, ...SAMPLE_IDS.map(corpusPath)]);
      assert.strictEqual(r.code, 1, r.stderr);
      pages.set('/review', readFileSync(file, 'utf8'));
    });

    it('lists the five reports in a summary table; sorts by a column; filters by text and by result', async () => {
      const { page, problems } = await open(base + '/review');
      const rows = page.locator('#reports tbody tr:not(.hidden)');
      assert.strictEqual(await rows.count(), 5);
      const row002 = page.locator('#reports tbody tr', { hasText: '002_' });
      // 2 %: a few phrases of 002's 一、五、六 are in 000 (张店区人民政府办公室) too; below what content-reuse reports.
      assert.deepStrictEqual((await row002.locator('td').allTextContents()).slice(1), ['张店区人民政府', '2020', '2019', '1', '2', '0', '2%', '合计不符']);
      // Real errors first: 002 (合计不符), 001 (格式不符), then the three that pass.
      assert.deepStrictEqual((await page.locator('#reports tbody tr td:last-child').allTextContents()), ['合计不符', '格式不符', '通过', '通过', '通过']);
      assert.strictEqual(await page.locator('#counts').textContent(), '5 份报告：合计不符 1格式不符 1通过 3');
      // Sort by 文字雷同, descending: the three 张店区 reports that share phrases first, 001 and 003 (none shared) last.
      const reuse = page.locator('#reports thead th', { hasText: '文字雷同' });
      await reuse.click();
      await reuse.click();
      assert.strictEqual(await reuse.getAttribute('aria-sort'), 'descending');
      const byReuse = (await page.locator('#reports tbody tr td:first-child').allTextContents()).map(f => path.basename(f).slice(0, 3));
      assert.deepStrictEqual([byReuse.slice(0, 3).sort(), byReuse.slice(3).sort()], [['000', '002', '004'], ['001', '003']]);
      // Sort by 错误, descending (two clicks): the two reports with an error first.
      const errors = page.locator('#reports thead th', { hasText: '错误' });
      await errors.click();
      await errors.click();
      assert.strictEqual(await errors.getAttribute('aria-sort'), 'descending');
      const firstTwo = (await page.locator('#reports tbody tr td:first-child').allTextContents()).slice(0, 2).map(f => path.basename(f).slice(0, 3)).sort();
      assert.deepStrictEqual(firstTwo, ['001', '002']);
      await page.locator('#reports thead th', { hasText: '年度' }).click();
      assert.deepStrictEqual((await page.locator('#reports tbody tr td:nth-child(3)').allTextContents()), ['2020', '2020', '2023', '2023', '2023']);
      await page.locator('#filter').fill('临淄');
      assert.strictEqual(await rows.count(), 1);
      assert.strictEqual(await page.locator('#shown').textContent(), '1 / 5');
      await page.locator('#filter').fill('');
      await page.locator('#status').selectOption('format');
      assert.deepStrictEqual((await rows.locator('td:first-child').allTextContents()).map(f => path.basename(f).slice(0, 3)).sort(), ['001']);
      // The reports below follow the filter.
      assert.deepStrictEqual((await page.locator('section.report:visible').evaluateAll(els => els.map(e => (e as HTMLElement).dataset.file!))).map(f => path.basename(f).slice(0, 3)).sort(), ['001']);
      assert.deepStrictEqual(await violations(page), []);
      assert.deepStrictEqual(problems, []);
      await page.close();
    });

    it('draws every report’s tables as the preview does, the 9 marked; finding and cell link to each other', async () => {
      const { page } = await open(base + '/review');
      const report = page.locator('section.report', { hasText: '002_' }).first();
      const id = await report.getAttribute('id');
      assert.deepStrictEqual(await page.evaluate(gridOf, `#${id} section[data-table="applications"] table`), {
        rows: 26, head: 3, covered: new Array(26).fill(10), values: [0, 0, 0, ...new Array(23).fill(7)],
      });
      for (const r of await page.locator('section.report').all()) {
        const rid = await r.getAttribute('id');
        const g = await page.evaluate(gridOf, `#${rid} section[data-table="reviews"] table`);
        assert.deepStrictEqual(g!.covered, [15, 15, 15, 15], `${rid} 四`);
      }
      const nine = report.locator('section[data-table="reviews"] td.m-error[data-v="9"]');
      assert.strictEqual(await nine.textContent(), '9');
      // Cell → finding: the 9 links to the group's finding in the list of findings.
      await nine.locator('a').click();
      const finding = page.locator('ol.findings li:target');
      assert.match((await finding.textContent()) ?? '', new RegExp(`错误 四表 · 行政复议 第 403 行第 2 列：${REVIEW_TOTAL.replace(/[+]/g, '\\+')}`));
      // Finding → cell: the group's first cell, the 14.
      await finding.getByText('在表中查看').click();
      assert.strictEqual(await page.evaluate(() => document.querySelector(':target')?.textContent), '14');
      await page.close();
    });

    it('charts how each body handled its applications, and the area’s totals, as read in the reports', async () => {
      const { page } = await open(base + '/review');
      // The 总计 column of each result row, by hand from the values read in the samples.
      const total = (key: string) => SAMPLE_IDS.reduce((sum, id) => sum + expectedRows(SAMPLE_READING[id].applications).filter(r => r.key === key || r.key.startsWith(`${key}.`)).reduce((a, r) => a + r.values[6]!, 0), 0);
      const bars = page.locator('svg.nb-chart');
      assert.strictEqual(await bars.count(), 1);
      const area = async (category: string) => Number(await bars.locator(`rect[data-category="${category}"]`).last().getAttribute('data-value'));
      for (const key of ['granted', 'denied', 'unavailable', 'rejected', 'other']) assert.strictEqual(await area(key), total(key), key);
      // 002 (张店区人民政府): 57 予以公开, 13 + 10 不予公开, 3 + 5 无法提供, 43 其他处理.
      const link = bars.locator('a[href]', { hasText: '张店区人民政府 2020' });
      const href = await link.getAttribute('href');
      assert.strictEqual(await page.locator(`${href}`).getAttribute('data-file'), corpusPath('002'));
      await page.close();
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`reads in the ${scheme} scheme (screenshots)`, async () => {
        const { page } = await open(base + '/review', { scheme });
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.strictEqual(bg, scheme === 'dark' ? 'rgb(30, 30, 30)' : 'rgb(255, 255, 255)');
        await page.screenshot({ path: path.join(ARTIFACTS, `review-${scheme}.png`) });
        const report = page.locator('section.report', { hasText: '002_' }).first();
        await report.locator('section[data-table="reviews"]').scrollIntoViewIfNeeded();
        await report.locator('section[data-table="reviews"]').screenshot({ path: path.join(ARTIFACTS, `review-${scheme}-002-reviews.png`) });
        await page.screenshot({ path: path.join(ARTIFACTS, `review-${scheme}-full.png`), fullPage: true });
        await page.close();
      });
    }
  });

  describe('the review page of a reviewer’s batch (issue 25, 18.2)', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(path.join(work, 'batch-'));
      for (const id of SAMPLE_IDS) copyFileSync(corpusPath(id), path.join(dir, `${id}.txt`));
      // The real 上海 page and its text as a browser or crawler saved it: one report in two files.
      const page = fixturePath('documents/shanghai-2019-bangongting.html');
      copyFileSync(page, path.join(dir, 'shanghai.html'));
      writeFileSync(path.join(dir, 'shanghai.txt'), readDocumentSync(new Uint8Array(readFileSync(page)), 'shanghai.html').text);
      // A crawled text with the crawler's header (crawled-pipes-1: 杨凌示范区 审计局, 2022; no 三 or 四 table).
      const crawled = readFileSync(fixturePath('layouts/crawled-pipes-1.txt'), 'utf8').split('\n').slice(1).join('\n');
      writeFileSync(path.join(dir, 'yangling.txt'), `标题: 2022年政府信息公开工作年度报告\n发布机构: 杨凌示范区审计局\n${crawled}`);
      // Files beside them that are not reports.
      writeFileSync(path.join(dir, 'README.md'), '# 说明\n本文件夹存放各单位报送的年度报告，请勿改名。\n');
      writeFileSync(path.join(dir, 'INDEX.md'), '# 目录\n- 000.txt\n- 001.txt\n');
      const file = path.join(work, 'batch.html');
      const r = runCli(['check', '--format', 'html', '-o', file, dir]);
      assert.strictEqual(r.code, 1, r.stderr);
      pages.set('/batch', readFileSync(file, 'utf8'));
    });

    it('one status per report, real errors first; the two non-reports apart, out of the counts and the chart (screenshots)', async () => {
      const { page, problems } = await open(base + '/batch', { width: 1280, height: 1000 });
      const name = (f: string) => path.basename(f);
      const rows = await page.locator('#reports tbody tr').evaluateAll(trs => trs.map(tr => [tr.querySelector('td')!.textContent!, tr.querySelector('td:last-child')!.textContent!]));
      // 002: its 行政复议 total (合计不符); the crawled text: no 三 or 四 table (缺部分); the 上海 page and its
      // text: blank cells where numbers belong, and 001: a 二 row of two numbers (格式不符), the one with more
      // errors first; 000, 003, 004 pass.
      assert.deepStrictEqual(rows.map(([f, s]) => [name(f), s]), [
        ['002.txt', '合计不符'], ['yangling.txt', '缺部分'], ['shanghai.html', '格式不符'], ['shanghai.txt', '格式不符'],
        ['001.txt', '格式不符'], ['003.txt', '通过'], ['000.txt', '通过'], ['004.txt', '通过'],
      ]);
      assert.strictEqual(await page.locator('#counts').textContent(), '8 份报告：合计不符 1缺部分 1格式不符 3通过 3另有 2 个文件不是年报，未检查');
      assert.deepStrictEqual((await page.locator('ul.not-reports li').allTextContents()).map(name), ['INDEX.md', 'README.md']);
      assert.match((await page.locator('p.same').textContent()) ?? '', /上海市人民政府办公厅 2019 年的报告有多份：shanghai\.html、shanghai\.txt/);
      // The crawled text's body and year, from its header.
      assert.deepStrictEqual((await page.locator('#reports tbody tr', { hasText: 'yangling' }).locator('td').allTextContents()).slice(1, 3), ['杨凌示范区审计局', '2022']);
      // A bar per report with a 三 table (the crawled text has none), none for the files that are not reports.
      assert.strictEqual(await page.locator('svg.nb-chart g.bar[data-report]').count(), 7);
      await page.screenshot({ path: path.join(ARTIFACTS, 'review-batch.png') });
      await page.screenshot({ path: path.join(ARTIFACTS, 'review-batch-full.png'), fullPage: true });
      assert.deepStrictEqual(await violations(page), []);
      assert.deepStrictEqual(problems, []);
      await page.close();
    });

    it('the chart follows the filter: the bars of the reports shown, and their totals', async () => {
      const { page } = await open(base + '/batch', { width: 1280, height: 1000 });
      const chart = page.locator('svg.nb-chart');
      const shownBars = () => chart.locator('g.bar[data-report]:not([display="none"]) text.label').allTextContents();
      const total = async (key: string) => Number(await chart.locator(`g.bar[data-total] rect[data-category="${key}"]`).getAttribute('data-value'));
      // The area's 予以公开 over every report with a readable 总计 column, by hand: the samples' 总计 of （一）予以公开.
      const granted = (ids: (typeof SAMPLE_IDS)[number][]) => ids.reduce((a, id) => a + expectedRows(SAMPLE_READING[id].applications).find(r => r.key === 'granted')!.values[6]!, 0);
      assert.strictEqual(await total('granted'), granted(SAMPLE_IDS));
      await page.locator('#status').selectOption('pass');
      assert.deepStrictEqual((await shownBars()).sort(), ['张店区人民政府办公室 2023', '张店区发展和改革局 2023', '淄博市张店区机关事务服务中心 2020']);
      assert.strictEqual(await total('granted'), granted(['000', '003', '004']));
      assert.strictEqual(await chart.locator('tspan[data-legend="granted"]').textContent(), String(granted(['000', '003', '004'])));
      // The shown bars are stacked from the top, the totals bar right below them.
      const boxes = await chart.locator('g.bar:not([display="none"])').evaluateAll(gs => gs.map(g => (g as SVGGElement).getBoundingClientRect().top));
      assert.ok(boxes.every((y, i) => i === 0 || y > boxes[i - 1]), JSON.stringify(boxes));
      await page.screenshot({ path: path.join(ARTIFACTS, 'review-batch-filtered.png') });
      await page.locator('#filter').fill('临淄');
      await page.locator('#status').selectOption('');
      assert.deepStrictEqual(await shownBars(), ['临淄区人民政府办公室 2023']);
      assert.strictEqual(await total('granted'), granted(['001']));
      // And back to every report.
      await page.locator('#filter').fill('');
      assert.strictEqual((await shownBars()).length, 7);
      assert.strictEqual(await total('granted'), granted(SAMPLE_IDS));
      await page.close();
    });

    it('draws every bar label whole, inside the chart', async () => {
      const { page } = await open(base + '/batch', { width: 1280, height: 1000 });
      const labels = await page.locator('svg.nb-chart text.label').evaluateAll(ts => ts.map(t => {
        const svg = t.closest('svg')!.getBoundingClientRect();
        const box = t.getBoundingClientRect();
        return { text: t.childNodes[0].textContent, inside: box.left >= svg.left - 0.5 };
      }));
      assert.ok(labels.length >= 7);
      for (const l of labels) {
        assert.ok(l.inside, `${l.text} starts inside the chart`);
        assert.doesNotMatch(l.text ?? '', /…$/);
      }
      assert.ok(labels.some(l => l.text === '淄博市张店区机关事务服务中心 2020'), 'the longest name, whole');
      await page.close();
    });

    it('a correct report on one line: no red cell (one finding spans the line; it marks none)', async () => {
      // 004 (its tables add up) as a crawled page's text, all on one line, its heading 六 dropped.
      const text = readDocumentSync(toHtml(reportDocument(corpusText('004')), { charset: 'utf-8', blank: 'empty' }), '004.html').text
        .replace(/\n+/g, ' ').replace('六、其他需要报告的事项', '');
      const file = path.join(work, 'oneline.txt');
      writeFileSync(file, text);
      const out = path.join(work, 'oneline.html');
      const r = runCli(['check', '--format', 'html', '-o', out, file]);
      assert.strictEqual(r.code, 1, r.stderr);
      pages.set('/oneline', readFileSync(out, 'utf8'));
      const { page, problems } = await open(base + '/oneline', { width: 1280, height: 900 });
      assert.deepStrictEqual(await page.locator('ol.findings li').allTextContents(), [`错误 「张店区发展和改革局 2023年政…」 第 1 行第 1 列：缺少第六部分“六、其他需要报告的事项” [section-missing]`]);
      assert.strictEqual(await page.locator('section[data-table] td.v').count(), 10 + 175 + 15, 'the 2021 tables drawn');
      assert.strictEqual(await page.locator('.nb-grid .m-error, .nb-grid .m-warning').count(), 0, 'no cell marked');
      const red = await page.locator('.nb-grid td, .nb-grid th').evaluateAll(cells => cells.filter(c => getComputedStyle(c).outlineStyle !== 'none' || getComputedStyle(c, '::before').content.includes('✗')).length);
      assert.strictEqual(red, 0);
      await page.locator('section[data-table="applications"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'review-oneline.png') });
      assert.deepStrictEqual(problems, []);
      await page.close();
    });
  });
});
