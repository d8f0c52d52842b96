/**
 * The 三 table (收到和处理政府信息公开申请情况) from the item stream (see tokens.ts), row by row: a
 * row's label names it (labels.ts), its cells follow; a table pasted twice reads as two.
 */
import {
  APPLICATION_COLUMNS, APPLICATION_HEADER_WORDS, APPLICATION_WIDTH, applicationEntriesOfAnyFormat, type FormatApplicationRow,
} from '../format';
import { compilePattern, suffixScore } from './match';
import type { Meter, TextPiece } from './mapped';
import type { ApplicationsTable, Cell, Row, TableLayout } from './model';
import { normalizeFormatWord, normalizeLabel, normalizePieces } from './normalize';
import type { Run } from './glued';
import type { TableItem } from './tokens';
import { EPSILON, LABEL_WINDOW, addCell, matchLabel, newRow, prepared, trimRow, type LabelCandidate, type LabelMatch } from './labels';

/** The first row of a table must match well: before it, text is prose or header. */
const FIRST_ROW_MIN_SCORE = 0.75;
/** Once the table has started, a looser match still names the row (typos, wraps, debris). */
const ROW_MIN_SCORE = 0.6;
/** A label cut short names its row only when this many characters (normalized) begin that row's label. */
const MIN_LABEL_PREFIX = 6;
/** In one-cell-per-line text, a short text between a row's cells is a cell with text in it. */
const MAX_TEXT_CELL = 3;
/** A label's continuation line holds at most a group label beside it: a few gaps are tried. */
const MAX_LABEL_GAPS = 4;

/**
 * The labels of every format. A label that is a row in one format and a group in another
 * (（六）其他处理) is matched once, as the row: the cells beside it tell which it is.
 */
export const APPLICATION_CANDIDATES: LabelCandidate<FormatApplicationRow>[] = prepared((() => {
  const all = applicationEntriesOfAnyFormat();
  const rowLabels = new Set(all.filter(e => e.kind === 'row').map(e => e.label));
  return all
    .filter(e => !(e.kind === 'group' && rowLabels.has(e.label)))
    .map((entry, order) => ({ entry, norm: normalizeLabel(entry.label), order }));
})());
/** Keys that are a row in one format and a group in another. */
export const ROW_OR_GROUP = new Set(applicationEntriesOfAnyFormat().filter(e => e.kind === 'group').map(e => e.key)
  .filter(k => applicationEntriesOfAnyFormat().some(e => e.kind === 'row' && e.key === k)));

/** The 三 table's header words, longest first: a header repeated on a new page is not a row label. */
const HEADER_WORDS = [...APPLICATION_COLUMNS.map(c => c.label), ...APPLICATION_HEADER_WORDS].map(normalizeLabel).sort((a, b) => b.length - a.length);
/** What may be left of a header once its words are taken out (separators, a stray character). */
const HEADER_REST = 2;

/** Text made only of the table's column headers (`申请人情况 自然人 商业企业 … 总计`). */
function isHeaderText(pieces: TextPiece[], meter?: Meter): boolean {
  let rest = normalizePieces(pieces, meter).text;
  let words = 0;
  for (const w of HEADER_WORDS) {
    const parts = rest.split(w);
    words += parts.length - 1;
    rest = parts.join('');
  }
  // Two header words at least, and nothing that could be a row's numbering.
  return words >= 2 && !/\d/.test(rest) && rest.replace(/[，、,.]/g, '').length <= HEADER_REST;
}

/** The row the 三 reader is filling, and what it needs to undo or extend it. */
interface OpenRow {
  row: Row;
  /** The label text the row was matched from: to undo or extend it. */
  pieces: TextPiece[];
  /**
   * The one row whose label this unnamed row's label begins (`（二）部分公开（区分处理` with
   * its end on the next line): named once that end arrives and makes the label read as that row's.
   */
  prefixOf: LabelCandidate<FormatApplicationRow> | null;
  /** The format order before the row: to undo it. */
  orderBefore: number;
  /** A break (blank line, end of a flattened row) since the row's last cell. */
  closed: boolean;
}

