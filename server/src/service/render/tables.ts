/**
 * A report's tables as the official grids, as data: sections 二, 三 and 四 with the format's headers,
 * merged header cells and row labels, every cell from the parsed model with its document offsets,
 * and the findings that touch it. The HTML (preview and review page) is drawn from this in `html.ts`.
 */
import type { Cell, CellKind, OffsetRange, ReportModel, Row } from '../parse';
import type { Finding, Locale, Severity } from '../rules';
import { inLocale, severityRank } from '../message';
import { formatOf, reviewPlace, SECTIONS, standardHeading, type FormatApplicationRow, type ReportFormat, type FormatVersion } from '../format';

/** A finding that touches a cell: on the cell itself, or (`related`) a cell it involves. */
export interface Mark {
  /** Index into the findings given. */
  finding: number;
  severity: Severity;
  related: boolean;
}

export type GridRole = 'corner' | 'header' | 'label' | 'value';

export interface GridCell {
  role: GridRole;
  /** What is shown: a header or label as printed in the format, a cell as written in the report. */
  text: string;
  colspan: number;
  rowspan: number;
  /** Where the cell (or the label as written) stands in the document; absent when the report lacks it. */
  range?: OffsetRange;
  marks: Mark[];
  /** Value cells: the number read, the kind of cell (or `missing` when the report has no cell here). */
  value?: number | null;
  kind?: CellKind | 'missing';
  /** Value cells: the row and column labels, for hover and screen readers. */
  row?: string;
  column?: string;
  /** Value cells: where in the format — the 二 block, the row key (null: not a row of the format), the column (0-based). */
  block?: string;
  /** Value cells of 三: the group the row is printed under (（三）不予公开), short. */
  group?: string;
  rowKey?: string | null;
  columnIndex?: number;
  /** Value cells: the unit written after the number (万元, 个). */
  unit?: string;
  /** A label written differently from the format's wording: the report's own. */
  written?: string;
  /** Cells written beyond the table's width (the cell-count rule reports them). */
  extra?: GridCell[];
}

export type TableKey = 'proactive' | 'applications' | 'reviews';

export interface TableView {
  key: TableKey;
  /** Section number (2, 3, 4) and its official heading. */
  section: number;
  heading: string;
  /** The format the grid is drawn in. */
  version: FormatVersion;
  /** Columns of the grid, label columns included. */
  columns: number;
  /** Columns that hold numbers. */
  valueColumns: number;
  head: GridCell[][];
  body: GridCell[][];
  /** False when the report has no such table (the grid is drawn empty). */
  found: boolean;
  /** Findings inside the table that are on no cell (a missing row, say). */
  notes: number[];
}

export interface TablesInput {
  model: ReportModel;
  /** The format the report is checked against. */
  format: ReportFormat;
  /** The format its 二 tables are printed in. */
  proactiveFormat: ReportFormat;
  findings: readonly Finding[];
}

export interface TablesView {
  tables: TableView[];
  /** For each finding (same order as given), the cells it is on: their anchors (see `cellAnchor`). */
  anchors: string[][];
  /** For each finding, where it is in words: the table, row and column of its cells, or a quote of the text. */
  places: FindingPlace[];
}

/**
 * Where a finding is, for a reader who cannot use a line and column (a one-line page, a PDF): the
 * table, row and column of the cells it is on (三表 · （二）部分公开 · 总计), the table alone for one
 * on a table but no cell, or a short quote of the text where it starts.
 */
export interface FindingPlace {
  /** 二, 三 or 四. */
  table?: string;
  /** 二: the block (第二十条第（一）项); 三: the group the row is printed under (（三）不予公开). */
  group?: string;
  row?: string;
  column?: string;
  quote?: string;
}

/** A stable name for a cell with a place in the document: unique within one report. */
export function cellAnchor(cell: GridCell): string | null {
  if (!cell.range) return null;
  return `${cell.role === 'value' ? 'c' : 'l'}${cell.range.start}`;
}

