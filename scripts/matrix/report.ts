/**
 * The converter matrix harness (issue 19): how Nianbao reads each real tool's output of each report.
 *
 *   npx tsx scripts/matrix/report.ts [--json FILE] [--verbose] [--doc ID[,ID…]] [--tool NAME[,NAME…]]
 *
 * For every fixture in test/fixtures/matrix/manifest.json (the header line stripped; read as
 * `nianbao check` reads the file: a web page by the HTML reader, text decoded, a .txt that is a saved page as HTML) and for Nianbao's own
 * reader of each source document (`<input>.nianbao-reader`), it parses and checks the text with the
 * service (`parseReport`, `checkReport`) and compares with test/fixtures/matrix/expected/<doc>.json,
 * whose values people read off the documents:
 *
 * - each table (二, 三, 四): **exact** (every expected cell read with its value, in its row and column,
 *   no other row), **unreadable** (a `table-unreadable` note for it, and no value claimed wrongly:
 *   the rows it read are right, the others unread or absent), or **misread** (a wrong value, a row
 *   missing or added, cells shifted, the table not found);
 * - **false findings**: findings not in the document's expected set, compared by rule and place
 *   (`三:<row key>[:<column>]`, `四:<group>[:<column>]`, `二:<row key>[:<column>]`, else `§<section>`), not
 *   by offset; table-unreadable and table-rebuilt notes are never false; the `ocr-text` note is right on
 *   an OCR tool's output and false on any other, and under it a table read wrong with nothing claimed on
 *   it counts as said to be unreadable (the note says so for the whole text);
 * - **missed**: expected findings not found; **real errors**: whether the document's own errors
 *   (those marked `real`) were all found.
 *
 * Prints one matrix (tool × document) and totals per tool; `--json` writes every detail.
 */
import { readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { readDocument } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';
import { checkReport } from '../../server/src/service/check';
import { parseReport, type Cell, type OffsetRange, type ReportModel, type Row } from '../../server/src/service/parse';
import type { Finding } from '../../server/src/service/rules/types';
import { DOCS, fixtureText, parseHeader, TOOL_KINDS, type ManifestEntry } from './common';

const ROOT = path.resolve(__dirname, '..', '..');
const MATRIX = path.join(ROOT, 'test', 'fixtures', 'matrix');

// ---------------------------------------------------------------- expected values

interface ExpectedRow {
  key: string;
  values: (number | null)[];
}

interface ExpectedFinding {
  /** The rule, or the rules any one of which reports this root cause right (a missing cell: cell-count in a text, cell-value on the blank cell of a page). */
  rule: string | string[];
  /** `三:denied.2`, `四:行政复议`, `二:rules`, `§4`: a finding matches when its place starts with this. */
  where: string;
  /** One of the document's own errors (what a reviewer must be told). */
  real?: boolean;
  note?: string;
}

export interface Expected {
  document: string;
  title: string;
  /** Where the values come from, and who read them. */
  readFrom: string;
  template: '2019' | '2021';
  proactive: { item: string; rows: ExpectedRow[] }[];
  applications: ExpectedRow[];
  reviews: (number | null)[];
  findings: ExpectedFinding[];
  /** Every blank cell of the tables is a cell-value finding (a count left empty where 0 belongs). */
  blankCellsAreFindings?: boolean;
}

export function loadExpected(doc: string): Expected {
  return JSON.parse(readFileSync(path.join(MATRIX, 'expected', `${doc}.json`), 'utf8')) as Expected;
}

// ---------------------------------------------------------------- places

const GROUPS = ['行政复议', '直接起诉', '复议后起诉'];
const GROUP_SIZE = 5;

/** Whether two ranges share a character, or an empty one stands inside (or at) the other. */
function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start >= b.start && a.start < b.end;
  if (b.start === b.end) return b.start >= a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}