/** Reads the 三 table from the item stream: one method per kind of item. */
class ApplicationsReader {
  readonly rows: Row[] = [];
  readonly numberedGroups: Row[] = [];
  /** Label text seen since the last cell. */
  private pending: TextPiece[] = [];
  private pendingChars = 0;
  /** The row being filled, if any. */
  private open: OpenRow | null = null;
  /** The format order of the last row matched, to prefer rows still ahead. */
  private lastOrder = -1;
  private started = false;
  /** A line whose first cell followed prose, not a label: its other cells are skipped. */
  private skippingLine = -1;
  private tableEnd = 0;
  /** Runs of empty cells after one label ask the same question: answer it once. */
  private memo: { pending: TextPiece[]; length: number; lastOrder: number; m: LabelMatch<FormatApplicationRow> | null } | null = null;
  done = false;

  /** The glued digit runs of rows read from a glued region, to be split by the caller. */
  readonly runs = new Map<Row, Run>();

  constructor(private readonly layout: TableLayout, private readonly meter?: Meter) {}

  read(item: TableItem): void {
    if (this.meter) this.meter.units += 1;
    if (item.kind === 'break') {
      if (this.open) this.open.closed = true;
    }
    else if (item.kind === 'text') this.onText(item);
    else if (item.kind === 'run') this.onRun(item);
    else if (this.pending.length) this.onLabelledCell(item);
    else this.onCell(item);
  }

  /** A label followed by its row's digits glued into one run: the row, its cells split later. */
  private onRun(item: Extract<TableItem, { kind: 'run' }>): void {
    const m = this.pending.length ? this.matchPending() : null;
    this.pending = [];
    this.pendingChars = 0;
    this.finishRow();
    const threshold = this.started ? ROW_MIN_SCORE : FIRST_ROW_MIN_SCORE;
    if (!m || m.score < threshold || m.entry.kind !== 'row' || item.run.digits < APPLICATION_WIDTH) return;
    this.started = true;
    const row = newRow(m.entry.key, m, m.entry.label);
    row.range.end = item.run.end;
    this.rows.push(row);
    this.lastOrder = Math.max(this.lastOrder, orderOf(m.entry.key));
    this.runs.set(row, item.run);
    this.tableEnd = Math.max(this.tableEnd, item.run.end);
    if (m.entry.key === 'forward') this.done = true;
  }

  private finishRow(): void {
    if (this.open) trimRow(this.open.row, APPLICATION_WIDTH, this.layout);
    this.open = null;
  }

  private onText(item: Extract<TableItem, { kind: 'text' }>): void {
    if (this.continuesLabel(item)) return;
    const cur = this.open?.row;
    if (this.layout === 'cell-per-line' && cur && !this.open!.closed && cur.cells.length > 0 && cur.cells.length < APPLICATION_WIDTH && item.text.trim().length <= MAX_TEXT_CELL) {
      const range = { start: item.start, end: item.end };
      addCell(cur, { raw: item.text.trim(), value: null, kind: 'text', range, digits: range });
      return;
    }
    if (cur && cur.cells.length > 0) {
      // The table ends after 四、结转下年度继续办理 once its row is complete.
      if (cur.key === 'forward' && cur.cells.length >= APPLICATION_WIDTH) {
        this.finishRow();
        this.done = true;
        return;
      }
      this.finishRow();
    }
    this.pending.push({ text: item.text, start: item.start });
    this.pendingChars += item.text.length;
    // Keep the pending label bounded: only its end matters.
    while (this.pending.length > 1 && this.pendingChars - this.pending[0].text.length > LABEL_WINDOW * 2) {
      this.pendingChars -= this.pending[0].text.length;
      this.pending.shift();
    }
  }

