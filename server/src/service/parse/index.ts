/**
 * Text → report model, in named steps: clean the source, find the sections, read each section's
 * table, read the metadata, decide the format. Never throws.
 */
import { APPLICATION_WIDTH, FORMATS, LATEST_FORMAT, REVIEW_GROUP_WIDTH, REVIEW_WIDTH, formatOf, formatForYear, relationHolds, type ReportFormat, type FormatVersion } from '../format';
import { EMPTY_MAPPED, type Meter } from './mapped';
import type { ApplicationsTable, Cell, OffsetRange, ProactiveBlock, ReportModel, ReviewsTable, Row, Section, FormatDetection, TableLayout, UnreadReason } from './model';
import { readMeta } from './meta';
import { proseOf } from './prose';
import { normalizeFormatWord, normalizeLabel } from './normalize';
import { findSections, findSubsections } from './sections';
import { assembleColumns } from './columns';
import { APPLICATION_CANDIDATES, ROW_OR_GROUP, assembleApplicationTables } from './applications';
import { assembleProactive, trimProactive } from './proactive';
import { assembleReviews } from './reviews';
import { readSource, type Line, type SourceText } from './text';
import type { RegionMemo } from './reuse';
import { detectLayout, gluedItems, isGluedRegion, linesReadAlone, onlyANumberChanged, TableLines, tableItems, type TableItem } from './tokens';
import { gluedJoins, gluedPieces, nearSplit, splitRuns, type Run } from './glued';
import { MAX_BROKEN_SUMS, readProactiveSequence, readSequence, type OrderItem, type SequenceReading } from './sequence';

export * from './model';
export { isFooter, lineAt, LineIndex } from './text';
export { rangeOf, type MappedText, type Meter } from './mapped';

export interface ParseOptions {
  /** Counts the parser's elementary steps (tests check that work grows linearly). */
  meter?: Meter;
  /**
   * The editor's memo of the document's last parse (`reuse.ts`): a table region whose text is unchanged
   * is taken from it instead of read again. Not with a `meter` (the work counted is the whole parse's).
   */
  reuse?: RegionMemo;
}

/**
 * Read any text as a report. Never throws: whatever cannot be read is simply absent from the
 * model, and the rules report what is missing.
 */
export function parseReport(text: string, options: ParseOptions = {}): ReportModel {
  try {
    return parseReportStrict(text, options);
  } catch {
    // A parser bug must not take the editor down: an empty model still lets rules run.
    return emptyModel(text);
  }
}

/** The parser without its safety net, for tests that must see any exception. */
export function parseReportStrict(text: string, options: ParseOptions = {}): ReportModel {
  const memo = options.meter ? undefined : options.reuse;
  try {
    const model = parse(typeof text === 'string' ? text : String(text ?? ''), options.meter, memo);
    memo?.settle();
    return model;
  } catch (e) {
    memo?.discard();
    throw e;
  }
}

export function emptyModel(text: string): ReportModel {
  return {
    text, prose: EMPTY_MAPPED, title: null, agency: null, year: null, period: null,
    format: { version: null, evidence: [], fromTables: null, applications: null, proactive: null, cited: null },
    sections: [], applications: null, reviews: null, proactive: [], extraTables: { applications: [] }, tableRanges: [],
  };
}

/** Copies of the 三 table read beyond the first. */
const MAX_EXTRA_TABLES = 2;

/**
 * The lines of a range, the first and last cut at its ends: a section's text may start on its
 * heading's line (a heading with its first sentence after it, a whole report on one line).
 */
function linesIn(src: SourceText, range: OffsetRange, meter?: Meter): Line[] {
  const out: Line[] = [];
  const { lines } = src;
  // The first line that ends at or after the range's start (lines are in order).
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].end < range.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < lines.length; i++) {
    const l = lines[i];
    if (meter) meter.units += 1;
    if (l.start >= range.end) break;
    if (l.end < range.start) continue;
    if (l.start >= range.start && l.end <= range.end) {
      out.push(l);
      continue;
    }
    const start = Math.max(l.start, range.start);
    const end = Math.min(l.end, range.end);
    out.push({ ...l, start, end, text: l.text.slice(start - l.start, end - l.start) });
  }
  return out;
}

/** The body of a section (after its heading), or null when the section was not found. */
function sectionBody(sections: Section[], no: number): OffsetRange | null {
  const s = sections.find(x => x.no === no);
  return s ? { start: s.headingRange.end, end: s.range.end } : null;
}

