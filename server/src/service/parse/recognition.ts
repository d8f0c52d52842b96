/**
 * Traces that OCR leaves in a text and typing or a PDF's text layer do not: numbering in half-width
 * brackets with a space inside 「( 一 )」「(一 )」, brackets of two kinds around a numeral 「〈一)」「《六)」
 * 「【2019 ]」, a letter among digits 「9D5」「S5500」. A writer may type one of these; four or more in one
 * text are the recogniser's (measured on tesseract chi_sim over the converter matrix: 6–14 in each OCR'd
 * report, none in any other tool's output or in the samples).
 */
import type { OffsetRange } from './model';

/** How many traces make a text OCR'd. */
export const MIN_RECOGNITION_TRACES = 4;

const NUMERAL = '[一二三四五六七八九十]{1,3}';
/** 「( 一 )」「(一 )」「（ 二）」: a space inside the brackets of an item's numbering. */
const SPACED = new RegExp(`[(（][ \\t]+${NUMERAL}[ \\t]*[)）]|[(（]${NUMERAL}[ \\t]+[)）]`, 'g');
/** A numeral, or a year, between brackets of two different kinds: 「〈一)」「《六)」「【2019 ]」. */
const MIXED = new RegExp(`([〈《【\\[(（])[ \\t]?(?:${NUMERAL}|\\d{4})[ \\t]?([)）〉》】\\]])`, 'g');
/** A letter read for a digit: 「9D5」「S5500」 — standing alone, not part of a word or code. */
const LETTER_DIGIT = /(?<![0-9A-Za-z_.-])(?:\d{1,4}[DOSIlBZ]\d{1,4}|[SDO]\d{3,6})(?![0-9A-Za-z_.-])/g;

const KIND: Record<string, string> = { '(': '(', '（': '(', ')': '(', '）': '(', '〈': '〈', '〉': '〈', '《': '《', '》': '《', '【': '【', '】': '【', '[': '[', ']': '[' };

/** Where the text bears OCR's traces (in text order); fewer than MIN_RECOGNITION_TRACES is an ordinary text. */
export function recognitionTraces(text: string): OffsetRange[] {
  const traces: OffsetRange[] = [];
  for (const m of text.matchAll(SPACED)) traces.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(MIXED)) {
    if (KIND[m[1]] !== KIND[m[2]]) traces.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(LETTER_DIGIT)) traces.push({ start: m.index, end: m.index + m[0].length });
  return traces.sort((a, b) => a.start - b.start);
}

/**
 * `recognitionTraces(text)` from the traces of the text before an edit: no trace reaches over a line
 * feed (the patterns hold no line break), so the lines the edit did not touch keep theirs, moved by it,
 * and only the lines it touched are searched again.
 */
export function recognitionTracesAfterEdit(text: string, before: string, traces: OffsetRange[]): OffsetRange[] {
  const n0 = before.length;
  const n1 = text.length;
  const shorter = Math.min(n0, n1);
  let p = 0;
  while (p < shorter && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < shorter - p && before.charCodeAt(n0 - 1 - s) === text.charCodeAt(n1 - 1 - s)) s++;
  // The lines the edit touched, in the new text: from the line feed before it to the one after it.
  const from = p > 0 ? text.lastIndexOf('\n', p - 1) + 1 : 0;
  const feed = text.indexOf('\n', n1 - s);
  const to = feed < 0 ? n1 : feed;
  const delta = n1 - n0;
  const out: OffsetRange[] = [];
  for (const t of traces) if (t.end <= from) out.push(t);
  for (const t of recognitionTraces(text.slice(from, to))) out.push({ start: t.start + from, end: t.end + from });
  for (const t of traces) if (t.start >= to - delta) out.push({ start: t.start + delta, end: t.end + delta });
  return out;
}

/** Whether a text reads as OCR's output: enough traces that no writer left them all. */
export function isRecognisedText(traces: OffsetRange[]): boolean {
  return traces.length >= MIN_RECOGNITION_TRACES;
}
