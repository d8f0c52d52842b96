/**
 * The text as the parser sees it. `clean` has exactly the length of the source, so every offset
 * found in it is an offset into the user's document (UTF-16 units, as LSP wants): extraction
 * artifacts and page footers are blanked with spaces, full-width digits and signs become ASCII.
 */

import { classifyLine, classifyLines, type LineClasses } from './lines';
import { isSpace } from './prose';

export interface Line {
  /** 0-based line number. */
  index: number;
  start: number;
  /** Offset of the line end (before its line break). */
  end: number;
  /** The cleaned text of the line. */
  text: string;
  /** True for a line that had only a footer or artifact and is blank now. */
  blanked: boolean;
}

export interface SourceText {
  source: string;
  clean: string;
  lines: Line[];
  /** What each line is, read once (lines.ts): the passes ask it instead of scanning the line again. */
  classes: LineClasses;
}

/** `[image: …]`, `[bookmark: …]` and similar markers that Word-to-text converters leave. */
const ARTIFACT = /\[(?:image|bookmark|img|picture|图片)\s*:[^\]\n]{0,200}\]/gi;
/**
 * Inline HTML tags left in Markdown by converters (pandoc's gfm of a web page wraps each cell's text in
 * `<span style=…>`): markup, not text. A tag starts with a letter, so `a < b` or `<5` is left alone.
 */