function parse(text: string, meter?: Meter, memo?: RegionMemo): ReportModel {
  // The editor's memo reads again only the line an edit changed, and keeps the sections it cannot change.
  const src = memo ? memo.source(text) : readSource(text);
  const whole = { start: 0, end: src.clean.length };
  const found = memo ? memo.sections(src, () => findSections(src, meter)) : findSections(src, meter);
  // Each table region is read from its lines alone: the editor's memo may give the last parse's reading.
  const region = <T>(name: string, range: OffsetRange, read: () => T, mutable = false): T => (memo ? memo.region(name, src, range, read, mutable) : read());

  const appRange = sectionBody(found, 3) ?? whole;
  const [applications = null, ...copies] = region('三', appRange, () => readApplications(src, appRange, meter, memo));
  // A 三 section written twice (pasted twice): its table is a copy too. A few copies are read; a
  // text holding the report many times over needs no more to be reported.
  for (const [i, s] of found.filter(x => x.no === 3).slice(1).entries()) {
    if (copies.length >= MAX_EXTRA_TABLES) break;
    const range = { start: s.headingRange.end, end: s.range.end };
    copies.push(...region(`三 ${i + 1}`, range, () => readApplications(src, range, meter)));
  }
  copies.splice(MAX_EXTRA_TABLES);
  const revRange = reviewsRegion(src, found, applications);
  const reviews = revRange ? region('四', revRange, () => readReviews(src, revRange, meter)) : null;
  const proRange = sectionBody(found, 2) ?? { start: 0, end: applications ? applications.range.start : src.clean.length };
  const { proLayout, proactive, proRuns } = region('二', proRange, () => readProactive(src, proRange, meter), true);

  const tableRanges = [...rangesOfTables(applications, reviews, proactive), ...copies.map(t => t.range)];
  const sections = sectionsOutsideTables(found, tableRanges, src.clean.length);
  for (const s of sections) s.subsections = findSubsections(src, s, tableRanges, meter);

  const prose = proseOf(src, undefined, meter);
  const meta = readMeta(src, prose);
  const format = detectFormat(src, applications, proactive, proRange, meta.cited, meta.year?.value ?? null);
  trimProactive(proactive, proLayout, format.proactive ? formatOf(format.proactive) : format.version ? formatOf(format.version) : null, proRuns, meter);
  return {
    text, prose, title: meta.title, agency: meta.agency, year: meta.year, period: meta.period,
    format, sections, applications, reviews, proactive, extraTables: { applications: copies }, tableRanges,
  };
}

/** The 二 tables of a region as read, before they are trimmed to the format's widths (which needs the format). */
function readProactive(src: SourceText, range: OffsetRange, meter?: Meter): { proLayout: TableLayout; proactive: ProactiveBlock[]; proRuns: Map<Row, Run> } {
  const proLines = new TableLines(linesIn(src, range, meter));
  const proLayout = detectLayout(proLines, meter);
  const proItems = isGluedRegion(proLines, meter) ? gluedItems(proLines.lines, meter) : tableItems(proLines, proLayout, meter);
  const { blocks: labelled, runs: proRuns } = assembleProactive(proItems, meter);
  const proactive = proRuns.size ? labelled : weighProactiveByOrder(labelled, proItems, meter);
  return { proLayout, proactive, proRuns };
}

/**
 * The 三 tables of a region as their labels and lines give them, before they are weighed against the order
 * of their numbers, and its cells in the order of the text: what an edit of one number changes only in
 * that number's cell (`patchedApplications`).
 */
interface LabelledApplications {
  range: OffsetRange;
  layout: TableLayout;
  tables: ApplicationsTable[];
  cells: Cell[];
}

/**
 * The 三 tables of a region: the table, then any copy of it pasted after it. `memo`, `name`: the editor's
 * memo and the region's name in it, to read after an edit of one number only that number again.
 */
function readApplications(src: SourceText, range: OffsetRange, meter?: Meter, memo?: RegionMemo, name = '三'): ApplicationsTable[] {
  const lines = linesIn(src, range, meter);
  const region = new TableLines(lines);
  let read = memo ? patchedApplications(memo, name, src, range) : null;
  let items: TableItem[] = [];
  if (read) {
    memo!.lineCounts.tablesPatched++;
    memo!.keepTableState(name, range.start, read);
  } else {
    if (isGluedRegion(region, meter)) {
      const { tables, runs } = assembleApplicationTables(gluedItems(lines, meter), 'flattened', meter);
      for (const t of tables) splitApplications(t, new Map(t.rows.filter(r => runs.has(r)).map(r => [r, runs.get(r)!])), meter);
      return tables;
    }
    const layout = detectLayout(region, meter);
    items = tableItems(region, layout, meter);
    // One number a line: Word's one cell per line, or pdftotext's one column after another.
    const columns = layout === 'cell-per-line' ? assembleColumns(lines, APPLICATION_CANDIDATES, ROW_OR_GROUP, meter) : null;
    const tables = columns ? [columns] : assembleApplicationTables(items, layout, meter).tables;
    // The cells in the order of the items (a loop: flatMap made an array for each item).
    const cells: Cell[] = [];
    for (const i of items) if (i.kind === 'cell') cells.push(i.cell);
    read = { range, layout, tables, cells };
    // Kept for the next parse where each line is read on its own and a table was read (what `patchedApplications` needs).
    if (memo && !columns && tables.length && linesReadAlone(region)) memo.keepTableState(name, range.start, read);
  }
  const { tables } = read;
  // The table's own text: up to a copy of it pasted after (whose labels are the copy's).
  const own = () => normalizeLabel(lines.filter(l => !tables[1] || l.start < tables[1].range.start).map(l => l.text).join('\n'));
  // (The items are read only where no table was: never after a patch.)
  return weighByOrder(tables, read.cells, meter, items, own);
}