const inside = (a: OffsetRange, b: OffsetRange) => a.start >= b.start && a.start < Math.max(b.end, b.start + 1);

function cellPlace(cells: Cell[], range: OffsetRange): number[] {
  return cells.map((c, i) => (overlaps(range, c.range) ? i : -1)).filter(i => i >= 0);
}

function rowPlace(prefix: string, rows: Row[], range: OffsetRange): string | null {
  for (const r of rows) {
    const cols = cellPlace(r.cells, range);
    if (cols.length || inside(range, r.range) || (r.labelRange && overlaps(range, r.labelRange))) {
      return `${prefix}:${r.key ?? `?${r.label ?? ''}`}${cols.length === 1 ? `:${cols[0]}` : ''}`;
    }
  }
  return null;
}

/** Where a finding stands, in terms of the report: a table row and column, a 四 group, or a section. */
export function placeOf(model: ReportModel, f: Finding): string {
  const reviews = model.reviews;
  if (reviews) {
    const cols = cellPlace(reviews.cells, f.range);
    const groups = [...new Set(cols.map(i => Math.floor(i / GROUP_SIZE)))];
    if (groups.length === 1) return `四:${GROUPS[groups[0]] ?? groups[0]}${cols.length === 1 ? `:${cols[0] % GROUP_SIZE}` : ''}`;
    if (cols.length) return '四';
  }
  const apps = model.applications;
  if (apps) {
    const p = rowPlace('三', apps.rows, f.range);
    if (p) return p;
  }
  for (const b of model.proactive) {
    const p = rowPlace('二', b.rows, f.range);
    if (p) return p;
  }
  if (reviews && inside(f.range, reviews.range)) return '四';
  if (apps && inside(f.range, apps.range)) return '三';
  const s = model.sections.filter(x => f.range.start >= x.headingRange.start).pop();
  return `§${s?.no ?? 0}`;
}

// ---------------------------------------------------------------- tables

export type Verdict = 'exact' | 'unreadable' | 'misread';

interface TableResult {
  verdict: Verdict;
  /** What is wrong: `denied.3: [1,0,…] ≠ [0,0,…]`, `missing unavailable.2`, `extra other`, … */
  problems: string[];
}

const show = (v: (number | null)[]) => `[${v.map(x => (x === null ? '_' : x)).join(',')}]`;

function valuesOf(r: Row, width: number): (number | null)[] {
  const out = r.cells.map(c => c.value);
  while (out.length < width) out.push(null);
  return out;
}

