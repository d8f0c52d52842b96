/**
 * Issue 19: every output of the real converters (test/fixtures/matrix: pdftotext in its three modes,
 * mutool, PyMuPDF, pdfminer, pdfplumber, tesseract OCR, pdf.js as a viewer copies it, pdf-parse, unpdf,
 * pdf2md, pandoc, LibreOffice, mammoth, html-to-text, turndown, cheerio, BeautifulSoup, html2text,
 * Chromium's innerText and select-all copy), and Nianbao's own readers of the same documents, checked as
 * a reviewer would check them, against the values people read off each document (expected/*.json):
 *
 * - every 二/三/四 table is read exactly, or said once to be unreadable (a table-unreadable note, and
 *   no value claimed: nothing rests on it);
 * - no finding that is not true of the report (a false finding). OCR misreads characters and digits: its
 *   text gets one note saying it is OCR'd (ocr-text), and of the rest only the tables' sums, which no
 *   misread number may break falsely; a table read wrong under that note counts as said to be unreadable;
 * - the document's real errors (002's 行政复议 group; hongze-2023's two 四 totals) are found wherever
 *   the table that holds them is read;
 * - the parser never throws, and every finding's range is inside the text.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { DOCS, fixtureText, parseHeader, type ManifestEntry } from '../../scripts/matrix/common';
import { mutateApplications, type Tally } from '../../scripts/matrix/mutate';
import { evaluate, loadExpected, type Result } from '../../scripts/matrix/report';
import { readDocument } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';
import { reportStatus } from '../../server/src/cli/summary';
import { acrossSummaries, checkReport } from '../../server/src/service/check';
import { parseReport, parseReportStrict } from '../../server/src/service/parse';
import { ROOT } from '../helpers/corpus';

const MATRIX = path.join(ROOT, 'test', 'fixtures', 'matrix');
const manifest = JSON.parse(readFileSync(path.join(MATRIX, 'manifest.json'), 'utf8')) as ManifestEntry[];
/** The rules whose findings say a sum is wrong: never on a number the text misread. */
const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'review-total']);

interface Reading {
  name: string;
  kind: string;
  document: string;
  text: string;
}

async function readings(): Promise<Reading[]> {
  const out: Reading[] = [];
  for (const m of manifest) {
    const header = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, m.file))))!;
    const text = await fixtureText(m.file, header.body);
    out.push({ name: `${m.document} ${m.input}.${m.tool}`, kind: m.kind, document: m.document, text });
  }
  // Nianbao's own readers of the documents the tools read.
  for (const d of DOCS) {
    for (const input of ['pdf', 'docx', 'html'] as const) {
      const file = d[input];
      if (!file) continue;
      const read = await readDocument(new Uint8Array(readFileSync(path.join(ROOT, file))), file, { pdf: { loadCMap: loadCMapFromDisk } });
      out.push({ name: `${d.id} ${input}.nianbao-reader`, kind: 'reader', document: d.id, text: read.text });
    }
  }
  return out;
}