/**
 * The region's labelled tables after an edit that changed the digits of one number only, from those of
 * the last parse: the edited line's cells read again in place of its old ones, every offset after the
 * change moved by the edit (objects wholly before it shared, not copied). Why that is what reading the
 * region again gives: each line of it is read on its own (`linesReadAlone`), the edited line reads as the
 * same tokens but for that number (`onlyANumberChanged`: so the region is as glued and laid out as it
 * was, and the line gives the same items but for that number's cell), and what the labelled reading
 * makes of items depends on their kinds, texts and order, not on a number's value (only the weighing
 * does: it runs again). Null where that does not hold: read the region.
 */
function patchedApplications(memo: RegionMemo, name: string, src: SourceText, range: OffsetRange): LabelledApplications | null {
  const kept = memo.tableState<LabelledApplications>(name);
  const changed = memo.lineEdit();
  if (!kept || !changed) return null;
  const { edit, before } = changed;
  const last = kept.state;
  const moved = kept.moved;
  // The region in the last parse, and this one: the same, the edited line within it, neither its first nor its last.
  const was = { start: last.range.start + moved, end: last.range.end + moved };
  const after = src.lines[edit.line];
  if (range.start !== was.start || range.end !== was.end + edit.delta) return null;
  if (!(before.start > was.start && before.end < was.end && after.start > range.start && after.end < range.end)) return null;
  if (!onlyANumberChanged(before, after, edit.from, edit.to, edit.to + edit.delta)) return null;
  // The edited line's cells as they were, and as the line now reads.
  const olds = last.cells.filter(c => c.range.start + moved >= before.start && c.range.end + moved <= before.end);
  const news: Cell[] = [];
  for (const i of tableItems(new TableLines([after]), last.layout)) if (i.kind === 'cell') news.push(i.cell);
  if (olds.length !== news.length || olds.some((c, k) => c.kind !== news[k].kind || c.unit !== news[k].unit)) return null;
  const move = (x: number) => {
    const y = x + moved;
    return y >= edit.to ? y + edit.delta : y;
  };
  const at = (r: OffsetRange): OffsetRange => {
    const [start, end] = [move(r.start), move(r.end)];
    return start === r.start && end === r.end ? r : { start, end };
  };
  const cellMap = new Map<Cell, Cell>();
  olds.forEach((c, k) => cellMap.set(c, news[k]));
  const cellOf = (c: Cell): Cell => {
    let out = cellMap.get(c);
    if (!out) {
      const [r, d] = [at(c.range), at(c.digits)];
      cellMap.set(c, (out = r === c.range && d === c.digits ? c : { ...c, range: r, digits: d }));
    }
    return out;
  };
  const rowMap = new Map<Row, Row>();
  const rowOf = (row: Row): Row => {
    let out = rowMap.get(row);
    if (!out) {
      const cells = row.cells.map(cellOf);
      const r = at(row.range);
      const label = row.labelRange && at(row.labelRange);
      const pieces = row.labelPieces?.map(at);
      const same = r === row.range && label === row.labelRange && cells.every((c, k) => c === row.cells[k]) && (!pieces || pieces.every((p, k) => p === row.labelPieces![k]));
      out = same ? row : { ...row, cells, range: r, ...(row.labelRange ? { labelRange: label } : {}), ...(pieces ? { labelPieces: pieces } : {}) };
      rowMap.set(row, out);
    }
    return out;
  };
  const tables = last.tables.map(t => ({ ...t, range: at(t.range), rows: t.rows.map(rowOf), numberedGroups: t.numberedGroups.map(rowOf) }));
  return { range, layout: last.layout, tables, cells: last.cells.map(cellOf) };
}

/** A 四 cell counts cases of one body in one year: this many digits is several cells run together. */
const GLUED_CELL_DIGITS = 7;

/** Rows whose cells are wrong in number, or missing, beyond which a labelled reading is a misreading, not the report. */
const CASCADE_ROWS = 3;

/** How well a 三 table read by its labels fits the format its rows belong to. */
function judge(table: ApplicationsTable): { format: ReportFormat; complete: boolean; bad: number; missing: number; unnamed: number; broken: number } {
  const keys = table.rows.map(r => r.key).filter((k): k is string => !!k);
  const format = [...FORMATS].reverse().find(f => keys.every(k => f.applications.rows.some(r => r.key === k)))
    ?? [...FORMATS].reverse().reduce((a, f) => (keys.filter(k => f.applications.rows.some(r => r.key === k)).length > keys.filter(k => a.applications.rows.some(r => r.key === k)).length ? f : a));
  // Rows read with the wrong count of cells are what a misreading leaves; a row missing may be the report's.
  let bad = 0;
  let missing = 0;
  const cellsOf = new Map<string, Cell[]>();
  for (const t of format.applications.rows) {
    const rows = table.rows.filter(r => r.key === t.key);
    if (rows.length !== 1) {
      missing++;
      continue;
    }
    if (rows[0].unread) continue;
    if (rows[0].cells.length !== APPLICATION_WIDTH) bad++;
    else cellsOf.set(t.key, rows[0].cells);
  }
  // Rows whose label names no row of the format but that hold numbers: a misreading's leftovers, or a typo.
  const unnamed = table.rows.filter(r => !r.key && r.cells.some(c => c.kind === 'number')).length;
  let broken = 0;
  for (const rel of format.relations) {
    if (rel.id === 'review-total') continue;
    if (relationHolds(rel, ref => cellsOf.get(ref.row!)?.[ref.col]?.value) === false) broken++;
  }
  const complete = bad === 0 && missing === 0 && table.rows.every(r => !r.unread && (r.key || !r.cells.some(c => c.kind !== 'blank')));
  return { format, complete, bad, missing, unnamed, broken };
}

