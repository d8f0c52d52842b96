/**
 * The 二 tables (主动公开政府信息情况): a block per item of 第二十条, its rows named by their labels
 * (labels.ts), trimmed to their width once the format is known.
 */
import { FORMATS, type ReportFormat } from '../format';
import type { MappedText, Meter, TextPiece } from './mapped';
import type { OffsetRange, ProactiveBlock, Row, TableLayout } from './model';
import { normalizeLabel, normalizePieces } from './normalize';
import { splitRuns, type Run } from './glued';
import type { TableItem } from './tokens';
import { addCell, matchLabel, newRow, prepared, trimRow, type LabelCandidate, type LabelMatch } from './labels';

/** A 二 row label is short: it must match well. */
const PROACTIVE_ROW_MIN_SCORE = 0.7;
/** An item heading (第二十条第（一）项) sits on one line or wraps onto the next. */
const ITEM_HEADING_PIECES = 2;
/** What a 二 block keeps of pending text while looking for its first label. */
const MAX_PENDING_PIECES = 12;

interface ProactiveEntry {
  key: string;
  clause: string;
  label: string;
}

/** Every 二 row label of every format (and its aliases), each once. */
const PROACTIVE_CANDIDATES: LabelCandidate<ProactiveEntry>[] = prepared((() => {
  const seen = new Set<string>();
  const out: Omit<LabelCandidate<ProactiveEntry>, 'pattern'>[] = [];
  for (const f of [...FORMATS].reverse()) {
    for (const block of f.proactive.blocks) {
      for (const r of block.rows) {
        if (seen.has(r.label)) continue;
        seen.add(r.label);
        out.push({ entry: { key: r.key, clause: block.clause, label: r.label }, norm: normalizeLabel(r.label), order: out.length });
      }
    }
  }
  return out;
})());

const ITEM_MARK = /第二十条第（([一二三四五六七八九十]{1,2})）项?/g;

/** A line that is only a 二 block's item heading (第二十条第（五）项), as written. */
export function isItemHeading(text: string): boolean {
  const norm = normalizeLabel(text);
  ITEM_MARK.lastIndex = 0;
  const m = ITEM_MARK.exec(norm);
  return !!m && m.index === 0 && m[0].length >= norm.length - 1;
}

/** The last 第二十条第（x）项 in the text, if any. */
function lastItemMark(norm: MappedText): { clause: string; range: OffsetRange } | null {
  let mark: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  ITEM_MARK.lastIndex = 0;
  while ((mark = ITEM_MARK.exec(norm.text)) !== null) last = mark;
  if (!last) return null;
  const start = norm.offsets[last.index];
  const end = norm.offsets[last.index + last[0].length - 1] + 1;
  return { clause: last[1], range: { start, end } };
}

/** The pieces after `from`: what follows an item mark (the header and the first label). */
function piecesAfter(pieces: TextPiece[], from: number): TextPiece[] {
  return pieces
    .map(p => (p.start + p.text.length <= from ? null : p.start >= from ? p : { text: p.text.slice(from - p.start), start: from }))
    .filter((p): p is TextPiece => p !== null);
}

/** The most columns a 二 block has in any format. */
function widestOf(clause: string | undefined): number {
  return Math.max(0, ...FORMATS.map(f => f.proactive.blocks.find(b => b.clause === clause)?.columns.length ?? 0));
}

