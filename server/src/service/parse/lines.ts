/**
 * The line classifier: one walk over each line's characters, when the source is read, records what
 * the parser's passes ask of a line — whether it is blank, what its first character after any markup
 * is, whether it holds a digit, which section signatures it carries — as numbers in typed arrays
 * indexed by the line's number (no strings, a bounded allocation). The passes read the record instead
 * of scanning the line again; each class is a *necessary* condition of what a pass looks for (a line
 * that may start a heading, a subsection title), so a pass skips a line the record rules out and
 * reads the others as before: the model is the same.
 */
import { SECTIONS } from '../format';
import { isSpace } from './prose';
import type { Line } from './text';

/** Every character is a space: `text.trim() === ''`. */
export const BLANK = 1;
/** Its first character after markup (`#`, `*`, `>`, spaces: `stripMarkup`) is a section numeral (一…十) or 第. */
export const HEADING_START = 2;
/** Its first character after markup is `（` or `(`: it may be a subsection title. */
export const SUBSECTION_START = 4;
/** It holds an ASCII digit. */
export const DIGIT = 8;
/** It holds every signature group of some section (`SECTIONS[k].signature`), as its normal form would. */
export const SIGNED = 16;

/** The classes of a text's lines, indexed by `Line.index`; each describes the whole line. */
export interface LineClasses {
  flags: Uint8Array;
  /** The signature groups whose words the line holds, one bit per (section, group): `signatureMask(k)`. */
  signatures: Int32Array;
}

/** `stripMarkup`'s markup: `#`, `*`, `>` and spaces (what `/\s/` and `trim` take: `isSpace`). */
const isMarkup = (c: number) => c === 0x23 || c === 0x2a || c === 0x3e || isSpace(c);

const HEADING_FIRSTS = new Set('一二三四五六七八九十第'.split('').map(c => c.charCodeAt(0)));

/**
 * What `normalizeLabel` leaves out of a label (normalize.ts `SKIPPED`): a signature word, all Chinese
 * characters, is in a text's normal form exactly when its characters stand in the text in order with
 * only these between them (normalizing maps and renumbers only ASCII, brackets and punctuation).
 */
const SKIPPED = ' \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000“”"\'‘’「」『』《》〈〉*#_`';
const SKIP = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of SKIPPED) t[c.charCodeAt(0)] = 1;
  return t;
})();

/** The signature words, each with its group's bit, by first character. */
interface SignatureWord {
  codes: number[];
  bit: number;
}
const WORDS_BY_FIRST = new Map<number, SignatureWord[]>();
/** Each section's groups, as a mask of bits. */
const SECTION_MASKS: number[] = [];
{
  let bit = 0;
  for (const s of SECTIONS) {
    let mask = 0;
    for (const any of s.signature) {
      const b = 1 << bit++;
      for (const word of any) {
        if (!/^\p{Script=Han}+$/u.test(word)) throw new Error(`a signature word is Chinese characters only: ${word}`);
        const codes = [...word].map(c => c.charCodeAt(0));
        const list = WORDS_BY_FIRST.get(codes[0]) ?? [];
        list.push({ codes, bit: b });
        WORDS_BY_FIRST.set(codes[0], list);
      }
      mask |= b;
    }
    SECTION_MASKS.push(mask);
  }
  if (bit > 31) throw new Error('too many signature groups for one bit mask');
}

/**
 * What each UTF-16 unit is to the walk, one table lookup per character (a Map lookup per character costs
 * more than the rest of the walk): 1 for an ASCII digit, else twice (1 + the index of the signature words
 * it starts in `WORD_LISTS`), 0 for the rest.
 */
const WORD_LISTS = [...WORDS_BY_FIRST.values()];
const CHAR_CLASS = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) t[c] = 1;
  if (WORD_LISTS.length > 126) throw new Error('too many first characters of signature words for the table');
  [...WORDS_BY_FIRST.keys()].forEach((c, k) => { t[c] = (k + 1) << 1; });
  return t;
})();

/** The bits of section `k`'s signature groups (its position in `SECTIONS`). */
export const signatureMask = (k: number): number => SECTION_MASKS[k];

/** Whether the characters of `codes` stand in `text` from `at` on with only skipped characters between them. */
function wordAt(text: string, at: number, codes: number[]): boolean {
  let i = at + 1;
  for (let k = 1; k < codes.length; k++) {
    while (i < text.length && SKIP[text.charCodeAt(i)]) i++;
    if (i >= text.length || text.charCodeAt(i) !== codes[k]) return false;
    i++;
  }
  return true;
}

/** The signature groups whose words `text`'s normal form holds, as bits. */
export function signatureBits(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const words = WORDS_BY_FIRST.get(text.charCodeAt(i));
    if (!words) continue;
    for (const w of words) if (!(bits & w.bit) && wordAt(text, i, w.codes)) bits |= w.bit;
  }
  return bits;
}

/** Whether `bits` hold every group of some section's signature. */
export function signsASection(bits: number): boolean {
  for (const mask of SECTION_MASKS) if ((bits & mask) === mask) return true;
  return false;
}

/** Classify each line, reading its characters once. */
export function classifyLines(lines: readonly Line[]): LineClasses {
  const flags = new Uint8Array(lines.length);
  const signatures = new Int32Array(lines.length);
  for (let n = 0; n < lines.length; n++) classifyLine(lines[n].text, n, flags, signatures);
  return { flags, signatures };
}

/** Classify one line (`text`, the line's number `n`), into the arrays of a text's classes. */
export function classifyLine(text: string, n: number, flags: Uint8Array, signatures: Int32Array): void {
  let f = 0;
  let i = 0;
  while (i < text.length && isMarkup(text.charCodeAt(i))) i++;
  if (i < text.length) {
    const first = text.charCodeAt(i);
    if (HEADING_FIRSTS.has(first)) f |= HEADING_START;
    else if (first === 0xff08 || first === 0x28) f |= SUBSECTION_START;
  }
  // Markup ends at the first character that is no space, or earlier: the line is blank when its markup is all spaces.
  let blank = true;
  for (let j = 0; j < i && blank; j++) if (!isSpace(text.charCodeAt(j))) blank = false;
  if (i < text.length) blank = false;
  let bits = 0;
  for (let j = 0; j < text.length; j++) {
    const k = CHAR_CLASS[text.charCodeAt(j)];
    if (!k) continue;
    if (k === 1) {
      f |= DIGIT;
      continue;
    }
    const words = WORD_LISTS[(k >> 1) - 1];
    for (let w = 0; w < words.length; w++) if (!(bits & words[w].bit) && wordAt(text, j, words[w].codes)) bits |= words[w].bit;
  }
  if (blank) f |= BLANK;
  if (signsASection(bits)) f |= SIGNED;
  flags[n] = f;
  signatures[n] = bits;
}
