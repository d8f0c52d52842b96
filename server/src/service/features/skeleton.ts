/**
 * Text written for the user: the 二, 三 and 四 tables zero-filled, in the document's layout, and a
 * whole new report (title, 统计期限, the six headings, the tables, the 信息处理费 sentence). Everything
 * is built from the format object: labels, columns and groups come from format/, never literals.
 * In the plain layout the columns are aligned in any font (see `padTo`).
 */
import type { TableLayout } from '../parse';
import { SECTIONS, standardHeading, type ReportFormat } from '../format';

/** How a document numbers its 三 rows, read from its labels (completion keeps to it). */
export interface LabelStyle {
  /** What follows a row number: `.` `．` or `、` */
  dot: string;
  halfBrackets: boolean;
}

export const DEFAULT_STYLE: LabelStyle = { dot: '.', halfBrackets: false };

export function styled(label: string, s: LabelStyle): string {
  let out = label.replace(/^(\d+)\./, `$1${s.dot}`);
  if (s.halfBrackets) out = out.replace(/^（([一二三四五六七八九十]+)）/, '($1)');
  return out;
}

/** East Asian wide and full-width characters: twice a Latin letter in a monospaced editor, though not exactly in every font. */
function isWide(c: number): boolean {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
    || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
}

/** How much of a line a text takes: its wide characters and its narrow ones, counted apart. */
export interface TextUnits {
  wide: number;
  narrow: number;
}

export function textUnits(s: string): TextUnits {
  let wide = 0;
  let narrow = 0;
  for (const ch of s) {
    if (isWide(ch.codePointAt(0)!)) wide++;
    else narrow++;
  }
  return { wide, narrow };
}

const GAP = ' ';
const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * Pad a cell to `to`: the wide characters it lacks as ideographic spaces, the narrow ones as spaces.
 * Every cell of a column then takes the same wide and narrow widths, so the columns line up in any
 * font, whatever a Chinese character's width is against a digit's (in Consolas with a Chinese
 * fallback font it is not two digits).
 */
function padTo(s: string, to: TextUnits): string {
  const u = textUnits(s);
  // A space first: an ideographic space glued to a digit makes one word of both, which VS Code highlights as unusual.
  return `${s} ${IDEOGRAPHIC_SPACE.repeat(to.wide - u.wide)}${' '.repeat(to.narrow - u.narrow)}`;
}

function widest(texts: string[]): TextUnits {
  const us = texts.map(textUnits);
  return { wide: Math.max(0, ...us.map(u => u.wide)), narrow: Math.max(0, ...us.map(u => u.narrow)) };
}

/**
 * Lines of a plain table with its columns aligned: a label column as wide as the longest label, then
 * each column as wide as its header or widest cell. `null` cells (a group heading) leave the line at its label.
 */
function alignedLines(header: string[], rows: { label: string; cells: string[] | null }[]): string[] {
  const label = widest(rows.map(r => r.label));
  const columns = header.map((h, i) => widest([h, ...rows.map(r => r.cells?.[i] ?? '')]));
  const line = (text: string, cells: string[]) => (padTo(text, label) + GAP + cells.map((c, i) => (i === cells.length - 1 ? c : padTo(c, columns[i]) + GAP)).join('')).trimEnd();
  return [line('', header), ...rows.map(r => (r.cells ? line(r.label, r.cells) : r.label))];
}

function pipeLines(corner: string, header: string[], rows: { label: string; cells: string[] | null }[]): string[] {
  const width = header.length;
  return [
    `| ${[corner, ...header].join(' | ')} |`,
    `|${' --- |'.repeat(width + 1)}`,
    ...rows.map(r => `| ${[r.label, ...(r.cells ?? Array(width).fill(''))].join(' | ')} |`),
  ];
}

/** Word's table pasted as text: one cell a line, each after a tab; a blank line between rows. */
function cellPerLineLines(header: string[], rows: { label: string; cells: string[] | null }[]): string[] {
  const out: string[] = [header.map(h => `\t${h}`).join('\n'), ''];
  for (const r of rows) {
    out.push([`\t${r.label}`, ...(r.cells ?? []).map(c => `\t${c}`)].join('\n'));
    if (r.cells) out.push('');
  }
  return out;
}

function tableText(corner: string, header: string[], rows: { label: string; cells: string[] | null }[], layout: TableLayout, eol: string): string {
  const lines = layout === 'pipe' ? pipeLines(corner, header, rows)
    : layout === 'cell-per-line' ? cellPerLineLines(header, rows)
      : alignedLines(header, rows);
  return lines.join('\n').split('\n').join(eol) + eol;
}

const zeros = (n: number) => Array<string>(n).fill('0');

