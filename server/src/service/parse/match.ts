/** Approximate string matching for labels (edit distance on normalized text). */
import type { Meter } from './mapped';

export function editDistance(a: string, b: string, meter?: Meter): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
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