/**
 * The 三 table as its labels gave it, weighed against the order of its numbers (sequence.ts). Where
 * the labels stand apart from their numbers (a PDF's text layer), the labelled reading misses rows or
 * gives rows the wrong count of cells; the numbers' order, checked by the table's sums, reads it
 * exactly — or says why it cannot, once, instead of a finding per row.
 */
function weighByOrder(tables: ApplicationsTable[], cells: Cell[], meter?: Meter, items: TableItem[] = [], regionText: () => string = () => ''): ApplicationsTable[] {
  const primary = tables[0];
  if (!primary && cells.length === 0) return tables;
  const quality = primary ? judge(primary) : null;
  // A complete table whose sums hold but for what one wrong number breaks is read as the report has it.
  if (quality && quality.complete && quality.broken <= MAX_BROKEN_SUMS) return tables;
  const outcome = readSequence(cells, meter);
  if (outcome.kind === 'read') {
    const reading = outcome.reading;
    if (quality && quality.complete && quality.broken <= reading.broken) return tables;
    // The labels gave the same numbers to every row they named: the labelled reading stands (with its
    // findings on labels and rows), the order only confirms it.
    if (primary && quality && quality.bad === 0 && agrees(primary, reading)) return tables;
    return [orderTable(reading, primary)];
  }
  if (!primary) return labelsApart(items, cells, outcome);
  if (!quality || quality.complete) return tables;
  // Rows missing while numbers no row took stand in the region: the labels and the numbers came apart.
  const numbers = (list: Cell[]) => list.filter(c => c.kind === 'number').length;
  const placed = [...primary.rows, ...primary.numberedGroups].reduce((n, r) => n + numbers(r.cells), 0);
  const stray = numbers(cells) - placed >= APPLICATION_WIDTH && quality.missing >= CASCADE_ROWS;
  // Rows the reading lacks whose labels stand in the text: there, but their numbers were not found.
  const norm = quality.missing ? regionText() : '';
  const keys = new Set(primary.rows.map(r => r.key));
  const there = quality.format.applications.rows.filter(t => !keys.has(t.key) && norm.includes(normalizeFormatWord(t.label)));
  if (quality.bad + quality.unnamed < CASCADE_ROWS && !stray && there.length < CASCADE_ROWS) {
    if (!there.length) return tables;
    // One or two: those rows are not read (one note), the rest stands as read.
    const unread: Row[] = there.map(t => ({ key: t.key, label: null, officialLabel: t.label, labelScore: 0, cells: [], unread: 'order-count', range: { start: primary.range.start, end: primary.range.start } }));
    return [{ ...primary, rows: [...primary.rows, ...unread] }, ...tables.slice(1)];
  }
  const format = outcome.kind === 'count' ? quality.format : outcome.format;
  const reason: UnreadReason = outcome.kind === 'count' ? 'order-count' : outcome.kind === 'ambiguous' ? 'order-ambiguous' : 'order-inconsistent';
  // Every row the table must have, but a row one format has and the other not only where its label was read:
  // an unread table is no evidence of its format.
  const found = new Set(primary.rows.map(r => r.key));
  const rows = format.applications.rows.filter(t => found.has(t.key) || FORMATS.every(f => f.applications.rows.some(r => r.key === t.key))).map(t => {
    const was = primary.rows.find(r => r.key === t.key);
    const row: Row = { key: t.key, label: null, officialLabel: t.label, labelScore: 0, cells: [], unread: reason, range: was ? { ...was.range } : { start: primary.range.start, end: primary.range.start } };
    return row;
  });
  return [{ range: primary.range, layout: primary.layout, separation: 'order', rows, numberedGroups: [], numbers: cells.length }];
}

/** Rows a format's 二 blocks lack, or whose count of cells is not their block's width, in the labelled reading. */
function proactiveProblems(blocks: ProactiveBlock[], format: ReportFormat): number {
  let problems = 0;
  for (const t of format.proactive.blocks) {
    for (const r of t.rows) {
      const found = blocks.flatMap(b => (b.clause === t.clause ? b.rows : [])).filter(x => x.key === r.key);
      if (found.length !== 1) problems++;
      else if (!found[0].unread && trimmedLength(found[0].cells) !== t.columns.length) problems++;
    }
  }
  return problems;
}

function trimmedLength(cells: Cell[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1].kind === 'blank') n--;
  return n;
}

/**
 * The 二 tables as their labels gave them, weighed against the order of their numbers: where the
 * labelled reading lacks rows or cells of every format and the numbers are exactly one format's
 * cells, in its order of blocks, they are read by that order (sequence.ts `readProactiveSequence`).
 */