function sameValues(a: (number | null)[], b: (number | null)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Rows of one table against the expected rows (by key, in any order). */
function compareRows(rows: Row[], expected: ExpectedRow[], noted: boolean): TableResult {
  const problems: string[] = [];
  let wrong = false;
  let unread = false;
  for (const e of expected) {
    const got = rows.filter(r => r.key === e.key);
    if (!got.length) {
      problems.push(`missing ${e.key}`);
      continue;
    }
    if (got.length > 1) {
      problems.push(`${e.key} ×${got.length}`);
      wrong = true;
    }
    const r = got[0];
    if (r.unread) {
      unread = true;
      problems.push(`unread ${e.key}`);
      continue;
    }
    const v = valuesOf(r, e.values.length);
    if (!sameValues(v, e.values)) {
      wrong = true;
      problems.push(`${e.key}: ${show(v)} ≠ ${show(e.values)}`);
    }
  }
  const keys = new Set(expected.map(e => e.key));
  for (const r of rows) {
    if (r.key && !keys.has(r.key)) {
      wrong = true;
      problems.push(`extra ${r.key}: ${show(r.cells.map(c => c.value))}`);
    }
  }
  const missing = problems.some(p => p.startsWith('missing '));
  if (!problems.length) return { verdict: 'exact', problems };
  if (noted && !wrong) return { verdict: 'unreadable', problems };
  if (!wrong && !missing && unread) return { verdict: 'misread', problems: [...problems, 'rows unread without a table-unreadable note'] };
  return { verdict: 'misread', problems };
}

function unreadableNoteOf(findings: Finding[], table: '二表' | '三表' | '四表'): boolean {
  return findings.some(f => f.ruleId === 'table-unreadable' && f.message.zh.startsWith(table));
}

function compareTables(model: ReportModel, findings: Finding[], e: Expected): Record<'二' | '三' | '四', TableResult | null> {
  // An OCR'd text said once to be so: a table read wrong under it is said not to be read with confidence.
  const ocr = findings.some(f => f.ruleId === 'ocr-text');
  const unreadableNote = unreadableNoteOf;
  const pro: TableResult | null = e.proactive.length
    ? compareRows(model.proactive.flatMap(b => b.rows), e.proactive.flatMap(b => b.rows), unreadableNote(findings, '二表'))
    : null;
  let apps: TableResult | null = null;
  if (e.applications.length) {
    if (!model.applications) apps = { verdict: 'misread', problems: ['table not found'] };
    else apps = compareRows(model.applications.rows, e.applications, unreadableNote(findings, '三表'));
    if (model.extraTables.applications.length) apps.problems.push(`${model.extraTables.applications.length} extra 三 table(s)`);
  }
  let reviews: TableResult | null = null;
  if (e.reviews.length) {
    const r = model.reviews;
    if (!r) reviews = { verdict: 'misread', problems: ['table not found'] };
    else if (r.unread) reviews = unreadableNote(findings, '四表') ? { verdict: 'unreadable', problems: [`unread (${r.unread})`] } : { verdict: 'misread', problems: ['unread without a note'] };
    else {
      const v = r.cells.map(c => c.value);
      while (v.length < e.reviews.length) v.push(null);
      reviews = sameValues(v, e.reviews) ? { verdict: 'exact', problems: [] } : { verdict: 'misread', problems: [`${show(v)} ≠ ${show(e.reviews)}`] };
    }
  }
  const noted = (t: TableResult | null): TableResult | null => (ocr && t?.verdict === 'misread' ? { ...t, verdict: 'unreadable' } : t);
  return { 二: noted(pro), 三: noted(apps), 四: noted(reviews) };
}

// ---------------------------------------------------------------- findings

const NEVER_FALSE = new Set(['table-unreadable', 'table-rebuilt']);

function expectedFindings(e: Expected): ExpectedFinding[] {
  const out = [...e.findings];
  if (e.blankCellsAreFindings) {
    for (const r of e.applications) r.values.forEach((v, i) => v === null && out.push({ rule: 'cell-value', where: `三:${r.key}:${i}` }));
    e.reviews.forEach((v, i) => v === null && out.push({ rule: 'cell-value', where: `四:${GROUPS[Math.floor(i / GROUP_SIZE)]}:${i % GROUP_SIZE}` }));
    for (const b of e.proactive) for (const r of b.rows) r.values.forEach((v, i) => v === null && out.push({ rule: 'cell-value', where: `二:${r.key}:${i}` }));
  }
  return out;
}

const matches = (e: ExpectedFinding, rule: string, where: string) =>
  (Array.isArray(e.rule) ? e.rule.includes(rule) : e.rule === rule) && (e.where === '*' || where === e.where || where.startsWith(`${e.where}:`));

interface FindingResult {
  falseFindings: string[];
  missed: string[];
  realFound: boolean | null;
}

function compareFindings(model: ReportModel, findings: Finding[], e: Expected): FindingResult {
  const expected = expectedFindings(e);
  // A finding about several cells (blank cells of one column) stands at each of them.
  const found = findings.map(f => ({ f, where: placeOf(model, f), all: [placeOf(model, f), ...(f.cells ?? []).map(range => placeOf(model, { ...f, range }))] }));
  const falseFindings = found
    .filter(({ f, all }) => !NEVER_FALSE.has(f.ruleId) && !expected.some(x => all.some(w => matches(x, f.ruleId, w))))
    .map(({ f, where }) => `${f.ruleId}@${where}: ${f.message.zh.slice(0, 60)}`);
  const missedList = expected.filter(x => !found.some(({ f, all }) => all.some(w => matches(x, f.ruleId, w))));
  const real = expected.filter(x => x.real);
  return {
    falseFindings,
    missed: missedList.map(x => `${[x.rule].flat().join('|')}@${x.where}`),
    realFound: real.length ? real.every(x => !missedList.includes(x)) : null,
  };
}

// ---------------------------------------------------------------- running

export interface Result {
  document: string;
  input: string;
  tool: string;
  kind: string;
  file: string;
  tables: Record<'二' | '三' | '四', TableResult | null>;
  falseFindings: string[];
  missed: string[];
  realFound: boolean | null;
  failures: string[];
}

export function evaluate(entry: { document: string; input: string; tool: string; kind: string; file: string }, text: string, e: Expected): Result {
  const model = parseReport(text);
  const { findings, failures } = checkReport(text, {}, model);
  return {
    ...entry,
    tables: compareTables(model, findings, e),
    ...compareFindings(model, findings, { ...e, findings: entry.kind === 'ocr' ? [...e.findings, { rule: 'ocr-text', where: '*' }] : e.findings }),
    failures: failures.map(f => `${f.ruleId}: ${f.error}`),
  };
}

const SOURCE_INPUTS = ['pdf', 'docx', 'html'] as const;

/** The fixtures on disk, from their names and header lines (the same as manifest.json when it is current). */
function fixtures(): ManifestEntry[] {
  const kinds = JSON.parse(readFileSync(path.join(MATRIX, 'manifest.json'), 'utf8')) as ManifestEntry[];
  const out: ManifestEntry[] = [];
  for (const dir of readdirSync(MATRIX, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'documents' || dir.name === 'expected') continue;
    for (const name of readdirSync(path.join(MATRIX, dir.name)).sort()) {
      const file = `test/fixtures/matrix/${dir.name}/${name}`;
      const header = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, file))));
      if (!header) throw new Error(`${file}: no nianbao-matrix header line`);
      const [input, tool] = name.split('.');
      out.push({ file, document: dir.name, input: input as ManifestEntry['input'], tool, version: header.version, command: header.command, source: header.source, kind: kinds.find(k => k.file === file)?.kind ?? TOOL_KINDS[`${input}.${tool}`] ?? 'other' });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : null;
  };
  const onlyDocs = opt('--doc')?.split(',');
  const onlyTools = opt('--tool')?.split(',');
  const manifest = fixtures();
  const docs = readdirSync(path.join(MATRIX, 'expected')).map(f => f.replace(/\.json$/, '')).filter(d => !onlyDocs || onlyDocs.includes(d));
  const results: Result[] = [];
  const started = Date.now();
  for (const doc of docs) {
    const e = loadExpected(doc);
    const entries = manifest.filter(m => m.document === doc);
    // Nianbao's own reader on each source document, as the baseline.
    const files = DOCS.find(d => d.id === doc);
    for (const input of SOURCE_INPUTS) {
      const source = files?.[input];
      if (!source || (onlyTools && !onlyTools.includes('nianbao-reader'))) continue;
      const bytes = new Uint8Array(readFileSync(path.join(ROOT, source)));
      const read = await readDocument(bytes, source, { pdf: { loadCMap: loadCMapFromDisk } });
      results.push(evaluate({ document: doc, input, tool: 'nianbao-reader', kind: 'reader', file: source }, read.text, e));
    }
    for (const m of entries) {
      if (onlyTools && !onlyTools.includes(m.tool)) continue;
      const header = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, m.file))));
      if (!header) throw new Error(`${m.file}: no header line`);
      const text = await fixtureText(m.file, header.body);
      results.push(evaluate({ document: doc, input: m.input, tool: m.tool, kind: m.kind, file: m.file }, text, e));
    }
  }
  const seconds = (Date.now() - started) / 1000;
  if (args.includes('--markdown')) printMarkdown(results, manifest);
  else printMatrix(results, docs);
  if (args.includes('--verbose')) printDetails(results);
  const json = opt('--json');
  if (json) writeFileSync(json, JSON.stringify({ seconds, results }, null, 2) + '\n');
  console.log(`\n${results.length} readings in ${seconds.toFixed(1)} s`);
}

