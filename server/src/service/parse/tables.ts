/**
 * Tables from the item stream (see tokens.ts): the 三 table row by row, the 四 table's 15 cells, the
 * 二 blocks. Row labels are matched against the formats' labels by approximate suffix alignment, so
 * group labels, header debris, wraps and typos fall out.
 */
import {
  APPLICATION_COLUMNS, APPLICATION_HEADER_WORDS, APPLICATION_WIDTH, FORMATS, REVIEW_GROUP_COLUMNS, REVIEW_GROUP_WIDTH, REVIEW_GROUPS, REVIEW_HEADER_WORDS, REVIEW_WIDTH,
  applicationEntriesOfAnyFormat,
  type ApplicationRowTemplate, type ReportFormat,
} from '../template';
import { compilePattern, compileSet, suffixDistance, suffixScore, suffixStartIn, symbolsOf, type Pattern } from './match';
import type { MappedText, Meter, TextPiece } from './mapped';
import type { ApplicationsTable, Cell, OffsetRange, ProactiveBlock, ReviewsTable, Row, TableLayout } from './model';
import { normalizeLabel, normalizePieces } from './normalize';
import { splitRuns, type Run } from './glued';
import type { Item } from './tokens';

/** How much trailing label text is looked at when matching a row label (normalized chars). */
const LABEL_WINDOW = 90;
/** The first row of a table must match well: before it, text is prose or header. */
const FIRST_ROW_MIN_SCORE = 0.75;
/** Once the table has started, a looser match still names the row (typos, wraps, debris). */
const ROW_MIN_SCORE = 0.6;
/** A 二 row label is short: it must match well. */
const PROACTIVE_ROW_MIN_SCORE = 0.7;
/** Rows come in template order: a small preference for the rows still ahead. */
const BEHIND_PENALTY = 0.02;
/** A label cut short names its row only when this many characters (normalized) begin that row's label. */
const MIN_LABEL_PREFIX = 6;
/** In one-cell-per-line text, a short text between a row's cells is a cell with text in it. */
const MAX_TEXT_CELL = 3;
/** An item heading (第二十条第（一）项) sits on one line or wraps onto the next. */
const ITEM_HEADING_PIECES = 2;
/** What a 二 block keeps of pending text while looking for its first label. */
const MAX_PENDING_PIECES = 12;
const EPSILON = 1e-9;
/** A label's continuation line holds at most a group label beside it: a few gaps are tried. */
const MAX_LABEL_GAPS = 4;

interface LabelCandidate<T> {
  entry: T;
  norm: string;
  /** `norm` prepared for matching. */
  pattern: Pattern;
  order: number;
}

/** Candidates prepared for matching: their labels compiled into one pattern set (one alphabet). */
function prepared<T>(list: Omit<LabelCandidate<T>, 'pattern'>[]): LabelCandidate<T>[] {
  const set = compileSet(list.map(c => c.norm));
  return list.map((c, index) => ({ ...c, pattern: { set, index, text: c.norm } }));
}

interface LabelMatch<T> {
  entry: T;
  score: number;
  label: string;
  range: OffsetRange;
  /** Each piece of a label written over several lines or table rows (absent for one piece). */
  pieces?: OffsetRange[];
}

