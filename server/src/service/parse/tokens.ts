import { gluedJoins, gluedPieces, type Run } from './glued';
import type { Cell, TableLayout } from './model';
import type { Line } from './text';
import type { Meter } from './mapped';
import { blankAt, columnOf, columnsOf, isRule, offsetAt, wordsOf, type Column } from './ruled';
import { CELL_UNIT } from './units';

/**
 * A table region as a stream: label text, cells, row breaks, and runs (a row's digits glued, split
 * later with the table's sums). It reads all three layouts:
 * PDF rows flattened to `label n n n`, Word cells one per line, and Markdown/HTML pipe rows.
 */
export type TableItem =
  | { kind: 'text'; text: string; start: number; end: number; line: number }
  | {
    kind: 'cell'; cell: Cell; line: number; lineCells: number;
    /** The line separates its cells explicitly (tabs): `lineCells` is how many the row has, blanks included. */
    explicit?: boolean;
  }
  | { kind: 'break'; line: number }
  /** A row's digits glued into one run (separators lost): the reader splits it with the table's arithmetic. */
  | { kind: 'run'; run: Run; line: number };

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const UNIT_AFTER = new RegExp(`(${CELL_UNIT})$`);
/** A token that is only a cell's unit, written apart from its number (`909.76 万元`). */
const UNIT = new RegExp(`^(${CELL_UNIT})$`);
const DASH = /^(?:\/|\\|-|—|——|–|―|无|空)$/;

interface Token {
  text: string;
  start: number;
  end: number;
  /** `parseNumber(text)` once asked (undefined: not yet): the region's passes ask it of the same tokens. */
  number: ParsedNumber | null | undefined;
}

type ParsedNumber = { value: number; unit?: string; digitsLength: number };

/** The token's number, read once. */
function numberOf(t: Token): ParsedNumber | null {
  return t.number !== undefined ? t.number : (t.number = parseNumber(t.text));
}

/** Spaces that separate cells: ASCII, tab, full-width, no-break, and the typographic spaces web pages use. */
function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f;
}
/** A table border read as a character. */
const BAR = /^[|｜丨]$/;
/** A digit group that may continue a number after a no-break or thin space: `1 234`, `12 345.5`, `1 234万元`. */
const LEADING_GROUP = /^[+-]?[1-9]\d{0,2}$/;
const NEXT_GROUP = /^\d{3}$/;
const LAST_GROUP = new RegExp(`^\\d{3}(?:\\.\\d+)?(?:${CELL_UNIT})?$`);
const GROUP_SPACE = /^[\u00a0\u2009\u202f]$/;

/**
 * Split a line into tokens on every kind of space. Cells copied from web pages are separated by
 * no-break, thin, en or em spaces as often as by ASCII ones; only a no-break or thin space between
 * thousands groups (`1 234`) stays inside its number.
 */
function tokenize(line: Line, meter?: Meter): Token[] {
  if (meter) meter.units += line.text.length;
  const out: Token[] = [];
  const text = line.text;
  for (let i = 0; i < text.length; ) {
    while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
    const from = i;
    while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
    if (i > from) out.push({ text: text.slice(from, i), start: line.start + from, end: line.start + i, number: undefined });
  }
  // A rule drawn alone between cells (OCR reads a table's borders as `|`, `｜`, `丨`): no token.
  for (let i = out.length - 1; i >= 0; i--) if (out[i].text.length === 1 && BAR.test(out[i].text)) out.splice(i, 1);
  // Join thousands groups: a 1–3 digit number, then groups of exactly three digits, one no-break or thin space apart.
  const joined: Token[] = [];
  for (let i = 0; i < out.length; i++) {
    let t = out[i];
    if (LEADING_GROUP.test(t.text)) {
      let j = i + 1;
      while (j < out.length && out[j].start - out[j - 1].end === 1 && GROUP_SPACE.test(text[out[j - 1].end - line.start]) && (NEXT_GROUP.test(out[j].text) || LAST_GROUP.test(out[j].text))) {
        j++;
        if (!NEXT_GROUP.test(out[j - 1].text)) break;
      }
      if (j > i + 1) {
        t = { text: text.slice(t.start - line.start, out[j - 1].end - line.start), start: t.start, end: out[j - 1].end, number: undefined };
        i = j - 1;
      }
    }
    // A row's numbering cut from its label by a space (`1 ．属于国家秘密`, OCR and PDF converters): one label token.
    const next = out[i + 1];
    if (next && NUMBERING.test(t.text) && NUMBERING_MARK.test(next.text)) {
      t = { text: text.slice(t.start - line.start, next.end - line.start), start: t.start, end: next.end, number: undefined };
      i++;
    }
    joined.push(t);
  }
  return joined;
}
const NUMBERING = /^\d{1,2}$/;
const NUMBERING_MARK = /^[．.、][^\d\s]/;