const LETTER: Record<Verdict, string> = { exact: 'E', unreadable: 'U', misread: 'M' };

export function cellOf(r: Result): string {
  const t = (['二', '三', '四'] as const).map(k => (r.tables[k] ? LETTER[r.tables[k]!.verdict] : '-')).join('');
  return `${t} ${r.falseFindings.length}${r.realFound === false ? '!' : ''}`;
}

function printMatrix(results: Result[], docs: string[]): void {
  const rows = [...new Set(results.map(r => `${r.input}.${r.tool}`))].sort();
  const width = Math.max(...rows.map(r => r.length));
  console.log('Each cell: 二三四 as E exact, U unreadable (noted, nothing wrong claimed), M misread, - no such table;');
  console.log('then the number of false findings; ! when a real error of the document was not found.\n');
  const docW = docs.map(d => Math.max(d.length, 7));
  console.log(['tool'.padEnd(width), ...docs.map((d, i) => d.padEnd(docW[i])), 'E', 'U', 'M', 'false'].join(' | '));
  console.log(['-'.repeat(width), ...docW.map(w => '-'.repeat(w)), '--', '--', '--', '-----'].join('-|-'));
  for (const row of rows) {
    const mine = results.filter(r => `${r.input}.${r.tool}` === row);
    const cells = docs.map((d, i) => {
      const r = mine.find(x => x.document === d);
      return (r ? cellOf(r) : '').padEnd(docW[i]);
    });
    const count = (v: Verdict) => mine.reduce((n, r) => n + Object.values(r.tables).filter(t => t?.verdict === v).length, 0);
    const falses = mine.reduce((n, r) => n + r.falseFindings.length, 0);
    console.log([row.padEnd(width), ...cells, String(count('exact')).padStart(2), String(count('unreadable')).padStart(2), String(count('misread')).padStart(2), String(falses).padStart(5)].join(' | '));
  }
  const all = (v: Verdict) => results.reduce((n, r) => n + Object.values(r.tables).filter(t => t?.verdict === v).length, 0);
  const realMissed = results.filter(r => r.realFound === false).length;
  console.log(`\ntables: ${all('exact')} exact, ${all('unreadable')} unreadable, ${all('misread')} misread; false findings: ${results.reduce((n, r) => n + r.falseFindings.length, 0)}; readings that miss a real error: ${realMissed} of ${results.filter(r => r.realFound !== null).length}`);
}

