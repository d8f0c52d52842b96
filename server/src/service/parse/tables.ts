import {
  APPLICATION_COLUMNS, APPLICATION_ENTRIES, PROACTIVE_2019, PROACTIVE_2021,
  REVIEW_COLUMN_COUNT, type ApplicationRowTemplate,
} from '../template';
import { matchSuffix } from './match';
import type { ApplicationsTable, Cell, OffsetRange, ProactiveBlock, ReviewsTable, Row, TableLayout } from './model';
import { normalizeLabel, normalizePieces, type TextPiece } from './normalize';
import type { Item } from './tokens';
import { work } from './work';

/** How much trailing label text is looked at when matching a row label (normalized chars). */
const LABEL_WINDOW = 90;
const START_SCORE = 0.75;
const ROW_SCORE = 0.6;

interface LabelCandidate<T> {
  entry: T;
  norm: string;
  order: number;
}

interface LabelMatch<T> {
  entry: T;
  score: number;
  label: string;
  range: OffsetRange;
}

/** Find which template label the pending text ends with. */
function matchLabel<T>(pending: TextPiece[], candidates: LabelCandidate<T>[], after: number): LabelMatch<T> | null {
  if (!pending.length) return null;
  const norm = normalizePieces(pending);
  const offset = Math.max(0, norm.text.length - LABEL_WINDOW);
  const text = norm.text.slice(offset);
  let best: { c: LabelCandidate<T>; score: number; start: number } | null = null;
  for (const c of candidates) {
    const m = matchSuffix(c.norm, text);
    // Rows come in template order: a small preference for the rows still ahead.
    const score = m.score - (c.order <= after ? 0.02 : 0);
    if (
      !best || score > best.score + 1e-9 ||
      (Math.abs(score - best.score) <= 1e-9 && c.norm.length > best.c.norm.length)
    ) {
      best = { c, score, start: m.start };
    }
  }
  if (!best || text.length === 0) return null;
  const startOffset = norm.offsets[offset + Math.min(best.start, text.length - 1)];
  const last = pending[pending.length - 1];
  const range = { start: startOffset, end: last.start + last.text.length };
  return { entry: best.c.entry, score: best.score, label: writtenLabel(pending, range), range };
}

/** The label as written: its pieces joined without the line breaks between them. */
function writtenLabel(pending: TextPiece[], range: OffsetRange): string {
  let out = '';
  for (const p of pending) {
    const from = Math.max(range.start, p.start) - p.start;
    const to = Math.min(range.end, p.start + p.text.length) - p.start;
    if (to > from) out += p.text.slice(from, to).trim();
  }
  return out;
}

function newRow(key: string | null, match: { label: string; range: OffsetRange; score: number } | null, templateLabel?: string): Row {
  return {
    key,
    label: match ? match.label : null,
    labelRange: match?.range,
    templateLabel,
    labelScore: match ? match.score : 0,
    cells: [],
    range: match ? { ...match.range } : { start: 0, end: 0 },
  };
}

function addCell(row: Row, cell: Cell): void {
  if (row.cells.length === 0 && !row.labelRange) row.range.start = cell.range.start;
  row.cells.push(cell);
  row.range.end = Math.max(row.range.end, cell.range.end);
}

function realCells(row: Row): number {
  return row.cells.length;
}

/**
 * Blank cells beyond the table's width carry nothing: trailing ones anywhere, leading ones in a
 * pipe row, where merged label columns come out as empty cells before the numbers.
 */
function trimRow(row: Row, width: number, layout: TableLayout): void {
  while (row.cells.length > width && row.cells[row.cells.length - 1].kind === 'blank') row.cells.pop();
  while (layout === 'pipe' && row.cells.length > width && row.cells[0].kind === 'blank') row.cells.shift();
}

// ---------------------------------------------------------------- section 三

const APPLICATION_CANDIDATES: LabelCandidate<ApplicationRowTemplate>[] = APPLICATION_ENTRIES
  // （六）其他处理 is listed twice (2019 row, 2021 group): match it once, as the row.
  .filter(e => !(e.kind === 'group' && e.key === 'other'))
  .map((entry, order) => ({ entry, norm: normalizeLabel(entry.label), order }));

