/**
 * The converter matrix (issue 19): every report document run through the tools people use to turn
 * PDFs, Word files and web pages into text, each output kept exactly as the tool wrote it.
 *
 *   npx tsx scripts/matrix/generate.ts [--documents] [--tool NAME[,NAME…]] [--doc ID[,ID…]]
 *
 * Documents (test/fixtures/matrix/documents/, or the real files already in test/fixtures):
 *   - the five samples as Word files (test/helpers/fileFormats.ts `reportDocument` + `toDocx`), as PDFs
 *     made from those by LibreOffice (`soffice --headless --convert-to pdf`, as offices publish them)
 *     and as the generator's web page (`toHtml`);
 *   - the real published PDFs and web page (test/fixtures/real, test/fixtures/documents, and
 *     test/fixtures/matrix/documents/real with its README).
 * `--documents` rewrites the sample documents (a Word file only when its content changed, so its
 * PDF is made again only then); without it they are made only when missing.
 *
 * Each output is written to test/fixtures/matrix/<document>/<input>.<tool>.<txt|md|html>, preceded by
 * one header line `<!-- nianbao-matrix: tool=<name> <version>; command=<command>; source=<file> -->`.
 * A tool that is not installed is skipped with a line that says so; its committed outputs stay.
 * manifest.json is rebuilt from the headers of every output on disk.
 *
 * Needs (each optional, skipped when absent): poppler-utils, mupdf-tools, python3-fitz,
 * python3-pdfminer, python3-bs4, python3-html2text, pandoc, tesseract-ocr + tesseract-ocr-chi-sim,
 * libreoffice-writer-nogui, chromium (Debian); pdfplumber in the Python named by $PDFPLUMBER_PYTHON;
 * the npm tools of scripts/matrix/tools (`npm ci --prefix scripts/matrix/tools`).
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as http from 'http';
import { tmpdir } from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { corpusText } from '../../test/helpers/corpus';
import { reportDocument, toDocx, toHtml } from '../../test/helpers/fileFormats';
import { DOCS, DOCUMENTS, HEADER_PREFIX, MATRIX, parseHeader, SAMPLE_IDS, TOOL_KINDS, type Input, type ManifestEntry } from './common';

const ROOT = path.resolve(__dirname, '..', '..');
const TOOLS_DIR = path.join(__dirname, 'tools');
const abs = (rel: string) => path.join(ROOT, rel);

// ---------------------------------------------------------------- helpers

const PYTHON = process.env.MATRIX_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Buffer {
  return execFileSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function firstLine(b: Buffer | string): string {
  return String(b).split('\n')[0].trim();
}

function debVersion(pkg: string): string | null {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout ? r.stdout.trim() : null;
}

function pyHas(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

function py(python: string, code: string, args: string[]): Buffer {
  return run(python, ['-c', code, ...args]);
}

function npmTool(name: string): string | null {
  const pkg = path.join(TOOLS_DIR, 'node_modules', name, 'package.json');
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')).version as string) : null;
}

function requireTool<T = any>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(name, { paths: [TOOLS_DIR] }));
}

async function importTool<T = any>(name: string): Promise<T> {
  const { pathToFileURL } = await import('url');
  return import(pathToFileURL(require.resolve(name, { paths: [TOOLS_DIR] })).href) as Promise<T>;
}

// ---------------------------------------------------------------- Chromium (shared)

const CHROMIUM = process.env.MATRIX_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PDFJS = path.join(ROOT, 'node_modules', 'pdfjs-dist');

/** The pdf.js viewer component (pdfjs-dist/web/pdf_viewer.mjs) on a page, every page rendered at once. */
const VIEWER_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/pdfjs/web/pdf_viewer.css">
<style>#viewerContainer{position:absolute;top:0;left:0;right:0;bottom:0;overflow:auto}</style></head>
<body><div id="viewerContainer"><div id="viewer" class="pdfViewer"></div></div>
<script type="module">
const pdfjsLib = await import('/pdfjs/build/pdf.mjs');
globalThis.pdfjsLib = pdfjsLib;
const { PDFViewer, EventBus, PDFLinkService } = await import('/pdfjs/web/pdf_viewer.mjs');
pdfjsLib.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.mjs';
const eventBus = new EventBus();
const linkService = new PDFLinkService({ eventBus });
const viewer = new PDFViewer({ container: document.getElementById('viewerContainer'), eventBus, linkService });
linkService.setViewer(viewer);
const rendered = new Set();
eventBus.on('pagesinit', () => { viewer.currentScaleValue = '0.3'; });
eventBus.on('textlayerrendered', e => { rendered.add(e.pageNumber); window.textLayers = rendered.size; });
window.viewer = viewer;
const doc = await pdfjsLib.getDocument({ url: new URLSearchParams(location.search).get('file'), cMapUrl: '/pdfjs/cmaps/', cMapPacked: true, standardFontDataUrl: '/pdfjs/standard_fonts/' }).promise;
viewer.setDocument(doc);
linkService.setDocument(doc);
</script></body></html>`;

interface Browser {
  origin: string;
  /** A page at `url` (on this machine's server), after `prepare`. */
  open(url: string, prepare?: (page: any) => Promise<void>): Promise<any>;
  /** What a person gets from Ctrl+A, Ctrl+C on the page. */
  copy(page: any): Promise<string>;
  close(): Promise<void>;
}

let browserPromise: Promise<Browser> | null = null;

function browser(): Promise<Browser> {
  browserPromise ??= (async () => {
    const { chromium } = await import('playwright-core');
    const server = http.createServer((req, res) => {
      const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
      try {
        if (url === '/viewer.html') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(VIEWER_PAGE);
          return;
        }
        const file = url.startsWith('/pdfjs/') ? path.join(PDFJS, url.slice('/pdfjs/'.length)) : path.join(ROOT, url);
        if (!file.startsWith(ROOT)) throw new Error('outside');
        // Pages as their sites serve them: UTF-8 (the Shanghai fragment has no <meta charset> of its own).
        const type = /\.m?js$/.test(file) ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : /\.html?$/.test(file) ? 'text/html; charset=utf-8' : 'application/octet-stream';
        const bytes = readFileSync(file);
        res.writeHead(200, { 'content-type': type });
        res.end(bytes);
      } catch {
        res.writeHead(404);
        res.end();
      }
    }).listen(0, '127.0.0.1');
    await new Promise(r => server.once('listening', r));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    // A tall window: the viewer renders every page of a report at once (no page is evicted).
    const ctx = await b.newContext({ viewport: { width: 1280, height: 12000 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    return {
      origin,
      async open(url, prepare) {
        const page = await ctx.newPage();
        await page.goto(origin + url, { waitUntil: 'load' });
        if (prepare) await prepare(page);
        return page;
      },
      async copy(page) {
        await page.evaluate(() => navigator.clipboard.writeText(''));
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Control+C');
        await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0, null, { timeout: 60_000, polling: 100 });
        return page.evaluate(() => navigator.clipboard.readText());
      },
      async close() {
        await b.close();
        server.close();
      },
    };
  })();
  return browserPromise;
}

async function viewerReady(page: any): Promise<void> {
  await page.waitForFunction(() => (window as any).viewer?.pagesCount > 0 && (window as any).textLayers === (window as any).viewer.pagesCount, null, { timeout: 120_000 });
}

// ---------------------------------------------------------------- the tools

interface Tool {
  name: string;
  input: Input;
  ext: 'txt' | 'md' | 'html';
  /** The tool and its version, or why it cannot run here. */
  version(): Promise<{ version: string } | { missing: string }>;
  command(file: string): string;
  run(file: string): Promise<Buffer | string>;
}

const memo = <T>(f: () => Promise<T>) => {
  let p: Promise<T> | null = null;
  return () => (p ??= f());
};

const popplerVersion = memo(async () => (which('pdftotext') ? { version: firstLine(spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).stderr).replace('pdftotext version ', '') } : { missing: 'pdftotext not found (apt-get install poppler-utils)' }));
const pandocVersion = memo(async () => (which('pandoc') ? { version: firstLine(run('pandoc', ['--version'])).replace('pandoc ', '') } : { missing: 'pandoc not found (apt-get install pandoc)' }));
const sofficeVersion = memo(async () => (which('soffice') ? { version: firstLine(run('soffice', ['--version'])).replace(/^LibreOffice /, '').replace(/ .*$/, '') } : { missing: 'soffice not found (apt-get install libreoffice-writer-nogui)' }));
const chromiumVersion = memo(async () => {
  if (!existsSync(CHROMIUM)) return { missing: `${CHROMIUM} not found (apt-get install chromium)` };
  try {
    await import('playwright-core');
  } catch {
    return { missing: 'playwright-core not installed (npm ci)' };
  }
  return { version: firstLine(run(CHROMIUM, ['--version'])).replace(/^Chromium /, '').replace(/ .*$/, '') };
});
const pdfjsVersion = memo(async () => {
  const c = await chromiumVersion();
  if ('missing' in c) return c;
  const pkg = path.join(PDFJS, 'package.json');
  if (!existsSync(pkg)) return { missing: 'pdfjs-dist not installed (npm ci)' };
  return { version: `${JSON.parse(readFileSync(pkg, 'utf8')).version} (Chromium ${c.version})` };
});
const npmVersion = (name: string) => memo(async () => {
  const v = npmTool(name);
  return v ? { version: v } : { missing: `${name} not installed (npm ci --prefix scripts/matrix/tools)` };
});
const pyVersion = (module: string, expr: string, deb: string, python = PYTHON) => memo(async () => {
  if (!pyHas(python, module)) return { missing: `${python}: no module ${module} (apt-get install ${deb})` };
  return { version: String(py(python, `import ${module}; print(${expr})`, [])).trim() };
});

const withTmp = async <T>(f: (dir: string) => Promise<T> | T): Promise<T> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-matrix-'));
  try {
    return await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

function soffice(file: string, filter: string, outExt: string): Promise<Buffer> {
  return withTmp(dir => {
    // Its own profile: a LibreOffice already running (or another helper's) does not take the job.
    run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', filter, '--outdir', dir, abs(file)]);
    return readFileSync(path.join(dir, path.basename(file).replace(/\.[^.]+$/, `.${outExt}`)));
  });
}

const TESSERACT_DPI = 300;
const PDFPLUMBER_PYTHON = process.env.PDFPLUMBER_PYTHON ?? PYTHON;

const PDFPLUMBER_CODE = 'import sys, pdfplumber; pdf = pdfplumber.open(sys.argv[1]); sys.stdout.write("\\n".join(p.extract_text() for p in pdf.pages))';
const PYMUPDF_CODE = 'import sys, fitz; sys.stdout.write("".join(p.get_text() for p in fitz.open(sys.argv[1])))';
const BS4_CODE = 'import sys; from bs4 import BeautifulSoup; sys.stdout.write(BeautifulSoup(open(sys.argv[1], encoding="utf-8").read(), "html.parser").get_text())';
const BS4_LINES_CODE = 'import sys; from bs4 import BeautifulSoup; sys.stdout.write(BeautifulSoup(open(sys.argv[1], encoding="utf-8").read(), "html.parser").get_text("\\n", strip=True))';
const HTML2TEXT_CODE = 'import sys, html2text; sys.stdout.write(html2text.html2text(open(sys.argv[1], encoding="utf-8").read()))';

export const TOOLS: Tool[] = [
  // ---- PDF
  ...([['pdftotext', []], ['pdftotext-layout', ['-layout']], ['pdftotext-raw', ['-raw']]] as [string, string[]][]).map(([name, flags]): Tool => ({
    name, input: 'pdf', ext: 'txt', version: popplerVersion,
    command: f => ['pdftotext', '-enc', 'UTF-8', ...flags, f, '-'].join(' '),
    run: async f => run('pdftotext', ['-enc', 'UTF-8', ...flags, abs(f), '-']),
  })),
  {
    name: 'mutool', input: 'pdf', ext: 'txt',
    version: memo(async () => (which('mutool') ? { version: String(spawnSync('mutool', ['-v'], { encoding: 'utf8' }).stderr).trim().replace('mutool version ', '') } : { missing: 'mutool not found (apt-get install mupdf-tools)' })),
    command: f => `mutool draw -q -F txt ${f}`,
    run: async f => run('mutool', ['draw', '-q', '-F', 'txt', abs(f)]),
  },
  {
    name: 'pymupdf', input: 'pdf', ext: 'txt', version: pyVersion('fitz', 'fitz.VersionBind', 'python3-fitz'),
    command: f => `python3 -c '${PYMUPDF_CODE}' ${f}`,
    run: async f => py(PYTHON, PYMUPDF_CODE, [abs(f)]),
  },
  {
    name: 'pdfminer', input: 'pdf', ext: 'txt', version: pyVersion('pdfminer', 'pdfminer.__version__', 'python3-pdfminer'),
    command: f => `pdf2txt ${f}`,
    run: async f => run(which('pdf2txt') ? 'pdf2txt' : 'pdf2txt.py', [abs(f)]),
  },
  {
    name: 'pdfplumber', input: 'pdf', ext: 'txt',
    version: memo(async () => {
      if (!pyHas(PDFPLUMBER_PYTHON, 'pdfplumber')) return { missing: `${PDFPLUMBER_PYTHON}: no module pdfplumber (not in Debian; set PDFPLUMBER_PYTHON to a Python that has it)` };
      return { version: String(py(PDFPLUMBER_PYTHON, 'import pdfplumber, pdfminer; print(pdfplumber.__version__ + " (pdfminer.six " + pdfminer.__version__ + ")")', [])).trim() };
    }),
    command: f => `python3 -c '${PDFPLUMBER_CODE}' ${f}`,
    run: async f => py(PDFPLUMBER_PYTHON, PDFPLUMBER_CODE, [abs(f)]),
  },
  {
    name: 'tesseract', input: 'pdf', ext: 'txt',
    version: memo(async () => {
      if (!which('tesseract') || !which('pdftoppm')) return { missing: 'tesseract or pdftoppm not found (apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)' };
      const langs = String(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout);
      if (!/^chi_sim$/m.test(langs)) return { missing: 'tesseract has no chi_sim (apt-get install tesseract-ocr-chi-sim)' };
      const v = firstLine(run('tesseract', ['--version'])).replace('tesseract ', '');
      return { version: `${v} (chi_sim ${debVersion('tesseract-ocr-chi-sim') ?? '?'})` };
    }),
    command: f => `pdftoppm -r ${TESSERACT_DPI} -png ${f} page && for p in page-*.png; do tesseract $p - -l chi_sim; done`,
    run: f => withTmp(dir => {
      run('pdftoppm', ['-r', String(TESSERACT_DPI), '-png', abs(f), path.join(dir, 'page')]);
      const pages = readdirSync(dir).filter(p => /^page-\d+\.png$/.test(p)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
      // One thread: the same output every run, and the machine's other work goes on.
      return Buffer.concat(pages.map(p => run('tesseract', [path.join(dir, p), '-', '-l', 'chi_sim'], { env: { OMP_THREAD_LIMIT: '1' } })));
    }),
  },
  {
    name: 'pdfjs-viewer-chromium-copy', input: 'pdf', ext: 'txt', version: pdfjsVersion,
    command: f => `Chromium: pdf.js viewer (pdfjs-dist/web/pdf_viewer.mjs, every page rendered) on ${f}; Ctrl+A, Ctrl+C; navigator.clipboard.readText()`,
    run: async f => {
      const b = await browser();
      const page = await b.open(`/viewer.html?file=/${f}`, viewerReady);
      const text = await b.copy(page);
      await page.close();
      return text;
    },
  },
  {
    name: 'pdfjs-viewer-copyall', input: 'pdf', ext: 'txt', version: pdfjsVersion,
    command: f => `Chromium: pdf.js viewer on ${f}; PDFViewer.getAllText() (what the viewer's select-all copy handler writes to the clipboard)`,
    run: async f => {
      const b = await browser();
      const page = await b.open(`/viewer.html?file=/${f}`, viewerReady);
      const text: string = await page.evaluate(() => (window as any).viewer.getAllText());
      await page.close();
      return text;
    },
  },
  {
    name: 'pdf-parse', input: 'pdf', ext: 'txt', version: npmVersion('pdf-parse'),
    command: f => `new (require('pdf-parse').PDFParse)({ data: readFileSync('${f}') }).getText() → .text`,
    run: async f => {
      const { PDFParse } = requireTool('pdf-parse');
      const parser = new PDFParse({ data: new Uint8Array(readFileSync(abs(f))) });
      try {
        return (await parser.getText()).text as string;
      } finally {
        await parser.destroy();
      }
    },
  },
  {
    name: 'unpdf', input: 'pdf', ext: 'txt', version: npmVersion('unpdf'),
    command: f => `require('unpdf').extractText(new Uint8Array(readFileSync('${f}')), { mergePages: true }) → .text`,
    run: async f => {
      const { extractText } = await importTool('unpdf');
      return (await extractText(new Uint8Array(readFileSync(abs(f))), { mergePages: true })).text as string;
    },
  },
  {
    name: 'pdf2md', input: 'pdf', ext: 'md', version: npmVersion('@opendocsg/pdf2md'),
    command: f => `require('@opendocsg/pdf2md')(readFileSync('${f}'))`,
    run: async f => {
      const pdf2md = requireTool('@opendocsg/pdf2md');
      return (await pdf2md(new Uint8Array(readFileSync(abs(f))))) as string;
    },
  },
  // ---- Word
  ...([['pandoc-plain', 'plain', 'txt'], ['pandoc-markdown', 'markdown', 'md'], ['pandoc-gfm', 'gfm', 'md'], ['pandoc-html', 'html', 'html']] as [string, string, 'txt' | 'md' | 'html'][]).map(([name, to, ext]): Tool => ({
    name, input: 'docx', ext, version: pandocVersion,
    command: f => `pandoc -f docx -t ${to} ${f}`,
    run: async f => run('pandoc', ['-f', 'docx', '-t', to, abs(f)]),
  })),
  {
    name: 'soffice-txt', input: 'docx', ext: 'txt', version: sofficeVersion,
    command: f => `soffice --headless --convert-to "txt:Text (encoded):UTF8" ${f}`,
    run: f => soffice(f, 'txt:Text (encoded):UTF8', 'txt'),
  },
  {
    name: 'soffice-html', input: 'docx', ext: 'html', version: sofficeVersion,
    command: f => `soffice --headless --convert-to html ${f}`,
    run: f => soffice(f, 'html', 'html'),
  },
  ...([['mammoth-text', 'extractRawText', 'txt'], ['mammoth-markdown', 'convertToMarkdown', 'md'], ['mammoth-html', 'convertToHtml', 'html']] as [string, string, 'txt' | 'md' | 'html'][]).map(([name, fn, ext]): Tool => ({
    name, input: 'docx', ext, version: npmVersion('mammoth'),
    command: f => `require('mammoth').${fn}({ path: '${f}' }) → .value`,
    run: async f => (await requireTool('mammoth')[fn]({ path: abs(f) })).value as string,
  })),
  // ---- web pages
  {
    name: 'html-to-text', input: 'html', ext: 'txt', version: npmVersion('html-to-text'),
    command: f => `require('html-to-text').convert(readFileSync('${f}', 'utf8'))`,
    run: async f => requireTool('html-to-text').convert(readFileSync(abs(f), 'utf8')) as string,
  },
  {
    name: 'turndown', input: 'html', ext: 'md', version: npmVersion('turndown'),
    command: f => `new (require('turndown'))().turndown(readFileSync('${f}', 'utf8'))`,
    run: async f => new (requireTool('turndown'))().turndown(readFileSync(abs(f), 'utf8')) as string,
  },
  {
    name: 'cheerio', input: 'html', ext: 'txt', version: npmVersion('cheerio'),
    command: f => `require('cheerio').load(readFileSync('${f}', 'utf8'))('body').text()`,
    run: async f => requireTool('cheerio').load(readFileSync(abs(f), 'utf8'))('body').text() as string,
  },
  {
    name: 'bs4', input: 'html', ext: 'txt', version: pyVersion('bs4', 'bs4.__version__', 'python3-bs4'),
    command: f => `python3 -c '${BS4_CODE}' ${f}`,
    run: async f => py(PYTHON, BS4_CODE, [abs(f)]),
  },
  {
    name: 'bs4-lines', input: 'html', ext: 'txt', version: pyVersion('bs4', 'bs4.__version__', 'python3-bs4'),
    command: f => `python3 -c '${BS4_LINES_CODE}' ${f}`,
    run: async f => py(PYTHON, BS4_LINES_CODE, [abs(f)]),
  },
  {
    name: 'html2text', input: 'html', ext: 'md', version: pyVersion('html2text', '".".join(map(str, html2text.__version__))', 'python3-html2text'),
    command: f => `python3 -c '${HTML2TEXT_CODE}' ${f}`,
    run: async f => py(PYTHON, HTML2TEXT_CODE, [abs(f)]),
  },
  ...([['pandoc-plain', 'plain', 'txt'], ['pandoc-gfm', 'gfm', 'md']] as [string, string, 'txt' | 'md'][]).map(([name, to, ext]): Tool => ({
    name, input: 'html', ext, version: pandocVersion,
    command: f => `pandoc -f html -t ${to} ${f}`,
    run: async f => run('pandoc', ['-f', 'html', '-t', to, abs(f)]),
  })),
  {
    name: 'chromium-innertext', input: 'html', ext: 'txt', version: chromiumVersion,
    command: f => `Chromium: open ${f}; document.body.innerText`,
    run: async f => {
      const b = await browser();
      const page = await b.open(`/${f}`);
      const text: string = await page.evaluate(() => document.body.innerText);
      await page.close();
      return text;
    },
  },
  {
    name: 'chromium-copy', input: 'html', ext: 'txt', version: chromiumVersion,
    command: f => `Chromium: open ${f}; Ctrl+A, Ctrl+C; navigator.clipboard.readText()`,
    run: async f => {
      const b = await browser();
      const page = await b.open(`/${f}`);
      const text = await b.copy(page);
      await page.close();
      return text;
    },
  },
];