/** What people call each tool, for the README's table. */
const TOOL_NAMES: Record<string, string> = {
  'pdf.pdftotext': 'pdftotext（默认，如 PDF 阅读器“全选复制”）', 'pdf.pdftotext-layout': 'pdftotext -layout', 'pdf.pdftotext-raw': 'pdftotext -raw',
  'pdf.mutool': 'mutool draw -F txt', 'pdf.pymupdf': 'PyMuPDF', 'pdf.pdfminer': 'pdfminer (pdf2txt)', 'pdf.pdfplumber': 'pdfplumber',
  'pdf.pdf-parse': 'pdf-parse', 'pdf.unpdf': 'unpdf', 'pdf.pdf2md': '@opendocsg/pdf2md', 'pdf.tesseract': 'tesseract OCR (chi_sim)',
  'pdf.pdfjs-viewer-chromium-copy': 'pdf.js 阅读器：全选复制（Chromium）', 'pdf.pdfjs-viewer-copyall': 'pdf.js 阅读器：复制全部',
  'docx.pandoc-plain': 'pandoc → 纯文本', 'docx.pandoc-markdown': 'pandoc → Markdown', 'docx.pandoc-gfm': 'pandoc → GFM', 'docx.pandoc-html': 'pandoc → HTML',
  'docx.soffice-txt': 'LibreOffice → 文本', 'docx.soffice-html': 'LibreOffice → HTML', 'docx.mammoth-text': 'mammoth → 文本',
  'docx.mammoth-markdown': 'mammoth → Markdown', 'docx.mammoth-html': 'mammoth → HTML', 'html.html-to-text': 'html-to-text',
  'html.turndown': 'turndown (Markdown)', 'html.cheerio': 'cheerio .text()', 'html.bs4': 'BeautifulSoup get_text()',
  'html.bs4-lines': 'BeautifulSoup get_text("\\n")', 'html.html2text': 'html2text', 'html.pandoc-plain': 'pandoc → 纯文本',
  'html.pandoc-gfm': 'pandoc → GFM', 'html.chromium-innertext': 'Chromium innerText', 'html.chromium-copy': 'Chromium 全选复制',
  'pdf.nianbao-reader': 'Nianbao 直接读 PDF', 'docx.nianbao-reader': 'Nianbao 直接读 .docx', 'html.nianbao-reader': 'Nianbao 直接读网页',
};

