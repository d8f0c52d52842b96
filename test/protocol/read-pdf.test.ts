/**
 * "Open as report text" on a PDF, at the protocol level: the bundled server (dist/server.js) loads the
 * PDF reader (dist/pdf.js, a bundle of its own) on the first PDF, reads every PDF fixture — the real
 * published reports and the generator's PDF of each sample — to the text the CLI reads, and checks
 * that text with the CLI's findings, each naming its page and line as the CLI prints them. The
 * tables request places the marked cells on the PDF's pages; a scanned PDF gives its one message; a
 * long PDF reports its pages as it is read and stops when cancelled.
 */
import * as assert from 'assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import PDFDocument from 'pdfkit';
import { CancellationTokenSource, WorkDoneProgress, type Diagnostic, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import {
  bytesToBase64, ReadDocumentRequest, REPORT_TEXT_SCHEME, SourcePlaceRequest, TablesRequest, type ReadDocumentResult,
} from '../../server/src/protocol';
import { readDocument } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';
import { loadPdfJs } from '../../server/src/readers/pdf';
import { runCli } from '../helpers/cli';
import { CORPUS, corpusText, FIXTURES, fixturePath, type CorpusId } from '../helpers/corpus';
import { reportDocument } from '../helpers/fileFormats';
import { startServer, type TestClient } from '../helpers/lsp';
import { cjkFontAvailable, toPdf } from '../helpers/pdfgen';

/** Every PDF among the fixtures, found on disk so that a PDF added later is compared too. */
const PDF_FIXTURES = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter(f => /\.pdf$/i.test(f)).map(f => f.split(path.sep).join('/')).sort();
/** The real published PDFs among them (test/fixtures/real/README.md, test/fixtures/matrix/documents/real/README.md). */
const REAL_PDFS = ['real/hongze-2023.pdf', 'real/huaian-2024.pdf', 'matrix/documents/real/hongze-2024.pdf'];

function textUri(file: string): string {
  return `${REPORT_TEXT_SCHEME}:${pathToFileURL(file).pathname}?${encodeURIComponent(pathToFileURL(file).href)}`;
}

interface CliFinding {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  location?: string;
}

function cliFindings(file: string): CliFinding[] {
  const r = runCli(['check', '--format', 'json', file]);
  const json = JSON.parse(r.stdout) as { files: { findings: CliFinding[] }[] };
  return json.files[0].findings.map(f => ({ ruleId: f.ruleId, message: f.message, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, location: f.location }));
}

/** The editor's findings as the CLI writes them, the place in the file taken from the related information the server adds. */
function asFindings(diagnostics: Diagnostic[], name: string): CliFinding[] {
  return diagnostics.map(d => {
    const place = d.relatedInformation?.[0]?.message;
    const prefix = `原文位置：${name} `;
    return {
      ruleId: String(d.code), message: String(d.message),
      line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
      location: place?.startsWith(prefix) ? place.slice(prefix.length) : place,
    };
  });
}

const byPlace = (a: CliFinding, b: CliFinding) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);

const pdfOf = (draw: (d: PDFKit.PDFDocument) => void) => new Promise<Uint8Array>(resolve => {
  const d = new PDFDocument();
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  d.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  draw(d);
  d.end();
});