export function assembleApplications(items: Item[], layout: TableLayout): ApplicationsTable | null {
  const width = APPLICATION_COLUMNS.length;
  const rows: Row[] = [];
  const numberedGroups: Row[] = [];
  let pending: TextPiece[] = [];
  let pendingChars = 0;
  let current: Row | null = null;
  let closed = false;
  let lastOrder = -1;
  let started = false;
  let skippingLine = -1;
  let tableEnd = 0;
  let memo: { pending: TextPiece[]; length: number; lastOrder: number; m: LabelMatch<ApplicationRowTemplate> | null } | null = null;

  const finish = () => {
    if (current) trimRow(current, width, layout);
    current = null;
  };
  const orderOf = (key: string | null) => APPLICATION_CANDIDATES.findIndex(c => c.entry.key === key);

  for (const item of items) {
    work.units += 1;
    if (item.kind === 'break') {
      closed = true;
      continue;
    }
    if (item.kind === 'text') {
      if (layout === 'cell-per-line' && current && !closed && realCells(current) > 0 && realCells(current) < width && item.text.trim().length <= 3) {
        // One cell per line: a short text in the middle of a row is a cell with text in it.
        const range = { start: item.start, end: item.end };
        addCell(current, { raw: item.text.trim(), value: null, kind: 'text', range, digits: range });
        continue;
      }
      if (current && realCells(current) > 0) {
        // The table ends after 四、结转下年度继续办理 once its row is complete.
        if (current.key === 'forward' && current.cells.length >= width) {
          finish();
          break;
        }
        finish();
      }
      pending.push({ text: item.text, start: item.start });
      pendingChars += item.text.length;
      // Keep the pending label bounded: only its end matters.
      while (pending.length > 1 && pendingChars - pending[0].text.length > LABEL_WINDOW * 2) {
        pendingChars -= pending[0].text.length;
        pending.shift();
      }
      continue;
    }
    const cell = item.cell;
    if (pending.length) {
      // Runs of empty cells after one label ask the same question: answer it once.
      if (!memo || memo.pending !== pending || memo.length !== pending.length || memo.lastOrder !== lastOrder) {
        memo = { pending, length: pending.length, lastOrder, m: matchLabel(pending, APPLICATION_CANDIDATES, lastOrder) };
      }
      const m = memo.m;
      const lastPiece = pending[pending.length - 1];
      const threshold = started ? ROW_SCORE : START_SCORE;
      // An empty cell after a group heading is the merged cell beside it, not a value. （六）其他处理
      // is a group in 2021 and a row in 2019: empty cells beside it say nothing about which.
      if (cell.kind === 'blank' && !(m && m.entry.kind === 'row' && m.entry.key !== 'other' && m.score >= threshold)) continue;
      pending = [];
      pendingChars = 0;
      finish();
      if (m && m.score >= threshold) {
        started = true;
        if (m.entry.kind === 'group') {
          current = newRow(m.entry.key, m, m.entry.label);
          numberedGroups.push(current);
        } else {
          current = newRow(m.entry.key, m, m.entry.label);
          rows.push(current);
          lastOrder = Math.max(lastOrder, orderOf(m.entry.key));
        }
      } else if (started && m) {
        // A label that matches no row: as written on its own line, not cut to a near match.
        const last = lastPiece;
        const lead = last.text.length - last.text.trimStart().length;
        const label = last.text.trim();
        current = newRow(null, { label, range: { start: last.start + lead, end: last.start + lead + label.length }, score: m.score });
        rows.push(current);
      } else {
        skippingLine = item.line;
        continue;
      }
      closed = false;
      addCell(current, cell);
      tableEnd = Math.max(tableEnd, cell.range.end);
      continue;
    }
    if (!started || item.line === skippingLine) continue;
    if (current && !closed) {
      addCell(current, cell);
    } else if (cell.kind === 'blank') {
      continue; // an empty merged cell before the next label
    } else if (current && realCells(current) < width && item.lineCells === width - realCells(current)) {
      // A row whose numbers wrapped onto the next line.
      closed = false;
      addCell(current, cell);
    } else {
      // Numbers without a label: they belong to the next row the template expects.
      finish();
      const next = APPLICATION_CANDIDATES.find(c => c.order > lastOrder && c.entry.kind === 'row');
      current = newRow(next ? next.entry.key : null, null, next?.entry.label);
      if (next) lastOrder = next.order;
      rows.push(current);
      closed = false;
      addCell(current, cell);
    }
    tableEnd = Math.max(tableEnd, cell.range.end);
  }
  finish();
  if (!rows.length) return null;
  const first = rows[0];
  return {
    range: { start: first.range.start, end: Math.max(tableEnd, rows[rows.length - 1].range.end) },
    layout,
    rows,
    numberedGroups,
  };
}

// ---------------------------------------------------------------- section 四

/** Header words of the 四 table: text made of these may sit between its numbers. */
const REVIEW_HEADER = /^[行政复议诉讼结果维持纠正其他尚未审结总计未经直接起后·、\s]+$/;

