/**
 * 内容雷同: text of sections 一, 五 and 六 that a report shares, verbatim or nearly, with the same body's
 * report of the year before or with another body's report of the batch.
 *
 * Texts are compared as characters with spaces, punctuation and line breaks left out and every digit
 * read as 0 (「2023年」 and 「2024年」 match). The format's own sentences (the fee statement, the
 * statistics period, 「无其他需要报告的事项」) and sentences that many bodies of the batch write are
 * boilerplate: left out of both the text and its length. Reports are matched through winnowed
 * fingerprints of K-character shingles (Schleimer, Wilkerson and Aiken's winnowing) in an inverted
 * index, so a batch costs the length of its texts, not the square of its size; only pairs that share
 * fingerprints are compared, shingle by shingle. Pure: texts in, passages out.
 */
import type { OffsetRange } from '../parse';

/** A run of a report's text, with where it starts in the document. */
export interface TextPiece {
  /** The section (1, 5 or 6). */
  section: number;
  start: number;
  text: string;
}

export interface ReuseInput {
  id: string;
  /** The body the pairing placed the report under; null when unknown (compared with every report). */
  body: string | null;
  pieces: TextPiece[];
}

/** A passage of this report and the passage of the other report it repeats. */
export interface Passage {
  section: number;
  at: OffsetRange;
  text: string;
  other: { section: number; at: OffsetRange; text: string };
  /** Characters of this passage found in the other (spaces and punctuation not counted). */
  chars: number;
}

export interface ReuseMatch {
  /** The other report's id. */
  other: string;
  /** The other report is this body's report of the year before. */
  previousYear: boolean;
  /** Characters of this report's text found in the other, in passages of at least MIN_PASSAGE. */
  chars: number;
  /** Characters of this report's text of sections 一, 五 and 六, boilerplate left out. */
  total: number;
  share: number;
  passages: Passage[];
}

export interface ReuseResult {
  /** Each report's matches: the year before first, then others by share. */
  matches: Map<string, ReuseMatch[]>;
  /** Characters compared per report (boilerplate left out). */
  totals: Map<string, number>;
  /** How many pairs of reports were compared shingle by shingle. */
  compared: number;
}

/** Shingle length, in characters. */
const K = 10;
/** Winnowing window, in shingles: every shared run of K + W − 1 characters shares a fingerprint. */
const W = 6;
/** A passage counts from this many shared characters: a phrase is not a copied paragraph. */
export const MIN_PASSAGE = 24;
/** Shared runs this close together are one passage (a word changed inside a copied sentence). */
const GAP = 6;
/**
 * Reports of two bodies are compared when they share at least this many fingerprints: every shared
 * run of K + W − 1 characters holds one, so the 200 characters another body's text is reported from
 * (in passages of 24 or more) hold at least 8.
 */
const MIN_SHARED = 8;
/** A sentence written by this many bodies of the batch (and this share of them) is boilerplate. */
const COMMON_BODIES = 3;
const COMMON_SHARE = 0.05;
/** A fingerprint in more reports than this is common text (a district's template): it finds no pair, which keeps the pairs counted linear in the batch. */
const COMMON_FINGERPRINT = 16;
/** Sentences shorter than this are not compared (「无。」, 「详见附件。」). */
const MIN_SENTENCE = 8;

/** The format's own sentences, which every report must contain: never reuse. */
const FORMAT_SENTENCES = [
  /信息处理费/,
  /(?:无|没有)(?:其他)?需要?报告的(?:其他)?事项/,
  /统计期限|统计时限/,
  /如对本?(?:年度)?报告/,
  /政府信息公开条例.{0,30}(?:编制|要求)/,
  /电子版.{0,20}(?:下载|查阅)/,
];

/** Shingles are hashed modulo a prime below 2³¹ (small integers: fast map keys; a stray collision cannot make a 24-character passage). */
const P = 2147483629;
const B = 1000003;
const SEPARATOR = 0;

/** A report as the comparisons need it: its shingles, and where each position of them is in the document. */
interface Prepared {
  input: ReuseInput;
  /** The hash of the shingle starting at each position of the normalized text (-1 where none). */
  hashes: Int32Array;
  /** Where the positions are in the document, as runs. */
  runs: Runs;
  /** Characters of sections 一, 五 and 六, boilerplate left out. */
  total: number;
}

