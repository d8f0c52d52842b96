/**
 * The 三 table as `pdftotext` prints it without `-layout`: a wide table comes out column by column,
 * page by page. First the row labels of the page (wrapped as in their cells), then each column's
 * header (on the first page) and its numbers, one a line:
 *
 *     一、本年新收政府信息公开申请数量        ← the labels of the page's rows
 *     二、上年结转政府信息公开申请数量
 *     …
 *     自然人                                  ← a column header (first page only)
 *     51                                      ← the column's numbers, one per row, in row order
 *     12
 *     …
 *
 * A page reads when its labels name K rows and exactly 7 × K numbers follow them; then each row
 * takes the k-th number of each column. Anything else is not this layout (or, when the labels were
 * read and the numbers do not fit, a table that cannot be read with confidence).
 */
import { APPLICATION_WIDTH, type FormatApplicationRow } from '../format';
import type { Meter } from './mapped';
import { similarityTo } from './match';
import type { LabelCandidate } from './labels';
import type { ApplicationsTable, Cell, OffsetRange, Row } from './model';
import { normalizeLabel } from './normalize';
import type { Line } from './text';
import { numberCell } from './tokens';

/** How a row label starts: 一、 （一） 1. 1、 */
const ROW_NUMBERING = /^(?:[一二三四五六七八九十]{1,2}\s*、|[（(]\s*[一二三四五六七八九十]{1,2}\s*[）)]|\d{1,2}\s*[.．、])/;
/** A label must read nearly as the format's to be taken for it. */
const MIN_LABEL_SCORE = 0.75;
/** Fewer rows than this on a page is not a table printed by columns. */
const MIN_ROWS = 3;
/** A label is at most a few lines of its cell. */
const MAX_LABEL_LINES = 4;

/** A 三 row's label, prepared for matching (labels.ts). */
type ColumnCandidate = LabelCandidate<FormatApplicationRow>;

interface Segment {
  lines: Line[];
  norm: string;
  match: { c: ColumnCandidate; score: number } | null;
}

function numberOf(line: Line): Cell | null {
  const t = line.text.trim();
  if (!t) return null;
  const lead = line.text.length - line.text.trimStart().length;
  const cell = numberCell(t, line.start + lead);
  return cell && (cell.kind === 'number' || cell.kind === 'dash') ? cell : null;
}

function bestMatch(norm: string, candidates: ColumnCandidate[], after: number, meter?: Meter): Segment['match'] {
  const prefix = ROW_NUMBERING.exec(norm)?.[0].replace(/\s/g, '');
  let best: Segment['match'] = null;
  for (const c of candidates) {
    if (prefix && !c.norm.startsWith(normalizeLabel(prefix))) continue;
    const score = similarityTo(c.pattern, norm, meter);
    if (!best || score > best.score || (score === best.score && best.c.order <= after && c.order > after)) best = { c, score };
  }
  return best && best.score >= MIN_LABEL_SCORE ? best : null;
}

/** The labels of one page: numbered lines, each with the short lines that complete it. */
function readLabels(lines: Line[], from: number, candidates: ColumnCandidate[], after: number, meter?: Meter): { segments: Segment[]; next: number } {
  const segments: Segment[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (meter) meter.units += 1;
    const t = line.text.trim();
    if (line.blanked || !t) continue;
    if (numberOf(line)) break;
    const norm = normalizeLabel(t);
    const last = segments[segments.length - 1];
    if (ROW_NUMBERING.test(t)) {
      const order = last?.match ? last.match.c.order : after;
      segments.push({ lines: [line], norm, match: bestMatch(norm, candidates, order, meter) });
      continue;
    }
    // A wrapped label's next line: kept when the label reads better with it.
    if (last && last.lines.length < MAX_LABEL_LINES) {
      const joined = bestMatch(last.norm + norm, candidates, last.match?.c.order ?? after, meter);
      if (joined && (!last.match || joined.score > last.match.score)) {
        last.lines.push(line);
        last.norm += norm;
        last.match = joined;
        continue;
      }
    }
    // A header word between the labels and the numbers, or text before the labels.
    if (segments.length && segments.some(s => s.match)) break;
  }
  return { segments, next: i };
}

