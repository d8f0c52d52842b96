/**
 * Writes a sample report in each text layout that real reports arrive in (issue 9), from the
 * sample's true values (test/helpers/sample-values.ts) and its own prose. Each layout function
 * says which real source it imitates; test/fixtures/layouts/ holds real reports in these layouts.
 *
 * The tables are rendered from the values with the format's labels; the prose (title, sections
 * 一, 五, 六) is the sample's own, joined into paragraphs where the sample was wrapped PDF text.
 */
import {
  APPLICATION_COLUMNS as APPLICATION_FORMAT_COLUMNS, formatOf, REVIEW_GROUP_COLUMNS as REVIEW_GROUP_FORMAT_COLUMNS,
  type FormatProactiveBlock, type FormatVersion,
} from '../../server/src/service/format';

import { corpusText, type CorpusId } from './corpus';
import { nothingUnsure, SAMPLE_READING, SAMPLE_WRITTEN_CELLS, sampleValues, type TrueValues, type Unsure } from './sample-values';

/** Column labels as printed. */
const APPLICATION_COLUMNS = APPLICATION_FORMAT_COLUMNS.map(c => c.label);
const REVIEW_GROUP_COLUMNS = REVIEW_GROUP_FORMAT_COLUMNS.map(c => c.label);

export type { Unsure };

export const LAYOUTS = [
  'web-tabs',
  'web-unicode-spaces',
  'crawled-glued',
  'ocr-markdown',
  'pdf-markdown-fragments',
  'pdftotext-columns',
] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface LayoutText {
  text: string;
  unsure: Unsure;
}

// ---------------------------------------------------------------------------------------------
// The sample, taken apart into prose and tables

/** The samples whose text came from a PDF: their paragraphs are wrapped over lines (corpus README). */
const PDF_TEXT_SAMPLES: CorpusId[] = ['000', '003'];

interface Section {
  no: number;
  heading: string;
  /** Paragraphs of prose; empty for 二, 三 and 四, whose body is only their tables. */
  paragraphs: string[];
}

export interface ReportParts {
  id: CorpusId;
  values: TrueValues;
  /** Title, agency and the lines before 一, as paragraphs. */
  front: string[];
  sections: Section[];
}

const FOOTER = /^\s*[—–-]\s*\d+\s*[—–-]\s*$/;
const ARTIFACT = /\[(?:image|bookmark):[^\]]*\]/g;

/** The sample's paragraphs: artifacts and page footers dropped, PDF-wrapped lines joined. */
function paragraphs(lines: string[], wrapped: boolean): string[] {
  const out: string[] = [];
  let lastLineLength = 0;
  for (const raw of lines) {
    const line = raw.replace(ARTIFACT, '').trim();
    if (!line || FOOTER.test(line)) continue;
    // A PDF line that ran to the margin (about 28 characters) continues in the next one.
    const continues = wrapped && out.length > 0 && lastLineLength >= 20 && !/[。！？：；]$/.test(out[out.length - 1]);
    if (continues) out[out.length - 1] += line;
    else out.push(line);
    lastLineLength = line.length;
  }
  return out;
}

export function reportParts(id: CorpusId): ReportParts {
  const reading = SAMPLE_READING[id];
  const lines = corpusText(id).replace(/\r/g, '').split('\n');
  const wrapped = PDF_TEXT_SAMPLES.includes(id);
  const starts = reading.sections.map(([line]) => line - 1);
  const sections = reading.sections.map(([, heading], k): Section => {
    const no = k + 1;
    const body = lines.slice(starts[k] + 1, k + 1 < starts.length ? starts[k + 1] : lines.length);
    return { no, heading, paragraphs: no >= 2 && no <= 4 ? [] : paragraphs(body, wrapped) };
  });
  return { id, values: sampleValues(id), front: paragraphs(lines.slice(0, starts[0]), wrapped), sections };
}

// ---------------------------------------------------------------------------------------------
// The tables as rows of written cells

const APPLICATIONS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const CORPORATE_COLUMNS = APPLICATION_COLUMNS.slice(1, 6);

