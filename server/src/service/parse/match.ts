/**
 * Approximate string matching for labels (edit distance on normalized text). Patterns of up to 32
 * characters are compared with Myers' bit-vector algorithm (one machine word per column of the
 * dynamic programme: the same distances, about m times less work); longer ones with the table.
 */
import type { Meter } from './mapped';

/**
 * Patterns prepared once for matching against many texts: a shared alphabet (each character of any
 * pattern a symbol, 0 for the others), and for each pattern and symbol the positions where the
 * pattern has it, as bits, 32 to a word (`masks`), forwards and backwards.
 */
export interface PatternSet {
  readonly texts: readonly string[];
  readonly alphabet: ReadonlyMap<number, number>;
  /** Per pattern: its words per symbol, and where its masks start in `forward` / `backward`. */
  readonly blocks: Int32Array;
  readonly base: Int32Array;
  readonly forward: Int32Array;
  readonly backward: Int32Array;
}

/** One pattern of a set. */
export interface Pattern {
  readonly set: PatternSet;
  readonly index: number;
  readonly text: string;
}

export function compileSet(texts: readonly string[]): PatternSet {
  const alphabet = new Map<number, number>();
  for (const t of texts) for (let i = 0; i < t.length; i++) if (!alphabet.has(t.charCodeAt(i))) alphabet.set(t.charCodeAt(i), alphabet.size + 1);
  const symbols = alphabet.size + 1;
  const blocks = new Int32Array(texts.length);
  const base = new Int32Array(texts.length);
  let size = 0;
  texts.forEach((t, k) => {
    blocks[k] = Math.max(1, Math.ceil(t.length / 32));
    base[k] = size;
    size += blocks[k] * symbols;
  });
  const forward = new Int32Array(size);
  const backward = new Int32Array(size);
  texts.forEach((t, k) => {
    const m = t.length;
    for (let i = 0; i < m; i++) {
      const sym = alphabet.get(t.charCodeAt(i))!;
      forward[base[k] + sym * blocks[k] + (i >> 5)] |= 1 << (i & 31);
      const r = m - 1 - i;
      backward[base[k] + sym * blocks[k] + (r >> 5)] |= 1 << (r & 31);
    }
  });
  return { texts, alphabet, blocks, base, forward, backward };
}

export function compilePattern(text: string): Pattern {
  return { set: compileSet([text]), index: 0, text };
}

/** A text as the symbols of a set's alphabet. */
export function symbolsOf(set: PatternSet, text: string): Int32Array {
  const out = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = set.alphabet.get(text.charCodeAt(i)) ?? 0;
  return out;
}

const TOP = 1 << 31;

/**
 * Myers (1999) in Hyyrö's block form: the edit distance of pattern `k` of the set against the text
 * (`global`: the whole text; else its best suffix, the text's prefix free), one step per character
 * and word. With `backward`, pattern and text are read from their ends, and the result is the length
 * of the shortest prefix of the reversed text at the least global distance (where a suffix match starts).
 */
function myers(set: PatternSet, k: number, symbols: Int32Array, global: boolean, backward: boolean, meter?: Meter): number {
  const m = set.texts[k].length;
  const n = symbols.length;
  const blocks = set.blocks[k];
  const base = set.base[k];
  const masks = backward ? set.backward : set.forward;
  // Counted as the table does it (m × n cells): each step decides a whole column of the table at once.
  if (meter) meter.units += m * n;
  const lastHigh = 1 << ((m - 1) & 31);
  let score = m;
  let best = m;
  let bestAt = 0;
  if (blocks === 1) {
    let pv = -1;
    let mv = 0;
    const carry = global ? 1 : 0;
    for (let j = 0; j < n; j++) {
      const eq = masks[base + symbols[backward ? n - 1 - j : j]];
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & lastHigh) score++;
      else if (mh & lastHigh) score--;
      ph = (ph << 1) | carry;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score < best) {
        best = score;
        bestAt = j + 1;
      }
    }
  } else {
    const pvs = new Int32Array(blocks).fill(-1);
    const mvs = new Int32Array(blocks);
    for (let j = 0; j < n; j++) {
      const at = base + symbols[backward ? n - 1 - j : j] * blocks;
      let hin = global ? 1 : 0;
      for (let b = 0; b < blocks; b++) {
        let eq = masks[at + b];
        const pv = pvs[b];
        const mv = mvs[b];
        const xv = eq | mv;
        if (hin < 0) eq |= 1;
        const xh = (((eq & pv) + pv) ^ pv) | eq;
        let ph = mv | ~(xh | pv);
        let mh = pv & xh;
        const high = b === blocks - 1 ? lastHigh : TOP;
        const hout = ph & high ? 1 : mh & high ? -1 : 0;
        ph <<= 1;
        mh <<= 1;
        if (hin < 0) mh |= 1;
        else if (hin > 0) ph |= 1;
        pvs[b] = mh | ~(xv | ph);
        mvs[b] = ph & xv;
        hin = hout;
      }
      score += hin;
      if (score < best) {
        best = score;
        bestAt = j + 1;
      }
    }
  }
  return backward ? bestAt : score;
}