/**
 * The document offset and section of each position of a report's normalized text, stored per run:
 * offsets follow each other within a run of characters (a skipped character, a removed sentence or a
 * separator ends it), and the section changes only where a piece starts. A position is looked up by
 * binary search, so a report keeps some bytes per run instead of seven per character.
 */
export interface Runs {
  /** The position where each run starts, increasing; the first is 0. */
  starts: Int32Array;
  /** The document offset of each run's first character; -1 for a separator (a run of one). */
  offsets: Int32Array;
  /** The position where each section's span starts, increasing, and its section. */
  sectionStarts: Int32Array;
  sections: Uint8Array;
}

/** The last i with `starts[i] <= at` (`starts[0]` is 0). */
function runOf(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The document offset of a position of the normalized text (-1 for a separator: a run of one position). */
export function offsetAt(runs: Runs, at: number): number {
  const r = runOf(runs.starts, at);
  return runs.offsets[r] + (at - runs.starts[r]);
}

/** The section of a position of the normalized text. */
export function sectionAt(runs: Runs, at: number): number {
  return runs.sections[runOf(runs.sectionStarts, at)];
}

const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
/** Letters, digits and CJK are the text (-1: everything else, spaces, punctuation, markup signs). */
function normalChar(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c;
  if (isDigit(c)) return 0x30;
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x3400 && c <= 0x4dbf)) return c;
  return -1;
}

/** 。！？； and !?; */
const isSentenceEnd = (c: number) => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b;

