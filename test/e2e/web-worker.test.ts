/**
 * The web build of the language server (dist/web/server.js) in a real browser Web Worker, as VS Code
 * for the web runs it: Chromium loads it from a local page and the page speaks LSP to it with
 * postMessage.
 */
import * as assert from 'assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import {
  bytesToBase64, CMapRequest, FindConfigRequest, ReadDocumentRequest, StatusNotification, TablesRequest, type ReadDocumentResult, type TablesResult,
} from '../../server/src/protocol';
import { readDocumentSync } from '../../server/src/readers/sync';
import { readDocument } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';
import { cmapPdf } from '../helpers/pdfgen';
import { decodeReport } from '../../server/src/protocol/decode';
import { FIXTURES, fixturePath, oneFinding002, ROOT } from '../helpers/corpus';
import { reportDocument, toDocx, toHtml } from '../helpers/fileFormats';

const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.NIANBAO_E2E_REQUIRED === '1';

const PAGE = `<!doctype html><meta charset="utf-8"><script>
  window.received = [];
  // What this page answers to the server's requests, by method; null for the others.
  window.answers = {};
  const worker = new Worker('/server.js');
  worker.onmessage = e => {
    const m = e.data;
    // The web server asks the client for .nianbaorc.json (at first there is none here), for a CMap of the PDF reader.
    const answer = window.answers[m.method];
    if (m.id !== undefined && m.method) worker.postMessage({ jsonrpc: '2.0', id: m.id, result: (typeof answer === 'function' ? answer(m.params) : answer) ?? null });
    window.received.push(m);
  };
  window.send = m => worker.postMessage(m);
</script>`;