/** Whether a finding's range touches a cell's range (empty ranges: a blank cell, a point). */
export function touches(cell: OffsetRange, f: OffsetRange): boolean {
  if (f.start === f.end) return cell.start === cell.end ? cell.start === f.start : cell.start <= f.start && f.start < cell.end;
  if (cell.start === cell.end) return f.start <= cell.start && cell.start < f.end;
  return f.start < cell.end && cell.start < f.end;
}

const grid = (role: GridRole, text: string, colspan = 1, rowspan = 1): GridCell => ({ role, text, colspan, rowspan, marks: [] });

/**
 * Header rows from each column's path of labels (outermost first): equal neighbours merge into one
 * cell across, a path that ends early reaches down to the last header row.
 */
export function headerRows(paths: string[][]): GridCell[][] {
  const depth = Math.max(0, ...paths.map(p => p.length));
  const rows: GridCell[][] = [];
  const samePrefix = (a: string[], b: string[], level: number) => a.slice(0, level + 1).every((x, i) => b[i] === x);
  for (let level = 0; level < depth; level++) {
    const row: GridCell[] = [];
    for (let i = 0; i < paths.length;) {
      const p = paths[i];
      if (p.length <= level) {
        i++;
      } else if (level === p.length - 1) {
        row.push(grid('header', p[level], 1, depth - level));
        i++;
      } else {
        let j = i + 1;
        while (j < paths.length && paths[j].length - 1 > level && samePrefix(p, paths[j], level)) j++;
        row.push(grid('header', p[level], j - i, 1));
        i = j;
      }
    }
    rows.push(row);
  }
  return rows;
}

/** The labels from the outermost group to the row: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密. */
function rowPath(row: FormatApplicationRow, entries: FormatApplicationRow[]): string[] {
  const path = [row.label];
  const seen = new Set<string>();
  for (let g = row.group; g && !seen.has(g);) {
    seen.add(g);
    const parent = entries.find(e => e.kind === 'group' && e.key === g);
    if (!parent) break;
    path.unshift(parent.label);
    g = parent.group;
  }
  return path;
}

/** Where a value cell sits in the format. */
interface Place {
  row: string;
  rowKey: string | null;
  block?: string;
  group?: string;
}

function valueCell(cell: Cell | undefined, place: Place, column: string, columnIndex: number, colspan = 1): GridCell {
  // One literal, its optional fields added after: an object spread here cost as much as the rest of the view.
  const out: GridCell = {
    role: 'value', text: cell?.raw ?? '', colspan, rowspan: 1, marks: [],
    value: cell?.value ?? null, kind: cell?.kind ?? 'missing', row: place.row, rowKey: place.rowKey, column, columnIndex,
  };
  if (place.block) out.block = place.block;
  if (place.group) out.group = place.group;
  if (cell) out.range = cell.kind === 'blank' || cell.digits.start >= cell.digits.end ? cell.range : cell.digits;
  if (cell?.unit) out.unit = cell.unit;
  return out;
}

/** The cells of a row across the table's columns; the last spans what is left; extras hang on the last. */
function valueCells(row: Row | undefined, labels: string[], place: Place, span = labels.length): GridCell[] {
  const cells = labels.map((column, i) => valueCell(row?.cells[i], place, column, i, i === labels.length - 1 ? span - i : 1));
  const extra = row?.cells.slice(labels.length) ?? [];
  if (extra.length && cells.length) cells[cells.length - 1].extra = extra.map((c, i) => valueCell(c, place, `+${i + 1}`, labels.length + i));
  return cells;
}

function labelCell(text: string, row: Row | undefined, colspan = 1, rowspan = 1): GridCell {
  const cell = grid('label', text, colspan, rowspan);
  if (row?.labelRange) cell.range = row.labelRange;
  if (row?.label && row.label !== text) cell.written = row.label;
  return cell;
}

function spanOf(ranges: (OffsetRange | undefined)[]): OffsetRange | null {
  const rs = ranges.filter((r): r is OffsetRange => !!r);
  return rs.length ? { start: Math.min(...rs.map(r => r.start)), end: Math.max(...rs.map(r => r.end)) } : null;
}