export function assembleReviews(items: Item[], layout: TableLayout): ReviewsTable | null {
  const cells: Cell[] = [];
  let started = false;
  for (const item of items) {
    work.units += 1;
    if (item.kind === 'break') continue;
    if (item.kind === 'text') {
      if (!started || REVIEW_HEADER.test(item.text)) continue;
      break;
    }
    if (!started) {
      if (item.cell.kind === 'blank') continue;
      // A lone number in a line of prose is not the table; the table's lines are all numbers.
      started = true;
    }
    cells.push(item.cell);
    if (cells.filter(c => c.kind !== 'blank').length >= REVIEW_COLUMN_COUNT && cells.length >= REVIEW_COLUMN_COUNT) break;
  }
  while (cells.length && cells[cells.length - 1].kind === 'blank') cells.pop();
  if (!cells.length) return null;
  return { range: { start: cells[0].range.start, end: cells[cells.length - 1].range.end }, layout, cells };
}

// ---------------------------------------------------------------- section 二

interface ProactiveEntry {
  key: string;
  clause: string;
  label: string;
}

const PROACTIVE_CANDIDATES: LabelCandidate<ProactiveEntry>[] = (() => {
  const seen = new Set<string>();
  const out: LabelCandidate<ProactiveEntry>[] = [];
  for (const block of [...PROACTIVE_2021, ...PROACTIVE_2019]) {
    for (const r of block.rows) {
      if (seen.has(r.label)) continue;
      seen.add(r.label);
      out.push({ entry: { key: r.key, clause: block.clause, label: r.label }, norm: normalizeLabel(r.label), order: out.length });
    }
  }
  return out;
})();

const ITEM_MARK = /第二十条第（([一二三四五六七八九十]{1,2})）项?/g;

export function assembleProactive(items: Item[], layout: TableLayout): ProactiveBlock[] {
  const blocks: ProactiveBlock[] = [];
  let block: ProactiveBlock | null = null;
  let pending: TextPiece[] = [];
  let current: Row | null = null;
  let closed = false;

  const blockFor = (clause: string): ProactiveBlock => {
    if (block && block.clause === clause) return block;
    const existing = blocks.find(b => b.clause === clause && b === blocks[blocks.length - 1]);
    if (existing) return existing;
    const b: ProactiveBlock = { item: `第二十条第（${clause}）项`, clause, rows: [] };
    blocks.push(b);
    return b;
  };

  for (const item of items) {
    work.units += 1;
    if (item.kind === 'break') {
      closed = true;
      continue;
    }
    if (item.kind === 'text') {
      if (current && current.cells.length) current = null;
      pending.push({ text: item.text, start: item.start });
      // An item heading sits on one line, or wraps onto the next: look at the last two pieces only.
      const recent = pending.slice(-2);
      const norm = normalizePieces(recent);
      let mark: RegExpExecArray | null;
      let lastMark: RegExpExecArray | null = null;
      ITEM_MARK.lastIndex = 0;
      while ((mark = ITEM_MARK.exec(norm.text)) !== null) lastMark = mark;
      if (lastMark) {
        const start = norm.offsets[lastMark.index];
        const end = norm.offsets[lastMark.index + lastMark[0].length - 1] + 1;
        block = { item: `第二十条第（${lastMark[1]}）项`, clause: lastMark[1], itemRange: { start, end }, rows: [] };
        blocks.push(block);
        // Keep only what follows the mark (the header and the first label).
        const tailFrom = end;
        pending = recent
          .map(p => (p.start + p.text.length <= tailFrom ? null : p.start >= tailFrom ? p : { text: p.text.slice(tailFrom - p.start), start: tailFrom }))
          .filter((p): p is TextPiece => p !== null);
      }
      if (pending.length > 12) pending = pending.slice(-12);
      continue;
    }
    const cell = item.cell;
    if (pending.length) {
      const m = matchLabel(pending, PROACTIVE_CANDIDATES, -1);
      if (cell.kind === 'blank' && !(m && m.score >= 0.7)) continue;
      pending = [];
      current = null;
      if (!m || m.score < 0.7) continue;
      const target = block && block.clause === m.entry.clause ? block : blockFor(m.entry.clause);
      current = newRow(m.entry.key, m, m.entry.label);
      target.rows.push(current);
      closed = false;
      addCell(current, cell);
      continue;
    }
    if (!current) continue;
    if (!closed) addCell(current, cell);
  }
  for (const b of blocks) for (const r of b.rows) trimRow(r, b.clause === '一' ? 3 : b.clause === '八' || b.clause === '九' ? 2 : 1, layout);
  return blocks.filter(b => b.rows.length > 0 || b.itemRange);
}
