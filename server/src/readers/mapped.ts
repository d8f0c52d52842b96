/**
 * Text that remembers where each of its characters came from in the source file (`SourceMappedText`;
 * the parser's `MappedText` maps derived text to the report text instead). Every reader builds its report text
 * from pieces of the source (an HTML text node, a Word run, a PDF text item) and keeps, per UTF-16
 * unit, two numbers: for HTML the source offsets the unit was decoded from (`&nbsp;` is one unit
 * over six source units), for Word and PDF the index of a location (paragraph, cell, page line) and
 * the unit's offset inside it. Separators the reader adds (`|`, line breaks) map to nothing (-1).
 */

export interface SourceMappedText {
  text: string;
  /** Per unit: start of its source (an offset, or a location index); -1 for added text. */
  a: Int32Array;
  /** Per unit: end of its source (an offset), or the offset inside the location. */
  b: Int32Array;
}

/** Grows by appending; `done()` gives the SourceMappedText. */
export class MappedBuilder {
  private parts: string[] = [];
  private a = new Int32Array(16);
  private b = new Int32Array(16);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.a.length) return;
    let size = this.a.length * 2;
    while (size < this.length + n) size *= 2;
    const a = new Int32Array(size);
    const b = new Int32Array(size);
    a.set(this.a.subarray(0, this.length));
    b.set(this.b.subarray(0, this.length));
    this.a = a;
    this.b = b;
  }

  /** Text the reader adds: separators, line breaks. */
  added(s: string): this {
    this.reserve(s.length);
    this.a.fill(-1, this.length, this.length + s.length);
    this.b.fill(-1, this.length, this.length + s.length);
    this.parts.push(s);
    this.length += s.length;
    return this;
  }

  /** Source text with its own per-unit origins. */
  mapped(m: SourceMappedText): this {
    this.reserve(m.text.length);
    this.a.set(m.a.subarray(0, m.text.length), this.length);
    this.b.set(m.b.subarray(0, m.text.length), this.length);
    this.parts.push(m.text);
    this.length += m.text.length;
    return this;
  }

  /** Source text whose units all come from one place (`a`), `b` counting up from `b0`. */
  from(s: string, a: number, b0: number): this {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) {
      this.a[this.length + i] = a;
      this.b[this.length + i] = b0 + i;
    }
    this.parts.push(s);
    this.length += s.length;
    return this;
  }

  /** Units that all stand for one source range (a cell's separator stands for its cell). */
  same(s: string, a: number, b: number): this {
    this.reserve(s.length);
    this.a.fill(a, this.length, this.length + s.length);
    this.b.fill(b, this.length, this.length + s.length);
    this.parts.push(s);
    this.length += s.length;
    return this;
  }

  /** The last unit written, or '' when nothing was. */
  lastChar(): string {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i];
      if (p.length) return p[p.length - 1];
    }
    return '';
  }

  done(): SourceMappedText {
    return { text: this.parts.join(''), a: this.a.slice(0, this.length), b: this.b.slice(0, this.length) };
  }
}

export function mappedOf(text: string, a: number, b0: number): SourceMappedText {
  return new MappedBuilder().from(text, a, b0).done();
}

export function slice(m: SourceMappedText, start: number, end: number): SourceMappedText {
  return { text: m.text.slice(start, end), a: m.a.slice(start, end), b: m.b.slice(start, end) };
}

/** Spaces a reader collapses: HTML's white space, no-break spaces and other Unicode spaces (not U+3000). */
const SPACE = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u202f\u205f\ufeff]/;
const EDGE = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u202f\u205f\ufeff\u3000]/;

/**
 * Runs of spaces become one space (kept on the first unit's origin); leading and trailing spaces go,
 * full-width U+3000 included (Word indents paragraphs with it).
 */
export function collapse(m: SourceMappedText): SourceMappedText {
  const out = new MappedBuilder();
  const t = m.text;
  let start = 0;
  while (start < t.length && EDGE.test(t[start])) start++;
  let end = t.length;
  while (end > start && EDGE.test(t[end - 1])) end--;
  let i = start;
  while (i < end) {
    if (SPACE.test(t[i])) {
      const a = m.a[i];
      const b = m.b[i];
      while (i < end && SPACE.test(t[i])) i++;
      out.from(' ', a, b);
      continue;
    }
    let j = i;
    while (j < end && !SPACE.test(t[j])) j++;
    out.mapped(slice(m, i, j));
    i = j;
  }
  return out.done();
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Join pieces of one cell or paragraph that the source broke over lines: nothing between CJK text
 * (a wrapped label), one space between Latin letters or digits (`12` and `34` stay two numbers).
 */
export function joinPieces(pieces: SourceMappedText[]): SourceMappedText {
  const out = new MappedBuilder();
  for (const p of pieces) {
    if (!p.text) continue;
    const last = out.lastChar();
    if (last && !(CJK.test(last) || CJK.test(p.text[0]))) out.added(' ');
    out.mapped(p);
  }
  return out.done();
}

/** Replace single units (same length), keeping origins: `|` inside a cell must not split it. */
export function replaceUnits(m: SourceMappedText, re: RegExp, by: string): SourceMappedText {
  if (!re.test(m.text)) return m;
  re.lastIndex = 0;
  return { text: m.text.replace(re, c => (c.length === by.length ? by : c)), a: m.a, b: m.b };
}