function rowRanges(rows: Row[]): OffsetRange[] {
  return rows.flatMap(r => [r.range, ...(r.labelRange ? [r.labelRange] : [])]);
}

// ------------------------------------------------------------------ 二

function proactiveTable(input: TablesInput): { view: TableView; range: OffsetRange | null } {
  const format = input.proactiveFormat;
  const { blocks, contentHeader } = format.proactive;
  const width = Math.max(1, ...blocks.map(b => b.columns.length));
  const body: GridCell[][] = [];
  const found = input.model.proactive;
  const drawn = new Set<unknown>();
  const drawBlock = (item: string, columns: string[], rows: { label: string; key: string | null; row: Row | undefined }[], itemRange?: OffsetRange) => {
    const head = grid('header', item, width + 1);
    if (itemRange) head.range = itemRange;
    body.push([head]);
    body.push([grid('header', contentHeader), ...columns.map((c, i) => grid('header', c, i === columns.length - 1 ? width - i : 1))]);
    for (const r of rows) body.push([labelCell(r.label, r.row), ...valueCells(r.row, columns, { row: r.label, rowKey: r.key, block: item }, width)]);
  };
  for (const block of blocks) {
    const model = found.find(b => b.clause === block.clause);
    if (model) drawn.add(model);
    const rows = block.rows.map(t => ({ label: t.label, key: t.key as string | null, row: model?.rows.find(r => r.key === t.key) }));
    // Rows the report has in this block that the format has not: as written, after the format's.
    for (const r of model?.rows ?? []) if (!block.rows.some(t => t.key === r.key)) rows.push({ label: r.label ?? '', key: null, row: r });
    drawBlock(block.item, block.columns.map(c => c.label), rows, model?.itemRange);
  }
  for (const model of found) {
    if (drawn.has(model)) continue;
    const columns = Array.from({ length: Math.max(1, ...model.rows.map(r => r.cells.length)) }, () => '');
    drawBlock(model.item, columns.slice(0, width), model.rows.map(r => ({ label: r.label ?? '', key: null, row: r })), model.itemRange);
  }
  const range = spanOf(found.flatMap(b => [b.itemRange, ...rowRanges(b.rows)]));
  return {
    view: {
      key: 'proactive', section: 2, heading: standardHeading(2), version: format.version, columns: width + 1, valueColumns: width,
      head: [], body, found: found.length > 0, notes: [],
    },
    range,
  };
}

// ------------------------------------------------------------------ 三

function applicationsTable(input: TablesInput): { view: TableView; range: OffsetRange | null } {
  const { model } = input;
  // Drawn as printed: the format its rows show, else the one it is checked against.
  const format = model.format.applications ? formatOf(model.format.applications) : input.format;
  const { rows, entries, columns, cornerNote } = format.applications;
  const paths = rows.map(r => rowPath(r, entries));
  const depth = Math.max(1, ...paths.map(p => p.length));
  const head = headerRows(columns.map(c => [...(c.under ?? []), c.label]));
  if (head.length) head[0].unshift(grid('corner', cornerNote, depth, head.length));
  const labels = columns.map(c => c.label);
  const table = model.applications;
  const body: GridCell[][] = rows.map((r, i) => {
    const path = paths[i];
    const written = table?.rows.find(x => x.key === r.key);
    const out: GridCell[] = [];
    path.forEach((label, level) => {
      const sameAbove = i > 0 && paths[i - 1].length > level && path.slice(0, level + 1).every((x, k) => paths[i - 1][k] === x);
      if (sameAbove) return;
      if (level === path.length - 1) {
        out.push(labelCell(label, written, depth - level));
        return;
      }
      let span = 1;
      while (i + span < rows.length && paths[i + span].length > level + 1 && path.slice(0, level + 1).every((x, k) => paths[i + span][k] === x)) span++;
      out.push(grid('label', label, 1, span));
    });
    // The group a reader names the row by: （三）不予公开 for 1.属于国家秘密, none under 三、本年度办理结果 itself.
    const group = path.length > 2 ? shortLabel(path[path.length - 2]) : undefined;
    return [...out, ...valueCells(written, labels, { row: r.label, rowKey: r.key, group })];
  });
  // Rows the report has that the format has not (a label that matched no row): as written, at the end.
  for (const r of table?.rows ?? []) {
    if (rows.some(t => t.key === r.key)) continue;
    body.push([labelCell(r.label ?? '', r, depth), ...valueCells(r, labels, { row: r.label ?? '', rowKey: null })]);
  }
  return {
    view: {
      key: 'applications', section: 3, heading: standardHeading(3), version: format.version, columns: depth + columns.length, valueColumns: columns.length,
      head, body, found: !!table, notes: [],
    },
    range: table ? spanOf([table.range, ...rowRanges(table.rows)]) : null,
  };
}

