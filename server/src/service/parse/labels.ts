/**
 * Row labels: the candidates of a table (its labels normalised, compiled once into one pattern set),
 * matched against the end of the text before a row's cells by approximate suffix alignment, so group
 * labels, header debris, wraps and typos fall out; and the rows the readers build from them.
 */
import { compileSet, suffixDistance, suffixStartIn, symbolsOf, type Pattern } from './match';
import type { Meter, TextPiece } from './mapped';
import type { Cell, OffsetRange, Row, TableLayout } from './model';
import { normalizePieces } from './normalize';
import { ownText } from './text';


/** How much trailing label text is looked at when matching a row label (normalized chars). */
export const LABEL_WINDOW = 90;
/** Rows come in format order: a small preference for the rows still ahead. */
const BEHIND_PENALTY = 0.02;
export const EPSILON = 1e-9;

export interface LabelCandidate<T> {
  entry: T;
  norm: string;
  /** `norm` prepared for matching. */
  pattern: Pattern;
  order: number;
}

/** Candidates prepared for matching: their labels compiled into one pattern set (one alphabet). */
export function prepared<T>(list: Omit<LabelCandidate<T>, 'pattern'>[]): LabelCandidate<T>[] {
  const set = compileSet(list.map(c => c.norm));
  return list.map((c, index) => ({ ...c, pattern: { set, index, text: c.norm } }));
}

export interface LabelMatch<T> {
  entry: T;
  score: number;
  label: string;
  range: OffsetRange;
  /** Each piece of a label written over several lines or table rows (absent for one piece). */
  pieces?: OffsetRange[];
}

/** Which candidate a label's text matches, how well, and where in the text it starts. */
interface Matched<T> {
  c: LabelCandidate<T>;
  score: number;
  start: number;
}

/**
 * The matches of label texts already matched, by candidate list: the match of a text (its normal form,
 * as far as LABEL_WINDOW) against a list depends on that text and on `after` alone, and the same labels
 * stand in every report (a folder, each edit of a report in the editor). Bounded: emptied when full.
 */
const MATCHED = new WeakMap<object, Map<string, Matched<unknown> | null>>();
const MAX_MATCHED = 512;

/** Find which official label the pending text ends with. */
export function matchLabel<T>(pending: TextPiece[], candidates: LabelCandidate<T>[], after: number, meter?: Meter): LabelMatch<T> | null {
  if (!pending.length) return null;
  const norm = normalizePieces(pending, meter);
  const offset = Math.max(0, norm.text.length - LABEL_WINDOW);
  const text = norm.text.slice(offset);
  // Not with a meter: it counts the work of matching.
  let known = meter ? undefined : MATCHED.get(candidates);
  if (!meter && !known) MATCHED.set(candidates, (known = new Map()));
  const key = `${after}|${text}`;
  let found = known?.get(key) as Matched<T> | null | undefined;
  if (found === undefined) {
    found = bestMatch(text, candidates, after, meter);
    if (known) {
      if (known.size >= MAX_MATCHED) known.clear();
      // The key its own string: as written it holds the text the label was cut from (a whole pasted table).
      known.set(ownText(key), found);
    }
  }
  if (!found) return null;
  const startOffset = norm.offsets[offset + Math.min(found.start, text.length - 1)];
  const last = pending[pending.length - 1];
  const range = { start: startOffset, end: last.start + last.text.length };
  const parts = labelParts(pending, range);
  return { entry: found.c.entry, score: found.score, label: parts.map(p => p.text).join(''), range, pieces: parts.length > 1 ? parts.map(p => p.range) : undefined };
}