/**
 * A table region's lines, each split into tokens once when first asked: the region is read to tell
 * whether it is glued and how it lays out its rows, then read for its rows.
 */
export class TableLines {
  private readonly tokens: (readonly Token[] | undefined)[] = [];
  private indented: boolean | undefined;
  constructor(readonly lines: Line[]) {}

  /**
   * Whether the region's cells are tab-indented, as Word's one-cell-per-line text writes them: there a
   * line of tabs alone is an empty cell. Elsewhere (a browser's innerText puts a tab on a line of its own
   * between the cells of a row) it separates cells and is no cell.
   */
  cellsIndented(): boolean {
    if (this.indented === undefined) {
      this.indented = this.lines.some(l => l.text.charCodeAt(0) === 0x09 && l.text.trim() !== '');
    }
    return this.indented;
  }

  tokensOf(i: number, meter?: Meter): readonly Token[] {
    return (this.tokens[i] ??= tokenize(this.lines[i], meter));
  }
}

/**
 * A number as written in a cell: `1,234`, `909.76`, `-309`, `+5`, `60516万元`, `909.76 万元`, `1 234`
 * (a no-break or thin space between digit groups). `digitsLength` is the length of the number
 * itself, without the unit and the space before it: what a fix replaces.
 */
export function parseNumber(raw: string): ParsedNumber | null {
  if (!startsAsNumber(raw)) return null;
  const u = UNIT_AFTER.exec(raw);
  const number = u ? raw.slice(0, u.index).trimEnd() : raw;
  // `909\.76`: a decimal point escaped in Markdown.
  const t = number.replace(/[\u00a0\u2009\u202f]/g, '').replace('\\.', '.');
  if (!NUMBER.test(t)) return null;
  const value = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return { value, unit: u?.[1], digitsLength: number.length };
}

/**
 * Whether the text starts as a number does: a digit or a sign, after any no-break or thin space (those
 * may stand between digit groups). Most tokens are words: they are turned away here, before any pattern.
 */
function startsAsNumber(raw: string): boolean {
  let i = 0;
  while (i < raw.length && (raw[i] === '\u00a0' || raw[i] === '\u2009' || raw[i] === '\u202f')) i++;
  const c = raw.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d;
}

export function numberCell(text: string, start: number): Cell | null {
  return cellOf(text, start, parseNumber(text));
}

/** `numberCell` of a token, its number read once. */
function tokenCell(t: Token): Cell | null {
  return cellOf(t.text, t.start, numberOf(t));
}

function cellOf(text: string, start: number, n: ParsedNumber | null): Cell | null {
  if (n) {
    return {
      raw: text, value: n.value, kind: 'number', unit: n.unit,
      range: { start, end: start + text.length }, digits: { start, end: start + n.digitsLength },
    };
  }
  if (DASH.test(text)) {
    const range = { start, end: start + text.length };
    return { raw: text, value: null, kind: 'dash', range, digits: range };
  }
  return null;
}

/** Whether `numberCell` reads the text as a cell (a number, `/`, `—`), without making the cell. */
function isCellToken(t: Token): boolean {
  return numberOf(t) !== null || DASH.test(t.text);
}

function blankCell(at: number): Cell {
  const range = { start: at, end: at };
  return { raw: '', value: null, kind: 'blank', range, digits: range };
}

const SEPARATOR_CELL = /^:?-{2,}:?$/;