function written(v: number | null): string {
  return v === null ? '' : String(v);
}

interface ProactiveTable {
  block: FormatProactiveBlock;
  header: string[];
  rows: { key: string; label: string; cells: string[] }[];
}

/** Section 二 blocks as the report prints them: signs on increases, units where the sample wrote them. */
function proactiveTables(parts: ReportParts): ProactiveTable[] {
  const extra = SAMPLE_WRITTEN_CELLS[parts.id] ?? {};
  return parts.values.proactive.map(b => {
    const block = formatOf(parts.values.template).proactive.blocks.find(t => t.item === b.item)!;
    return {
      block,
      header: ['信息内容', ...block.columns.map(c => c.label)],
      rows: b.rows.map(r => ({
        key: r.key,
        label: r.label,
        // A row printed with fewer cells than columns (001) keeps only its cells.
        cells: extra[r.key] ?? r.values.filter((v, i) => v !== null || r.values.slice(i).some(x => x !== null))
          .map((v, i) => (block.columns[i]?.kind === 'signed' && v !== null && v > 0 ? `+${v}` : written(v))),
      })),
    };
  });
}

interface ApplicationLine {
  /** 三、本年度办理结果, on the first result row (a merged cell in the printed table). */
  results?: string;
  /** The numbered group (（三）不予公开 …) on its first row. */
  group?: string;
  key: string;
  label: string;
  cells: string[];
  /** The row's place: top (一、二、四), a result of 三 (（一）（二）（七）), or inside a numbered group. */
  depth: 0 | 1 | 2;
}

/** The label cells of a row in a table with three label columns; merged cells only on their first row. */
function labelCells(l: ApplicationLine, label = l.label): string[] {
  if (l.depth === 0) return [label, '', ''];
  if (l.depth === 1) return [l.results ?? '', label, ''];
  return [l.results ?? '', l.group ?? '', label];
}

function opens(l: ApplicationLine): string[] {
  return [l.results, l.group].filter((x): x is string => !!x);
}

/** Section 三 rows in printed order, with the group headings each row opens. */
function applicationLines(values: TrueValues): ApplicationLine[] {
  const byKey = new Map(values.applications.map(r => [r.key, r.values]));
  const out: ApplicationLine[] = [];
  let results: string | undefined;
  let group: string | undefined;
  for (const e of formatOf(values.template).applications.entries) {
    if (e.kind === 'group') {
      if (e.key === 'results') results = e.label;
      else group = e.label;
      continue;
    }
    const depth = !e.group ? 0 : e.group === 'results' ? 1 : 2;
    out.push({ results, group, key: e.key, label: e.label, cells: (byKey.get(e.key) ?? []).map(written), depth });
    results = undefined;
    group = undefined;
  }
  return out;
}

function reviewCells(values: TrueValues): string[] {
  return values.reviews.map(written);
}

/** Glued cells of a row: how many ways of cutting them back into `n` numbers keep `ok`. */
function splitCount(digits: string, n: number, ok: (xs: number[]) => boolean, limit = 2): number {
  let count = 0;
  const parts: number[] = [];
  const walk = (at: number) => {
    if (count >= limit) return;
    if (parts.length === n) {
      if (at === digits.length && ok(parts)) count++;
      return;
    }
    for (let end = at + 1; end <= digits.length; end++) {
      const piece = digits.slice(at, end);
      if (piece.length > 1 && piece[0] === '0') break;
      if (digits.length - end < n - parts.length - 1) break;
      parts.push(Number(piece));
      walk(end);
      parts.pop();
    }
  };
  walk(0);
  return count;
}

const rowTotalHolds = (xs: number[]) => xs.slice(0, 6).reduce((a, b) => a + b, 0) === xs[6];

const noUnsure = nothingUnsure;

// ---------------------------------------------------------------------------------------------
// Small deterministic choices, so a layout looks varied but every run writes the same text