/** An Int32Array or Uint16Array that grows: the scratch space one report is laid out in. */
class Grow<T extends Int32Array | Uint16Array> {
  length = 0;
  constructor(public data: T) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(Math.max(64, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  /** Room for `n` more. */
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    const bigger = new (this.data.constructor as new (n: number) => T)(Math.max(this.length + n, this.data.length * 2));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
  copy(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * A piece's text normalized into `chars` (from 0; grown as needed), with where its characters are in the
 * document as runs: `breaks` holds the position of each character that does not follow the one before
 * it in the document (the first, and each after a skipped character), and `breakOffsets` its offset.
 * `sentence(from, to)` is called for each sentence (ended by 。！？；), as [from, to) of `chars`, with
 * everything up to `to` in place.
 */
function normalize(piece: TextPiece, scratch: Scratch, sentence: (from: number, to: number) => void): void {
  const { chars, breaks, breakOffsets } = scratch;
  chars.length = breaks.length = breakOffsets.length = 0;
  chars.reserve(piece.text.length);
  const c16 = chars.data;
  let n = 0;
  let from = 0;
  let last = -2;
  for (let i = 0; i < piece.text.length; i++) {
    const c = piece.text.charCodeAt(i);
    const m = normalChar(c);
    if (m >= 0) {
      if (i !== last + 1) {
        breaks.push(n);
        breakOffsets.push(piece.start + i);
      }
      last = i;
      c16[n++] = m;
    } else if (isSentenceEnd(c)) {
      if (n > from) sentence(from, n);
      from = n;
    }
  }
  chars.length = n;
  if (n > from) sentence(from, n);
}

/** The scratch space of `layout`, reused from report to report. */
export class Scratch {
  chars = new Grow(new Uint16Array(1024));
  breaks = new Grow(new Int32Array(256));
  breakOffsets = new Grow(new Int32Array(256));
  /** The report's normalized text, SEPARATOR between runs that do not touch. */
  text = new Grow(new Uint16Array(4096));
  starts = new Grow(new Int32Array(256));
  runOffsets = new Grow(new Int32Array(256));
  sectionStarts = new Grow(new Int32Array(8));
  sections: number[] = [];
}

/** A report laid out: its normalized text (in `scratch.text`, valid until the next layout), its runs and its length. */
export interface Layout {
  runs: Runs;
  total: number;
}

/**
 * A report's sentences that `keep` keeps (given each sentence's number in the report, from 0, and its
 * size), normalized and joined into `scratch.text`: a SEPARATOR where a sentence was removed and
 * between pieces. (Exported for the tests, as are `Scratch`, `offsetAt` and `sectionAt`.)
 */
export function layout(input: ReuseInput, keep: (sentence: number, size: number) => boolean, scratch: Scratch): Layout {
  const { chars, breaks, breakOffsets, text, starts, runOffsets, sectionStarts, sections } = scratch;
  text.length = starts.length = runOffsets.length = sectionStarts.length = sections.length = 0;
  let total = 0;
  let sentence = 0;
  const section = (at: number, s: number) => {
    if (!sections.length || sections[sections.length - 1] !== s) {
      sectionStarts.push(at);
      sections.push(s);
    }
  };
  for (const piece of input.pieces) {
    let joined = false;
    /** The piece's last break at or before the sentence. */
    let b = 0;
    normalize(piece, scratch, (from, to) => {
      const size = to - from;
      if (!keep(sentence++, size)) {
        joined = false;
        return;
      }
      if (!joined && text.length) {
        section(text.length, piece.section);
        starts.push(text.length);
        runOffsets.push(-1);
        text.push(SEPARATOR);
      }
      section(text.length, piece.section);
      text.reserve(size);
      text.data.set(chars.data.subarray(from, to), text.length);
      // A run starts with each sentence (a sentence follows the punctuation that ended the one before,
      // so never continues it), and at each break inside it.
      while (b + 1 < breaks.length && breaks.data[b + 1] <= from) b++;
      starts.push(text.length);
      runOffsets.push(breakOffsets.data[b] + (from - breaks.data[b]));
      while (b + 1 < breaks.length && breaks.data[b + 1] < to) {
        b++;
        starts.push(text.length + breaks.data[b] - from);
        runOffsets.push(breakOffsets.data[b]);
      }
      text.length += size;
      total += size;
      joined = true;
    });
  }
  if (!starts.length) {
    starts.push(0);
    runOffsets.push(-1);
  }
  if (!sections.length) section(0, 0);
  return { runs: { starts: starts.copy(), offsets: runOffsets.copy(), sectionStarts: sectionStarts.copy(), sections: Uint8Array.from(sections) }, total };
}

function prepare(inputs: ReuseInput[]): Prepared[] {
  const scratch = new Scratch();
  // Sentences many bodies write: boilerplate of this batch. Counted first, over every report, each
  // sentence's text numbered; the reports are laid out after, one at a time, their text kept only as
  // long as its shingles take.
  const numbers = new Map<string, number>();
  // Most sentences are one body's: the body itself is kept, a set only from the second body on.
  const firstBody: string[] = [];
  const more = new Map<number, Set<string>>();
  /** The format's own sentences, by number. */
  const format: boolean[] = [];
  // Each report's sentences, by number (-1: shorter than MIN_SENTENCE).
  const sentencesOf = inputs.map(input => {
    const body = input.body ?? `#${input.id}`;
    const out = new Grow(new Int32Array(16));
    for (const piece of input.pieces) {
      normalize(piece, scratch, (from, to) => {
        if (to - from < MIN_SENTENCE) {
          out.push(-1);
          return;
        }
        const key = String.fromCharCode.apply(null, scratch.chars.data.subarray(from, Math.min(to, from + 4000)) as unknown as number[]);
        let n = numbers.get(key);
        if (n === undefined) {
          n = firstBody.length;
          numbers.set(key, n);
          firstBody.push(body);
          format.push(FORMAT_SENTENCES.some(re => re.test(key)));
        } else if (firstBody[n] !== body) {
          const set = more.get(n);
          if (set) set.add(body);
          else more.set(n, new Set([firstBody[n], body]));
        }
        out.push(n);
      });
    }
    return out.copy();
  });
  numbers.clear();
  const distinctBodies = new Set(inputs.map(i => i.body ?? `#${i.id}`)).size;
  const common = Math.max(COMMON_BODIES, Math.ceil(COMMON_SHARE * distinctBodies));
  const boiler = format.map((f, n) => f || (more.get(n)?.size ?? 1) >= common);
  return inputs.map((input, r) => {
    const numbered = sentencesOf[r];
    const { runs, total } = layout(input, (s, size) => size >= MIN_SENTENCE && !boiler[numbered[s]], scratch);
    return { input, hashes: shingles(scratch.text.data, scratch.text.length), runs, total };
  });
}

/** The hash of the shingle starting at each position (-1 where it holds a separator or runs out). */
function shingles(chars: Uint16Array, n: number): Int32Array {
  const out = new Int32Array(Math.max(0, n - K + 1)).fill(-1);
  if (n < K) return out;
  let pow = 1;
  for (let i = 0; i < K - 1; i++) pow = (pow * B) % P;
  let h = 0;
  let lastSeparator = -1;
  for (let i = 0; i < n; i++) {
    const c = chars[i];
    if (c === SEPARATOR) lastSeparator = i;
    if (i >= K) h = (h - ((chars[i - K] * pow) % P) + P) % P;
    h = (h * B + c) % P;
    const start = i - K + 1;
    if (start >= 0 && lastSeparator < start) out[start] = h;
  }
  return out;
}

/** Winnowing: the least hash of every window of W shingles, once each, in increasing order. */
function fingerprints(hashes: Int32Array): Int32Array {
  const picked = new Int32Array(Math.max(0, hashes.length - W + 1));
  let n = 0;
  for (let i = 0; i + W <= hashes.length; i++) {
    let best = -1;
    for (let j = i; j < i + W; j++) if (hashes[j] >= 0 && (best < 0 || hashes[j] <= best)) best = hashes[j];
    if (best >= 0 && (n === 0 || picked[n - 1] !== best)) picked[n++] = best;
  }
  const sorted = picked.subarray(0, n).sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i];
  return sorted.subarray(0, u);
}

function sliceText(pieces: TextPiece[], at: OffsetRange): string {
  const p = pieces.find(x => x.start <= at.start && at.end <= x.start + x.text.length);
  return p ? p.text.slice(at.start - p.start, at.end - p.start) : '';
}

/** What of `a` is found in `b`: passages of at least MIN_PASSAGE shared characters. */
/**
 * Where each shingle of a report is: a hash table of typed arrays (open addressing), each hash with its
 * first place, and the places of a shingle written more than once chained in order. A few bytes per
 * shingle, where a Map of numbers takes tens.
 */
export interface ShingleIndex {
  /** The hash in each slot (-1: empty); the table's size is a power of two. */
  slots: Int32Array;
  /** The first place of the slot's hash. */
  firsts: Int32Array;
  /** The next place of the same hash after each place (-1: none). */
  next: Int32Array;
}

/** The slot a hash starts probing at. */
const slotOf = (h: number, mask: number) => Math.imul(h ^ (h >>> 16), 0x2c1b3c6d) & mask;

/** A report's shingle index (exported for the tests, as is `firstPlace`). */
export function indexShingles(hashes: Int32Array): ShingleIndex {
  let count = 0;
  for (let i = 0; i < hashes.length; i++) if (hashes[i] >= 0) count++;
  let size = 16;
  while (size < count * 1.5) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const firsts = new Int32Array(size);
  /** The last place seen of each slot's hash, to chain the next one to. */
  const lasts = new Int32Array(size);
  const next = new Int32Array(hashes.length).fill(-1);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (h < 0) continue;
    let s = slotOf(h, mask);
    while (slots[s] >= 0 && slots[s] !== h) s = (s + 1) & mask;
    if (slots[s] < 0) {
      slots[s] = h;
      firsts[s] = i;
    } else next[lasts[s]] = i;
    lasts[s] = i;
  }
  return { slots, firsts, next };
}

/** The first place of a hash in the index, or -1. */
export function firstPlace(index: ShingleIndex, h: number): number {
  const { slots } = index;
  const mask = slots.length - 1;
  let s = slotOf(h, mask);
  for (;;) {
    const at = slots[s];
    if (at === h) return index.firsts[s];
    if (at < 0) return -1;
    s = (s + 1) & mask;
  }
}

function compare(a: Prepared, b: Prepared, inB: ShingleIndex, previousYear: boolean): ReuseMatch | null {
  const ha = a.hashes;
  const passages: Passage[] = [];
  let chars = 0;
  // A passage: shingles of a that follow each other, found at places of b that follow each other
  // (over gaps of a few characters, where a word was changed). A shingle out of step starts a new one.
  let run: { first: number; section: number; firstB: number; last: number; lastB: number; end: number; covered: number } | null = null;
  const close = () => {
    if (!run || run.covered < MIN_PASSAGE) return;
    const at = { start: offsetAt(a.runs, run.first), end: offsetAt(a.runs, run.end - 1) + 1 };
    const other = { start: offsetAt(b.runs, run.firstB), end: offsetAt(b.runs, run.lastB + K - 1) + 1 };
    if (at.start < 0 || other.start < 0 || at.end <= at.start || other.end <= other.start) return;
    chars += run.covered;
    passages.push({
      section: run.section, at, text: sliceText(a.input.pieces, at), chars: run.covered,
      other: { section: sectionAt(b.runs, run.firstB), at: other, text: sliceText(b.input.pieces, other) },
    });
  };
  // The section of position i: a's sections followed as i goes up.
  const { sectionStarts, sections } = a.runs;
  let span = 0;
  for (let i = 0; i < ha.length; i++) {
    const first = ha[i] >= 0 ? firstPlace(inB, ha[i]) : -1;
    if (first < 0) continue;
    while (span + 1 < sectionStarts.length && sectionStarts[span + 1] <= i) span++;
    const section = sections[span];
    if (run && i <= run.end + GAP && section === run.section) {
      const expected = run.lastB + (i - run.last);
      // The place nearest the expected one (the first of those as near).
      let near = first;
      for (let p = inB.next[first]; p >= 0; p = inB.next[p]) if (Math.abs(p - expected) < Math.abs(near - expected)) near = p;
      if (near > run.lastB && Math.abs(near - expected) <= GAP) {
        run.covered += Math.max(0, i + K - Math.max(run.end, i));
        run.end = Math.max(run.end, i + K);
        run.last = i;
        run.lastB = near;
        continue;
      }
    }
    close();
    run = { first: i, section, firstB: first, last: i, lastB: first, end: i + K, covered: K };
  }
  close();
  if (!passages.length) return null;
  return { other: b.input.id, previousYear, chars, total: a.total, share: a.total ? chars / a.total : 0, passages };
}

/**
 * Every report's reuse: from its body's report of the year before (`previousOf`: report id → the
 * previous report's id), and from other bodies' reports of the batch.
 */
export function findReuse(inputs: ReuseInput[], previousOf: Map<string, string>): ReuseResult {
  const prepared = prepare(inputs);
  // Each report's shingle index, built once, when it is first compared.
  const indexes = new Map<number, ShingleIndex>();
  const indexOf = (r: number) => indexes.get(r) ?? indexes.set(r, indexShingles(prepared[r].hashes)).get(r)!;
  const index = new Map<string, number>(inputs.map((x, i) => [x.id, i]));
  const matches = new Map<string, ReuseMatch[]>(inputs.map(x => [x.id, []]));
  const totals = new Map<string, number>(prepared.map(p => [p.input.id, p.total]));
  let compared = 0;
  // The year before: always compared.
  for (const [id, before] of previousOf) {
    const a = index.get(id);
    const b = index.get(before);
    if (a === undefined || b === undefined) continue;
    compared++;
    const m = compare(prepared[a], prepared[b], indexOf(b), true);
    if (m) matches.get(id)!.push(m);
  }
  // Other bodies: pairs that share fingerprints, found through an inverted index. A fingerprint in
  // many reports is common text; it is left out, which keeps the pairs counted linear in the batch.
  const n = inputs.length;
  const cap = COMMON_FINGERPRINT;
  // (fingerprint, report) as one number, sorted: each fingerprint's reports are a run of it.
  const REPORTS = 1048576;
  const prints = prepared.map(p => fingerprints(p.hashes));
  const keys = new Float64Array(prints.reduce((k, f) => k + f.length, 0));
  let at = 0;
  prints.forEach((fps, r) => {
    for (let i = 0; i < fps.length; i++) keys[at++] = fps[i] * REPORTS + r;
  });
  keys.sort();
  const shared = new Map<number, number>();
  for (let i = 0; i < keys.length;) {
    const fp = Math.floor(keys[i] / REPORTS);
    let j = i + 1;
    while (j < keys.length && Math.floor(keys[j] / REPORTS) === fp) j++;
    if (j - i >= 2 && j - i <= cap) {
      for (let x = i; x < j; x++) {
        for (let y = x + 1; y < j; y++) {
          const a = keys[x] % REPORTS;
          const b = keys[y] % REPORTS;
          const bodyA = inputs[a].body;
          if (bodyA !== null && bodyA === inputs[b].body) continue;
          const key = a * n + b;
          shared.set(key, (shared.get(key) ?? 0) + 1);
        }
      }
    }
    i = j;
  }
  for (const [key, count] of shared) {
    if (count < MIN_SHARED) continue;
    const a = Math.floor(key / n);
    const b = key % n;
    compared++;
    const ab = compare(prepared[a], prepared[b], indexOf(b), false);
    const ba = compare(prepared[b], prepared[a], indexOf(a), false);
    if (ab) matches.get(inputs[a].id)!.push(ab);
    if (ba) matches.get(inputs[b].id)!.push(ba);
  }
  for (const list of matches.values()) list.sort((x, y) => Number(y.previousYear) - Number(x.previousYear) || y.share - x.share);
  return { matches, totals, compared };
}