  /**
   * Text that completes the current row's label: a label cut over two table rows (OCR, pipe tables;
   * the first part's row has only empty cells), or a label whose end `pdftotext -layout` prints on
   * the line after the numbers (`（二）部分公开（区分处理的，只计这一情   0 0 0 0 0 0 0` / `形，不计其他情形）`).
   * It must make the label read better than it did without it.
   */
  private continuesLabel(item: Extract<TableItem, { kind: 'text' }>): boolean {
    const open = this.open;
    const cur = open?.row;
    const officialLabel = cur?.key ? cur.officialLabel : open?.prefixOf?.entry.label;
    if (!open || !cur || !officialLabel || !cur.labelRange || !open.pieces.length || cur.cells.length === 0) return false;
    if (cur.labelScore >= 1 - EPSILON || item.text.length > LABEL_WINDOW) return false;
    // The continuation may share its line with a group label printed beside it (`（四）无法提供  信息`):
    // try the text after each gap too; what precedes the continuation is the next row's label text.
    const official = compilePattern(normalizeFormatWord(officialLabel));
    let best: { piece: TextPiece; score: number } | null = null;
    for (const from of gapStarts(item.text)) {
      const piece = { text: item.text.slice(from), start: item.start + from };
      const score = suffixScore(official, normalizePieces([...open.pieces, piece], this.meter).text, this.meter);
      if (!best || score > best.score + EPSILON) best = { piece, score };
    }
    if (!best || best.score <= cur.labelScore + EPSILON || best.score < FIRST_ROW_MIN_SCORE) return false;
    const piece = best.piece;
    if (!cur.key && open.prefixOf) {
      // The unnamed row's label, with its end, is the row it began.
      const entry = open.prefixOf.entry;
      cur.key = entry.key;
      cur.officialLabel = entry.label;
      this.lastOrder = Math.max(this.lastOrder, orderOf(entry.key));
      open.prefixOf = null;
    }
    const before = item.text.slice(0, piece.start - item.start).trimEnd();
    const joined = { score: best.score };
    if (cur.cells.every(c => c.kind === 'blank')) {
      // The empty cells were the first part's row: the row starts again, with the whole label.
      const list = this.numberedGroups.includes(cur) ? this.numberedGroups : this.rows;
      list.splice(list.indexOf(cur), 1);
      this.lastOrder = open.orderBefore;
      this.open = null;
      this.pending = [...open.pieces, piece];
      this.pendingChars = this.pending.reduce((n, p) => n + p.text.length, 0);
      return true;
    }
    // The label's end after the row's numbers: one label in two pieces.
    const lead = piece.text.length - piece.text.trimStart().length;
    const text = piece.text.trim();
    const tail = { start: piece.start + lead, end: piece.start + lead + text.length };
    cur.labelPieces = [...(cur.labelPieces ?? [cur.labelRange]), tail];
    cur.label = (cur.label ?? '') + text;
    cur.labelScore = joined.score;
    cur.range.end = Math.max(cur.range.end, tail.end);
    open.pieces = [...open.pieces, piece];
    if (before) {
      this.pending.push({ text: before, start: item.start });
      this.pendingChars += before.length;
    }
    return true;
  }

  private matchPending(): LabelMatch<FormatApplicationRow> | null {
    const memo = this.memo;
    if (!memo || memo.pending !== this.pending || memo.length !== this.pending.length || memo.lastOrder !== this.lastOrder) {
      this.memo = { pending: this.pending, length: this.pending.length, lastOrder: this.lastOrder, m: matchLabel(this.pending, APPLICATION_CANDIDATES, this.lastOrder, this.meter) };
    }
    return this.memo!.m;
  }

