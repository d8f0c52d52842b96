/**
 * The text as the parser sees it. `clean` has exactly the length of the source, so every offset
 * found in it is an offset into the user's document (UTF-16 units, as LSP wants): extraction
 * artifacts and page footers are blanked with spaces, full-width digits and signs become ASCII.
 */

import { classifyLines, type LineClasses } from './lines';
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

export function readSource(source: string): SourceText {
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
  clean = blankComments(clean).replace(NOTE, m => m.replace(/[^\r\n]/g, ' '));
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let index = 0;
  let footers = false;
  const pushLine = (end: number) => {
    let text = clean.slice(start, end);
    let blanked = false;
    if (isFooter(text)) {
      text = ' '.repeat(text.length);
      blanked = true;
      footers = true;
    } else if (text.trim() === '' && source.slice(start, end).trim() !== '') {
      blanked = true;
    }
    lines.push({ index: index++, start, end, text, blanked });
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