const INLINE_TAG = /<\/?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,300})?\/?>/g;
/** pdf2md's mark for raised (superscript) text: `(^…)`. */
const RAISED = /\(\^([^()\n]{0,300})\)/g;
/** The same mark without brackets, glued before a number: `相关政府信息^746`. */
const RAISED_DIGITS = /\^(?=\d)/g;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** A backslash before ASCII punctuation: a Markdown escape. */
const MARKDOWN_ESCAPE = /\\(?=[!-\/:-@[-`{-~])/g;
/** 【nianbao-…】 notes (suppressions) are not report text; HTML/Markdown comments are found by `blankComments`. */
const NOTE = /【[ \t\u3000]{0,20}nianbao-[^】\n]{0,300}】/g;

/**
 * Page footers: `— 6 —`, `-3-`, `- 12 -`, `-- 1 of 5 --` (pdf-parse), `第 3 页`, `第3页 共10页`, `3/10`; tested on the trimmed line.
 * A footer is short: longer lines are not tested at all, so the pattern never runs on long text.
 */
const FOOTER = /^(?:[-—–－―]+\s*\d{1,4}\s*(?:of\s*\d{1,4}\s*)?[-—–－―]+|第\s*\d{1,4}\s*页(?:(?:\s*[，,])?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
const MAX_FOOTER_CHARS = 40;

export function isFooter(text: string): boolean {
  if (text.length > MAX_FOOTER_CHARS * 4 || !mayStartFooter(text)) return false;
  const t = text.trim();
  return t.length > 0 && t.length <= MAX_FOOTER_CHARS && FOOTER.test(t);
}

/** Whether the first character after spaces can start a footer (FOOTER: a dash, 第 or a digit): most lines are turned away here, before trimming. */
function mayStartFooter(text: string): boolean {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0xff0d || c === 0x2015 || c === 0x7b2c;
}

/**
 * HTML/Markdown comments (`<!-- … -->`) blanked with spaces, line breaks kept so lines stay where
 * they are. One pass: an unclosed `<!--` runs to the end of the text, and nothing after it is searched again.
 */
export function blankComments(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    const end = close < 0 ? text.length : close + 3;
    // Each run of characters between line breaks becomes as many spaces (one match per line, not per character).
    out += text.slice(from, open) + text.slice(open, end).replace(/[^\r\n]+/g, run => ' '.repeat(run.length));
    from = end;
    if (close < 0) break;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function cleanChar(c: string): string {
  const code = c.charCodeAt(0);
  // Full-width ASCII variants (！ to ～) map 1:1 onto ASCII, except brackets and punctuation we keep.
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0); // ０-９
  if (code >= 0xff21 && code <= 0xff3a) return String.fromCharCode(code - 0xfee0); // Ａ-Ｚ
  if (code >= 0xff41 && code <= 0xff5a) return String.fromCharCode(code - 0xfee0); // ａ-ｚ
  switch (c) {
    case '\ufeff': return ' ';
    case '＋': return '+';
    case '－': case '−': return '-';
    case '／': return '/';
    case '％': return '%';
    case '\u2002': case '\u2003': return '\u3000';
    default: return c;
  }
}

const NEEDS_CLEANING = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\ufeff＋－−／％\u2002\u2003]/g;

/** The source cleaned: every pass keeps its length, so an offset in it is an offset in the source. */
function cleanSource(source: string): string {
  let clean = source.replace(NEEDS_CLEANING, cleanChar);
  clean = clean.replace(ARTIFACT, m => ' '.repeat(m.length));
  // A tag may run over two lines (pandoc's raw HTML tables): its line breaks stay, so lines stay where they are.
  if (clean.includes('<')) clean = clean.replace(INLINE_TAG, m => m.replace(/[^\r\n]/g, ' '));
  // pdf2md marks raised text `(^21 0 0 0 0 0 21)`: the marks are not text, what they enclose is.
  if (clean.includes('(^')) clean = clean.replace(RAISED, (_m, inner: string) => `  ${inner} `);
  if (clean.includes('^')) clean = clean.replace(RAISED_DIGITS, ' ');
  // Markdown's backslash escapes (mammoth, turndown: `\-309`, `1\.属于国家秘密`): the backslash is not text.
  // An escaped decimal point inside a number (`909\.76`) stays: the number reads it (tokens.ts).
  if (clean.includes('\\')) clean = clean.replace(MARKDOWN_ESCAPE, (m, at: number, all: string) => (isDigit(all.charCodeAt(at - 1)) && all[at + 1] === '.' && isDigit(all.charCodeAt(at + 2)) ? m : ' '));
  // Keep line breaks inside a comment so that lines stay where they are.
  return blankComments(clean).replace(NOTE, m => m.replace(/[^\r\n]/g, ' '));
}

/** One line of the source, `[start, end)` of `clean` (before its line break): a footer or artifact line is blanked. */
function readLine(source: string, clean: string, start: number, end: number, index: number): Line {
  let text = clean.slice(start, end);
  let blanked = false;
  if (isFooter(text)) {
    text = ' '.repeat(text.length);
    blanked = true;
  } else if (text.trim() === '' && source.slice(start, end).trim() !== '') {
    blanked = true;
  }
  return { index, start, end, text, blanked };
}

export function readSource(source: string): SourceText {
  const clean = cleanSource(source);
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let footers = false;
  const pushLine = (end: number) => {
    const line = readLine(source, clean, start, end, lines.length);
    // A footer's text is spaces where the clean text's is not.
    if (line.blanked && line.text !== clean.slice(start, end)) footers = true;
    lines.push(line);
  };
  if (clean.includes('\r')) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(clean)) !== null) {
      pushLine(m.index);
      start = m.index + m[0].length;
    }
  } else {
    // Line feeds only (most texts): found by the native search, no match object per line.
    for (let at = clean.indexOf('\n'); at >= 0; at = clean.indexOf('\n', start)) {
      pushLine(at);
      start = at + 1;
    }
  }
  pushLine(clean.length);
  // Rebuild `clean` with blanked footers so that every later pass sees the same text (a footer is
  // blanked in place: each line keeps its length, so its line break stays where it was).
  const rebuilt = footers ? blankLines(clean, lines) : clean;
  return { source, clean: rebuilt, lines, classes: classifyLines(lines) };
}

/** What an edit changed of a source read line by line (`readSourceAfterEdit`): one line, and how far the text after it moved. */
export interface LineEdit {
  /** The line's number. */
  line: number;
  /** How far everything after the line moved. */
  delta: number;
  /** The stretch of the text before the edit that it replaced, `[from, to)` (everything before `from` is where it was, everything from `to` on moved by `delta`). */
  from: number;
  to: number;
}

/** The longest text INLINE_TAG matches: a construct that starts farther before a line cannot reach it. */
const LONGEST_TAG = 320;

/**
 * Whether a line's characters may take part in a cleaning pattern that reaches over a line break: a tag
 * (`<`…`>`, whose attributes may run over lines), an artifact marker (`[image` and its `:`, with spaces
 * and so line breaks between them).
 */
function mayCleanAcross(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x5b || c === 0x3a) return true;
  }
  return false;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

function isBlankStretch(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** A `\r` not followed by `\n`: a line break that RAISED's and NOTE's "anything but a line feed" would run over. */
function hasLoneReturn(text: string): boolean {
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 0x0a) return true;
  return false;
}

/**
 * Whether the cleaning of the line `[start, end)` of `text` depends on that line alone — no pattern that
 * matches in the whole text reaches into it from another line or out of it: its characters take part in
 * no pattern that can cross a line break (`mayCleanAcross`); an artifact's spaces cannot run through it
 * (it is not blank, or the text has no `[`); no tag opens close enough before it to run through it; no
 * comment opens before it; no lone `\r` lets a raised mark or a note run over a line break.
 */
function cleanedAlone(text: string, start: number, end: number): boolean {
  if (mayCleanAcross(text, start, end)) return false;
  if (isBlankStretch(text, start, end) && text.indexOf('[') >= 0) return false;
  const tag = start > 0 ? text.lastIndexOf('<', start - 1) : -1;
  if (tag >= 0 && (tag >= start - LONGEST_TAG || text.lastIndexOf('<!', start - 1) >= 0)) return false;
  return text.indexOf('\r') < 0 || !hasLoneReturn(text);
}

/**
 * What an edit changed between two texts: everything before `from` is the same in both, and everything
 * from `toBefore` in the first is the same as from `toAfter` in the second (the longest common start,
 * then the longest common end that does not overlap it).
 */
export function changedStretch(before: string, after: string): { from: number; toBefore: number; toAfter: number } {
  const n0 = before.length;
  const n1 = after.length;
  const shorter = Math.min(n0, n1);
  let p = 0;
  while (p < shorter && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < shorter - p && before.charCodeAt(n0 - 1 - s) === after.charCodeAt(n1 - 1 - s)) s++;
  return { from: p, toBefore: n0 - s, toAfter: n1 - s };
}

/**
 * The source after an edit, from the reading `last` of the text before it (the editor's memo, issue 21):
 * when the edit changed the characters of one line only (no line break removed or typed) and that line's
 * cleaning depends on that line alone, before and after the edit (`cleanedAlone`), every other line reads
 * as it did, moved by the edit, and only that line is read again: the result is `readSource(source)`.
 * Null when that does not hold (read the whole source).
 */
export function readSourceAfterEdit(source: string, last: SourceText): { src: SourceText; edit: LineEdit } | null {
  const before = last.source;
  if (source === before) return null;
  const { from: p, toBefore, toAfter } = changedStretch(before, source);
  const n0 = before.length;
  const n1 = source.length;
  if (hasLineBreak(before, p, toBefore) || hasLineBreak(source, p, toAfter)) return null;
  // The line the edit is in: the last that starts at or before it.
  const lines = last.lines;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= p) lo = mid;
    else hi = mid - 1;
  }
  const old = lines[lo];
  const delta = n1 - n0;
  const end = old.end + delta;
  if (toBefore > old.end || !cleanedAlone(before, old.start, old.end) || !cleanedAlone(source, old.start, end)) return null;
  const lineSource = source.slice(old.start, end);
  const read = readLine(lineSource, cleanSource(lineSource), 0, lineSource.length, lo);
  const line: Line = { index: lo, start: old.start, end, text: read.text, blanked: read.blanked };
  const clean = flat(last.clean.slice(0, old.start) + line.text + last.clean.slice(old.end));
  // Every line's text cut from the new clean text, as a whole reading cuts it: a line cut from the last one
  // would keep that whole text alive (the editor's memo keeps the last parse's lines).
  const out: Line[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (i === lo) out[i] = line;
    else {
      const [start, end] = i < lo ? [l.start, l.end] : [l.start + delta, l.end + delta];
      out[i] = { index: l.index, start, end, text: clean.slice(start, end), blanked: l.blanked };
    }
  }
  const flags = last.classes.flags.slice();
  const signatures = last.classes.signatures.slice();
  classifyLine(line.text, lo, flags, signatures);
  return { src: { source, clean, lines: out, classes: { flags, signatures } }, edit: { line: lo, delta, from: p, to: toBefore } };
}

/**
 * A string with its own characters: a label or heading cut from the text (a slice) keeps the whole text
 * alive, which the editor's memo must not do for a text it has moved past.
 */
export function ownText(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The string flattened (one block of characters), not a tree of the pieces it was joined from. */
function flat(s: string): string {
  // Reading a character makes V8 flatten the string in place.
  s.charCodeAt(0);
  return s;
}

/** `clean` with each line's text as `lines` has it (the same lengths), its line breaks as they were. */
function blankLines(clean: string, lines: Line[]): string {
  let out = '';
  let from = 0;
  for (const line of lines) {
    out += clean.slice(from, line.start) + line.text;
    from = line.end;
  }
  return out + clean.slice(from);
}

/** The 0-based line holding `offset`, from the lines' start offsets (ascending, the first 0). */
export function lineAt(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset ↔ line/character, both 0-based, characters in UTF-16 units. */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }
  get lineCount(): number {
    return this.starts.length;
  }
  lineOf(offset: number): number {
    return lineAt(this.starts, offset);
  }
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line] };
  }
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.max(this.starts[line], Math.min(this.starts[line] + character, this.lineEnd(line)));
  }
  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}