// ------------------------------------------------------------------ 四

function reviewsTable(input: TablesInput): { view: TableView; range: OffsetRange | null } {
  const { groups, columns } = input.format.reviews;
  const paths = groups.flatMap(g => columns.map(c => [...g.heading, c.label]));
  const table = input.model.reviews;
  const cells = paths.map((_, i) => {
    const place = reviewPlace(i);
    return valueCell(table?.cells[i], { row: groups[place.group].label, rowKey: groups[place.group].key }, columns[place.column].label, i);
  });
  const extra = table?.cells.slice(paths.length) ?? [];
  if (extra.length && cells.length) cells[cells.length - 1].extra = extra.map((c, i) => valueCell(c, { row: '', rowKey: null }, `+${i + 1}`, paths.length + i));
  return {
    view: {
      key: 'reviews', section: 4, heading: standardHeading(4), version: input.format.version, columns: paths.length, valueColumns: paths.length,
      head: headerRows(paths), body: [cells], found: !!table, notes: [],
    },
    range: table ? spanOf([table.range, ...table.cells.map(c => c.range)]) : null,
  };
}

// ------------------------------------------------------------------ findings on cells

/** The most severe mark on a cell, its own before a related one; null for an unmarked cell. */
export function strongestMark(marks: Mark[]): Mark | null {
  let best: Mark | null = null;
  for (const m of marks) {
    if (!best || (best.related && !m.related) || (best.related === m.related && severityRank(m.severity) > severityRank(best.severity))) best = m;
  }
  return best;
}

/** （二）部分公开（区分处理的，…） → （二）部分公开: the explanation stays in the table. */
export function shortLabel(label: string): string {
  return label.replace(/（[^（）]*）$/, '') || label;
}

/** A cell with a place in the document, and where it is drawn: which table, which row of its body (-1: head). */
interface Placed {
  cell: GridCell;
  table: number;
  row: number;
}

function placedCells(views: TableView[]): Placed[] {
  const out: Placed[] = [];
  views.forEach((view, table) => {
    const add = (rows: GridCell[][], head: boolean) => rows.forEach((r, i) => {
      for (const c of r) {
        if (c.range) out.push({ cell: c, table, row: head ? -1 : i });
        for (const x of c.extra ?? []) if (x.range) out.push({ cell: x, table, row: head ? -1 : i });
      }
    });
    add(view.head, true);
    add(view.body, false);
  });
  return out;
}

/**
 * The cells a finding is about: those it names (`cells`: an undecided relation's totals and
 * candidates), else the one cell its range is on. A range over several cells of one row is about
 * the row (its label); over more than a row, about no cell (the table lists it under the grid):
 * a stretch is never marked cell by cell.
 */
function cellsOfFinding(f: Finding, cells: Placed[]): Placed[] {
  if (f.cells?.length) return cells.filter(c => f.cells!.some(r => touches(c.cell.range!, r)));
  const hit = cells.filter(c => touches(c.cell.range!, f.range));
  if (hit.length <= 1) return hit;
  const first = hit[0];
  if (first.row >= 0 && hit.every(c => c.table === first.table && c.row === first.row)) return hit.filter(c => c.cell.role === 'label').slice(0, 1);
  return [];
}

const sameOr = <T>(xs: T[]): T | undefined => (xs.length && xs.every(x => x === xs[0]) ? xs[0] : undefined);