/**
 * The end of the text that a suffix match can use: a suffix longer than twice the pattern costs more
 * than the pattern's length (at least its length minus the pattern's), which the empty suffix costs,
 * so it is never the best nor tied with it. The same distance and start, from at most 2m characters.
 */
function suffixWindow(m: number, symbols: Int32Array): Int32Array {
  return symbols.length > 2 * m ? symbols.subarray(symbols.length - 2 * m) : symbols;
}

/** The least edit distance between pattern `k` and any suffix of the text (the text's prefix free). */
export function suffixDistance(set: PatternSet, k: number, symbols: Int32Array, meter?: Meter): number {
  const m = set.texts[k].length;
  return m ? myers(set, k, suffixWindow(m, symbols), false, false, meter) : symbols.length;
}

/** Where that best suffix starts (the latest start among the best, as `matchSuffix` gives it). */
export function suffixStartIn(set: PatternSet, k: number, symbols: Int32Array, meter?: Meter): number {
  const m = set.texts[k].length;
  return m ? symbols.length - myers(set, k, suffixWindow(m, symbols), true, true, meter) : symbols.length;
}

/** The edit distance between pattern `k` and the whole text. */
export function distanceTo(set: PatternSet, k: number, symbols: Int32Array, meter?: Meter): number {
  return set.texts[k].length ? myers(set, k, symbols, true, false, meter) : symbols.length;
}

/** How well `text` ends with the pattern (the `score` of `matchSuffix`). */
export function suffixScore(p: Pattern, text: string, meter?: Meter): number {
  const m = p.text.length;
  if (m === 0) return 0;
  return Math.max(0, 1 - suffixDistance(p.set, p.index, symbolsOf(p.set, text), meter) / m);
}

/** Where the best match of the pattern against a suffix of `text` starts (the `start` of `matchSuffix`). */
export function suffixStart(p: Pattern, text: string, meter?: Meter): number {
  return suffixStartIn(p.set, p.index, symbolsOf(p.set, text), meter);
}

/** `similarity` with a prepared pattern. */
export function similarityTo(p: Pattern, b: string, meter?: Meter): number {
  const n = Math.max(p.text.length, b.length);
  if (n === 0 || p.text === b) return 1;
  return 1 - distanceTo(p.set, p.index, symbolsOf(p.set, b), meter) / n;
}

export function editDistance(a: string, b: string, meter?: Meter): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // The distance is symmetric: the shorter string is the pattern.
  const [p, t] = a.length <= b.length ? [a, b] : [b, a];
  const set = compileSet([p]);
  return distanceTo(set, 0, symbolsOf(set, t), meter);
}

/** The edit distance by the full table (Wagner–Fischer): for patterns longer than a word. */
export function tableDistance(a: string, b: string, meter?: Meter): number {
  if (meter) meter.units += a.length * b.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export function similarity(a: string, b: string, meter?: Meter): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b, meter) / n;
}

export interface SuffixMatch {
  /** 1 is exact; 0 nothing in common. */
  score: number;
  /** Index in `text` where the matched suffix starts. */
  start: number;
}

/**
 * Align `pattern` against the end of `text`, where any prefix of `text` is free: how well does
 * `text` end with `pattern`? Used to find a row label after group labels and header debris.
 */
export function matchSuffix(pattern: string, text: string, meter?: Meter): SuffixMatch {
  const m = pattern.length;
  const n = text.length;
  if (m === 0) return { score: 0, start: n };
  // D[i][j]: cost of aligning pattern[i..] with text[j..] to the end; computed backwards so the
  // free part is the text's prefix. start[i][j] is not needed: we trace the best start directly.
  if (meter) meter.units += m * n;
  const cols = n + 1;
  const D = new Int32Array((m + 1) * cols);
  for (let j = 0; j <= n; j++) D[m * cols + j] = n - j; // pattern used up: rest of text is extra
  for (let i = m - 1; i >= 0; i--) {
    D[i * cols + n] = m - i; // text used up: rest of pattern is missing
    for (let j = n - 1; j >= 0; j--) {
      const cost = pattern.charCodeAt(i) === text.charCodeAt(j) ? 0 : 1;
      D[i * cols + j] = Math.min(
        D[(i + 1) * cols + j + 1] + cost,
        D[(i + 1) * cols + j] + 1,
        D[i * cols + j + 1] + 1,
      );
    }
  }
  let best = Infinity;
  let start = n;
  for (let j = n; j >= 0; j--) {
    const d = D[j];
    if (d < best) {
      best = d;
      start = j;
    }
  }
  return { score: Math.max(0, 1 - best / m), start };
}