describe('the converter matrix: what Nianbao reads from the real tools’ text', function () {
  this.timeout(120_000);
  let all: { r: Reading; result: Result }[] = [];

  before(async () => {
    const list = await readings();
    all = list.map(r => ({ r, result: evaluate({ document: r.document, input: '', tool: r.name, kind: r.kind, file: r.name }, r.text, loadExpected(r.document)) }));
  });

  it('covers every fixture of the manifest and every document the readers read (more than 200 readings)', () => {
    assert.ok(all.length >= manifest.length + DOCS.length, String(all.length));
    assert.ok(manifest.length > 200, String(manifest.length));
  });

  it('never throws, and keeps every finding inside the text', () => {
    for (const { r } of all) {
      assert.doesNotThrow(() => parseReportStrict(r.text), r.name);
      for (const f of checkReport(r.text).findings) {
        assert.ok(f.range.start >= 0 && f.range.end <= r.text.length && f.range.start <= f.range.end, `${r.name}: ${f.ruleId} ${f.range.start}-${f.range.end}`);
      }
    }
  });

  it('reads each table exactly, or says once that it cannot (nothing claimed on it)', () => {
    const misread = all.flatMap(({ r, result }) =>
      Object.entries(result.tables).filter(([, t]) => t?.verdict === 'misread').map(([k, t]) => `${r.name} ${k}: ${t!.problems.slice(0, 3).join('; ')}`));
    assert.deepStrictEqual(misread, []);
  });

  it('says nothing that is not true of the report', () => {
    const wrong = all.flatMap(({ r, result }) => result.falseFindings.map(f => `${r.name}: ${f}`));
    assert.deepStrictEqual(wrong, []);
  });

  it('says an OCR tool’s text is OCR’d, once, and no other tool’s', () => {
    for (const { r } of all) {
      const notes = checkReport(r.text).findings.filter(f => f.ruleId === 'ocr-text');
      assert.strictEqual(notes.length, r.kind === 'ocr' ? 1 : 0, r.name);
    }
    assert.ok(all.filter(({ r }) => r.kind === 'ocr').length >= 8);
  });

  it('on OCR’d text a real error of a table read exactly is still found, its fix only a suggestion (002’s 行政复议)', () => {
    const ocr = all.find(({ r }) => r.kind === 'ocr' && r.document === '002')!;
    const findings = checkReport(ocr.r.text).findings;
    const sums = findings.filter(f => f.ruleId === 'review-total');
    assert.ok(sums.length >= 1, 'the 行政复议 group is reported');
    for (const f of findings) assert.strictEqual(f.fix, undefined, `${f.ruleId}: no certain fix on OCR’d digits`);
    assert.ok(sums.every(f => (f.suggestions?.length ?? 0) > 0), 'the corrections are offered as suggestions');
    // Beside them only the reading's own notes (its 三 lost the columns in OCR: said once, as unreadable).
    assert.deepStrictEqual([...new Set(findings.map(f => f.ruleId))].sort(), ['ocr-text', 'review-total', 'table-unreadable']);
  });

  it('an OCR’d report is compared with no other (its body’s name, figures and words are the recogniser’s reading)', () => {
    for (const { r } of all) {
      const summaries = acrossSummaries(parseReport(r.text));
      assert.strictEqual(Object.keys(summaries).length === 0, r.kind === 'ocr', r.name);
    }
  });

  it('says why a table is unreadable in words true of the text: huaian-2024 by pdftotext has its 15 四 numbers among the header words, not “0 numbers”', () => {
    const r = all.find(({ r }) => r.name === 'huaian-2024 pdf.pdftotext')!;
    const note = checkReport(r.r.text).findings.filter(f => f.ruleId === 'table-unreadable' && f.message.zh.startsWith('四表'));
    assert.strictEqual(note.length, 1);
    assert.match(note[0].message.zh, /夹着表头文字/);
    // No note anywhere counts numbers a table does not lack.
    for (const { r } of all) {
      for (const f of checkReport(r.text).findings) assert.doesNotMatch(f.message.zh, /只有 0 个数字/, r.name);
    }
  });

  it('a reviewer’s batch lists an OCR’d report as 读不准（需人工核对）, never as 通过', () => {
    for (const { r } of all.filter(({ r }) => r.kind === 'ocr')) {
      const status = reportStatus(checkReport(r.text).findings);
      assert.ok(status === 'unsure' || status === 'sum-mismatch', `${r.name}: ${status}`);
    }
  });

  it('never says a sum is wrong that is not, even on OCR', () => {
    const wrong = all.flatMap(({ r, result }) => result.falseFindings.filter(f => ARITHMETIC.has(f.split('@')[0])).map(f => `${r.name}: ${f}`));
    assert.deepStrictEqual(wrong, []);
  });

  it('a number changed in a 三 read from any tool’s text: pinned with a fix that restores it, or said unreadable; never a certain fix on a right cell', () => {
    // Every 13th cell of every reading whose 三 is read exactly (the full run: scripts/matrix/mutate.ts).
    const t: Tally = { mutants: 0, pinned: 0, suggested: 0, unread: 0, missed: 0, wrongFix: 0 };
    for (const { r, result } of all) if (result.tables['三']?.verdict === 'exact') mutateApplications(r.text, 13, t);
    assert.ok(t.mutants > 1000, String(t.mutants));
    assert.strictEqual(t.wrongFix, 0, 'a certain fix that changes a cell that was right');
    // Missed only in rows with blank cells (Shanghai 2019's 法人 columns): the blank is reported, the sum cannot be.
    assert.ok(t.missed <= t.mutants * 0.01, JSON.stringify(t));
    assert.ok(t.pinned >= t.mutants * 0.85, JSON.stringify(t));
  });

  it('finds the real errors wherever the table that holds them is read (002’s 行政复议; hongze-2023’s two 四 totals)', () => {
    const missed = all.filter(({ result }) => result.realFound === false && result.tables['四']?.verdict === 'exact').map(({ r, result }) => `${r.name}: ${result.missed.join(', ')}`);
    assert.deepStrictEqual(missed, []);
    // And it is read in most of them: the PDF tools people use, the Word and page converters.
    const found = all.filter(({ result }) => result.realFound === true).length;
    const asked = all.filter(({ result }) => result.realFound !== null).length;
    assert.ok(found >= asked * 0.8, `${found} of ${asked}`);
  });
});
