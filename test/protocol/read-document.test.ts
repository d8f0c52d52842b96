/**
 * "Open as report text" at the protocol level: the bundled server (dist/server.js) is sent the bytes
 * of each sample written as a web page (UTF-8 and GBK) and a Word file, answers the report text, and
 * checks that text — opened as the read-only `nianbao-report:` document the client shows — with the
 * same findings as the CLI gives on the same file. PDFs, damaged and old files get one clear problem;
 * the read-only text gets no fix that edits it; the source file's folder config applies to it.
 */
import * as assert from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import {
  bytesToBase64, CheckDocumentsRequest, ReadDocumentRequest, REPORT_TEXT_SCHEME, reportTextSource, type CheckedDocument, type DiagnosticData, type ReadDocumentResult,
} from '../../server/src/protocol';
import { runCli } from '../helpers/cli';
import { CORPUS, corpusText, fixturePath, type CorpusId } from '../helpers/corpus';
import { reportDocument, toDocx, toHtml } from '../helpers/fileFormats';
import { startServer, type TestClient } from '../helpers/lsp';
import { cjkFontAvailable, toPdf } from '../helpers/pdfgen';

/** Sample 002's 四 行政复议 group 14 4 0 0 9, read from the report by hand. */
const REVIEW_TOTAL_002 = '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实';

/** The URI the VS Code client gives the text of a file (vscode.Uri.from with the file's URI as query, encoded). */
function textUri(file: string): string {
  const source = pathToFileURL(file).href;
  return `${REPORT_TEXT_SCHEME}:${pathToFileURL(file).pathname}?${encodeURIComponent(source)}`;
}

async function read(c: TestClient, name: string, bytes: Uint8Array, uri?: string): Promise<ReadDocumentResult> {
  const r = await c.connection.sendRequest(ReadDocumentRequest, { name, data: bytesToBase64(bytes), ...(uri ? { uri } : {}) });
  assert.ok(r, `an answer for ${name}`);
  return r;
}

interface Finding {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Where it is in the file: `line:column` in a web page's source, 表格 3 第 2 行第 5 列 in a Word file (the CLI's words). */
  location?: string;
}

/** The CLI's findings on a file (`check --format json`), as a reviewer sees them: rule, message, place in the text. */
function cliFindings(file: string): Finding[] {
  const r = runCli(['check', '--format', 'json', file]);
  const json = JSON.parse(r.stdout) as { files: { findings: Finding[] }[] };
  return json.files[0].findings.map(f => ({ ruleId: f.ruleId, message: f.message, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, location: f.location }));
}

/** The editor's findings, with the place the server names in the related information when it was told the file (`name`). */
function asFindings(diagnostics: Diagnostic[], name?: string): Finding[] {
  return diagnostics.map(d => {
    const place = d.relatedInformation?.[0]?.message;
    const prefix = `原文位置：${name} `;
    return {
      ruleId: String(d.code), message: String(d.message),
      line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
      ...(name ? { location: place?.startsWith(prefix) ? place.slice(prefix.length) : place } : {}),
    };
  });
}

const withoutLocation = ({ location: _, ...f }: Finding): Finding => f;

const byPlace = (a: Finding, b: Finding) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);