function picker(seed: string) {
  let s = 0;
  for (const ch of seed) s = (s * 31 + ch.charCodeAt(0)) >>> 0;
  return <T>(xs: readonly T[]): T => {
    s = (s * 1103515245 + 12345) >>> 0;
    return xs[(s >>> 16) % xs.length];
  };
}

function prose(parts: ReportParts, no: number): string[] {
  return parts.sections.find(s => s.no === no)?.paragraphs ?? [];
}

function heading(parts: ReportParts, no: number): string {
  return parts.sections.find(s => s.no === no)!.heading;
}

// ---------------------------------------------------------------------------------------------
// The layouts

/**
 * A report page copied from a browser (Chrome's copy of an HTML table): each table row on one
 * line, cells separated by tabs, an empty cell as nothing between two tabs, a merged (rowspan)
 * cell only on its first row; paragraphs one a line. Real example: fixtures/layouts/web-tabs-1.txt.
 */
export function webTabs(parts: ReportParts): LayoutText {
  const out: string[] = [...parts.front];
  const row = (cells: string[]) => out.push(cells.join('\t'));
  out.push(heading(parts, 1), ...prose(parts, 1));
  webTables(parts, out, row);
  out.push(heading(parts, 5), ...prose(parts, 5), heading(parts, 6), ...prose(parts, 6));
  return { text: out.join('\n') + '\n', unsure: noUnsure() };
}

/** Sections 二–四 of a web page's text, each table row written by `row` (the two web copies differ only in their separators). */
function webTables(parts: ReportParts, out: string[], row: (cells: string[]) => void): void {
  out.push(heading(parts, 2));
  for (const t of proactiveTables(parts)) {
    row([t.block.item]);
    row(t.header);
    for (const r of t.rows) row([r.label, ...r.cells]);
  }
  out.push(heading(parts, 3));
  row([APPLICATIONS_NOTE, '申请人情况']);
  row([APPLICATION_COLUMNS[0], '法人或其他组织', APPLICATION_COLUMNS[6]]);
  row(CORPORATE_COLUMNS);
  for (const l of applicationLines(parts.values)) row([...opens(l), l.label, ...l.cells]);
  out.push(heading(parts, 4));
  row(['行政复议', '行政诉讼']);
  row([...REVIEW_GROUP_COLUMNS, '未经复议直接起诉', '复议后起诉']);
  row([...REVIEW_GROUP_COLUMNS, ...REVIEW_GROUP_COLUMNS]);
  row(reviewCells(parts.values));
}

/** Spaces that web pages put between table cells when the text is taken without tabs. */
const UNICODE_SPACES = ['\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u00a0\u00a0', '\u3000\u3000', '\u2003\u2002', '\u00a0\u3000'] as const;

/**
 * Text taken from a report page whose cells were laid out with entities, not tabs (&nbsp;,
 * &emsp;, &ensp;, &thinsp;, full-width spaces from the CMS editor): cells separated by a mix of
 * U+00A0, U+3000, U+2002, U+2003, U+2009; paragraphs indented with two U+3000, as such pages are.
 */
export function webUnicodeSpaces(parts: ReportParts): LayoutText {
  const pick = picker(`${parts.id}-unicode`);
  const out: string[] = [...parts.front];
  const row = (cells: string[]) => out.push(cells.map((c, i) => (i === 0 ? c : pick(UNICODE_SPACES) + c)).join(''));
  const para = (ps: string[]) => out.push(...ps.map(p => '\u3000\u3000' + p));
  out.push(heading(parts, 1));
  para(prose(parts, 1));
  webTables(parts, out, row);
  out.push(heading(parts, 5));
  para(prose(parts, 5));
  out.push(heading(parts, 6));
  para(prose(parts, 6));
  return { text: out.join('\n') + '\n', unsure: noUnsure() };
}

/**
 * A report page as a crawler saved it (tags stripped with nothing in their place, as on document-
 * sharing and mirror sites): every cell glued to the next (`一、本年新收政府信息公开申请数量5130002 56`
 * without the space), headings glued to their paragraphs, and the whole report on three lines
 * (title; 一 and 二; 三 to the end).
 */