function weighProactiveByOrder(labelled: ProactiveBlock[], items: TableItem[], meter?: Meter): ProactiveBlock[] {
  if (labelled.some(b => b.rows.some(r => r.unread))) return labelled;
  if (FORMATS.some(f => proactiveProblems(labelled, f) === 0)) return labelled;
  const order: OrderItem[] = [];
  for (const it of items) {
    if (it.kind === 'text') order.push({ kind: 'text', text: it.text, start: it.start, end: it.end });
    else if (it.kind === 'cell') order.push({ kind: 'cell', cell: it.cell });
  }
  const read = readProactiveSequence(order, normalizeLabel, meter);
  if (!read) return withUnreadRows(labelled, order);
  const format = FORMATS.find(f => f.proactive.blocks.length === read.length && f.proactive.blocks.every((b, i) => b.clause === read[i].clause))!;
  return read.map((b, i) => {
    const t = format.proactive.blocks[i];
    const rows: Row[] = b.rows.map(r => {
      const official = t.rows.find(x => x.key === r.key)!;
      const start = Math.min(...r.cells.map(c => c.range.start));
      const end = Math.max(...r.cells.map(c => c.range.end));
      return {
        key: r.key, label: r.label?.text ?? null, labelRange: r.label?.range, officialLabel: official.label,
        labelScore: r.label ? 1 : 0, cells: r.cells, range: { start, end },
      };
    });
    return { item: t.item, clause: t.clause, itemRange: b.itemRange, separation: 'order' as const, rows };
  });
}

/** Shorter than this (normalised), a label that names no row is a fragment of another's. */
const MIN_WRITTEN_LABEL = 6;

/** Row labels, each whole on its line, that make a region a 三 table whose numbers stand apart. */
const MIN_LABELS_APART = 3;

/**
 * No row read by its labels, and no order of the numbers fits: when the region holds the table's row
 * labels and numbers apart from them (a PDF's text layer, labels first, the numbers in column pieces),
 * the table is there but not read — one table-unreadable note, not "no table".
 */
function labelsApart(items: TableItem[], cells: Cell[], outcome: Exclude<ReturnType<typeof readSequence>, { kind: 'read' }>): ApplicationsTable[] {
  if (cells.filter(c => c.kind === 'number').length < APPLICATION_WIDTH) return [];
  const labels = new Set(APPLICATION_CANDIDATES.filter(c => c.entry.kind === 'row').map(c => c.norm));
  const found = items.filter((i): i is Extract<TableItem, { kind: 'text' }> => i.kind === 'text' && labels.has(normalizeLabel(i.text)));
  if (found.length < MIN_LABELS_APART) return [];
  const reason: UnreadReason = outcome.kind === 'count' ? 'order-count' : outcome.kind === 'ambiguous' ? 'order-ambiguous' : 'order-inconsistent';
  const start = Math.min(found[0].start, cells[0].range.start);
  const end = Math.max(found[found.length - 1].end, cells[cells.length - 1].range.end);
  // The rows every format has: an unread table names no format.
  const rows: Row[] = LATEST_FORMAT.applications.rows.filter(t => FORMATS.every(f => f.applications.rows.some(r => r.key === t.key))).map(t => ({
    key: t.key, label: null, officialLabel: t.label, labelScore: 0, cells: [], unread: reason, range: { start, end: start },
  }));
  return [{ range: { start, end }, layout: 'cell-per-line', separation: 'order', rows, numberedGroups: [], numbers: cells.length }];
}

/** Every row the labelled reading named has the values the order gives it. */
function agrees(primary: ApplicationsTable, reading: SequenceReading): boolean {
  return primary.rows.every(r => {
    // A label that names no row is the report's when it reads as a label; a character or two is debris
    // of a wrapped cell (`理`), and the row is the one the order gives.
    if (!r.key) return !r.cells.some(c => c.kind === 'number') || normalizeLabel(r.label ?? '').length >= MIN_WRITTEN_LABEL;
    if (r.unread) return true;
    const other = reading.rows.find(x => x.key === r.key);
    return !!other && other.cells.length === r.cells.length && other.cells.every((c, i) => c.value === r.cells[i].value);
  });
}

/**
 * The rows the labelled reading lacks though their labels stand in the region among its numbers (a
 * PDF's text layer, the labels in one box and the numbers in others), as rows not read: one
 * table-unreadable note, not a row-missing finding each. A row read with the wrong count of cells stays
 * as it is: that is the report's own (a cell left blank in Word).
 */
function withUnreadRows(labelled: ProactiveBlock[], order: OrderItem[]): ProactiveBlock[] {
  if (!order.some(i => i.kind === 'cell')) return labelled;
  const texts = order.flatMap(i => (i.kind === 'text' ? [{ norm: normalizeLabel(i.text), i }] : []));
  const format = [...FORMATS].reverse().reduce((best, f) => (labelsFound(f, texts) > labelsFound(best, texts) ? f : best));
  const out = labelled.map(b => ({ ...b, rows: [...b.rows] }));
  for (const t of format.proactive.blocks) {
    let apart = false;
    for (const r of t.rows) {
      if (out.some(b => b.rows.some(x => x.key === r.key))) continue;
      const at = texts.find(x => [r.label, ...(r.aliases ?? [])].map(normalizeFormatWord).includes(x.norm));
      if (!at) continue;
      apart = true;
      let block = out.find(b => b.clause === t.clause);
      if (!block) out.push(block = { item: t.item, clause: t.clause, rows: [] });
      const range = { start: at.i.kind === 'text' ? at.i.start : 0, end: at.i.kind === 'text' ? at.i.end : 0 };
      block.rows.push({ key: r.key, label: null, officialLabel: r.label, labelScore: 0, cells: [], unread: 'order-count', range });
    }
    // A row of the block lost its numbers while its label is there: the numbers the other rows took
    // beside their labels may be its (`规章` `行政规范性文件` `0 0 0 5 0 5`). None of the block is read.
    if (apart) {
      for (const b of out) if (b.clause === t.clause) b.rows = b.rows.map(x => (x.unread ? x : { ...x, cells: [], unread: 'order-count' }));
    }
  }
  return out;
}

