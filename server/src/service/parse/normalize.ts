/**
 * Label normalization for tolerant matching: whitespace, quotes and bracket widths do not matter,
 * and `1．` `1、` `（1）` all read as `1.`. Every normalized character remembers its source offset.
 */

import type { MappedText, Meter, TextPiece } from './mapped';

export type { TextPiece } from './mapped';

/** Characters that do not count in a label: spaces of every kind, quotes, Markdown emphasis. */
const SKIPPED = ' \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000“”"\'‘’「」『』《》〈〉*#_`';
/** Brackets, points and separators written either way read one way. */
const MAP = new Map(Object.entries({
  '(': '（', ')': '）', '[': '（', ']': '）', '【': '（', '】': '）', '〔': '（', '〕': '）',
  '．': '.', '。': '.', ',': '，', ':': '：', ';': '；',
}).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]));

/** What each UTF-16 unit is to normalization: one table lookup per character. */
const SKIP = 1;
const MAPPED = 2;
const UPPER = 4;
const DIGIT = 8;
const CLASS = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of SKIPPED) t[c.charCodeAt(0)] |= SKIP;
  for (const code of MAP.keys()) t[code] |= MAPPED;
  for (let c = 65; c <= 90; c++) t[c] |= UPPER;
  for (let c = 0x30; c <= 0x39; c++) t[c] |= DIGIT;
  return t;
})();

const DOT = 0x2e;
const COMMA = 0xff0c; // ，
const PAUSE = 0x3001; // 、
const OPEN = 0xff08; // （
const CLOSE = 0xff09; // ）
/** A character taken out by the numbering pass. */
const GONE = -1;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Character codes as a string, in chunks (an argument list has a limit). */
export function stringOf(codes: Int32Array | Uint16Array, length: number): string {
  const CHUNK = 8192;
  let out = '';
  for (let i = 0; i < length; i += CHUNK) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  return out;
}

export function normalizePieces(pieces: TextPiece[], meter?: Meter): MappedText {
  const { chars, offsets, n } = normalizeInto(pieces, meter);
  // The scratch arrays are the next call's: the offsets handed out are a copy of them.
  return { text: stringOf(chars, n), offsets: offsets === scratchOffsets ? offsets.slice(0, n) : offsets!.subarray(0, n) };
}

/**
 * Scratch arrays for `normalizeInto`, reused by every call on a text up to their size (it calls nothing that
 * could call it again): a label's normal form made two arrays on each call, most of them dead at once.
 */
const SCRATCH = 4096;
const scratchChars = new Int32Array(SCRATCH);
const scratchOffsets = new Int32Array(SCRATCH);

/**
 * The normal form's characters and (unless `withOffsets` is false: a label's text alone) offsets: the first `n`
 * of the arrays, which are scratch arrays: read them before the next call.
 */
function normalizeInto(pieces: TextPiece[], meter?: Meter, withOffsets = true): { chars: Int32Array; offsets: Int32Array | null; n: number } {
  let total = 0;
  for (const p of pieces) total += p.text.length;
  if (meter) meter.units += total;
  // A longer text (a whole region's) gets arrays of its own, so that the scratch arrays stay small.
  const chars = total <= SCRATCH ? scratchChars : new Int32Array(total);
  const offsets = !withOffsets ? null : total <= SCRATCH ? scratchOffsets : new Int32Array(total);
  // One pass over the characters: skipped, mapped, or lower-cased; each keeps its document offset.
  let n = 0;
  for (const p of pieces) {
    const t = p.text;
    for (let i = 0; i < t.length; i++) {
      const code = t.charCodeAt(i);
      const k = CLASS[code];
      if (k & SKIP) continue;
      chars[n] = k & UPPER ? code + 32 : k & MAPPED ? MAP.get(code)! : code;
      if (offsets) offsets[n] = p.start + i;
      n++;
    }
  }
  // Numbering: `1、` `1，` `1.` → `1.`; `（1）` → `1.`
  let gone = 0;
  for (let i = 0; i < n; i++) {
    if (!isDigit(chars[i]) || (i > 0 && isDigit(chars[i - 1]))) continue;
    let j = i;
    while (j + 1 < n && isDigit(chars[j + 1])) j++;
    if (j + 1 >= n) continue;
    const next = chars[j + 1];
    if (next === PAUSE || next === COMMA || next === DOT) {
      chars[j + 1] = DOT;
    } else if (next === CLOSE && i > 0 && chars[i - 1] === OPEN) {
      // The number takes the bracket's place, so a label written （1）… starts at its bracket.
      chars[i - 1] = GONE;
      gone++;
      if (offsets) offsets[i] = offsets[i - 1];
      chars[j + 1] = DOT;
    }
  }
  if (gone) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (chars[i] === GONE) continue;
      chars[k] = chars[i];
      if (offsets) offsets[k] = offsets[i];
      k++;
    }
    n = k;
  }
  return { chars, offsets, n };
}

/** The formats' own words already normalized: few and fixed, so remembered (bounded all the same). */
const FORMAT_WORDS = new Map<string, string>();
const MAX_FORMAT_WORDS = 4096;

/**
 * `normalizeLabel` of one of the formats' own words (a row's label or alias, a header word): the same
 * string, remembered. Never document text: the memo would keep the document alive.
 */
export function normalizeFormatWord(word: string): string {
  let norm = FORMAT_WORDS.get(word);
  if (norm === undefined) {
    norm = normalizeLabel(word);
    if (FORMAT_WORDS.size < MAX_FORMAT_WORDS) FORMAT_WORDS.set(word, norm);
  }
  return norm;
}

export function normalizeLabel(text: string): string {
  // Text with nothing to skip, map or renumber (most Chinese text) is its own normal form.
  let plain = true;
  let onlySkips = true;
  for (let i = 0; i < text.length && onlySkips; i++) {
    const k = CLASS[text.charCodeAt(i)];
    if (k) plain = false;
    if (k & ~SKIP) onlySkips = false;
  }
  if (plain) return text;
  // Nothing to map or renumber, only characters to skip (spaces, quotes): the runs between them.
  if (onlySkips) {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      if (!(CLASS[text.charCodeAt(i)] & SKIP)) continue;
      if (i > from) out += text.slice(from, i);
      from = i + 1;
    }
    return from < text.length ? out + text.slice(from) : out;
  }
  const { chars, n } = normalizeInto([{ text, start: 0 }], undefined, false);
  return stringOf(chars, n);
}
