/** Sentences of the report's prose (outside its tables) and the figures they state. */
import { rangeOf, type MappedText, type OffsetRange, type ReportModel } from '../parse';
import { FactsMemo, textsOf, type SentenceSpot } from './memo';

/** A sentence of the prose: its text and where each character stands in the document. */
export type Sentence = MappedText;

const HEADING_START = /^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/;

/** The prose with line wraps removed, outside the tables, cut into sentences at 。！？ */
export function readSentences(model: ReportModel): Sentence[] {
  const out: Sentence[] = [];
  const text = model.prose.text;
  const offsets = model.prose.offsets as Int32Array;
  const whole = model.text;
  const length = text.length;
  // A sentence is a stretch [from, i) of the prose: its text and its offsets are views of the prose's.
  let from = 0;
  const ranges = [...model.tableRanges].sort((a, b) => a.start - b.start);
  // The first table range not wholly before the current offset, as two numbers (none left: both infinite).
  let r = 0;
  let lo = ranges.length ? ranges[0].start : Infinity;
  let hi = ranges.length ? ranges[0].end : Infinity;
  let prev = -2;
  for (let i = 0; i < length; i++) {
    const at = offsets[i];
    while (hi <= at) {
      r++;
      lo = r < ranges.length ? ranges[r].start : Infinity;
      hi = r < ranges.length ? ranges[r].end : Infinity;
    }
    if (lo <= at) {
      // Inside a table (at < hi here): no sentence runs through it.
      flushSentence(out, text, offsets, from, i);
      from = i + 1;
      continue;
    }
    const c = text.charCodeAt(i);
    // A line that opens with a heading number (一、 （二）) starts a new sentence: after a gap in the offsets
    // that holds a line break (the first one after the last character is before this one).
    if (at - prev > 1 && prev >= 0 && isHeadingDigit(c)) {
      const nl = whole.indexOf('\n', prev + 1);
      if (nl >= 0 && nl < at && HEADING_START.test(text.slice(i, i + 5))) {
        flushSentence(out, text, offsets, from, i);
        from = i;
      }
    }
    prev = at;
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f) { // 。！？
      flushSentence(out, text, offsets, from, i + 1);
      from = i + 1;
    }
  }
  flushSentence(out, text, offsets, from, length);
  return out;
}

/** The stretch [from, to) of the prose as a sentence, unless it is empty or only spaces. */
function flushSentence(out: Sentence[], text: string, offsets: Int32Array, from: number, to: number): void {
  if (to <= from) return;
  const t = text.slice(from, to);
  if (t.trim()) out.push({ text: t, offsets: offsets.subarray ? offsets.subarray(from, to) : Array.prototype.slice.call(offsets, from, to) });
}

/** The first character of a heading number: （ ( or a numeral. */
function isHeadingDigit(c: number): boolean {
  return HEADING_DIGITS.includes(c);
}
const HEADING_DIGITS = [...'（(一二三四五六七八九十'].map(ch => ch.charCodeAt(0));

/** The units prose counts things in (办理…件, 发布…条): not a table cell's units (parse/units.ts). */
export const COUNT_UNIT = '件|条|次|个|项|份|篇|期|人|家|批|场';
const NUM = '(?<![\\d,.])(\\d{1,9}(?:,\\d{3}){0,3})';

export interface Part {
  value: number;
  range: OffsetRange;
  /** 「占…的 p%」 written after the part. */
  percent?: { value: number; decimals: number; range: OffsetRange };
}

export interface Breakdown {
  total: number;
  approx: boolean;
  unit: string;
  totalRange: OffsetRange;
  parts: Part[];
  /** The parts reached the total exactly. */
  complete: boolean;
  /** 「其中包括…」「其中如…」: examples named from the total, not a partition of it. */
  examples: boolean;
}

/** After 其中, these words introduce examples, not the parts that make up the total. */
const EXAMPLES = /^\s{0,3}[：:，,]?\s{0,3}(?:包括|包含|主要有|有|如|例如|涉及)/;

/** 「共…N 件」, or any 「N 件，其中」 */
const TOTAL = new RegExp(`(?:(?:共|累计|总计|合计)[^。；，,\\d（(]{0,24}?${NUM}\\s{0,3}(余|多)?\\s{0,3}(${COUNT_UNIT})|${NUM}\\s{0,3}(余|多)?\\s{0,3}(${COUNT_UNIT})(?=\\s{0,3}[，,]?\\s{0,3}其中))`, 'g');
/** A number written in digits somewhere in a text: what a sentence must hold to state a count. */
export const HAS_DIGIT = /\d/;
/** 「123 次（条）」: a second unit the parts may use. */
const ALT_COUNT_UNIT = new RegExp(`^\\s{0,3}（(${COUNT_UNIT})）`);

/**
 * 「共收到建议 118 件，其中 A 类 11 件，占承办总数的 9.3%；B 类 …」: a total with 共/累计/合计, then
 * 其中 and parts in the same unit, outside parentheses, until they reach the total.
 */