export function crawledGlued(parts: ReportParts): LayoutText {
  const unsure = noUnsure();
  const glue = (cells: string[]) => cells.join('');
  const title = glue(parts.front);
  const first: string[] = [heading(parts, 1), ...prose(parts, 1), heading(parts, 2)];
  for (const t of proactiveTables(parts)) {
    first.push(t.block.item, glue(t.header));
    for (const r of t.rows) {
      first.push(r.label + glue(r.cells));
      // One cell, or one digit a cell, cuts back one way only.
      const digits = glue(r.cells);
      if (r.cells.length > 1 && !(/^\d+$/.test(digits) && digits.length === r.cells.length)) unsure.proactive.add(r.key);
    }
  }
  const second: string[] = [heading(parts, 3), APPLICATIONS_NOTE, '申请人情况', APPLICATION_COLUMNS[0], '法人或其他组织', APPLICATION_COLUMNS[6], ...CORPORATE_COLUMNS];
  for (const l of applicationLines(parts.values)) {
    second.push(...opens(l), l.label + glue(l.cells));
    if (splitCount(glue(l.cells), 7, rowTotalHolds) !== 1) unsure.applications.add(l.key);
  }
  second.push(heading(parts, 4), '行政复议', '行政诉讼', ...REVIEW_GROUP_COLUMNS, '未经复议直接起诉', '复议后起诉', ...REVIEW_GROUP_COLUMNS, ...REVIEW_GROUP_COLUMNS);
  const reviews = glue(reviewCells(parts.values));
  second.push(reviews);
  unsure.reviews = reviews.length !== 15;
  second.push(heading(parts, 5), ...prose(parts, 5), heading(parts, 6), ...prose(parts, 6));
  return { text: [title, glue(first), glue(second)].join('\n') + '\n', unsure };
}

/** Characters an OCR engine takes for others in table headers (printed serif type, small size). */
const OCR_MISREADS: [string, string][] = [['持', '特'], ['果', '杲'], ['未', '末'], ['计', '汁'], ['人', '入'], ['构', '枃'], ['组', '纽'], ['数', '敫']];

function misread(word: string, pick: ReturnType<typeof picker>): string {
  const candidates = OCR_MISREADS.filter(([from]) => word.includes(from));
  if (!candidates.length || pick([true, false, false])) return word;
  const [from, to] = pick(candidates);
  return word.replace(from, to);
}

function pipeRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function pipeTable(rows: string[][]): string[] {
  const width = Math.max(...rows.map(r => r.length));
  const full = rows.map(r => [...r, ...new Array(width - r.length).fill('')]);
  return [pipeRow(full[0]), pipeRow(new Array(width).fill('---')), ...full.slice(1).map(pipeRow)];
}