/** A Markdown table's separator row (`| --- | :---: |`, with or without outer pipes), part by part. */
export function isPipeSeparator(text: string): boolean {
  const parts = text.split('|').map(p => p.trim());
  const from = parts[0] === '' ? 1 : 0;
  const to = parts.length > from && parts[parts.length - 1] === '' ? parts.length - 1 : parts.length;
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!SEPARATOR_CELL.test(parts[i])) return false;
  return true;
}

/** Two pipes, or one that starts the line. */
function isPipeLine(text: string): boolean {
  const first = text.indexOf('|');
  if (first < 0) return false;
  return text.indexOf('|', first + 1) >= 0 || text.trim().startsWith('|');
}

/**
 * A region whose numbers are all glued to text (a crawled page): no line holds a number on its own,
 * and labels run straight into digits.
 */
export function isGluedRegion(region: TableLines, meter?: Meter): boolean {
  let joins = 0;
  for (let i = 0; i < region.lines.length; i++) {
    const line = region.lines[i];
    if (meter) meter.units += 1;
    if (line.blanked || !line.text.trim()) continue;
    if (isPipeLine(line.text) || (line.text.includes('\t') && isTabRow(line.text))) return false;
    const tokens = region.tokensOf(i, meter);
    if (tokens.some(t => numberOf(t) !== null)) return false;
    joins += gluedJoins(line);
  }
  return joins > 0;
}

/** The items of a glued region: label text and runs, a break at each line's end. */
export function gluedItems(lines: Line[], meter?: Meter): TableItem[] {
  const items: TableItem[] = [];
  for (const line of lines) {
    if (meter) meter.units += 1;
    if (line.blanked) continue;
    for (const p of gluedPieces(line, meter)) {
      if (p.kind === 'text') items.push({ kind: 'text', text: p.text, start: p.start, end: p.end, line: line.index });
      else items.push({ kind: 'run', run: p.run, line: line.index });
    }
    items.push({ kind: 'break', line: line.index });
  }
  return items;
}

/**
 * Whether each line of a region is read by `tableItems` on its own: no line of it is a tab, pipe, grid or
 * ruled line (those are read with the lines around them, or make the region's blank lines cells).
 */
export function linesReadAlone(region: TableLines): boolean {
  for (const l of region.lines) if (readWithOthers(l.text)) return false;
  return true;
}

const DIGITS_ONLY = /^\d+$/;

function readWithOthers(text: string): boolean {
  return text.includes('\t') || text.includes('|') || text.includes('+') || isRule(text);
}

/**
 * Whether line `b` is line `a` with the digits of one number changed, and so reads as the same items but
 * for that number's cell: neither is read with other lines, their tokens are the same but for one number
 * token in both (its value changed), and the change `[from, toA)` in `a` (`[from, toB)` in `b`) lies
 * within that token. Then whether the region is glued and how it lays out its rows do not change either
 * (they count tokens, cells and numbers).
 */
export function onlyANumberChanged(a: Line, b: Line, from: number, toA: number, toB: number): boolean {
  if (readWithOthers(a.text) || readWithOthers(b.text)) return false;
  const ta = tokenize(a);
  const tb = tokenize(b);
  if (ta.length !== tb.length) return false;
  const delta = toB - toA;
  let changed = -1;
  for (let k = 0; k < ta.length; k++) {
    const [x, y] = [ta[k], tb[k]];
    if (x.text === y.text) {
      // The same token: before the change where it was, after it moved by the edit.
      if (x.start === y.start && x.end <= from) continue;
      if (x.start >= toA && y.start === x.start + delta) continue;
      return false;
    }
    if (changed >= 0 || !DIGITS_ONLY.test(x.text) || !DIGITS_ONLY.test(y.text)) return false;
    changed = k;
  }
  if (changed < 0) return false;
  const [x, y] = [ta[changed], tb[changed]];
  return x.start <= from && toA <= x.end && y.start <= from && toB <= y.end;
}