/** The numbers after a page's labels, up to the next page's labels. */
function readNumbers(lines: Line[], from: number, meter?: Meter): { cells: Cell[]; blocks: number[]; next: number } {
  const cells: Cell[] = [];
  const blocks: number[] = [];
  let inBlock = 0;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (meter) meter.units += 1;
    const t = line.text.trim();
    if (line.blanked || !t) {
      if (inBlock) blocks.push(inBlock);
      inBlock = 0;
      continue;
    }
    const cell = numberOf(line);
    if (cell) {
      cells.push(cell);
      inBlock++;
      continue;
    }
    if (inBlock) blocks.push(inBlock);
    inBlock = 0;
    // The next page's labels start the next part; a column header is skipped.
    if (ROW_NUMBERING.test(t)) break;
  }
  if (inBlock) blocks.push(inBlock);
  return { cells, blocks, next: i };
}

/**
 * Read the 三 table printed column by column, or null when the lines are not in this layout. A page
 * whose numbers do not make up its columns keeps its rows, named by their labels, unread.
 * `rowOrGroup`: keys that are a row in one format and a group in another (（六）其他处理).
 */
export function assembleColumns(lines: Line[], candidates: ColumnCandidate[], rowOrGroup: Set<string>, meter?: Meter): ApplicationsTable | null {
  const rows: Row[] = [];
  let after = -1;
  let i = 0;
  let pages = 0;
  let end = 0;
  while (i < lines.length) {
    const { segments, next } = readLabels(lines, i, candidates, after, meter);
    if (next >= lines.length || !segments.length) break;
    const named = segments.filter(s => s.match);
    // A group that is a row in the other format is a group when its own rows follow it.
    const pageRows = named.filter((s, k) => s.match!.c.entry.kind === 'row' && !(rowOrGroup.has(s.match!.c.entry.key) &&
      named[k + 1]?.match!.c.entry.group === s.match!.c.entry.key));
    if (pageRows.length < MIN_ROWS || named.length < segments.filter(s => ROW_NUMBERING.test(s.lines[0].text.trim())).length) break;
    const { cells, blocks, next: afterNumbers } = readNumbers(lines, next, meter);
    const k = pageRows.length;
    if (pages === 0 && cells.length < k) return null;
    const fits = cells.length === APPLICATION_WIDTH * k && (blocks.length <= 1 || blocks.every(b => b % k === 0));
    pageRows.forEach((s, r) => {
      const first = s.lines[0];
      const last = s.lines[s.lines.length - 1];
      const lead = first.text.length - first.text.trimStart().length;
      const labelRange: OffsetRange = { start: first.start + lead, end: last.start + last.text.trimEnd().length };
      const entry = s.match!.c.entry;
      const row: Row = {
        key: entry.key, label: s.lines.map(l => l.text.trim()).join(''), labelRange, officialLabel: entry.label,
        labelScore: s.match!.score, cells: [], range: { ...labelRange },
      };
      // Each row takes the r-th number of each column; a page whose numbers do not fit is not read.
      if (fits) row.cells = Array.from({ length: APPLICATION_WIDTH }, (_, col) => cells[col * k + r]);
      else row.unread = 'columns-count';
      rows.push(row);
    });
    after = pageRows[pageRows.length - 1].match!.c.order;
    if (cells.length) end = Math.max(end, cells[cells.length - 1].range.end);
    pages++;
    i = afterNumbers;
  }
  if (!rows.length) return null;
  return {
    range: { start: rows[0].range.start, end: Math.max(end, rows[rows.length - 1].range.end) },
    layout: 'cell-per-line', separation: 'columns', rows, numberedGroups: [],
  };
}