/** The candidate `text` ends with best (a small preference for those after `after`), and where its match starts. */
function bestMatch<T>(text: string, candidates: LabelCandidate<T>[], after: number, meter?: Meter): Matched<T> | null {
  let best: { c: LabelCandidate<T>; score: number } | null = exactSuffix(text, candidates, after);
  // The candidates share one alphabet: the text is read into it once.
  const set = candidates[0]?.pattern.set;
  const symbols = set ? symbolsOf(set, text) : new Int32Array(0);
  if (!best) for (const c of candidates) {
    const m = c.norm.length;
    const match = m ? Math.max(0, 1 - suffixDistance(c.pattern.set, c.pattern.index, c.pattern.set === set ? symbols : symbolsOf(c.pattern.set, text), meter) / m) : 0;
    const score = match - (c.order <= after ? BEHIND_PENALTY : 0);
    if (
      !best || score > best.score + EPSILON ||
      (Math.abs(score - best.score) <= EPSILON && c.norm.length > best.c.norm.length)
    ) {
      best = { c, score };
    }
  }
  if (!best || text.length === 0) return null;
  // Where the label starts: the alignment of the one candidate chosen.
  const start = suffixStartIn(best.c.pattern.set, best.c.pattern.index, best.c.pattern.set === set ? symbols : symbolsOf(best.c.pattern.set, text), meter);
  return { c: best.c, score: best.score, start };
}

/**
 * The candidate the text ends with exactly, when one is still ahead (`order > after`): its score is 1,
 * and any other scores below it by more than `EPSILON` — a candidate behind at most 1 − `BEHIND_PENALTY`,
 * one that differs by an edit at most 1 − 1/m, lower for the labels' lengths (`LABEL_WINDOW`) — but
 * another exact one ahead, which ties and wins when longer: the longest, the first of equal length, as
 * the full comparison picks it. So the distances of the other candidates need not be computed.
 */
function exactSuffix<T>(text: string, candidates: LabelCandidate<T>[], after: number): { c: LabelCandidate<T>; score: number } | null {
  let best: LabelCandidate<T> | null = null;
  for (const c of candidates) {
    if (c.order <= after || !c.norm.length || c.norm.length >= LABEL_WINDOW || (best && c.norm.length <= best.norm.length)) continue;
    if (text.endsWith(c.norm)) best = c;
  }
  return best ? { c: best, score: 1 } : null;
}

/** The label's text in each piece it spans, trimmed, with where it stands. */
function labelParts(pending: TextPiece[], range: OffsetRange): { text: string; range: OffsetRange }[] {
  const out: { text: string; range: OffsetRange }[] = [];
  for (const p of pending) {
    const from = Math.max(range.start, p.start) - p.start;
    const to = Math.min(range.end, p.start + p.text.length) - p.start;
    if (to <= from) continue;
    const raw = p.text.slice(from, to);
    const text = raw.trim();
    if (!text) continue;
    const start = p.start + from + (raw.length - raw.trimStart().length);
    out.push({ text, range: { start, end: start + text.length } });
  }
  return out;
}

export function newRow(key: string | null, match: { label: string; range: OffsetRange; score: number; pieces?: OffsetRange[] } | null, officialLabel?: string): Row {
  return {
    key,
    label: match ? match.label : null,
    labelRange: match?.range,
    ...(match?.pieces ? { labelPieces: match.pieces } : {}),
    officialLabel,
    labelScore: match ? match.score : 0,
    cells: [],
    range: match ? { ...match.range } : { start: 0, end: 0 },
  };
}

export function addCell(row: Row, cell: Cell): void {
  if (row.cells.length === 0 && !row.labelRange) row.range.start = cell.range.start;
  row.cells.push(cell);
  row.range.end = Math.max(row.range.end, cell.range.end);
}

/**
 * Blank cells beyond the table's width carry nothing: trailing ones anywhere, leading ones in a
 * pipe row, where merged label columns come out as empty cells before the numbers.
 */
export function trimRow(row: Row, width: number, layout: TableLayout): void {
  // In a pipe row the label's merged columns come first: a blank there goes before one at the end.
  while (layout === 'pipe' && row.cells.length > width && row.cells[0].kind === 'blank') row.cells.shift();
  while (row.cells.length > width && row.cells[row.cells.length - 1].kind === 'blank') row.cells.pop();
}