/** Decide how the region writes its rows, from the lines that carry numbers. */
export function detectLayout(region: TableLines, meter?: Meter): TableLayout {
  let pipe = 0;
  let single = 0;
  let multi = 0;
  for (let i = 0; i < region.lines.length; i++) {
    const line = region.lines[i];
    if (meter) meter.units += 1;
    if (line.blanked || !line.text.trim()) continue;
    if (isPipeLine(line.text)) {
      if (!isPipeSeparator(line.text)) pipe++;
      continue;
    }
    if (line.text.includes('\t') && isTabRow(line.text)) {
      multi++;
      continue;
    }
    const tokens = region.tokensOf(i, meter);
    let cells = 0;
    for (const t of tokens) if (isCellToken(t)) cells++;
    if (cells === 1 && tokens.length === 1) single++;
    else if (cells > 1) multi++;
  }
  if (pipe > single + multi) return 'pipe';
  return single > multi ? 'cell-per-line' : 'flattened';
}

export function tableItems(region: TableLines, layout: TableLayout, meter?: Meter): TableItem[] {
  const items: TableItem[] = [];
  const ruled = ruledTables(region.lines);
  for (let i = 0; i < region.lines.length; i++) {
    const line = region.lines[i];
    if (meter) meter.units += 1;
    if (line.blanked) continue;
    const table = ruled.get(i);
    if (table) {
      ruledItems(region.lines.slice(i + 1, table.end), table.columns, items, meter);
      i = table.end;
      continue;
    }
    const grid = line.text.includes('+') ? gridRows(region.lines, i) : null;
    if (grid) {
      if (meter) meter.units += grid.end - i;
      gridItems(grid.rows, items);
      i = grid.end;
      continue;
    }
    const text = line.text;
    if (text.length === 0 || (text.trim() === '' && !text.includes('\t'))) {
      items.push({ kind: 'break', line: line.index });
      continue;
    }
    if (text.trim() === '') {
      // A tab-indented empty line is an empty cell in Word's one-cell-per-line text; between unindented cells, a separator.
      if (!region.cellsIndented()) {
        items.push({ kind: 'break', line: line.index });
        continue;
      }
      const cell = blankCell(line.start + text.length);
      items.push({ kind: 'cell', cell, line: line.index, lineCells: 1 });
      continue;
    }
    if (isPipeLine(text)) {
      if (isPipeSeparator(text)) continue;
      pipeItems(line, items);
      items.push({ kind: 'break', line: line.index });
      continue;
    }
    if (text.includes('\t') && tabItems(line, items, meter)) continue;
    const tokens = region.tokensOf(i, meter);
    if (layout === 'cell-per-line' && tokens.length > 1 && tokens.every(t => /^\d+$/.test(t.text))) {
      // One cell per line: `1 234` is one number with a space inside.
      const first = tokens[0];
      const last = tokens[tokens.length - 1];
      const raw = text.slice(first.start - line.start, last.end - line.start);
      const value = Number(tokens.map(t => t.text).join(''));
      const range = { start: first.start, end: last.end };
      items.push({ kind: 'cell', cell: { raw, value, kind: 'number', range, digits: range }, line: line.index, lineCells: 1 });
      continue;
    }
    // Several rows on one line (a converter that joins a table's rows into a paragraph: pdf2md): each
    // run of numbers followed by text ends a row.
    if (layout === 'flattened' && rowsOnOneLine(tokens, line, items)) continue;
    lineItems(line, tokens, layout, items);
  }
  return items;
}