  /** The first cell after label text: the label names the row it starts. */
  private onLabelledCell(item: Extract<TableItem, { kind: 'cell' }>): void {
    const { cell } = item;
    const m = this.matchPending();
    const lastPiece = this.pending[this.pending.length - 1];
    const threshold = this.started ? ROW_MIN_SCORE : FIRST_ROW_MIN_SCORE;
    if (this.started && !(m && m.score >= threshold) && isHeaderText(this.pending, this.meter)) {
      // The header repeated after a page break: the numbers after it are a row whose label was lost.
      this.pending = [];
      this.pendingChars = 0;
      this.onCell(item);
      return;
    }
    // An empty cell after a group heading is the merged cell beside it, not a value. A label that is a
    // row in one format and a group in another: empty cells beside it say nothing about which.
    // A row written with its cells separated (tabs) says by itself that its empty cells are cells.
    const rowLabel = m && m.entry.kind === 'row' && m.score >= threshold;
    const explicitRow = (item.explicit || this.layout === 'pipe') && item.lineCells >= APPLICATION_WIDTH;
    if (cell.kind === 'blank' && !(rowLabel && (explicitRow || !ROW_OR_GROUP.has(m.entry.key)))) return;
    const pieces = this.pending;
    const orderBefore = this.lastOrder;
    let prefixOf: LabelCandidate<FormatApplicationRow> | null = null;
    this.pending = [];
    this.pendingChars = 0;
    this.finishRow();
    let row: Row;
    if (m && m.score >= threshold) {
      this.started = true;
      row = newRow(m.entry.key, m, m.entry.label);
      if (m.entry.kind === 'group') {
        this.numberedGroups.push(row);
      } else {
        this.rows.push(row);
        this.lastOrder = Math.max(this.lastOrder, orderOf(m.entry.key));
      }
    } else if (this.started && m) {
      // A label that matches no row: as written on its own line, not cut to a near match.
      const lead = lastPiece.text.length - lastPiece.text.trimStart().length;
      let label = lastPiece.text.trim();
      let start = lastPiece.start + lead;
      const prefix = this.prefixCandidate(label);
      if (prefix) {
        // The row's label starts after the group heading printed beside it.
        prefixOf = prefix.candidate;
        start += prefix.from;
        label = label.slice(prefix.from);
      }
      row = newRow(null, { label, range: { start, end: start + label.length }, score: m.score });
      this.rows.push(row);
    } else {
      this.skippingLine = item.line;
      return;
    }
    this.open = { row, pieces, prefixOf, orderBefore, closed: false };
    addCell(row, cell);
    this.tableEnd = Math.max(this.tableEnd, cell.range.end);
  }

  /**
   * The one row still ahead whose label begins with this text (or with its text after a gap: a group
   * heading may stand beside it), when the text is long enough to say so — a label cut where a narrow
   * column wrapped it. Null when none or several do.
   */
  private prefixCandidate(label: string): { candidate: LabelCandidate<FormatApplicationRow>; from: number } | null {
    for (const from of gapStarts(label)) {
      const norm = normalizeLabel(label.slice(from));
      if (norm.length < MIN_LABEL_PREFIX) break;
      const found = APPLICATION_CANDIDATES.filter(c => c.entry.kind === 'row' && c.order > this.lastOrder && c.norm.length > norm.length && c.norm.startsWith(norm));
      if (found.length) return found.length === 1 ? { candidate: found[0], from } : null;
    }
    return null;
  }

  /** A cell with no label text before it. */
  private onCell(item: Extract<TableItem, { kind: 'cell' }>): void {
    const { cell } = item;
    if (!this.started || item.line === this.skippingLine) return;
    const cur = this.open?.row;
    if (cur && !this.open!.closed) {
      addCell(cur, cell);
    } else if (cell.kind === 'blank') {
      return; // an empty merged cell before the next label
    } else if (cur && cur.cells.length < APPLICATION_WIDTH && item.lineCells === APPLICATION_WIDTH - cur.cells.length) {
      // A row whose numbers wrapped onto the next line.
      this.open!.closed = false;
      addCell(cur, cell);
    } else {
      this.startUnlabelledRow(cell);
    }
    this.tableEnd = Math.max(this.tableEnd, cell.range.end);
  }

  /** Numbers without a label: they belong to the next row the format expects. */
  private startUnlabelledRow(cell: Cell): void {
    this.finishRow();
    const next = APPLICATION_CANDIDATES.find(c => c.order > this.lastOrder && c.entry.kind === 'row');
    const row = newRow(next ? next.entry.key : null, null, next?.entry.label);
    const orderBefore = this.lastOrder;
    if (next) this.lastOrder = next.order;
    this.rows.push(row);
    this.open = { row, pieces: [], prefixOf: null, orderBefore, closed: false };
    addCell(row, cell);
  }

  /**
   * A group heading with numbers beside it, followed by its group's second row: the numbers are the
   * first row's, whose label was lost (a fragment's first line, a label cut away). Placed by order.
   */
  private placeUnderGroups(): void {
    for (const g of [...this.numberedGroups]) {
      if (!g.key || !g.cells.some(c => c.kind !== 'blank')) continue;
      const members = APPLICATION_CANDIDATES.filter(c => c.entry.kind === 'row' && c.entry.group === g.key);
      const first = members[0];
      if (!first || this.rows.some(r => r.key === first.entry.key)) continue;
      const after = this.rows.find(r => r.range.start > g.range.start);
      if (!after || !members.some(c => c.entry.key === after.key)) continue;
      const row = newRow(first.entry.key, null, first.entry.label);
      row.range = { start: g.cells[0].range.start, end: g.range.end };
      row.cells = g.cells;
      this.rows.splice(this.rows.indexOf(after), 0, row);
      this.numberedGroups.splice(this.numberedGroups.indexOf(g), 1);
    }
  }