describe('language server: open a PDF as report text', function () {
  this.timeout(180000);
  let c: TestClient;
  let dir: string;
  before(async () => {
    c = await startServer({ codeActionDisabled: true });
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-read-pdf-'));
  });
  after(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function read(file: string, bytes: Uint8Array = readFileSync(file)): Promise<ReadDocumentResult> {
    const r = await c.connection.sendRequest(ReadDocumentRequest, { name: path.basename(file), data: bytesToBase64(bytes), uri: pathToFileURL(file).href });
    assert.ok(r, `an answer for ${file}`);
    return r;
  }

  /** Read, open as the client does, and the findings published for it. */
  async function openPdf(file: string) {
    const r = await read(file);
    assert.strictEqual(r.kind, 'pdf', file);
    assert.deepStrictEqual(r.problems, [], file);
    const uri = textUri(file);
    c.open(uri, r.text);
    return { r, uri, diagnostics: (await c.waitForDiagnostics(uri, undefined, 20000)).diagnostics };
  }

  it('reads every PDF fixture (the real reports, the matrix’s PDFs) to the text the CLI reads, with the CLI’s findings, each naming its page and line', async () => {
    for (const name of REAL_PDFS) assert.ok(PDF_FIXTURES.includes(name), `${name} is among the PDF fixtures found: ${PDF_FIXTURES}`);
    assert.ok(PDF_FIXTURES.length > REAL_PDFS.length, `the matrix's PDFs are found too: ${PDF_FIXTURES}`);
    for (const name of PDF_FIXTURES) {
      const file = fixturePath(name);
      const { r, diagnostics } = await openPdf(file);
      const cli = (await readDocument(readFileSync(file), file, { pdf: { loadCMap: loadCMapFromDisk } })).text;
      assert.strictEqual(r.text, cli, `${name}: the server's reader is the CLI's`);
      const expected = cliFindings(file);
      assert.ok(expected.every(f => /^第 \d+ 页第 \d+ 行$/.test(f.location ?? '')), `${name}: the CLI names a page and line for each finding`);
      assert.deepStrictEqual(asFindings(diagnostics, path.basename(file)).sort(byPlace), expected.sort(byPlace), `${name}: the editor's findings are the CLI's`);
    }
  });

  it('reads the generator’s PDF of each sample with the CLI’s findings', async function () {
    if (!cjkFontAvailable()) this.skip();
    for (const id of Object.keys(CORPUS) as CorpusId[]) {
      const file = path.join(dir, `${id}.pdf`);
      writeFileSync(file, await toPdf(reportDocument(corpusText(id))));
      const { diagnostics } = await openPdf(file);
      assert.deepStrictEqual(asFindings(diagnostics, path.basename(file)).sort(byPlace), cliFindings(file).sort(byPlace), `${id}.pdf`);
    }
  });

  it('hongze-2023.pdf: the two wrong 四 totals on page 4, outlined on the page where each 0 is printed; the place of a range on request', async () => {
    const file = fixturePath('real/hongze-2023.pdf');
    const { r, uri, diagnostics } = await openPdf(file);
    // Read off the page by hand: the 四 row is `10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0`, 行政复议 total 0 (10 + 1 = 11), 复议后起诉 total 0 (5).
    const review = diagnostics.filter(d => d.code === 'review-total');
    assert.deepStrictEqual(review.map(d => d.message), [
      '行政复议总计应为 11：10 + 1 + 0 + 0 = 11，表中为 0',
      '行政诉讼·复议后起诉：5 + 0 + 0 + 0 = 5，总计为 0；总计或其中一项有误，请对照原始台账核实',
    ]);
    for (const d of review) assert.strictEqual(d.relatedInformation?.[0].message, '原文位置：hongze-2023.pdf 第 4 页第 21 行');

    const tables = await c.connection.sendRequest(TablesRequest, { uri });
    assert.ok(tables?.pdf, 'the tables of a report text read from a PDF come with its pages');
    assert.strictEqual(tables.pdf.source, pathToFileURL(file).href);
    assert.strictEqual(tables.pdf.pages, 5);
    const errors = tables.pdf.marks.filter(m => m.severity === 'error' && !m.related && m.page === 4);
    // The cells marked on the page are the cells the text has there: the 0 of 行政复议 总计 and of 复议后起诉 总计.
    const row = r.text.split('\n').find(l => l.startsWith('| 10 | 1 |'))!;
    const rowStart = r.text.indexOf(row);
    const cells = [...row.matchAll(/\d+/g)].map(m => ({ text: m[0], start: rowStart + m.index! }));
    assert.strictEqual(cells.length, 15);
    const marked = errors.filter(m => m.start >= rowStart && m.end <= rowStart + row.length).map(m => cells.findIndex(x => x.start === m.start));
    assert.ok(marked.includes(4), `行政复议 总计 (the 5th number) is outlined: ${marked}`);
    assert.ok(marked.includes(14), `复议后起诉 总计 (the 15th number) is outlined: ${marked}`);
    // Each box holds the printed 0 and nothing else: the text items pdfjs finds inside it on page 4.
    const items = await pageItems(readFileSync(file), 4);
    for (const i of [4, 14]) {
      const m = errors.find(x => x.start === cells[i].start)!;
      const inside = items.filter(it => it.x + it.w / 2 >= m.box[0] && it.x + it.w / 2 <= m.box[2] && it.y >= m.box[1] && it.y <= m.box[3]);
      assert.deepStrictEqual(inside.map(it => it.str.trim()), ['0'], `cell ${i + 1}: ${JSON.stringify(m.box)}`);
      assert.match(m.title, /总计/);
    }

    // The place of the 10 (行政复议 维持) in the file, as "reveal in the source file" asks.
    const before = r.text.slice(0, cells[0].start).split('\n');
    const at = { line: before.length - 1, character: before[before.length - 1].length };
    const place = await c.connection.sendRequest(SourcePlaceRequest, { uri, range: { start: at, end: { line: at.line, character: at.character + 2 } } });
    assert.strictEqual(place?.kind, 'pdf');
    assert.strictEqual(place.text, '第 4 页第 21 行');
    assert.strictEqual(place.page, 4);
    const ten = items.filter(it => it.x + it.w / 2 >= place.box![0] && it.x + it.w / 2 <= place.box![2] && it.y >= place.box![1] && it.y <= place.box![3]);
    assert.deepStrictEqual(ten.map(it => it.str.trim()), ['10']);
  });

  it('a scanned PDF (no text layer) gives its one message, and no text', async () => {
    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, await pdfOf(d => d.rect(72, 72, 300, 400).fill('#888')));
    const r = await read(file);
    assert.deepStrictEqual([r.kind, r.text, r.report], ['pdf', '', false]);
    assert.deepStrictEqual(r.problems, ['没有文字层（可能是扫描件）：请先做 OCR 识别，再检查识别出的文字']);
  });

  it('a long PDF: each page reported to the client’s progress; cancelled, it stops between pages and the server goes on', async () => {
    const pages = 150;
    const file = path.join(dir, 'long.pdf');
    writeFileSync(file, await pdfOf(d => {
      for (let i = 1; i <= pages; i++) {
        if (i > 1) d.addPage();
        for (let k = 0; k < 40; k++) d.text(`line ${k} of page ${i}: 0 1 2 3 4 5 6 7 8 9`);
      }
    }));
    const bytes = readFileSync(file);
    // Read to the end, with progress.
    const seen: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
    const token = 'read-long';
    const listening = c.connection.onProgress(WorkDoneProgress.type, token, v => {
      seen.push(v);
    });
    const whole = await c.connection.sendRequest(ReadDocumentRequest, { name: 'long.pdf', data: bytesToBase64(bytes), workDoneToken: token });
    listening.dispose();
    assert.strictEqual(whole?.pages, pages);
    assert.deepStrictEqual(whole.problems, []);
    assert.strictEqual(seen[0].kind, 'begin');
    assert.strictEqual(seen[seen.length - 1].kind, 'end');
    const reports = seen.filter((v): v is WorkDoneProgressReport => v.kind === 'report');
    assert.strictEqual(reports.length, pages);
    assert.strictEqual(reports[0].message, `第 1 / ${pages} 页`);
    assert.strictEqual(reports[pages - 1].percentage, 100);

    // Cancelled after its third page.
    const source = new CancellationTokenSource();
    let reported = 0;
    const second = 'read-long-cancelled';
    const listening2 = c.connection.onProgress(WorkDoneProgress.type, second, v => {
      if (v.kind === 'report' && ++reported === 3) source.cancel();
    });
    await assert.rejects(
      c.connection.sendRequest(ReadDocumentRequest, { name: 'long.pdf', data: bytesToBase64(bytes), workDoneToken: second }, source.token),
      (e: { code?: number }) => e.code === -32800,
    );
    listening2.dispose();
    assert.ok(reported >= 3 && reported < pages, `stopped between pages (after ${reported})`);
    // The server goes on: the next PDF is read.
    const again = await read(fixturePath('real/hongze-2023.pdf'));
    assert.deepStrictEqual(again.problems, []);
  });
});

/** The text items of a PDF page with their positions, read with pdfjs directly (not through the readers). */
async function pageItems(bytes: Uint8Array, page: number): Promise<{ str: string; x: number; y: number; w: number }[]> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const content = await (await doc.getPage(page)).getTextContent();
  const out = content.items.filter(i => 'str' in i && i.str.trim()).map(i => {
    const t = i as { str: string; transform: number[]; width: number };
    return { str: t.str, x: t.transform[4], y: t.transform[5], w: t.width };
  });
  await doc.destroy();
  return out;
}