/** A line read by its tokens: the trailing run of cells, and what precedes it as label text. */
function lineItems(line: Line, tokens: readonly Token[], layout: TableLayout, items: TableItem[]): void {
  const text = line.text;
  const cells: Cell[] = [];
  let k = tokens.length;
  while (k > 0) {
    const t = tokens[k - 1];
    if (UNIT.test(t.text) && k - 2 >= 0 && numberOf(tokens[k - 2])) {
      // `909.76 万元`: a unit written apart from its number.
      const num = tokens[k - 2];
      const merged = text.slice(num.start - line.start, t.end - line.start);
      const n = numberOf(num)!;
      cells.unshift({
        raw: merged, value: n.value, kind: 'number', unit: t.text,
        range: { start: num.start, end: t.end }, digits: { start: num.start, end: num.start + n.digitsLength },
      });
      k -= 2;
      continue;
    }
    const cell = tokenCell(t);
    if (cell) {
      cells.unshift(cell);
      k--;
      continue;
    }
    // Text where a number belongs (`3 0 一 0`): a short token with cells on both sides.
    if (cells.length && t.text.length <= 3 && k - 2 >= 0 && isCellToken(tokens[k - 2])) {
      const range = { start: t.start, end: t.end };
      cells.unshift({ raw: t.text, value: null, kind: 'text', range, digits: range });
      k--;
      continue;
    }
    break;
  }
  if (k > 0) {
    const start = tokens[0].start;
    const end = tokens[k - 1].end;
    items.push({ kind: 'text', text: text.slice(start - line.start, end - line.start), start, end, line: line.index });
  }
  for (const cell of cells) items.push({ kind: 'cell', cell, line: line.index, lineCells: cells.length });
  if (layout === 'flattened' && cells.length > 0) items.push({ kind: 'break', line: line.index });
}

/**
 * A flattened line that holds several rows, `label n n n label n n n`: label text and runs of numbers
 * in turn, a break after each run. False (nothing added) when the line is one row (at most one run of
 * numbers, and it ends the line).
 */
function rowsOnOneLine(tokens: readonly Token[], line: Line, items: TableItem[]): boolean {
  // A cell: a number, `/` or `—`, or a short text between two of those (`无`).
  const cellLike = tokens.map(isCellToken);
  const isNumber = tokens.map((t, i) => cellLike[i] || (t.text.length <= MAX_TEXT_CELL && i > 0 && i + 1 < tokens.length && cellLike[i - 1] && cellLike[i + 1]));
  let runs = 0;
  let textAfterRun = false;
  for (let i = 0; i < tokens.length; i++) {
    if (isNumber[i] && (i === 0 || !isNumber[i - 1])) runs++;
    if (!isNumber[i] && runs > 0 && !UNIT.test(tokens[i].text)) textAfterRun = true;
  }
  // A run must have two numbers at least somewhere, or the line is prose with a figure in it.
  if (!textAfterRun || runs < 2) return false;
  const text = line.text;
  let i = 0;
  while (i < tokens.length) {
    if (!isNumber[i]) {
      const from = i;
      while (i < tokens.length && !isNumber[i]) i++;
      const start = tokens[from].start;
      const end = tokens[i - 1].end;
      items.push({ kind: 'text', text: text.slice(start - line.start, end - line.start), start, end, line: line.index });
      continue;
    }
    const cells: Cell[] = [];
    while (i < tokens.length && isNumber[i]) {
      const t = tokens[i];
      const n = numberOf(t);
      if (!n) {
        // `/`, `—`, or a short text where a number belongs.
        const range = { start: t.start, end: t.end };
        cells.push(tokenCell(t) ?? { raw: t.text, value: null, kind: 'text', range, digits: range });
        i++;
        continue;
      }
      const unit = i + 1 < tokens.length && UNIT.test(tokens[i + 1].text) ? tokens[i + 1] : null;
      const end = unit ? unit.end : t.end;
      cells.push({
        raw: text.slice(t.start - line.start, end - line.start), value: n.value, kind: 'number', unit: unit ? unit.text : n.unit,
        range: { start: t.start, end }, digits: { start: t.start, end: t.start + n.digitsLength },
      });
      i += unit ? 2 : 1;
    }
    for (const cell of cells) items.push({ kind: 'cell', cell, line: line.index, lineCells: cells.length });
    items.push({ kind: 'break', line: line.index });
  }
  return true;
}

/** Tables between two rules of dashes: the first rule's line index → the second's, and the columns. */
function ruledTables(lines: Line[]): Map<number, { end: number; columns: Column[] }> {
  const out = new Map<number, { end: number; columns: Column[] }>();
  let open = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!isRule(lines[i].text)) continue;
    if (open >= 0 && i > open + 1) {
      out.set(open, { end: i, columns: columnsOf(lines[open].text) });
      open = -1;
    } else {
      open = i;
    }
  }
  return out;
}