/** The README's table: where the text comes from → what Nianbao reads of it. */
function printMarkdown(results: Result[], manifest: ManifestEntry[]): void {
  const rows = [...new Set(results.map(r => `${r.input}.${r.tool}`))];
  const order = (k: string) => ['pdf', 'docx', 'html'].indexOf(k.split('.')[0]) * 100 + (k.endsWith('nianbao-reader') ? 0 : 1);
  rows.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  console.log('| 文本来自 Where the text comes from | 版本 Version | 报告 Reports | 表格读准 Tables read exactly | 说明读不准 Said unreadable | 读错 Misread | 误报 False findings |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const mine = results.filter(r => `${r.input}.${r.tool}` === row);
    const count = (v: Verdict) => mine.reduce((n, r) => n + Object.values(r.tables).filter(t => t?.verdict === v).length, 0);
    const all = mine.reduce((n, r) => n + Object.values(r.tables).filter(Boolean).length, 0);
    const version = manifest.find(m => `${m.input}.${m.tool}` === row)?.version ?? '—';
    const falses = mine.reduce((n, r) => n + r.falseFindings.length, 0);
    console.log(`| ${TOOL_NAMES[row] ?? row} | ${version} | ${mine.length} | ${count('exact')} / ${all} | ${count('unreadable')} | ${count('misread')} | ${falses} |`);
  }
}

function printDetails(results: Result[]): void {
  for (const r of results) {
    const lines: string[] = [];
    for (const k of ['二', '三', '四'] as const) {
      const t = r.tables[k];
      if (t && t.verdict !== 'exact') lines.push(`  ${k} ${t.verdict}: ${t.problems.slice(0, 6).join('; ')}${t.problems.length > 6 ? ` (+${t.problems.length - 6})` : ''}`);
    }
    for (const f of r.falseFindings.slice(0, 8)) lines.push(`  false ${f}`);
    if (r.falseFindings.length > 8) lines.push(`  … ${r.falseFindings.length - 8} more false findings`);
    if (r.missed.length) lines.push(`  missed ${r.missed.slice(0, 8).join(', ')}${r.missed.length > 8 ? ` (+${r.missed.length - 8})` : ''}`);
    if (r.failures.length) lines.push(`  rule failures: ${r.failures.join('; ')}`);
    if (lines.length) console.log(`\n${r.document} ${r.input}.${r.tool} (${r.file})\n${lines.join('\n')}`);
  }
}

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