  /**
   * A label that is a row in one format and a group in another, written with empty cells: a row of
   * blanks (a 2019 （六）其他处理 left empty), unless its group's rows follow it (a 2021 group heading
   * drawn across the row).
   */
  private settleEmptyRowOrGroup(): void {
    for (let k = 0; k < this.rows.length; k++) {
      const r = this.rows[k];
      if (!r.key || !ROW_OR_GROUP.has(r.key) || r.cells.some(c => c.kind !== 'blank')) continue;
      const next = this.rows.slice(k + 1).find(x => x.key);
      const member = next && APPLICATION_CANDIDATES.find(c => c.entry.key === next.key && c.entry.kind === 'row')?.entry.group === r.key;
      if (!member) continue;
      this.rows.splice(k--, 1);
      this.numberedGroups.push(r);
    }
  }

  table(): ApplicationsTable | null {
    this.finishRow();
    this.settleEmptyRowOrGroup();
    this.placeUnderGroups();
    if (!this.rows.length) return null;
    const first = this.rows[0];
    return {
      range: { start: first.range.start, end: Math.max(this.tableEnd, this.rows[this.rows.length - 1].range.end) },
      layout: this.layout,
      rows: this.rows,
      numberedGroups: this.numberedGroups,
    };
  }
}

/** Where the text starts, and after each run of spaces inside it. */
function gapStarts(text: string): number[] {
  const out = [0];
  const re = /\s+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < MAX_LABEL_GAPS) if (m.index > 0 && m.index + m[0].length < text.length) out.push(m.index + m[0].length);
  return out;
}

function orderOf(key: string | null): number {
  return APPLICATION_CANDIDATES.findIndex(c => c.entry.key === key);
}

/** A second table must name this many rows by their labels to count as a copy of the table. */
const MIN_COPY_ROWS = 3;

/**
 * Every 三 table in the items, in order: a table pasted twice reads as two. A table ends after
 * 四、结转下年度继续办理, or where its rows start again from the first (a copy without that row).
 * `runs`: the glued digit runs of rows read from a glued region, to be split by the caller.
 */
export function assembleApplicationTables(items: TableItem[], layout: TableLayout, meter?: Meter): { tables: ApplicationsTable[]; runs: Map<Row, Run> } {
  const tables: ApplicationsTable[] = [];
  const runs = new Map<Row, Run>();
  let i = 0;
  while (i < items.length) {
    const reader = new ApplicationsReader(layout, meter);
    for (; i < items.length; i++) {
      reader.read(items[i]);
      if (reader.done) {
        i++;
        break;
      }
    }
    const t = reader.table();
    for (const [row, run] of reader.runs) runs.set(row, run);
    if (t) for (const part of splitAtRestart(t)) if (!tables.length || part.rows.filter(r => r.key).length >= MIN_COPY_ROWS) tables.push(part);
    if (!reader.done) break;
  }
  return { tables, runs };
}

/** A table whose rows start again from its first row holds a second copy from there on. */
function splitAtRestart(t: ApplicationsTable): ApplicationsTable[] {
  const first = t.rows[0]?.key;
  const seen = new Set<string>();
  for (let k = 1; k < t.rows.length; k++) {
    const key = t.rows[k].key;
    if (key && t.rows[k - 1].key) seen.add(t.rows[k - 1].key!);
    if (!key || key !== first || seen.size < MIN_COPY_ROWS) continue;
    const cut = t.rows[k].range.start;
    const head: ApplicationsTable = { ...t, rows: t.rows.slice(0, k), numberedGroups: t.numberedGroups.filter(g => g.range.start < cut), range: { start: t.range.start, end: t.rows[k - 1].range.end } };
    const tail: ApplicationsTable = { ...t, rows: t.rows.slice(k), numberedGroups: t.numberedGroups.filter(g => g.range.start >= cut), range: { start: cut, end: t.range.end } };
    return [head, ...splitAtRestart(tail)];
  }
  return [t];
}