/**
 * The items of a ruled table (ruled.ts): each line's words placed in the rule's columns. The columns
 * left of the first that holds a number are the labels; a line with numbers is a row, its empty cells
 * blank; a line with a label and no number after the first row is a row left empty; others are text.
 */
function ruledItems(lines: Line[], columns: Column[], items: TableItem[], meter?: Meter): void {
  const words = lines.map(l => wordsOf(l, meter).map(w => ({ ...w, col: columnOf(w, columns) })));
  const numeric = (w: { text: string }) => numberCell(w.text, 0) !== null;
  const first = Math.min(...words.flatMap(ws => ws.filter(numeric).map(w => w.col)).filter(c => c >= 0));
  if (!Number.isFinite(first)) {
    for (const l of lines) if (l.text.trim()) items.push({ kind: 'text', text: l.text.trim(), start: l.start + l.text.length - l.text.trimStart().length, end: l.start + l.text.trimEnd().length, line: l.index });
    return;
  }
  const width = columns.length - first;
  let rows = 0;
  lines.forEach((l, k) => {
    const ws = words[k];
    if (!ws.length) return;
    const labels = ws.filter(w => w.col < first);
    const values = ws.filter(w => w.col >= first);
    const isRow = values.some(numeric) || (rows > 0 && !values.length && labels.length > 0);
    if (!isRow) {
      items.push({ kind: 'text', text: l.text.slice(ws[0].start - l.start, ws[ws.length - 1].end - l.start), start: ws[0].start, end: ws[ws.length - 1].end, line: l.index });
      return;
    }
    rows++;
    if (labels.length) {
      const start = labels[0].start;
      const end = labels[labels.length - 1].end;
      items.push({ kind: 'text', text: l.text.slice(start - l.start, end - l.start), start, end, line: l.index });
    }
    const at = labels.length ? labels[labels.length - 1].end : l.start;
    for (let c = first; c < columns.length; c++) {
      const w = values.find(x => x.col === c);
      const range = w ? { start: w.start, end: w.end } : null;
      // A blank cell stands where its column starts in the line (each blank in its own place).
      const cell = w ? numberCell(w.text, w.start) ?? { raw: w.text, value: null, kind: 'text' as const, range: range!, digits: range! } : blankAt(Math.max(at, offsetAt(l, columns[c].from)));
      items.push({ kind: 'cell', cell, line: l.index, lineCells: width, explicit: true });
    }
    items.push({ kind: 'break', line: l.index });
  });
}

/** A grid table's rule: `+------+-----+` (pandoc's plain text, Emacs tables). */
const GRID_RULE = { test: (text: string) => isGridRule(text) };
const GRID_CHARS = /^[-=:+]+$/;
function isGridRule(text: string): boolean {
  const t = text.trim();
  return t.length >= 3 && t[0] === '+' && t[t.length - 1] === '+' && !t.includes('++') && GRID_CHARS.test(t);
}

/** Pipe parts of a line, without the empty parts its outer pipes make. */
function pipeParts(line: Line): { text: string; start: number }[] {
  const text = line.text;
  let parts: { text: string; start: number }[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '|') {
      parts.push({ text: text.slice(from, i), start: line.start + from });
      from = i + 1;
    }
  }
  if (parts.length && parts[0].text.trim() === '' && text.trim().startsWith('|')) parts = parts.slice(1);
  if (parts.length && parts[parts.length - 1].text.trim() === '' && text.trim().endsWith('|')) parts = parts.slice(0, -1);
  return parts;
}

/**
 * A grid table (`+---+` rules between rows): the lines between two rules are one row whose cells wrap
 * (`| 其他对外管 | 0 |` / `| 理服务事项 |   |`), and a column empty in every line of the table is a merged
 * cell's second half (a colspan drawn as two columns). Each row is written as one line of parts:
 * a part's text is its pieces joined, where they stand.
 */