describe('the web build of the server in a browser Web Worker', function () {
  this.timeout(60000);
  let server: Server;
  let browser: { close(): Promise<void> } | null = null;
  let page: import('playwright-core').Page;
  let profile = '';
  /** What the page and its worker asked the test server for. */
  const served: string[] = [];

  before(async function () {
    let playwright: typeof import('playwright-core');
    try {
      playwright = require('playwright-core');
    } catch {
      playwright = null as never;
    }
    if (!playwright || !existsSync(CHROMIUM)) {
      if (required) throw new Error(`Chromium (${CHROMIUM}) or playwright-core is missing: run scripts/setup-code-server.sh`);
      console.log('      (skipped: Chromium is not installed — `bash scripts/setup-code-server.sh` installs it)');
      this.skip();
    }
    const bundle = path.join(ROOT, 'dist', 'web', 'server.js');
    if (!existsSync(bundle)) throw new Error('dist/web/server.js is missing: run `npm run build` first');
    server = createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === '/server.js' || req.url === '/pdf.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(req.url === '/server.js' ? bundle : path.join(ROOT, 'dist', 'pdf.js')));
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    // Chromium writes crash reports and dconf under $HOME: keep them in a temp folder.
    profile = mkdtempSync(path.join(tmpdir(), 'nianbao-chromium-'));
    const b = await playwright.chromium.launch({
      executablePath: CHROMIUM,
      env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: path.join(profile, 'config'), XDG_CACHE_HOME: path.join(profile, 'cache') },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    browser = b;
    page = await b.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('answers initialize and publishes the 002 四 total on the 9', async () => {
    await page.evaluate(text => {
      const send = (globalThis as unknown as { send: (m: unknown) => void }).send;
      // As the VS Code client does: where the PDF reader is (dist/pdf.js, loaded by the worker on the first PDF).
      send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, locale: 'zh-cn', capabilities: {}, initializationOptions: { pdfReader: `${location.origin}/pdf.js` } } });
      send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'memfs:/002.txt', languageId: 'nianbao', version: 1, text } } });
    }, oneFinding002());
    const published = await page.waitForFunction(() => {
      const r = (globalThis as unknown as { received: { method?: string; params?: { diagnostics: unknown[] } }[] }).received;
      return r.find(m => m.method === 'textDocument/publishDiagnostics');
    }, undefined, { timeout: 20000 });
    const p = (await published.jsonValue()) as { params: { diagnostics: { code: string; range: { start: { line: number; character: number } }; message: string }[] } };
    const d = p.params.diagnostics.find(x => x.code === 'review-total')!;
    assert.deepStrictEqual(d.range.start, { line: 402, character: 1 });
    assert.strictEqual(d.message, '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实');
    const init = await page.evaluate(() => (globalThis as unknown as { received: { id?: number; result?: { capabilities: Record<string, unknown> } }[] }).received.find(m => m.id === 1));
    assert.ok(init?.result?.capabilities.codeActionProvider);
  });

  it('gives the outline from the worker', async () => {
    await page.evaluate(() => (globalThis as unknown as { send: (m: unknown) => void }).send({ jsonrpc: '2.0', id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'memfs:/002.txt' } } }));
    const answer = await page.waitForFunction(() => (globalThis as unknown as { received: { id?: number }[] }).received.find(m => m.id === 2), undefined, { timeout: 10000 });
    const symbols = ((await answer.jsonValue()) as { result: { name: string }[] }).result;
    assert.deepStrictEqual(symbols.map(s => s.name), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  });

  it('draws the tables for the preview in the worker (VS Code for the web): the 行政复议 group marked', async () => {
    await page.evaluate(method => (globalThis as unknown as { send: (m: unknown) => void }).send({ jsonrpc: '2.0', id: 3, method, params: { uri: 'memfs:/002.txt' } }), TablesRequest.method);
    const answer = await page.waitForFunction(() => (globalThis as unknown as { received: { id?: number }[] }).received.find(m => m.id === 3), undefined, { timeout: 10000 });
    const r = ((await answer.jsonValue()) as { result: TablesResult }).result;
    assert.deepStrictEqual([r.uri, r.version, r.template, r.errors], ['memfs:/002.txt', 1, '2019', 1]);
    const marked = r.html.match(/<td class="v m-error"[^>]*>\d+<\/td>/g) ?? [];
    // The group's total and the one term that could be wrong (14 + 4 + 0 + 0 = 18 ≠ 9: 9 → 18 or 14 → 5).
    assert.deepStrictEqual(marked.map(m => />(\d+)</.exec(m)![1]), ['14', '9'], r.html.slice(0, 200));
    assert.match(marked[1], /title="行政复议 · 总计\n错误：行政复议：14 \+ 4 \+ 0 \+ 0 = 18，总计为 9；总计或其中一项有误/);
    assert.ok(r.css.includes('.nb-grid'));
  });

  it('applies the .nianbaorc.json text the client sends (with comments), validated in the worker', async () => {
    await page.evaluate(({ method, text }) => {
      const w = globalThis as unknown as { answers: Record<string, unknown>; send: (m: unknown) => void };
      w.answers[method] = { file: 'memfs:/ws/.nianbaorc.json', text: '{\n  // 先作为警告\n  "rules": { "review-total": "warning", "fee-statement": "off", },\n}\n' };
      w.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'memfs:/ws/a/002.txt', languageId: 'nianbao', version: 1, text } } });
    }, { method: FindConfigRequest.method, text: oneFinding002() });
    const published = await page.waitForFunction(() => {
      const r = (globalThis as unknown as { received: { method?: string; params?: { uri: string } }[] }).received;
      return r.find(m => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === 'memfs:/ws/a/002.txt');
    }, undefined, { timeout: 20000 });
    const p = (await published.jsonValue()) as unknown as { params: { diagnostics: { code: string; severity: number }[] } };
    assert.deepStrictEqual(p.params.diagnostics.map(d => [d.code, d.severity]), [['review-total', 2]]);
    const status = await page.waitForFunction(method => {
      const r = (globalThis as unknown as { received: { method?: string; params?: { uri: string; configFile: string | null } }[] }).received;
      return r.find(m => m.method === method && m.params?.uri === 'memfs:/ws/a/002.txt');
    }, StatusNotification.method, { timeout: 10000 });
    assert.strictEqual(((await status.jsonValue()) as { params: { configFile: string } }).params.configFile, 'memfs:/ws/.nianbaorc.json');
  });

  it('reads a GBK web page and a Word file in the worker ("Open as Report Text" in VS Code for the web) to the text Node reads', async () => {
    const doc = reportDocument(oneFinding002());
    const files: [string, Uint8Array][] = [['002.html', toHtml(doc, { charset: 'gbk', blank: 'empty' })], ['002.docx', toDocx(doc)]];
    let id = 10;
    for (const [name, bytes] of files) {
      const ask = ++id;
      await page.evaluate(({ method, ask, name, data }) => (globalThis as unknown as { send: (m: unknown) => void }).send({ jsonrpc: '2.0', id: ask, method, params: { name, data } }),
        { method: ReadDocumentRequest.method, ask, name, data: bytesToBase64(bytes) });
      const answer = await page.waitForFunction(n => (globalThis as unknown as { received: { id?: number }[] }).received.find(m => m.id === n), ask, { timeout: 20000 });
      const r = ((await answer.jsonValue()) as { result: ReadDocumentResult }).result;
      assert.deepStrictEqual([r.kind, r.problems, r.report], [name.endsWith('.docx') ? 'docx' : 'html', [], true], name);
      // The browser's TextDecoder (GB18030) and the zip reader give the text the Node readers give.
      assert.strictEqual(r.text, readDocumentSync(bytes, name, { decodeText: decodeReport }).text, name);
      assert.ok(r.text.includes('| 14 | 4 | 0 | 0 | 9 |'), name);
    }
  });

  it('reads every PDF fixture in the worker, loading the PDF reader (dist/pdf.js) on the first one, to the text Node reads; a Chinese font’s CMap comes from the client', async () => {
    const loaded = () => served.filter(u => u === '/pdf.js').length;
    assert.strictEqual(loaded(), 0, 'not loaded before a PDF comes');
    // As the VS Code client answers: the extension's dist/cmaps/<name>.bcmap, base64.
    const dir = path.join(ROOT, 'dist', 'cmaps');
    const cmaps = Object.fromEntries(readdirSync(dir).map(f => [f.replace(/\.bcmap$/, ''), bytesToBase64(readFileSync(path.join(dir, f)))]));
    await page.evaluate(({ method, cmaps }) => {
      const w = globalThis as unknown as { answers: Record<string, unknown>; asked: string[] };
      w.asked = [];
      w.answers[method] = (p: { name: string }) => {
        w.asked.push(p.name);
        return cmaps[p.name] ?? null;
      };
    }, { method: CMapRequest.method, cmaps });
    // Every PDF among the fixtures (the real reports first), then one set in a font that needs a CMap.
    const fixtures = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter(f => /\.pdf$/i.test(f))
      .map(f => f.split(path.sep).join('/')).sort((a, b) => Number(b.startsWith('real/')) - Number(a.startsWith('real/')) || a.localeCompare(b));
    assert.ok(fixtures.includes('real/hongze-2023.pdf') && fixtures.length > 3, fixtures.join(', '));
    const files: [string, Uint8Array][] = [
      ...fixtures.map((f): [string, Uint8Array] => [path.basename(f), new Uint8Array(readFileSync(fixturePath(f)))]),
      ['cmap.pdf', cmapPdf('政府信息公开')],
    ];
    let id = 20;
    for (const [name, bytes] of files) {
      const ask = ++id;
      await page.evaluate(({ method, ask, name, data }) => (globalThis as unknown as { send: (m: unknown) => void }).send({ jsonrpc: '2.0', id: ask, method, params: { name, data } }),
        { method: ReadDocumentRequest.method, ask, name, data: bytesToBase64(bytes) });
      const answer = await page.waitForFunction(n => (globalThis as unknown as { received: { id?: number }[] }).received.find(m => m.id === n), ask, { timeout: 60000 });
      const r = ((await answer.jsonValue()) as { result: ReadDocumentResult }).result;
      assert.deepStrictEqual([r.kind, r.problems], ['pdf', []], name);
      const node = await readDocument(bytes, name, { pdf: { loadCMap: loadCMapFromDisk } });
      assert.strictEqual(r.text, node.text, name);
    }
    assert.strictEqual(loaded(), 1, 'loaded once');
    // The text of cmap.pdf is set in STSong-Light, UniGB-UCS2-H: its CMap (and the one to Unicode) asked of the client.
    assert.deepStrictEqual(await page.evaluate(() => (globalThis as unknown as { asked: string[] }).asked), ['UniGB-UCS2-H', 'Adobe-GB1-UCS2']);
  });
});