/** The 二 blocks of the items; `runs`: the glued digit runs of rows read from a glued region, to be split once the format is known. */
export function assembleProactive(items: TableItem[], meter?: Meter): { blocks: ProactiveBlock[]; runs: Map<Row, Run> } {
  const blocks: ProactiveBlock[] = [];
  const runs = new Map<Row, Run>();
  let block: ProactiveBlock | null = null;
  let pending: TextPiece[] = [];
  let current: Row | null = null;
  let closed = false;
  /** The last label matched, and the pending pieces it was matched for. */
  let matched: { pending: TextPiece[]; length: number; m: LabelMatch<ProactiveEntry> | null } | null = null;

  const blockFor = (clause: string): ProactiveBlock => {
    if (block && block.clause === clause) return block;
    const last = blocks[blocks.length - 1];
    if (last && last.clause === clause) return last;
    const b: ProactiveBlock = { item: `第二十条第（${clause}）项`, clause, rows: [] };
    blocks.push(b);
    return b;
  };

  for (const item of items) {
    if (meter) meter.units += 1;
    if (item.kind === 'break') {
      closed = true;
      continue;
    }
    if (item.kind === 'text') {
      if (current && current.cells.length) current = null;
      pending.push({ text: item.text, start: item.start });
      const recent = pending.slice(-ITEM_HEADING_PIECES);
      const mark = lastItemMark(normalizePieces(recent, meter));
      if (mark) {
        block = { item: `第二十条第（${mark.clause}）项`, clause: mark.clause, itemRange: mark.range, rows: [] };
        blocks.push(block);
        pending = piecesAfter(recent, mark.range.end);
      }
      if (pending.length > MAX_PENDING_PIECES) pending = pending.slice(-MAX_PENDING_PIECES);
      continue;
    }
    if (item.kind === 'run') {
      const m = pending.length ? matchLabel(pending, PROACTIVE_CANDIDATES, -1, meter) : null;
      pending = [];
      current = null;
      // Glued to prose (`本年度办理行政许可1234件`) a number is not a row: a glued row follows its block's item mark.
      if (!m || m.score < PROACTIVE_ROW_MIN_SCORE || !block?.itemRange) continue;
      const target = block && block.clause === m.entry.clause ? block : blockFor(m.entry.clause);
      const row = newRow(m.entry.key, m, m.entry.label);
      row.range.end = item.run.end;
      target.rows.push(row);
      target.separation = 'glued';
      runs.set(row, item.run);
      continue;
    }
    const cell = item.cell;
    if (pending.length) {
      // Blank cells after a label that names no row leave it pending: matched once while it is the same
      // (a long pasted text followed by many blank cells matched it again for each: quadratic).
      if (!matched || matched.pending !== pending || matched.length !== pending.length) matched = { pending, length: pending.length, m: matchLabel(pending, PROACTIVE_CANDIDATES, -1, meter) };
      const m = matched.m;
      const named = m && m.score >= PROACTIVE_ROW_MIN_SCORE;
      if (cell.kind === 'blank' && !named) continue;
      pending = [];
      current = null;
      if (!named) continue;
      const target = block && block.clause === m.entry.clause ? block : blockFor(m.entry.clause);
      current = newRow(m.entry.key, m, m.entry.label);
      target.rows.push(current);
      closed = false;
      addCell(current, cell);
      continue;
    }
    // A cell after a break with no label between is still the row's while the row is short of the
    // widest its block is in any format (one cell a paragraph, a blank line between: mammoth, html-to-text).
    if (current && (!closed || current.cells.length < widestOf(block?.clause))) addCell(current, cell);
  }
  return { blocks: blocks.filter(b => b.rows.length > 0 || b.itemRange), runs };
}

/**
 * Trim each 二 row to its block's width in the format the report uses (or the widest, when unknown);
 * a row read from glued digits is split to that width here (no arithmetic ties a 二 row: one way to
 * cut it, or it stays unread).
 */
export function trimProactive(blocks: ProactiveBlock[], layout: TableLayout, format: ReportFormat | null, runs = new Map<Row, Run>(), meter?: Meter): void {
  for (const b of blocks) {
    const widths = (format ? [format] : FORMATS).map(f => f.proactive.blocks.find(t => t.clause === b.clause)?.columns.length ?? 0);
    const width = Math.max(1, ...widths);
    for (const r of b.rows) {
      const run = runs.get(r);
      if (run) {
        const outcome = splitRuns([{ id: 'row', run, width }], [], meter).get('row')!;
        if (outcome.kind === 'read') r.cells = outcome.split.cells;
        else r.unread = outcome.kind === 'ambiguous' ? 'glued-ambiguous' : 'glued-no-split';
        continue;
      }
      trimRow(r, width, layout);
    }
  }
}