/** The 三 table, zero-filled: every entry of the format (group headings with no numbers), its columns. */
export function applicationsTableText(format: ReportFormat, layout: TableLayout, eol: string, style: LabelStyle = DEFAULT_STYLE): string {
  const { columns, entries } = format.applications;
  const rows = entries.map(e => ({ label: styled(e.label, style), cells: e.kind === 'row' ? zeros(columns.length) : null }));
  const header = columns.map(c => c.label);
  // The flattened and one-cell-per-line tables print the header word above the columns first, as Word does.
  const words = layout === 'pipe' ? header : [format.applications.headerWords[0], ...header];
  if (layout === 'flattened') {
    return [format.applications.headerWords[0], ...alignedLines(header, rows)].join(eol) + eol;
  }
  return tableText('项目', words, rows, layout, eol);
}

/**
 * The 四 table, zero-filled, one labelled line per group (行政复议, 未经复议直接起诉, 复议后起诉), each with
 * the group's columns (结果维持 … 总计): which number is which cell shows without a hover.
 */
export function reviewsTableText(format: ReportFormat, layout: TableLayout, eol: string): string {
  const { groups, columns } = format.reviews;
  const rows = groups.map(g => ({ label: g.heading[g.heading.length - 1], cells: zeros(columns.length) }));
  return tableText('项目', columns.map(c => c.label), rows, layout, eol);
}

/** The 二 tables, zero-filled: one block per item of Article 20, its 信息内容 header and rows. */
export function proactiveTableText(format: ReportFormat, layout: TableLayout, eol: string): string {
  const { blocks, contentHeader } = format.proactive;
  const parts = blocks.map(b => {
    const rows = b.rows.map(r => ({ label: r.label, cells: b.columns.map(() => '0') }));
    const header = b.columns.map(c => c.label);
    if (layout === 'cell-per-line') return `\t${b.item}${eol}${eol}${tableText(contentHeader, [contentHeader, ...header], rows, layout, eol)}`;
    if (layout === 'pipe') return `${b.item}${eol}${eol}${tableText(contentHeader, header, rows, layout, eol)}`;
    // 信息内容 heads the label column.
    const lines = alignedLines([contentHeader, ...header], rows.map(r => ({ label: '', cells: [r.label, ...r.cells] })));
    return [b.item, ...lines.map(l => l.replace(/^\s+/, ''))].join(eol) + eol;
  });
  return parts.join(eol);
}

export interface SkeletonOptions {
  /** The year the report is on. */
  year: number;
  format: ReportFormat;
  eol?: string;
  layout?: TableLayout;
}

/**
 * A new report: the title with its year, the 统计期限 sentence, the six headings in order, the three
 * tables zero-filled in the format of that year, in 五 the two things it must say (problems, improvements)
 * as headings to write under, and in 六 the 信息处理费 sentence the format asks for.
 * It passes its own check: the clerk fills it in from there.
 */
export function reportSkeleton({ year, format, eol = '\n', layout = 'flattened' }: SkeletonOptions): string {
  const blocks: string[][] = [
    [`${year}年政府信息公开工作年度报告`],
    [`本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`],
  ];
  for (const s of SECTIONS) {
    const block = [standardHeading(s.no)];
    if (s.no === 2) block.push(proactiveTableText(format, layout, eol).trimEnd());
    if (s.no === 3) block.push(applicationsTableText(format, layout, eol).trimEnd());
    if (s.no === 4) block.push(reviewsTableText(format, layout, eol).trimEnd());
    // 五 is the writer's own words; the two things it must say are where to write them.
    if (s.no === 5) block.push('（一）存在的主要问题', '（二）改进情况');
    if (s.no === 6 && format.feeStatementRequired) block.push(`${year}年度本机关未收取信息处理费。`);
    blocks.push(block);
  }
  return blocks.map(b => b.join(eol + eol)).join(eol + eol) + eol;
}

/**
 * The year a new report is most likely on: reports are published by 31 January for the year before,
 * so in the first half of a year it is last year's; from July on, this year's draft.
 */
export function defaultReportYear(now: Date): number {
  return now.getMonth() < 6 ? now.getFullYear() - 1 : now.getFullYear();
}

/** The year of a new report for a document: a year in the file's name (2025年报.txt), else `defaultReportYear`. */
export function newReportYear(uri: string | undefined, now: Date): number {
  const path = (uri ?? '').replace(/[?#].*$/, '');
  let base = path.slice(path.lastIndexOf('/') + 1);
  try {
    base = decodeURIComponent(base);
  } catch {
    // A name that is not percent-encoded as expected: read as it is.
  }
  const m = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(base);
  return m ? Number(m[1]) : defaultReportYear(now);
}