/** How long a quote of the text is, in characters. */
const QUOTE_LENGTH = 16;

/**
 * The text from `offset`, spaces and line breaks collapsed, cut with … after QUOTE_LENGTH characters;
 * at the end of the text, the text before it.
 */
export function quoteAt(text: string, offset: number): string {
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  const after = collapse(text.slice(offset, offset + QUOTE_LENGTH * 4));
  if (after) return after.length > QUOTE_LENGTH ? `${after.slice(0, QUOTE_LENGTH)}…` : after;
  const before = collapse(text.slice(Math.max(0, offset - QUOTE_LENGTH * 4), offset));
  return before.length > QUOTE_LENGTH ? `…${before.slice(-QUOTE_LENGTH)}` : before;
}

function placeOf(f: Finding, own: Placed[], views: TableView[], ranges: (OffsetRange | null)[], text: string): FindingPlace {
  const numeral = (t: number) => SECTIONS.find(s => s.no === views[t].section)?.numeral ?? String(views[t].section);
  if (own.length && own.every(c => c.table === own[0].table)) {
    const view = views[own[0].table];
    // A label or an item heading stands for its row: the row's value cells say where it is in the format.
    const rowCells = own.map(c => (c.cell.role === 'value' ? c.cell : c.row >= 0 ? view.body[c.row].find(x => x.role === 'value') : undefined));
    const place: FindingPlace = { table: numeral(own[0].table) };
    const heading = own.every(c => c.cell.role === 'header') ? sameOr(own.map(c => c.cell.text)) : undefined;
    const group = heading ?? sameOr(rowCells.map(c => c?.block ?? c?.group));
    const row = heading ? undefined : sameOr(rowCells.map(c => (c?.row ? shortLabel(c.row) : undefined)));
    const column = sameOr(own.map(c => (c.cell.role === 'value' ? c.cell.column : undefined)));
    if (group) place.group = group;
    if (row) place.row = row;
    if (column && !/^\+\d+$/.test(column)) place.column = column;
    return place;
  }
  const inTable = ranges.findIndex(r => r && f.range.start >= r.start && f.range.start < r.end);
  if (inTable >= 0) return { table: numeral(inTable) };
  const quote = quoteAt(text, f.range.start);
  return quote ? { quote } : {};
}

/** A place in words: 三表 · （二）部分公开 · 总计, or 「quote」; empty when there is nothing to say. */
export function placeText(place: FindingPlace, locale: Locale): string {
  if (place.table) return [inLocale(locale, `${place.table}表`, `table ${place.table}`), place.group, place.row, place.column].filter(Boolean).join(' · ');
  if (place.quote) return inLocale(locale, `「${place.quote}」`, `“${place.quote}”`);
  return '';
}

/** The three tables of a report as grids, with the findings on their cells. */
export function tablesView(input: TablesInput): TablesView {
  const built = [proactiveTable(input), applicationsTable(input), reviewsTable(input)];
  const views = built.map(b => b.view);
  const ranges = built.map(b => b.range);
  const cells = placedCells(views);
  const anchors: string[][] = input.findings.map(() => []);
  const places = input.findings.map((f, i) => {
    const own = cellsOfFinding(f, cells);
    for (const { cell } of own) {
      cell.marks.push({ finding: i, severity: f.severity, related: false });
      const a = cellAnchor(cell);
      if (a) anchors[i].push(a);
    }
    // Related places are marked where each is one cell (a total the wrong cell breaks, a candidate).
    for (const r of f.related ?? []) {
      const hit = cells.filter(c => touches(c.cell.range!, r.range));
      if (hit.length === 1 && !own.includes(hit[0]) && !hit[0].cell.marks.some(m => m.finding === i)) hit[0].cell.marks.push({ finding: i, severity: f.severity, related: true });
    }
    if (!own.length) {
      const t = ranges.findIndex(r => r && f.range.start >= r.start && f.range.start < r.end);
      if (t >= 0) views[t].notes.push(i);
    }
    return placeOf(f, own, views, ranges, input.model.text);
  });
  return { tables: views, anchors, places };
}

