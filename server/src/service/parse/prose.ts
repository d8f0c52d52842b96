import type { OffsetRange } from './model';
import type { MappedText, Meter } from './mapped';
import type { SourceText } from './text';

/**
 * The prose of a range as one string, with PDF line wraps removed, so that a sentence wrapped
 * over several lines reads whole. Each character keeps its source offset.
 */
export function proseOf(src: SourceText, range: OffsetRange = { start: 0, end: src.clean.length }, meter?: Meter): MappedText {
  const parts: string[] = [];
  const offsets = new Int32Array(Math.max(0, Math.min(range.end, src.clean.length) - range.start));
  let n = 0;
  for (const line of src.lines) {
    if (meter) meter.units += 1;
    if (line.end <= range.start || line.start >= range.end || line.blanked) continue;
    const from = Math.max(line.start, range.start);
    const to = Math.min(line.end, range.end);
    // The line without the spaces at its ends, found in place.
    let a = from;
    let b = to;
    while (a < b && isSpace(src.clean.charCodeAt(a))) a++;
    // A Markdown heading mark at a line's start (a converter that makes every line of a PDF a heading:
    // pdf2md's `## 件，结果纠正 5 件`) is no part of the sentence.
    let h = a;
    while (h < b && h - a < 6 && src.clean.charCodeAt(h) === 0x23) h++;
    if (h > a && h < b && src.clean.charCodeAt(h) === 0x20) {
      a = h;
      while (a < b && isSpace(src.clean.charCodeAt(a))) a++;
    }
    while (b > a && isSpace(src.clean.charCodeAt(b - 1))) b--;
    if (a === b) continue;
    parts.push(src.clean.slice(a, b));
    for (let i = a; i < b; i++) offsets[n++] = i;
  }
  return { text: parts.join(''), offsets: offsets.subarray(0, n) };
}

/** What String.prototype.trim takes away. */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