export function readBreakdowns(all: Sentence[], memo?: FactsMemo): Breakdown[] {
  let placed: BreakdownAt[];
  const last = memo?.breakdowns;
  if (memo && last && FactsMemo.sameTexts(last.texts, all)) {
    memo.counts.reused++;
    placed = last.value as BreakdownAt[];
    last.texts = textsOf(all);
  } else {
    placed = breakdownsAt(all);
    if (memo) {
      memo.counts.computed++;
      memo.breakdowns = { texts: textsOf(all), value: placed };
    }
  }
  const range = (at: SentenceSpot) => rangeOf(all[at.k], at.from, at.to);
  return placed.map(b => ({
    total: b.total, approx: b.approx, unit: b.unit, totalRange: range(b.totalAt),
    parts: b.parts.map(p => {
      const part: Part = { value: p.value, range: range(p.at) };
      if (p.percent) part.percent = { value: p.percent.value, decimals: p.percent.decimals, range: range(p.percent.at) };
      return part;
    }),
    complete: b.complete, examples: b.examples,
  }));
}

/** A breakdown with its places as places in the sentences (what the memo keeps: the same wherever the sentences moved). */
interface BreakdownAt {
  total: number;
  approx: boolean;
  unit: string;
  totalAt: SentenceSpot;
  parts: { value: number; at: SentenceSpot; percent?: { value: number; decimals: number; at: SentenceSpot } }[];
  complete: boolean;
  examples: boolean;
}

function breakdownsAt(all: Sentence[]): BreakdownAt[] {
  const out: BreakdownAt[] = [];
  all.forEach((s, k) => {
    // A total is a number in digits: a sentence without a digit states none.
    if (!HAS_DIGIT.test(s.text)) return;
    // Depths are counted only for a sentence that states a total.
    let counted: number[] | null = null;
    TOTAL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOTAL.exec(s.text)) !== null) {
      const depth = (counted ??= depths(s.text));
      if (depth[m.index] > 0) continue;
      const [num, approx, unit] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
      const total = Number(num.replace(/,/g, ''));
      const numAt = m.index + m[0].indexOf(num);
      let segment: Sentence | null = null;
      let segmentIndex = k;
      let from = 0;
      let after = m.index + m[0].length;
      const alt = ALT_COUNT_UNIT.exec(s.text.slice(after));
      if (alt) after += alt[0].length;
      const units = alt ? `${unit}|${alt[1]}` : unit;
      const q = findOutside(s.text, depth, '其中', after);
      // 其中 right after the total (a parenthesis or a short clause between), or opening the next sentence.
      const between = q >= 0 ? s.text.slice(after, q).split('').filter((_, i) => depth[after + i] === 0 && !'（(）)'.includes(s.text[after + i])).length : 0;
      if (q >= 0 && between <= 12) {
        segment = s;
        from = q + 2;
      } else if (q < 0 && k + 1 < all.length && all[k + 1].text.trimStart().startsWith('其中') && s.text.length - after <= 2) {
        segment = all[k + 1];
        segmentIndex = k + 1;
        from = segment.text.indexOf('其中') + 2;
      }
      if (!segment) continue;
      const examples = EXAMPLES.test(segment.text.slice(from));
      const partRe = new RegExp(`${NUM}\\s{0,3}(?:${units})`, 'g');
      partRe.lastIndex = from;
      const segDepth = segment === s ? depth : depths(segment.text);
      const parts: BreakdownAt['parts'] = [];
      let sum = 0;
      let p: RegExpExecArray | null;
      let lastEnd = from;
      while ((p = partRe.exec(segment.text)) !== null) {
        if (segDepth[p.index] > 0 || /^[\d.]/.test(segment.text[p.index - 1] ?? '')) continue;
        // A second 其中 opens a breakdown of the last part: its parts (and their shares) are that part's.
        const nested = findOutside(segment.text, segDepth, '其中', lastEnd);
        if (nested >= 0 && nested < p.index) break;
        lastEnd = p.index + p[0].length;
        const value = Number(p[1].replace(/,/g, ''));
        const part: BreakdownAt['parts'][number] = { value, at: { k: segmentIndex, from: p.index, to: p.index + p[1].length } };
        // 「16 件（含…），占承办总数的 13.6%」: step over a parenthesis after the part.
        let e = p.index + p[0].length;
        while (e < segment.text.length && /\s/.test(segment.text[e])) e++;
        if (segment.text[e] === '（' || segment.text[e] === '(') {
          let k = e + 1;
          while (k < segment.text.length && segDepth[k + 1] > segDepth[e]) k++;
          e = k + 1;
        }
        const pm = /^[^。；\d]{0,16}?占[^。；\d]{0,12}?(\d{1,3}(?:\.(\d{1,4}))?)\s{0,3}[%％]/.exec(segment.text.slice(e));
        if (pm) {
          const pAt = e + pm.index + pm[0].indexOf(pm[1]);
          part.percent = { value: Number(pm[1]), decimals: pm[2]?.length ?? 0, at: { k: segmentIndex, from: pAt, to: pAt + pm[1].length } };
        }
        parts.push(part);
        sum += value;
        if (sum >= total) break;
      }
      if (parts.length) {
        out.push({ total, approx: !!approx, unit, totalAt: { k, from: numAt, to: numAt + num.length }, parts, complete: sum === total, examples });
      }
    }
  });
  return out;
}

/** Parenthesis depth before each index: parts inside （…） are a breakdown of their own. */
export function depths(text: string): number[] {
  const out = new Array<number>(text.length + 1);
  let d = 0;
  for (let k = 0; k < text.length; k++) {
    out[k] = d;
    const c = text[k];
    if (c === '（' || c === '(') d++;
    else if ((c === '）' || c === ')') && d > 0) d--;
  }
  out[text.length] = d;
  return out;
}

function findOutside(text: string, depth: number[], needle: string, from: number): number {
  let at = text.indexOf(needle, from);
  while (at >= 0 && depth[at] > 0) at = text.indexOf(needle, at + needle.length);
  return at;
}