/** A label cell's text as it wraps in a printed cell `width` characters wide. */
function wrapCell(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

/**
 * A scanned report OCR'd and turned into Markdown (table-recognition OCR that writes each table
 * as a pipe table): headings as `##`, table headers with misread characters (结果维特, 尚末审结,
 * 总汁, 自然入…), long labels cut into two table rows (the cell's text lines), and the 四 table
 * recognised as three small tables, one for each group of five.
 */
export function ocrMarkdown(parts: ReportParts): LayoutText {
  const pick = picker(`${parts.id}-ocr`);
  const m = (w: string) => misread(w, pick);
  const out: string[] = [];
  const [title, ...front] = parts.front;
  out.push(`# ${title}`, '', ...front.flatMap(p => [p, '']));
  out.push(`## ${heading(parts, 1)}`, '', ...prose(parts, 1).flatMap(p => [p, '']));
  out.push(`## ${heading(parts, 2)}`, '');
  for (const t of proactiveTables(parts)) {
    out.push(...pipeTable([[t.block.item], t.header.map(m), ...t.rows.map(r => [r.label, ...r.cells])]), '');
  }
  out.push(`## ${heading(parts, 3)}`, '');
  const table: string[][] = [
    [APPLICATIONS_NOTE, '', '', m('申请人情况')],
    ['', '', '', m(APPLICATION_COLUMNS[0]), m('法人或其他组织'), '', '', '', '', m(APPLICATION_COLUMNS[6])],
    ['', '', '', '', ...CORPORATE_COLUMNS.map(m)],
  ];
  for (const l of applicationLines(parts.values)) {
    const pieces = wrapCell(l.label, 18);
    // The OCR engine takes each text line of a tall cell for a row of its own.
    pieces.slice(0, -1).forEach((piece, i) => table.push([...labelCells(i === 0 ? l : { ...l, results: undefined, group: undefined }, piece), '', '', '', '', '', '', '']));
    const last = pieces.length > 1 ? { ...l, results: undefined, group: undefined } : l;
    table.push([...labelCells(last, pieces[pieces.length - 1]), ...l.cells]);
  }
  out.push(...pipeTable(table), '');
  out.push(`## ${heading(parts, 4)}`, '');
  const reviews = reviewCells(parts.values);
  const captions = ['行政复议', '行政诉讼 未经复议直接起诉', '复议后起诉'];
  captions.forEach((caption, g) => {
    out.push(caption, '', ...pipeTable([REVIEW_GROUP_COLUMNS.map(m), reviews.slice(5 * g, 5 * g + 5)]), '');
  });
  out.push(`## ${heading(parts, 5)}`, '', ...prose(parts, 5).flatMap(p => [p, '']));
  out.push(`## ${heading(parts, 6)}`, '', ...prose(parts, 6).flatMap(p => [p, '']));
  return { text: out.join('\n'), unsure: noUnsure() };
}

/**
 * A text PDF converted to Markdown by an extraction tool that finds tables page by page: a table
 * that crosses a page comes out as several pipe tables with the page footer between them; the
 * continuation repeats the header or has none (its first data row taken for a header), and the
 * rows of one fragment lost their label column (their place follows from the rows around them).
 */
export function pdfMarkdownFragments(parts: ReportParts): LayoutText {
  const out: string[] = [];
  let page = 1;
  const footer = () => out.push(`— ${++page} —`, '');
  const [title, ...front] = parts.front;
  out.push(`# ${title}`, '', ...front.flatMap(p => [p, '']));
  out.push(`## ${heading(parts, 1)}`, '', ...prose(parts, 1).flatMap(p => [p, '']));
  footer();
  out.push(`## ${heading(parts, 2)}`, '');
  const tables = proactiveTables(parts);
  tables.forEach((t, k) => {
    out.push(`**${t.block.item}**`, '');
    // The third block's caption ends a page; its table starts the next one.
    if (k === 2) footer();
    out.push(...pipeTable([t.header, ...t.rows.map(r => [r.label, ...r.cells])]), '');
  });
  out.push(`## ${heading(parts, 3)}`, '');
  const header = ['', '', '', ...APPLICATION_COLUMNS];
  const lines = applicationLines(parts.values);
  const labelled = (l: ApplicationLine) => [...labelCells(l), ...l.cells];
  const firstPage = lines.findIndex(l => l.key === 'denied.5');
  const thirdPage = lines.findIndex(l => l.key === 'unavailable.1');
  out.push(...pipeTable([[APPLICATIONS_NOTE, '', '', '申请人情况'], header, ...lines.slice(0, firstPage).map(labelled)]), '');
  footer();
  // This page's rows lost their labels: the tool took the first of them for the header.
  out.push(...pipeTable(lines.slice(firstPage, thirdPage).map(l => ['', '', '', ...l.cells])), '');
  footer();
  out.push(...pipeTable([header, ...lines.slice(thirdPage).map(labelled)]), '');
  out.push(`## ${heading(parts, 4)}`, '');
  out.push(...pipeTable([
    ['行政复议', '', '', '', '', '行政诉讼'],
    ['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉'],
    [...REVIEW_GROUP_COLUMNS, ...REVIEW_GROUP_COLUMNS, ...REVIEW_GROUP_COLUMNS],
  ]), '');
  footer();
  // The numbers row fell on the next page, alone, without its header.
  out.push(...pipeTable([reviewCells(parts.values)]), '');
  out.push(`## ${heading(parts, 5)}`, '', ...prose(parts, 5).flatMap(p => [p, '']));
  out.push(`## ${heading(parts, 6)}`, '', ...prose(parts, 6).flatMap(p => [p, '']));
  return { text: out.join('\n'), unsure: noUnsure() };
}

/** A paragraph as lines of a printed A4 page; no line starts like a heading or a number. */
function wrapParagraph(p: string, width = 28): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < p.length) {
    let end = Math.min(p.length, at + width);
    while (end < p.length && end > at + 1 && /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d)/.test(p.slice(end))) end--;
    out.push(p.slice(at, end));
    at = end;
  }
  return out;
}

