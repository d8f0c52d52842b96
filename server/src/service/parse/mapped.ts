/**
 * Text derived from the document (prose with line wraps removed, a normalized label, a sentence) that
 * remembers where each of its characters stands in the document: one type, one range mapper.
 */
/** Half-open range of UTF-16 offsets into the document. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface MappedText {
  text: string;
  /** Document offset (UTF-16) of each character of `text`: an Int32Array wherever the parser makes one. */
  offsets: ArrayLike<number>;
}

export const EMPTY_MAPPED: MappedText = Object.freeze({ text: '', offsets: new Int32Array(0) });

/** The document range of text[from, to). Indexes past the end are clamped to the last character. */
export function rangeOf(m: MappedText, from: number, to: number): OffsetRange {
  const n = m.offsets.length;
  if (!n) return { start: 0, end: 0 };
  const a = m.offsets[Math.min(Math.max(from, 0), n - 1)];
  const b = m.offsets[Math.min(Math.max(to - 1, from, 0), n - 1)] + 1;
  return { start: a, end: Math.max(a, b) };
}

/** A piece of document text and the offset of its first character. */
export interface TextPiece {
  text: string;
  start: number;
}

/** Work done by the parser, counted in elementary steps so that a test can check it grows linearly. */
export interface Meter {
  units: number;
}