function gridRows(lines: Line[], from: number): { end: number; rows: { line: Line; parts: { pieces: { text: string; start: number }[] }[] }[] } | null {
  if (!GRID_RULE.test(lines[from].text)) return null;
  let end = from;
  const groups: Line[][] = [];
  let group: Line[] = [];
  for (let i = from + 1; i < lines.length; i++) {
    const t = lines[i].text;
    if (GRID_RULE.test(t)) {
      if (group.length) groups.push(group);
      group = [];
      end = i;
      continue;
    }
    if (!isPipeLine(t)) break;
    group.push(lines[i]);
  }
  if (!groups.length) return null;
  const split = groups.map(g => g.map(pipeParts));
  const width = Math.max(...split.flat().map(p => p.length));
  const filled = (k: number, c: number) => split[k].some(parts => !!parts[c] && parts[c].text.trim() !== '');
  // A row with one part filled is a heading across the table (第二十条第（五）项): the tables under
  // two headings may use the columns differently, so each part has its own empty columns.
  const heading = (k: number) => Array.from({ length: width }, (_, c) => c).filter(c => filled(k, c)).length <= 1;
  const rows: { line: Line; parts: { pieces: { text: string; start: number }[] }[] }[] = [];
  for (let k = 0; k < groups.length; ) {
    let j = k + 1;
    while (j < groups.length && !heading(j)) j++;
    const part = Array.from({ length: j - k }, (_, n) => k + n);
    const keep = Array.from({ length: width }, (_, c) => c).filter(c => part.some(n => filled(n, c)) || part.every(n => heading(n)));
    // Two neighbouring columns never filled in the same row are one merged cell drawn as two (its
    // header in one, its numbers in the other).
    const merged: number[][] = [];
    for (const c of keep) {
      const last = merged[merged.length - 1];
      if (last && !part.some(n => !heading(n) && filled(n, c) && last.some(x => filled(n, x)))) last.push(c);
      else merged.push([c]);
    }
    for (const n of part) {
      rows.push({
        line: groups[n][0],
        parts: (heading(n) ? Array.from({ length: width }, (_, c) => [c]) : merged).map(cs => ({
          pieces: split[n].flatMap(parts => cs.map(c => parts[c])).filter((p): p is { text: string; start: number } => !!p && p.text.trim() !== ''),
        })),
      });
    }
    k = j;
  }
  return { end, rows };
}

/** A grid table's rows as items: text parts as label text, one cell per column (wrapped numbers joined). */
function gridItems(rows: NonNullable<ReturnType<typeof gridRows>>['rows'], items: TableItem[]): void {
  for (const row of rows) {
    const cellCount = row.parts.filter(p => !p.pieces.length || p.pieces.every(x => numberCell(x.text.trim(), 0))).length;
    for (const part of row.parts) {
      if (!part.pieces.length) {
        items.push({ kind: 'cell', cell: blankCell(row.line.start), line: row.line.index, lineCells: cellCount, explicit: true });
        continue;
      }
      const first = part.pieces[0];
      const lead = first.text.length - first.text.trimStart().length;
      const cell = part.pieces.length === 1 ? numberCell(first.text.trim(), first.start + lead) : null;
      if (cell) {
        items.push({ kind: 'cell', cell, line: row.line.index, lineCells: cellCount, explicit: true });
        continue;
      }
      for (const p of part.pieces) {
        const t = p.text.trim();
        const at = p.start + p.text.length - p.text.trimStart().length;
        items.push({ kind: 'text', text: t, start: at, end: at + t.length, line: row.line.index });
      }
    }
    items.push({ kind: 'break', line: row.line.index });
  }
}

function pipeItems(line: Line, items: TableItem[]): void {
  const text = line.text;
  let parts: { text: string; start: number }[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '|') {
      parts.push({ text: text.slice(from, i), start: line.start + from });
      from = i + 1;
    }
  }
  // Leading and trailing pipes make empty outer parts; they are not cells.
  if (parts.length && parts[0].text.trim() === '' && text.trim().startsWith('|')) parts = parts.slice(1);
  if (parts.length && parts[parts.length - 1].text.trim() === '' && text.trim().endsWith('|')) parts = parts.slice(0, -1);
  const cellCount = parts.filter(p => numberCell(p.text.trim(), 0) || p.text.trim() === '').length;
  for (const p of parts) {
    const lead = p.text.length - p.text.trimStart().length;
    const t = p.text.trim();
    const at = p.start + lead;
    if (t === '') {
      items.push({ kind: 'cell', cell: blankCell(p.start + Math.min(1, p.text.length)), line: line.index, lineCells: cellCount });
      continue;
    }
    const cell = numberCell(t, at);
    if (cell) items.push({ kind: 'cell', cell, line: line.index, lineCells: cellCount });
    else items.push({ kind: 'text', text: t, start: at, end: at + t.length, line: line.index });
  }
}