/**
 * `pdftotext report.pdf` without `-layout`: text in reading order, prose lines as the PDF wraps
 * them, a form feed after each page with its footer. Narrow tables come out row by row
 * (`规章 0 0 0`), but the wide 三 table comes out column by column on each page: the row labels
 * (wrapped as in their cells), then each column's header and its numbers, one a line.
 */
export function pdftotextColumns(parts: ReportParts): LayoutText {
  const out: string[] = [];
  let page = 1;
  let linesOnPage = 0;
  const newPage = () => {
    out.push('', `— ${page} —`, '\f');
    page++;
    linesOnPage = 0;
  };
  const push = (...ls: string[]) => {
    for (const l of ls) {
      out.push(l);
      if (++linesOnPage >= 36) newPage();
    }
  };
  const paras = (ps: string[]) => ps.forEach(p => push(...wrapParagraph(p)));
  push(...parts.front);
  push(heading(parts, 1));
  paras(prose(parts, 1));
  push(heading(parts, 2));
  for (const t of proactiveTables(parts)) {
    out.push(t.block.item, t.header.join(' '), ...t.rows.map(r => [r.label, ...r.cells].join(' ')));
  }
  newPage();
  out.push(heading(parts, 3), APPLICATIONS_NOTE, '申请人情况');
  const lines = applicationLines(parts.values);
  const cut = lines.findIndex(l => l.key === 'unavailable.1');
  [lines.slice(0, cut), lines.slice(cut)].forEach((rows, k) => {
    for (const l of rows) out.push(...opens(l), ...wrapCell(l.label, 18));
    out.push('');
    APPLICATION_COLUMNS.forEach((column, c) => {
      // The column headers are printed on the first page only.
      if (k === 0) out.push(...(c === 1 ? ['法人或其他组织'] : []), column);
      out.push(...rows.map(l => l.cells[c] ?? ''), '');
    });
    if (k === 0) newPage();
  });
  out.push(heading(parts, 4));
  // The header as pdftotext prints a four-level header (a real one: fixtures/layouts/pdftotext-columns-1.txt).
  out.push('行政复议 行政诉讼', '未经复议直接起诉 复议后起诉', '结果 结果 其他 尚未 总',
    '维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总', '维持 纠正 结果 审结 计 维持 纠正 结果 审结 计',
    reviewCells(parts.values).join(' '));
  linesOnPage = 0;
  push(heading(parts, 5));
  paras(prose(parts, 5));
  push(heading(parts, 6));
  paras(prose(parts, 6));
  out.push('', `— ${page} —`, '\f');
  // pdftotext ends a page with a form feed and starts the next one right after it.
  return { text: out.join('\n').replace(/\f\n/g, '\f'), unsure: noUnsure() };
}

const WRITERS: Record<Layout, (parts: ReportParts) => LayoutText> = {
  'web-tabs': webTabs,
  'web-unicode-spaces': webUnicodeSpaces,
  'crawled-glued': crawledGlued,
  'ocr-markdown': ocrMarkdown,
  'pdf-markdown-fragments': pdfMarkdownFragments,
  'pdftotext-columns': pdftotextColumns,
};

/** The sample `id` written in `layout`. */
export function sampleInLayout(id: CorpusId, layout: Layout): LayoutText {
  return WRITERS[layout](reportParts(id));
}

export type { FormatVersion };