describe('language server: open a web page or a Word file as report text', function () {
  this.timeout(120000);
  let c: TestClient;
  let dir: string;
  before(async () => {
    c = await startServer({ codeActionDisabled: true });
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-read-document-'));
  });
  after(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const formats = [
    ['html', (id: CorpusId) => toHtml(reportDocument(corpusText(id)), { charset: 'utf-8', blank: 'nbsp' }), 'html'],
    ['gbk.html', (id: CorpusId) => toHtml(reportDocument(corpusText(id)), { charset: 'gbk', blank: 'empty' }), 'html'],
    ['docx', (id: CorpusId) => toDocx(reportDocument(corpusText(id))), 'docx'],
  ] as const;

  for (const [ext, write, kind] of formats) {
    it(`reads each sample's .${ext} and finds in its text what the CLI finds in the file`, async () => {
      for (const id of Object.keys(CORPUS) as CorpusId[]) {
        const file = path.join(dir, `${id}.${ext}`);
        const bytes = write(id);
        writeFileSync(file, bytes);
        // Told the file, the server names in each finding where it stands there.
        const r = await read(c, path.basename(file), bytes, pathToFileURL(file).href);
        assert.strictEqual(r.kind, kind, `${id}.${ext}`);
        assert.deepStrictEqual(r.problems, [], `${id}.${ext}`);
        assert.ok(r.report, `${id}.${ext} reads as a report`);
        if (ext === 'gbk.html') assert.strictEqual(r.encoding, 'gb18030');
        const uri = textUri(file);
        c.open(uri, r.text);
        const published = await c.waitForDiagnostics(uri);
        assert.deepStrictEqual(asFindings(published.diagnostics, path.basename(file)).sort(byPlace), cliFindings(file).sort(byPlace), `${id}.${ext}: the editor's findings are the CLI's, at the same places in the file`);
        if (kind === 'html') {
          // A web page's place is a line and column of its source: the related information opens the page there.
          for (const d of published.diagnostics) {
            const [line, column] = d.relatedInformation![0].message.replace(/^.* /, '').split(':').map(Number);
            assert.deepStrictEqual(d.relatedInformation![0].location, { uri: pathToFileURL(file).href, range: { start: { line: line - 1, character: column - 1 }, end: { line: line - 1, character: column - 1 } } });
          }
        }
        if (id === '002') {
          const d = published.diagnostics.find(x => x.code === 'review-total');
          assert.strictEqual(d?.message, REVIEW_TOTAL_002);
          // The finding starts at the 14 of the 四 table's values row as the reader wrote it (行政复议 first: 14 4 0 0 9).
          const line = r.text.split('\n')[d.range.start.line];
          assert.match(line, /^\| 14 \| 4 \| 0 \| 0 \| 9 \|/);
          assert.strictEqual(line.slice(d.range.start.character, d.range.start.character + 2), '14');
        }
      }
    });
  }

  it('reads a real government page (GBK, site chrome around the article) as the CLI does', async () => {
    const file = fixturePath(path.join('documents', 'shanghai-2019-bangongting.html'));
    const r = await read(c, path.basename(file), readFileSync(file));
    assert.strictEqual(r.kind, 'html');
    assert.ok(r.report);
    const uri = textUri(file);
    c.open(uri, r.text);
    const published = await c.waitForDiagnostics(uri);
    // Not told the file: the findings are the CLI's, without a place in the file.
    assert.deepStrictEqual(published.diagnostics.filter(d => d.relatedInformation?.some(i => i.message.startsWith('原文位置'))), []);
    assert.deepStrictEqual(asFindings(published.diagnostics).sort(byPlace), cliFindings(file).map(withoutLocation).sort(byPlace));
  });

  it('reads a PDF by its content, whatever its name; an empty .pdf is a damaged one (read-pdf.test.ts reads the PDF fixtures)', async function () {
    if (!cjkFontAvailable()) this.skip();
    const bytes = await toPdf(reportDocument(corpusText('002')));
    const renamed = await read(c, 'report.docx', bytes);
    assert.deepStrictEqual([renamed.kind, renamed.problems, renamed.report], ['pdf', [], true]);
    assert.ok(renamed.text.includes('| 14 | 4 | 0 | 0 | 9 |'), renamed.text);
    const empty = await read(c, '002.pdf', new Uint8Array());
    assert.deepStrictEqual([empty.kind, empty.text, empty.problems], ['pdf', '', ['PDF 文件已损坏或不是 PDF，无法读取']]);
  });

  it('a damaged Word file, an old .doc and bytes that are not base64 each give one problem and no text', async () => {
    const docx = toDocx(reportDocument(corpusText('002')));
    const cut = await read(c, 'cut.docx', docx.subarray(0, Math.floor(docx.length / 2)));
    assert.strictEqual(cut.text, '');
    assert.strictEqual(cut.problems.length, 1);
    assert.match(cut.problems[0], /损坏|无法|不是/);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const doc = await read(c, 'old.doc', ole);
    assert.strictEqual(doc.text, '');
    assert.deepStrictEqual(doc.problems, ['这是旧版 Word（.doc）或加密的 Office 文件：请在 Word/WPS 中另存为 .docx（不设密码）后再检查']);
    const junk = await c.connection.sendRequest(ReadDocumentRequest, { name: 'x.docx', data: '%%% not base64 %%%' });
    assert.strictEqual(junk?.text, '');
    assert.strictEqual(junk?.problems.length, 1);
    await assert.rejects(c.connection.sendRequest(ReadDocumentRequest, { name: 'x.docx' } as never), /name and data/);
    // And the server keeps answering.
    assert.strictEqual((await read(c, '002.docx', docx)).kind, 'docx');
  });

  it('a page that is not a report is read, and said not to be one', async () => {
    const page = new TextEncoder().encode('<html><head><meta charset="utf-8"><title>通知</title></head><body><p>关于春节放假的通知</p><p>各单位：春节放假七天。</p></body></html>');
    const r = await read(c, 'notice.html', page);
    assert.strictEqual(r.kind, 'html');
    assert.ok(r.text.includes('关于春节放假的通知'));
    assert.strictEqual(r.report, false);
  });

  it('offers no fix that edits the read-only text: each shows greyed out with the reason; "ignore" still writes .nianbaorc.json', async () => {
    const file = path.join(dir, 'fixes-002.docx');
    const bytes = toDocx(reportDocument(corpusText('002')));
    writeFileSync(file, bytes);
    const uri = textUri(file);
    c.open(uri, (await read(c, path.basename(file), bytes)).text);
    const d = (await c.waitForDiagnostics(uri)).diagnostics.find(x => x.code === 'review-total')!;
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const editsText = actions.filter(a => (a.edit?.documentChanges ?? []).some(ch => 'textDocument' in ch && ch.textDocument.uri === uri));
    assert.deepStrictEqual(editsText, []);
    const disabled = actions.filter(a => a.disabled);
    assert.ok(disabled.some(a => a.title === '建议：行政复议总计改为 18'), 'the suggestion is shown, greyed out');
    for (const a of disabled) assert.strictEqual(a.disabled!.reason, '这是从网页、Word 文件或 PDF 读出的只读文本：请在原文档中修改');
    const ignore = actions.filter(a => !a.disabled && a.edit);
    assert.ok(ignore.length, 'the ignore actions stay');
    const config = pathToFileURL(path.join(dir, '.nianbaorc.json')).href;
    for (const a of ignore) {
      const targets = (a.edit!.documentChanges ?? []).map(ch => ('textDocument' in ch ? ch.textDocument.uri : (ch as { uri: string }).uri));
      assert.ok(targets.every(t => t === config), `${a.title} writes only the config beside the Word file: ${targets}`);
    }
    // Fix-all has nothing to offer on it.
    const fixAll = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
    })) as CodeAction[];
    assert.deepStrictEqual(fixAll, []);
  });

  it('the workspace check compares a Word file’s text with a .txt report of the same body (carry-over across years), each named by its file', async () => {
    // valid-2021.txt is the 2022 report of a body that carries over 3 (自然人 3, 总计 3); its 2021 report, as written below, carried forward 1.
    const y2022 = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
    const y2021 = y2022.replace(/2022/g, '2021');
    const sub = mkdtempSync(path.join(dir, 'years-'));
    const checkAcross = async (docxYear: 2021 | 2022) => {
      const file = path.join(sub, `${docxYear}.docx`);
      const bytes = toDocx(reportDocument(docxYear === 2021 ? y2021 : y2022));
      writeFileSync(file, bytes);
      const r = await read(c, path.basename(file), bytes);
      assert.ok(r.report);
      const txt = pathToFileURL(path.join(sub, `${docxYear === 2021 ? 2022 : 2021}.txt`)).href;
      const documents = [{ uri: textUri(file), text: r.text }, { uri: txt, text: docxYear === 2021 ? y2022 : y2021 }];
      const all: CheckedDocument[] = await c.connection.sendRequest(CheckDocumentsRequest, { documents });
      // One text is the other with its years changed: its reuse is found too (across.test.ts); here, the carry-over.
      const out = all.map(x => ({ ...x, diagnostics: x.diagnostics.filter(d => d.code === 'carryover-continuity') }));
      return { r, docx: out.find(x => x.uri === documents[0].uri)!, txt: out.find(x => x.uri === txt)! };
    };
    const older = await checkAcross(2021);
    assert.deepStrictEqual(older.docx.diagnostics, []);
    assert.deepStrictEqual(older.txt.diagnostics.map(d => [d.code, d.range.start.line, d.message]), [
      ['carryover-continuity', 44, '“二、上年结转”与 2021 年度报告（2021.docx）的“四、结转下年度继续办理”不一致：自然人 3 ≠ 1，总计 3 ≠ 1'],
    ]);
    const newer = await checkAcross(2022);
    assert.deepStrictEqual(newer.txt.diagnostics, []);
    assert.deepStrictEqual(newer.docx.diagnostics.map(d => [d.code, d.message]), [
      ['carryover-continuity', '“二、上年结转”与 2021 年度报告（2021.txt）的“四、结转下年度继续办理”不一致：自然人 3 ≠ 1，总计 3 ≠ 1'],
    ]);
    // On the row's label in the text read from the Word file, the one the client shows.
    const d = newer.docx.diagnostics[0];
    assert.strictEqual((d.data as DiagnosticData).across, true);
    assert.match(newer.r.text.split('\n')[d.range.start.line].slice(d.range.start.character), /^二、上年结转/);
  });

  it('the workspace check names each finding’s place in the Word file too; a text that is not the one read gets no place', async () => {
    const file = path.join(dir, 'places-002.docx');
    const bytes = toDocx(reportDocument(corpusText('002')));
    writeFileSync(file, bytes);
    const r = await read(c, path.basename(file), bytes, pathToFileURL(file).href);
    const uri = textUri(file);
    const [checked] = await c.connection.sendRequest(CheckDocumentsRequest, { documents: [{ uri, text: r.text }] });
    const expected = cliFindings(file);
    assert.deepStrictEqual(asFindings(checked.diagnostics, path.basename(file)).sort(byPlace), expected.sort(byPlace));
    assert.ok(expected.some(f => /^表格 \d+ 第 \d+ 行第 \d+ 列$/.test(f.location ?? '')), 'a table cell among the places');
    // The same URI with another text (the file changed since it was read): its places are not known.
    const [changed] = await c.connection.sendRequest(CheckDocumentsRequest, { documents: [{ uri, text: r.text.replace('| 14 |', '| 15 |') }] });
    assert.ok(changed.diagnostics.length > 0);
    assert.deepStrictEqual(changed.diagnostics.filter(d => d.relatedInformation?.some(i => i.message.startsWith('原文位置'))), []);
  });

  it('takes the config file of the source file’s folder (a rule turned off there is off in its text)', async () => {
    const sub = mkdtempSync(path.join(dir, 'configured-'));
    writeFileSync(path.join(sub, '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'off' } }));
    const file = path.join(sub, '002.docx');
    const bytes = toDocx(reportDocument(corpusText('002')));
    writeFileSync(file, bytes);
    const uri = textUri(file);
    assert.strictEqual(reportTextSource(uri), pathToFileURL(file).href);
    c.open(uri, (await read(c, path.basename(file), bytes)).text);
    const published = await c.waitForDiagnostics(uri);
    assert.deepStrictEqual(published.diagnostics.filter(x => x.code === 'review-total'), []);
  });
});