interface TabPart {
  text: string;
  start: number;
}

/** Where a number that ends a label's text after a space starts (`…情形） 4 `), or −1. */
function trailingNumberAt(text: string): number {
  const t = text.trimEnd();
  const space = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\u3000'));
  if (space <= 0 || t.slice(0, space).trim() === '') return -1;
  return parseNumber(t.slice(space + 1)) ? space + 1 : -1;
}

/** A short text where a number belongs (`无`, `一`): a cell with text in it. */
const MAX_TEXT_CELL = 3;

/**
 * A table row copied from a web page: cells separated by tabs, an empty cell as nothing between two
 * tabs. The leading parts that are text are its labels; every part after them is one cell (a number,
 * `/`, a short text, or nothing). Null when the line is not such a row (a tab inside a label, a tab
 * before space-separated numbers, a header of text only).
 */
function tabRow(line: Line): { labels: TabPart[]; cells: TabPart[] } | null {
  const text = line.text;
  const lead = text.length - text.trimStart().length;
  if (text.indexOf('\t', lead) < 0) return null;
  const parts: TabPart[] = [];
  let from = lead;
  for (let i = lead; i <= text.length; i++) {
    if (i === text.length || text[i] === '\t') {
      parts.push({ text: text.slice(from, i), start: line.start + from });
      from = i + 1;
    }
  }
  let k = 0;
  while (k < parts.length && parts[k].text.trim() !== '' && !numberCell(parts[k].text.trim(), 0)) k++;
  // The first number after a label with only a space before it, the rest tab-separated (pdf-parse):
  // `形，不计其他情形） 4 \t0 \t0`. It is the row's first cell, not the label's end.
  if (k > 0 && k < parts.length) {
    const label = parts[k - 1];
    const at = trailingNumberAt(label.text);
    if (at > 0) parts.splice(k - 1, 1, { text: label.text.slice(0, at).trimEnd(), start: label.start }, { text: label.text.slice(at), start: label.start + at });
  }
  const cells = parts.slice(k);
  if (cells.length < 2) return null;
  const oneCell = (t: string) => t === '' || numberCell(t, 0) !== null || (t.length <= MAX_TEXT_CELL && !/\s/.test(t));
  if (!cells.every(p => oneCell(p.text.trim()))) return null;
  return { labels: parts.slice(0, k), cells };
}

export function isTabRow(text: string): boolean {
  return tabRow({ index: 0, start: 0, end: text.length, text, blanked: false }) !== null;
}

/**
 * A row copied from a browser: one tab between cells, an empty cell kept as a blank cell in its
 * column, merged label cells only on their first row.
 */
function tabItems(line: Line, items: TableItem[], meter?: Meter): boolean {
  if (meter) meter.units += line.text.length;
  const row = tabRow(line);
  if (!row) return false;
  const trimmed = (p: TabPart) => {
    const t = p.text.trim();
    const at = p.start + (p.text.length - p.text.trimStart().length);
    return { t, at };
  };
  for (const p of row.labels) {
    const { t, at } = trimmed(p);
    items.push({ kind: 'text', text: t, start: at, end: at + t.length, line: line.index });
  }
  for (const p of row.cells) {
    const { t, at } = trimmed(p);
    const range = { start: at, end: at + t.length };
    const cell = t === '' ? blankCell(p.start) : numberCell(t, at) ?? { raw: t, value: null, kind: 'text' as const, range, digits: range };
    items.push({ kind: 'cell', cell, line: line.index, lineCells: row.cells.length, explicit: true });
  }
  items.push({ kind: 'break', line: line.index });
  return true;
}