/** Find which template label the pending text ends with. */
function matchLabel<T>(pending: TextPiece[], candidates: LabelCandidate<T>[], after: number, meter?: Meter): LabelMatch<T> | null {
  if (!pending.length) return null;
  const norm = normalizePieces(pending, meter);
  const offset = Math.max(0, norm.text.length - LABEL_WINDOW);
  const text = norm.text.slice(offset);
  let best: { c: LabelCandidate<T>; score: number } | null = null;
  // The candidates share one alphabet: the text is read into it once.
  const set = candidates[0]?.pattern.set;
  const symbols = set ? symbolsOf(set, text) : new Int32Array(0);
  for (const c of candidates) {
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
  const startOffset = norm.offsets[offset + Math.min(start, text.length - 1)];
  const last = pending[pending.length - 1];
  const range = { start: startOffset, end: last.start + last.text.length };
  const parts = labelParts(pending, range);
  return { entry: best.c.entry, score: best.score, label: parts.map(p => p.text).join(''), range, pieces: parts.length > 1 ? parts.map(p => p.range) : undefined };
}

/** The label as written: its pieces joined without the line breaks between them. */
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

function newRow(key: string | null, match: { label: string; range: OffsetRange; score: number; pieces?: OffsetRange[] } | null, templateLabel?: string): Row {
  return {
    key,
    label: match ? match.label : null,
    labelRange: match?.range,
    ...(match?.pieces ? { labelPieces: match.pieces } : {}),
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

/**
 * Blank cells beyond the table's width carry nothing: trailing ones anywhere, leading ones in a
 * pipe row, where merged label columns come out as empty cells before the numbers.
 */
export function trimRow(row: Row, width: number, layout: TableLayout): void {
  // In a pipe row the label's merged columns come first: a blank there goes before one at the end.
  while (layout === 'pipe' && row.cells.length > width && row.cells[0].kind === 'blank') row.cells.shift();
  while (row.cells.length > width && row.cells[row.cells.length - 1].kind === 'blank') row.cells.pop();
}

// ---------------------------------------------------------------- section 三

/**
 * The labels of every format. A label that is a row in one format and a group in another
 * (（六）其他处理) is matched once, as the row: the cells beside it tell which it is.
 */
export const APPLICATION_CANDIDATES: LabelCandidate<ApplicationRowTemplate>[] = prepared((() => {
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

/** Reads the 三 table from the item stream: one method per kind of item. */
class ApplicationsReader {
  readonly rows: Row[] = [];
  readonly numberedGroups: Row[] = [];
  /** Label text seen since the last cell. */
  private pending: TextPiece[] = [];
  private pendingChars = 0;
  private current: Row | null = null;
  /** The label text the current row was matched from, and the template order before it: to undo or extend it. */
  private currentPieces: TextPiece[] = [];
  /**
   * The one row whose label the current unnamed row's label begins (`（二）部分公开（区分处理` with
   * its end on the next line): named once that end arrives and makes the label read as that row's.
   */
  private currentPrefixOf: LabelCandidate<ApplicationRowTemplate> | null = null;
  private orderBefore = -1;
  /** A break (blank line, end of a flattened row) since the current row's last cell. */
  private closed = false;
  /** The template order of the last row matched, to prefer rows still ahead. */
  private lastOrder = -1;
  private started = false;
  /** A line whose first cell followed prose, not a label: its other cells are skipped. */
  private skippingLine = -1;
  private tableEnd = 0;
  /** Runs of empty cells after one label ask the same question: answer it once. */
  private memo: { pending: TextPiece[]; length: number; lastOrder: number; m: LabelMatch<ApplicationRowTemplate> | null } | null = null;
  done = false;

  constructor(private readonly layout: TableLayout, private readonly runs: Map<Row, Run>, private readonly meter?: Meter) {}

  read(item: Item): void {
    if (this.meter) this.meter.units += 1;
    if (item.kind === 'break') this.closed = true;
    else if (item.kind === 'text') this.onText(item);
    else if (item.kind === 'run') this.onRun(item);
    else if (this.pending.length) this.onLabelledCell(item);
    else this.onCell(item);
  }

  /** A label followed by its row's digits glued into one run: the row, its cells split later. */
  private onRun(item: Extract<Item, { kind: 'run' }>): void {
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
    if (this.current) trimRow(this.current, APPLICATION_WIDTH, this.layout);
    this.current = null;
    this.currentPrefixOf = null;
  }

  private onText(item: Extract<Item, { kind: 'text' }>): void {
    if (this.continuesLabel(item)) return;
    const cur = this.current;
    if (this.layout === 'cell-per-line' && cur && !this.closed && cur.cells.length > 0 && cur.cells.length < APPLICATION_WIDTH && item.text.trim().length <= MAX_TEXT_CELL) {
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
  private continuesLabel(item: Extract<Item, { kind: 'text' }>): boolean {
    const cur = this.current;
    const templateLabel = cur?.key ? cur.templateLabel : this.currentPrefixOf?.entry.label;
    if (!cur || !templateLabel || !cur.labelRange || !this.currentPieces.length || cur.cells.length === 0) return false;
    if (cur.labelScore >= 1 - EPSILON || item.text.length > LABEL_WINDOW) return false;
    // The continuation may share its line with a group label printed beside it (`（四）无法提供  信息`):
    // try the text after each gap too; what precedes the continuation is the next row's label text.
    const official = compilePattern(normalizeLabel(templateLabel));
    let best: { piece: TextPiece; score: number } | null = null;
    for (const from of gapStarts(item.text)) {
      const piece = { text: item.text.slice(from), start: item.start + from };
      const score = suffixScore(official, normalizePieces([...this.currentPieces, piece], this.meter).text, this.meter);
      if (!best || score > best.score + EPSILON) best = { piece, score };
    }
    if (!best || best.score <= cur.labelScore + EPSILON || best.score < FIRST_ROW_MIN_SCORE) return false;
    const piece = best.piece;
    if (!cur.key && this.currentPrefixOf) {
      // The unnamed row's label, with its end, is the row it began.
      const entry = this.currentPrefixOf.entry;
      cur.key = entry.key;
      cur.templateLabel = entry.label;
      this.lastOrder = Math.max(this.lastOrder, orderOf(entry.key));
      this.currentPrefixOf = null;
    }
    const before = item.text.slice(0, piece.start - item.start).trimEnd();
    const joined = { score: best.score };
    if (cur.cells.every(c => c.kind === 'blank')) {
      // The empty cells were the first part's row: the row starts again, with the whole label.
      const list = this.numberedGroups.includes(cur) ? this.numberedGroups : this.rows;
      list.splice(list.indexOf(cur), 1);
      this.lastOrder = this.orderBefore;
      this.current = null;
      this.pending = [...this.currentPieces, piece];
      this.pendingChars = this.pending.reduce((n, p) => n + p.text.length, 0);
      this.currentPieces = [];
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
    this.currentPieces = [...this.currentPieces, piece];
    if (before) {
      this.pending.push({ text: before, start: item.start });
      this.pendingChars += before.length;
    }
    return true;
  }

  private matchPending(): LabelMatch<ApplicationRowTemplate> | null {
    const memo = this.memo;
    if (!memo || memo.pending !== this.pending || memo.length !== this.pending.length || memo.lastOrder !== this.lastOrder) {
      this.memo = { pending: this.pending, length: this.pending.length, lastOrder: this.lastOrder, m: matchLabel(this.pending, APPLICATION_CANDIDATES, this.lastOrder, this.meter) };
    }
    return this.memo!.m;
  }

  /** The first cell after label text: the label names the row it starts. */
  private onLabelledCell(item: Extract<Item, { kind: 'cell' }>): void {
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
    let prefixOf: LabelCandidate<ApplicationRowTemplate> | null = null;
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
    this.current = row;
    this.currentPieces = pieces;
    this.currentPrefixOf = prefixOf;
    this.orderBefore = orderBefore;
    this.closed = false;
    addCell(row, cell);
    this.tableEnd = Math.max(this.tableEnd, cell.range.end);
  }

  /**
   * The one row still ahead whose label begins with this text (or with its text after a gap: a group
   * heading may stand beside it), when the text is long enough to say so — a label cut where a narrow
   * column wrapped it. Null when none or several do.
   */
  private prefixCandidate(label: string): { candidate: LabelCandidate<ApplicationRowTemplate>; from: number } | null {
    for (const from of gapStarts(label)) {
      const norm = normalizeLabel(label.slice(from));
      if (norm.length < MIN_LABEL_PREFIX) break;
      const found = APPLICATION_CANDIDATES.filter(c => c.entry.kind === 'row' && c.order > this.lastOrder && c.norm.length > norm.length && c.norm.startsWith(norm));
      if (found.length) return found.length === 1 ? { candidate: found[0], from } : null;
    }
    return null;
  }

  /** A cell with no label text before it. */
  private onCell(item: Extract<Item, { kind: 'cell' }>): void {
    const { cell } = item;
    if (!this.started || item.line === this.skippingLine) return;
    const cur = this.current;
    if (cur && !this.closed) {
      addCell(cur, cell);
    } else if (cell.kind === 'blank') {
      return; // an empty merged cell before the next label
    } else if (cur && cur.cells.length < APPLICATION_WIDTH && item.lineCells === APPLICATION_WIDTH - cur.cells.length) {
      // A row whose numbers wrapped onto the next line.
      this.closed = false;
      addCell(cur, cell);
    } else {
      this.startUnlabelledRow(cell);
    }
    this.tableEnd = Math.max(this.tableEnd, cell.range.end);
  }

  /** Numbers without a label: they belong to the next row the template expects. */
  private startUnlabelledRow(cell: Cell): void {
    this.finishRow();
    const next = APPLICATION_CANDIDATES.find(c => c.order > this.lastOrder && c.entry.kind === 'row');
    const row = newRow(next ? next.entry.key : null, null, next?.entry.label);
    if (next) this.lastOrder = next.order;
    this.rows.push(row);
    this.current = row;
    this.currentPieces = [];
    this.closed = false;
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

/** `runs` receives the glued digit runs of rows read from a glued region, to be split by the caller. */
export function assembleApplications(items: Item[], layout: TableLayout, meter?: Meter, runs = new Map<Row, Run>()): ApplicationsTable | null {
  return assembleApplicationTables(items, layout, meter, runs)[0] ?? null;
}

/** A second table must name this many rows by their labels to count as a copy of the table. */
const MIN_COPY_ROWS = 3;

/**
 * Every 三 table in the items, in order: a table pasted twice reads as two. A table ends after
 * 四、结转下年度继续办理, or where its rows start again from the first (a copy without that row).
 */
export function assembleApplicationTables(items: Item[], layout: TableLayout, meter?: Meter, runs = new Map<Row, Run>()): ApplicationsTable[] {
  const tables: ApplicationsTable[] = [];
  let i = 0;
  while (i < items.length) {
    const reader = new ApplicationsReader(layout, runs, meter);
    for (; i < items.length; i++) {
      reader.read(items[i]);
      if (reader.done) {
        i++;
        break;
      }
    }
    const t = reader.table();
    if (t) for (const part of splitAtRestart(t)) if (!tables.length || part.rows.filter(r => r.key).length >= MIN_COPY_ROWS) tables.push(part);
    if (!reader.done) break;
  }
  return tables;
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

// ---------------------------------------------------------------- section 四

/** The characters of the 四 table's header words (and the separators between them). */
const REVIEW_HEADER_CHARS = new Set([...REVIEW_HEADER_WORDS.join(''), '·', '、']);
/** Header words of the 四 table: text made of these may sit between its numbers. */
const REVIEW_HEADER = new RegExp(`^[${[...REVIEW_HEADER_CHARS].join('')}\\s]+$`);
/** A short header word with a misread character or two (OCR: 结果维特, 尚末审结, 总汁) still reads as a header. */
const MAX_HEADER_WORD = 12;
const MIN_HEADER_SHARE = 0.5;

/**
 * The first header word of the 四 table: a group's outermost heading, or the first column's name
 * (结果维持), which may wrap in two halves (结果 / 维持), its characters spaced out.
 */
const REVIEW_HEADER_START = (() => {
  const first = REVIEW_GROUP_COLUMNS[0].label;
  const half = first.length / 2;
  const spaced = (w: string) => Array.from(w).join('\\s*');
  return new RegExp(`^(?:${[...new Set(REVIEW_GROUPS.map(g => g.heading[0]))].join('|')}|${spaced(first.slice(0, half))}|${spaced(first.slice(half))})`);
})();

/** The end of a text that runs into a glued row: its last header words. */
function lastWords(text: string): string {
  return text.slice(-MAX_HEADER_WORD);
}

function headerLike(text: string): boolean {
  if (REVIEW_HEADER.test(text)) return true;
  const chars = Array.from(text.replace(/\s+/g, ''));
  if (!chars.length || chars.length > MAX_HEADER_WORD || /[\d。；，]/.test(text)) return false;
  return chars.filter(c => REVIEW_HEADER_CHARS.has(c)).length >= MIN_HEADER_SHARE * chars.length;
}

/** `glued.run` receives the run of a glued 四 row (its 15 numbers' digits), to be split by the caller. */
export function assembleReviews(items: Item[], layout: TableLayout, meter?: Meter, glued: { run?: Run } = {}): ReviewsTable | null {
  const runAt = items.findIndex((item, k) => item.kind === 'run' && item.run.digits >= REVIEW_WIDTH && k > 0 && items[k - 1].kind === 'text' && headerLike(lastWords((items[k - 1] as { text: string }).text)));
  if (runAt >= 0) {
    const run = (items[runAt] as Extract<Item, { kind: 'run' }>).run;
    glued.run = run;
    return { range: { start: run.start, end: run.end }, layout, separation: 'glued', cells: [] };
  }
  // A line that separates its cells (tabs) and has all 15: the row, blanks in their columns.
  const explicit = items.filter((i): i is Extract<Item, { kind: 'cell' }> => i.kind === 'cell' && !!i.explicit && i.lineCells === REVIEW_WIDTH);
  if (explicit.length >= REVIEW_WIDTH && explicit.slice(0, REVIEW_WIDTH).some(i => i.cell.kind !== 'blank')) {
    const row = explicit.filter(i => i.line === explicit[0].line).map(i => i.cell);
    return { range: { start: row[0].range.start, end: row[row.length - 1].range.end }, layout, cells: row };
  }
  // Numbers before the table's own header words, when it has some and numbers follow them, are not its
  // own (another table's spilled after the heading, as pdfminer prints a page's boxes).
  const header = items.findIndex(i => i.kind === 'text' && REVIEW_HEADER_START.test(i.text));
  const from = header >= 0 && items.slice(header).some(i => i.kind === 'cell' && i.cell.kind !== 'blank') ? header : 0;
  const cells: Cell[] = [];
  let started = false;
  let filled = 0;
  // Header words inside a group's numbers: once is a header printed low beside its column; more often,
  // the numbers are in the order a PDF drew them, not the row's.
  let interruptions = 0;
  let afterText = false;
  for (let k = from; k < items.length; k++) {
    const item = items[k];
    if (meter) meter.units += 1;
    if (item.kind === 'break') continue;
    if (item.kind === 'run') continue;
    if (item.kind === 'text') {
      if (!started || headerLike(item.text)) {
        afterText = started;
        continue;
      }
      break;
    }
    if (!started) {
      if (item.cell.kind === 'blank') continue;
      started = true;
    }
    // Between two groups (their own header above each) is no interruption; inside a group it is.
    if (afterText && cells.length % REVIEW_GROUP_WIDTH !== 0) interruptions++;
    afterText = false;
    cells.push(item.cell);
    if (item.cell.kind !== 'blank') filled++;
    if (filled >= REVIEW_WIDTH && cells.length >= REVIEW_WIDTH) break;
  }
  if (!cells.some(c => c.kind !== 'blank')) return null;
  // Blank cells written out (pipes, tabs) are the table's own up to its width; a converter that drops
  // the last separators of a row (html2text) leaves its last blank cells unwritten: they are blank too.
  while (cells.length > REVIEW_WIDTH && cells[cells.length - 1].kind === 'blank') cells.pop();
  if (cells.length < REVIEW_WIDTH && cells[cells.length - 1].kind === 'blank') {
    const at = cells[cells.length - 1].range.end;
    while (cells.length < REVIEW_WIDTH) cells.push({ raw: '', value: null, kind: 'blank', range: { start: at, end: at }, digits: { start: at, end: at } });
  }
  while (cells.length && cells[cells.length - 1].kind === 'blank' && cells.length > REVIEW_WIDTH) cells.pop();
  const last = [...cells].reverse().find(c => c.kind !== 'blank')!;
  return { range: { start: cells[0].range.start, end: Math.max(last.range.end, cells[cells.length - 1].range.end) }, layout, cells, ...(interruptions ? { interruptions } : {}) };
}

// ---------------------------------------------------------------- section 二

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

/** `runs` receives the glued digit runs of rows read from a glued region, to be split once the format is known. */
export function assembleProactive(items: Item[], meter?: Meter, runs = new Map<Row, Run>()): ProactiveBlock[] {
  const blocks: ProactiveBlock[] = [];
  let block: ProactiveBlock | null = null;
  let pending: TextPiece[] = [];
  let current: Row | null = null;
  let closed = false;

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
      const m = matchLabel(pending, PROACTIVE_CANDIDATES, -1, meter);
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
  return blocks.filter(b => b.rows.length > 0 || b.itemRange);
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