describe('protocol: report-text URIs', () => {
  it('name the file they were read from; any other URI names none', () => {
    assert.strictEqual(reportTextSource('nianbao-report:/ws/002.docx?file%3A%2F%2F%2Fws%2F002.docx'), 'file:///ws/002.docx');
    assert.strictEqual(reportTextSource('nianbao-report:/r/%E5%B9%B4%E6%8A%A5.docx?vscode-vfs%3A%2F%2Fgithub%2Fo%2Fr%2F%25E5%25B9%25B4%25E6%258A%25A5.docx'), 'vscode-vfs://github/o/r/%E5%B9%B4%E6%8A%A5.docx');
    assert.strictEqual(reportTextSource('file:///ws/002.docx'), null);
    assert.strictEqual(reportTextSource('nianbao-report:/ws/002.docx'), null);
    assert.strictEqual(reportTextSource('nianbao-report:/ws/x?%E0%A4%A'), null);
    assert.strictEqual(reportTextSource('nianbao-report:/ws/x?nianbao-report%3A%2Fa'), null);
  });

  it('carry file bytes as base64 and back, every byte value, large ones too', () => {
    const { base64ToBytes } = require('../../server/src/protocol') as typeof import('../../server/src/protocol');
    const all = new Uint8Array(256 * 1024).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
    assert.strictEqual(bytesToBase64(all), Buffer.from(all).toString('base64'));
    assert.deepStrictEqual(base64ToBytes(bytesToBase64(all)), all);
    assert.deepStrictEqual(base64ToBytes(''), new Uint8Array());
  });
});