function labelsFound(f: ReportFormat, texts: { norm: string }[]): number {
  return f.proactive.blocks.flatMap(b => b.rows).filter(r => [r.label, ...(r.aliases ?? [])].some(l => texts.some(x => x.norm === normalizeFormatWord(l)))).length;
}

/** The table the numbers' order gave: the format's rows, each label kept where the labelled reading found it whole. */
function orderTable(reading: SequenceReading, primary: ApplicationsTable | undefined): ApplicationsTable {
  const rows: Row[] = reading.rows.map(({ key, cells }) => {
    const t = reading.format.applications.rows.find(r => r.key === key)!;
    const was = primary?.rows.find(r => r.key === key && r.labelRange && !r.labelPieces);
    const start = Math.min(...cells.map(c => c.range.start));
    const end = Math.max(...cells.map(c => c.range.end));
    return {
      key, label: was?.label ?? null, labelRange: was?.labelRange, officialLabel: t.label, labelScore: was?.labelScore ?? 0,
      cells, range: { start, end },
    };
  });
  const all = reading.rows.flatMap(r => r.cells);
  const range = {
    start: Math.min(primary?.range.start ?? Infinity, ...all.map(c => c.range.start)),
    end: Math.max(primary?.range.end ?? 0, ...all.map(c => c.range.end)),
  };
  return { range, layout: primary?.layout ?? 'cell-per-line', separation: reading.byColumns ? 'order' : primary?.separation, rows, numberedGroups: [] };
}

/** Section 四's body; without its heading, what follows the 三 table up to the next section. */
function reviewsRegion(src: SourceText, sections: Section[], applications: ApplicationsTable | null): OffsetRange | null {
  const body = sectionBody(sections, 4);
  if (body || !applications) return body;
  const next = sections.find(s => s.headingRange.start > applications.range.end);
  return { start: applications.range.end, end: next ? next.headingRange.start : src.clean.length };
}

function readReviews(src: SourceText, range: OffsetRange | null, meter?: Meter): ReviewsTable | null {
  if (!range) return null;
  const lines = linesIn(src, range, meter);
  const region = new TableLines(lines);
  if (isGluedRegion(region, meter)) {
    const { table, run } = assembleReviews(gluedItems(lines, meter), 'flattened', meter);
    return table && run ? readGluedReviews(table, run, meter) : table;
  }
  const layout = detectLayout(region, meter);
  const { table } = assembleReviews(tableItems(region, layout, meter), layout, meter);
  // One "number" of 15 digits or more: the row's digits glued, alone on their line (a crawled page).
  if (table && table.cells.length === 1 && table.cells[0].kind === 'number' && table.cells[0].raw.replace(/\D/g, '').length >= REVIEW_WIDTH) {
    const at = table.cells[0].range;
    const line = lines.find(l => l.start <= at.start && l.end >= at.end);
    const piece = line ? gluedPieces({ ...line, start: at.start, end: at.end, text: src.clean.slice(at.start, at.end) }, meter).find(p => p.kind === 'run') : undefined;
    if (piece && piece.kind === 'run') return readGluedReviews({ range: at, layout: 'flattened', separation: 'glued', cells: [] }, piece.run, meter);
  }
  // Numbers broken up by header words more than once are in the order a PDF drew them: when their
  // group totals do not hold in the row's order, which number is which cell cannot be told.
  if (table && (table.interruptions ?? 0) > 1 && table.cells.length === REVIEW_WIDTH) {
    const relations = LATEST_FORMAT.relations.filter(r => r.id === 'review-total');
    if (relations.some(r => relationHolds(r, ref => table.cells[ref.col]?.value) === false)) {
      table.cells = [];
      table.unread = 'order-interrupted';
    }
  }
  // Fewer than 15 with a "number" longer than any cell holds: digits of several cells run together
  // (OCR that lost the spaces, and read the borders between them as 1s): not a count to report.
  if (table && !table.unread && table.cells.length < REVIEW_WIDTH && table.cells.some(c => c.kind === 'number' && c.raw.replace(/\D/g, '').length >= GLUED_CELL_DIGITS)) {
    table.cells = [];
    table.unread = 'glued-no-split';
    return table;
  }
  // Fewer than 15 where digits run into the words before them (a crawled page whose blank cells left
  // a no-break space and whose other cells left nothing): which digits make which cell cannot be told.
  if (table && !table.unread && table.cells.length < REVIEW_WIDTH && lines.some(l => gluedJoins(l) > 0)) {
    table.cells = [];
    table.unread = 'glued-no-split';
    return table;
  }
  // Fewer than 15, spread over lines, blanks not written: a blank cell left no trace (a web page or
  // Word file as text, one number a line; OCR), so which cells the numbers fill cannot be told. On one
  // line, as a person types the row, the count is the report's own (cell-count says it).
  const onLines = table ? new Set(table.cells.map(c => src.clean.lastIndexOf('\n', c.range.start))).size : 0;
  // Fewer numbers than one group has is no row typed short either: what is left of a table the text lost.
  const scraps = table ? table.cells.length < REVIEW_GROUP_WIDTH : false;
  if (table && !table.unread && (layout === 'cell-per-line' || onLines > 1 || scraps) && table.cells.length < REVIEW_WIDTH && table.cells.every(c => c.kind !== 'blank')) {
    table.numbers = table.cells.length;
    table.cells = [];
    table.unread = 'order-count';
  }
  return table;
}

