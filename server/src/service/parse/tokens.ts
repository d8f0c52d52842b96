import type { Cell, TableLayout } from './model';
import type { Line } from './text';
import type { Meter } from './mapped';

/**
 * A table region as a stream: label text, cells, and row breaks. It reads all three layouts:
 * PDF rows flattened to `label n n n`, Word cells one per line, and Markdown/HTML pipe rows.
 */
export type Item =
  | { kind: 'text'; text: string; start: number; end: number; line: number }
  | { kind: 'cell'; cell: Cell; line: number; lineCells: number }
  | { kind: 'break'; line: number };

const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|亿元|元|个|件|项|条|次|%)?$/;
const UNIT = /^(万元|亿元|元|个|件|项|条|次|%)$/;
const DASH = /^(?:\/|\\|-|—|——|–|―|无|空)$/;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Split a line on spaces, tabs and full-width spaces; a no-break or thin space stays inside its number. */
function tokenize(line: Line, meter?: Meter): Token[] {
  if (meter) meter.units += line.text.length;
  const out: Token[] = [];
  const re = /[^ \t\u3000]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line.text)) !== null) {
    out.push({ text: m[0], start: line.start + m.index, end: line.start + m.index + m[0].length });
  }
  return out;
}

export function parseNumber(raw: string): { value: number; unit?: string; digitsLength: number } | null {
  const t = raw.replace(/[\u00a0\u2009\u202f]/g, '');
  const m = NUMBER.exec(t);
  if (!m) return null;
  const value = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return { value, unit: m[2], digitsLength: raw.length - (m[2]?.length ?? 0) };
}

export function numberCell(text: string, start: number): Cell | null {
  const n = parseNumber(text);
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

function isPipeLine(text: string): boolean {
  const t = text.trim();
  return t.startsWith('|') || (t.match(/\|/g)?.length ?? 0) >= 2;
}

/** Decide how the region writes its rows, from the lines that carry numbers. */
export function detectLayout(lines: Line[], meter?: Meter): TableLayout {
  let pipe = 0;
  let single = 0;
  let multi = 0;
  for (const line of lines) {
    if (meter) meter.units += 1;
    if (line.blanked || !line.text.trim()) continue;
    if (isPipeLine(line.text)) {
      if (!isPipeSeparator(line.text)) pipe++;
      continue;
    }
    const tokens = tokenize(line, meter);
    const cells = tokens.filter(t => numberCell(t.text, t.start)).length;
    if (cells === 1 && tokens.length === 1) single++;
    else if (cells > 1) multi++;
  }
  if (pipe > single + multi) return 'pipe';
  return single > multi ? 'cell-per-line' : 'flattened';
}

export function tableItems(lines: Line[], layout: TableLayout, meter?: Meter): Item[] {
  const items: Item[] = [];
  for (const line of lines) {
    if (meter) meter.units += 1;
    if (line.blanked) continue;
    const text = line.text;
    if (text.length === 0 || (text.trim() === '' && !text.includes('\t'))) {
      items.push({ kind: 'break', line: line.index });
      continue;
    }
    if (text.trim() === '') {
      // A tab-indented empty line is an empty cell in Word's one-cell-per-line text.
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
    const tokens = tokenize(line, meter);
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
    // The trailing run of cells; what precedes it is label text.
    const cells: Cell[] = [];
    let k = tokens.length;
    while (k > 0) {
      const t = tokens[k - 1];
      if (UNIT.test(t.text) && k - 2 >= 0 && parseNumber(tokens[k - 2].text)) {
        // `909.76 万元`: a unit written apart from its number.
        const num = tokens[k - 2];
        const merged = text.slice(num.start - line.start, t.end - line.start);
        const n = parseNumber(num.text)!;
        cells.unshift({
          raw: merged, value: n.value, kind: 'number', unit: t.text,
          range: { start: num.start, end: t.end }, digits: { start: num.start, end: num.start + n.digitsLength },
        });
        k -= 2;
        continue;
      }
      const cell = numberCell(t.text, t.start);
      if (cell) {
        cells.unshift(cell);
        k--;
        continue;
      }
      // Text where a number belongs (`3 0 一 0`): a short token with cells on both sides.
      if (cells.length && t.text.length <= 3 && k - 2 >= 0 && numberCell(tokens[k - 2].text, 0)) {
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
  return items;
}

function pipeItems(line: Line, items: Item[]): void {
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
