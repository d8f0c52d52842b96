/**
 * Tables drawn with a rule of dashes above and below, columns as fixed widths (pandoc's plain-text
 * "simple tables", as `pandoc -t plain` writes a web page's table): the rule's runs of dashes are the
 * columns, and a cell is whatever stands under its run — a blank cell is spaces, kept as a blank.
 *
 *     ---------- ---------- ------
 *     行政复议
 *     结果维持   结果纠正   总计
 *     5                     7
 *     ---------- ---------- ------
 *
 * Positions are display columns: a CJK character is two wide, as the tool that drew the table counts.
 */
import type { Cell } from './model';
import type { Line } from './text';
import type { Meter } from './mapped';
import { isSpace } from './prose';

/** A rule: three runs of dashes at least (three dashes each), spaces between. */
export function isRule(text: string): boolean {
  if (text.length > 4000 || !startsWithDash(text)) return false;
  const runs = text.trim().split(/\s+/);
  return runs.length >= 3 && runs.every(r => r.length >= 3 && DASHES.test(r));
}
const DASHES = /^-+$/;
/** Whether the first character after spaces is a dash, as a rule's first run must start: most lines are turned away here, before splitting. */
function startsWithDash(text: string): boolean {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x2d;
}

/** How many display columns a UTF-16 unit takes: two for CJK and full-width forms, none for a low surrogate. */
function width(c: number): number {
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
    || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0xd800 && c <= 0xdbff)) return 2;
  return 1;
}

export interface Column {
  from: number;
  to: number;
}

/** The columns a rule line draws, in display columns. */
export function columnsOf(rule: string): Column[] {
  const out: Column[] = [];
  let col = 0;
  for (let i = 0; i < rule.length; i++) {
    if (rule[i] === '-' && (i === 0 || rule[i - 1] !== '-')) out.push({ from: col, to: col });
    if (rule[i] === '-') out[out.length - 1].to = col + 1;
    col += width(rule.charCodeAt(i));
  }
  return out;
}

export interface RuledToken {
  text: string;
  start: number;
  end: number;
  /** Display columns. */
  from: number;
  to: number;
}

/** The words of a line (runs of non-spaces; one space inside a word keeps it whole, as `社会 公益`), with display positions. */
export function wordsOf(line: Line, meter?: Meter): RuledToken[] {
  if (meter) meter.units += line.text.length;
  const out: RuledToken[] = [];
  const t = line.text;
  let col = 0;
  let i = 0;
  // A no-break space is a space here: a web page's empty cell (&nbsp;) comes out as one.
  const space = (c: string | undefined) => c === ' ' || c === '\u00a0';
  while (i < t.length) {
    if (space(t[i]) || t[i] === '\t' || t[i] === '\u3000') {
      col += t[i] === '\u3000' ? 2 : 1;
      i++;
      continue;
    }
    const start = i;
    const from = col;
    while (i < t.length && !(space(t[i]) && (i + 1 >= t.length || space(t[i + 1]))) && t[i] !== '\t' && t[i] !== '\u3000') {
      col += width(t.charCodeAt(i));
      i++;
    }
    let end = i;
    while (end > start && space(t[end - 1])) end--;
    out.push({ text: t.slice(start, end), start: line.start + start, end: line.start + end, from, to: col });
  }
  return out;
}

/** The column a word stands in: the one it overlaps most. */
export function columnOf(word: { from: number; to: number }, columns: Column[]): number {
  let best = -1;
  let most = 0;
  columns.forEach((c, k) => {
    const overlap = Math.min(c.to, word.to) - Math.max(c.from, word.from);
    if (overlap > most) {
      most = overlap;
      best = k;
    }
  });
  return best;
}

/** The offset in a line where a display column starts (the line's end when it is shorter). */
export function offsetAt(line: Line, column: number): number {
  let col = 0;
  for (let i = 0; i < line.text.length; i++) {
    if (col >= column) return line.start + i;
    col += line.text[i] === '\u3000' ? 2 : width(line.text.charCodeAt(i));
  }
  return line.end;
}

export function blankAt(at: number): Cell {
  const range = { start: at, end: at };
  return { raw: '', value: null, kind: 'blank', range, digits: range };
}