/** The 四 row's 15 numbers from its glued digits, split with the group totals as the checksum. */
function readGluedReviews(table: ReviewsTable, run: Run, meter?: Meter): ReviewsTable {
  const relations = LATEST_FORMAT.relations.filter(r => r.id === 'review-total');
  const v = { id: 'reviews', run, width: REVIEW_WIDTH };
  const outcome = splitRuns([v], relations, meter).get('reviews')!;
  if (outcome.kind === 'read') table.cells = outcome.split.cells;
  else table.unread = unreadReason(outcome.kind);
  if (outcome.kind === 'no-split') {
    // The digits do not split keeping every group's total: if one split keeps all but one, say which.
    const near = nearSplit(v, relations, meter);
    if (near) table.nearly = { values: near.values, group: near.broken };
  }
  return table;
}

function unreadReason(kind: 'ambiguous' | 'no-split'): UnreadReason {
  return kind === 'ambiguous' ? 'glued-ambiguous' : 'glued-no-split';
}

/**
 * Split the glued runs of the 三 table with the arithmetic of the format its rows belong to: row
 * totals, column totals, the balance. Rows the arithmetic cannot settle stay unread.
 */
function splitApplications(table: ApplicationsTable, runs: Map<Row, Run>, meter?: Meter): void {
  table.separation = 'glued';
  const keys = table.rows.map(r => r.key).filter((k): k is string => !!k);
  const format = FORMATS.find(f => keys.every(k => f.applications.rows.some(r => r.key === k))) ?? null;
  const ids = new Map<Row, string>();
  for (const [row] of runs) {
    const id = `applications:${row.key}`;
    ids.set(row, [...ids.values()].includes(id) ? `copy:${ids.size}` : id);
  }
  const relations = format ? format.relations.filter(r => r.id !== 'review-total') : [];
  const outcome = splitRuns([...runs].map(([row, run]) => ({ id: ids.get(row)!, run, width: APPLICATION_WIDTH })), relations, meter);
  for (const [row] of runs) {
    const o = outcome.get(ids.get(row)!)!;
    if (o.kind === 'read') row.cells = o.split.cells;
    else row.unread = unreadReason(o.kind);
  }
}

function rangesOfTables(applications: ApplicationsTable | null, reviews: { range: OffsetRange } | null, proactive: ProactiveBlock[]): OffsetRange[] {
  const out: OffsetRange[] = [];
  if (applications) out.push(applications.range);
  if (reviews) out.push(reviews.range);
  for (const b of proactive) {
    const starts = [b.itemRange?.start, ...b.rows.map(r => r.range.start)].filter((x): x is number => x !== undefined);
    const ends = [b.itemRange?.end, ...b.rows.map(r => r.range.end)].filter((x): x is number => x !== undefined);
    if (starts.length) out.push({ start: Math.min(...starts), end: Math.max(...ends) });
  }
  return out;
}

/** Headings inside a table are its rows, whatever they look like; each section runs to the next heading. */
function sectionsOutsideTables(found: Section[], tableRanges: OffsetRange[], end: number): Section[] {
  const sections = found.filter(s => !tableRanges.some(r => s.headingRange.start > r.start && s.headingRange.start < r.end));
  for (let k = 0; k < sections.length; k++) {
    sections[k].range.end = k + 1 < sections.length ? sections[k + 1].headingRange.start : end;
  }
  return sections;
}

// ------------------------------------------------------------------ which format

/** How much each kind of evidence weighs when the tables disagree. */
const WEIGHT = {
  /** The 三 table's rows (（六）其他处理 as one row or three) are the strongest sign. */
  applicationRows: 3,
  /** A 二 block that only one format has (第二十条第（九）项). */
  ownBlock: 2,
  /** A 二 row that only one format has, or a label written as one format writes it. */
  ownRow: 1,
  /** Each header word that only one format prints. */
  headerWord: 1,
} as const;

type Votes = Map<FormatVersion, number>;

function vote(votes: Votes, version: FormatVersion, weight: number): void {
  votes.set(version, (votes.get(version) ?? 0) + weight);
}