// ---------------------------------------------------------------- documents

/** A Word file's parts without the zip's timestamps, to tell whether its content changed. */
function docxBody(bytes: Uint8Array): string {
  const parts = unzipSync(bytes);
  return Object.keys(parts).sort().map(k => `${k}\n${new TextDecoder().decode(parts[k])}`).join('\n');
}

async function makeDocuments(force: boolean): Promise<void> {
  mkdirSync(abs(DOCUMENTS), { recursive: true });
  const office = await sofficeVersion();
  for (const id of SAMPLE_IDS) {
    const doc = reportDocument(corpusText(id));
    const docx = abs(`${DOCUMENTS}/${id}.docx`);
    const html = abs(`${DOCUMENTS}/${id}.html`);
    const pdf = abs(`${DOCUMENTS}/${id}.pdf`);
    let docxChanged = false;
    if (force || !existsSync(docx)) {
      const bytes = toDocx(doc);
      // The zip's timestamps change every run: keep the committed file when its content is the same.
      if (!existsSync(docx) || docxBody(readFileSync(docx)) !== docxBody(bytes)) {
        writeFileSync(docx, bytes);
        docxChanged = true;
        console.log(`wrote ${DOCUMENTS}/${id}.docx`);
      }
    }
    if (force || !existsSync(html)) {
      const bytes = toHtml(doc, { charset: 'utf-8', blank: 'nbsp' });
      if (!existsSync(html) || !Buffer.from(bytes).equals(readFileSync(html))) {
        writeFileSync(html, bytes);
        console.log(`wrote ${DOCUMENTS}/${id}.html`);
      }
    }
    if (docxChanged || !existsSync(pdf)) {
      if ('missing' in office) {
        console.log(`skip ${DOCUMENTS}/${id}.pdf: ${office.missing}`);
        continue;
      }
      writeFileSync(pdf, await soffice(`${DOCUMENTS}/${id}.docx`, 'pdf', 'pdf'));
      console.log(`wrote ${DOCUMENTS}/${id}.pdf (LibreOffice ${office.version})`);
    }
  }
}