/** The version with the most votes, or null on a tie or no votes. */
function winner(votes: Votes): FormatVersion | null {
  const ranked = [...votes.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (!ranked.length || (ranked.length > 1 && ranked[0][1] === ranked[1][1])) return null;
  return ranked[0][0];
}

/** Keys that are rows with numbers in exactly one format: which format they are evidence of. */
function formatsWithRow(key: string, rowsOf: (f: ReportFormat) => { key: string }[]): ReportFormat[] {
  return FORMATS.filter(f => rowsOf(f).some(r => r.key === key));
}

/** `formatsWithRow` of the 三 rows and of the 二 rows, by key: the formats are data, the answer is asked for every row of every report. */
const APPLICATION_ROW_FORMATS = new Map<string, ReportFormat[]>();
const PROACTIVE_ROW_FORMATS = new Map<string, ReportFormat[]>();
function formatsWithApplicationRow(key: string): ReportFormat[] {
  let out = APPLICATION_ROW_FORMATS.get(key);
  if (!out) APPLICATION_ROW_FORMATS.set(key, (out = formatsWithRow(key, f => f.applications.rows)));
  return out;
}
function formatsWithProactiveRow(key: string): ReportFormat[] {
  let out = PROACTIVE_ROW_FORMATS.get(key);
  if (!out) PROACTIVE_ROW_FORMATS.set(key, (out = formatsWithRow(key, f => f.proactive.blocks.flatMap(t => t.rows))));
  return out;
}

/**
 * `normalizeLabel` of a region's text, the last few remembered: the editor parses a report again at each
 * edit, its 二 region mostly unchanged, and comparing a string with the one before costs far less than
 * normalizing it.
 */
const NORMALIZED_REGIONS: { text: string; norm: string }[] = [];
const MAX_NORMALIZED_REGIONS = 4;
const MAX_NORMALIZED_REGION = 100_000;
function normalizedRegion(text: string): string {
  for (const r of NORMALIZED_REGIONS) if (r.text === text) return r.norm;
  const norm = normalizeLabel(text);
  // Its own copy of the text: a slice would keep the whole text it was cut from.
  if (text.length <= MAX_NORMALIZED_REGION) NORMALIZED_REGIONS.unshift({ text: (' ' + text).slice(1), norm });
  NORMALIZED_REGIONS.length = Math.min(NORMALIZED_REGIONS.length, MAX_NORMALIZED_REGIONS);
  return norm;
}

function detectFormat(
  src: SourceText,
  applications: ApplicationsTable | null,
  proactive: ProactiveBlock[],
  proRange: OffsetRange,
  cited: FormatDetection['cited'],
  year: number | null,
): FormatDetection {
  const evidence: string[] = [];
  const appVotes: Votes = new Map();
  for (const r of applications?.rows ?? []) {
    // Rows of a table not read (its numbers could not be placed) name no format.
    if (!r.key || applications?.separation === 'order' && r.unread) continue;
    const own = formatsWithApplicationRow(r.key);
    if (own.length === 1) vote(appVotes, own[0].version, 1);
  }
  const appVersion = winner(appVotes);
  if (appVersion) {
    evidence.push(formatOf(appVersion).applications.rows.some(r => r.group === 'other')
      ? '三表“（六）其他处理”分为 3 行'
      : '三表“（六）其他处理”为一行');
  }

  const pro: Votes = new Map();
  for (const b of proactive) {
    const own = FORMATS.filter(f => f.proactive.blocks.some(t => t.clause === b.clause));
    if (own.length === 1) {
      vote(pro, own[0].version, WEIGHT.ownBlock);
      evidence.push(`二表有${b.item}`);
    }
    for (const r of b.rows) {
      if (!r.key) continue;
      const withRow = formatsWithProactiveRow(r.key);
      if (withRow.length === 1) {
        vote(pro, withRow[0].version, WEIGHT.ownRow);
        continue;
      }
      // The same row, labelled differently (行政规范性文件 / 规范性文件): the longest official label the written one ends with.
      const written = normalizeLabel(r.label ?? '');
      const labels = withRow.map(f => ({ f, label: normalizeFormatWord(f.proactive.blocks.flatMap(t => t.rows).find(x => x.key === r.key)!.label) }));
      if (new Set(labels.map(l => l.label)).size < 2) continue;
      const fits = labels.filter(l => written.endsWith(l.label)).sort((a, b) => b.label.length - a.label.length);
      if (fits.length) vote(pro, fits[0].f.version, WEIGHT.ownRow);
    }
  }
  const proText = normalizedRegion(src.clean.slice(proRange.start, proRange.end));
  for (const f of FORMATS) {
    const words = f.proactive.ownHeaderWords.filter(w => proText.includes(normalizeFormatWord(w)));
    if (words.length) {
      vote(pro, f.version, words.length * WEIGHT.headerWord);
      evidence.push(`二表表头“${words[0]}”`);
    }
  }
  const proVersion = winner(pro);
  const votes: Votes = new Map(pro);
  if (appVersion) vote(votes, appVersion, WEIGHT.applicationRows);
  const fromTables = winner(votes);
  let version: FormatVersion | null = fromTables;
  if (!version && cited) {
    version = cited.value;
    const f = formatOf(cited.value);
    evidence.push(`引用〔${f.cite.year}〕${f.cite.number}号`);
  }
  if (!version && year) {
    version = formatForYear(year).version;
    evidence.push(`报告年度 ${year}`);
  }
  return { version, evidence, fromTables, applications: appVersion, proactive: proVersion, cited };
}