// ---------------------------------------------------------------- outputs and manifest

export function fixtureName(doc: string, tool: Tool): string {
  return `${MATRIX}/${doc}/${tool.input}.${tool.name}.${tool.ext}`;
}

function writeManifest(): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const dir of readdirSync(abs(MATRIX), { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'documents' || dir.name === 'expected') continue;
    for (const file of readdirSync(abs(`${MATRIX}/${dir.name}`)).sort()) {
      const rel = `${MATRIX}/${dir.name}/${file}`;
      const header = parseHeader(readFileSync(abs(rel)));
      if (!header) throw new Error(`${rel}: no nianbao-matrix header line`);
      const [input, tool] = file.split('.');
      entries.push({ file: rel, document: dir.name, input: input as Input, tool, version: header.version, command: header.command, source: header.source, kind: TOOL_KINDS[`${input}.${tool}`] ?? 'other' });
    }
  }
  entries.sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(abs(`${MATRIX}/manifest.json`), JSON.stringify(entries, null, 2) + '\n');
  return entries;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1].split(',') : null;
  };
  const onlyTools = opt('--tool');
  const onlyDocs = opt('--doc');
  await makeDocuments(args.includes('--documents'));

  const used = new Map<string, string>();
  const skipped = new Map<string, string>();
  for (const tool of TOOLS) {
    if (onlyTools && !onlyTools.includes(tool.name)) continue;
    const v = await tool.version();
    if ('missing' in v) {
      skipped.set(`${tool.input}.${tool.name}`, v.missing);
      console.log(`skip ${tool.input}.${tool.name}: ${v.missing}`);
      continue;
    }
    used.set(tool.name, v.version);
    for (const doc of DOCS) {
      if (onlyDocs && !onlyDocs.includes(doc.id)) continue;
      const source = doc[tool.input];
      if (!source) continue;
      if (!existsSync(abs(source))) {
        console.log(`skip ${doc.id} ${tool.input}.${tool.name}: ${source} is missing`);
        continue;
      }
      const out = fixtureName(doc.id, tool);
      const started = Date.now();
      let output: Buffer | string;
      try {
        output = await tool.run(source);
      } catch (e) {
        console.log(`FAIL ${out}: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      const header = `${HEADER_PREFIX}tool=${tool.name} ${v.version}; command=${tool.command(source)}; source=${source} -->\n`;
      mkdirSync(path.dirname(abs(out)), { recursive: true });
      writeFileSync(abs(out), Buffer.concat([Buffer.from(header, 'utf8'), typeof output === 'string' ? Buffer.from(output, 'utf8') : output]));
      console.log(`wrote ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  if (browserPromise) await (await browserPromise).close();
  const manifest = writeManifest();
  console.log(`\n${manifest.length} fixtures in ${MATRIX}/manifest.json`);
  console.log('tools used:');
  for (const [name, version] of used) console.log(`  ${name} ${version}`);
  if (skipped.size) {
    console.log('tools skipped (their committed outputs kept):');
    for (const [name, why] of skipped) console.log(`  ${name}: ${why}`);
  }
}

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
