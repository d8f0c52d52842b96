/**
 * A saved government web page read as a report.
 *
 * Parser: parse5. It builds the tree a browser builds (the WHATWG tree-construction rules), which
 * matters on these pages: Word-exported markup with unclosed `<p>`/`<td>`, `<o:p>` tags, tables
 * inside paragraphs. And with `sourceCodeLocationInfo` it gives the source offsets of every node,
 * text nodes included, so each character of the report text maps back to the characters it was
 * decoded from. htmlparser2 is faster and smaller, but its tree is its own approximation of the
 * HTML rules; a finding must point at the cell a reviewer sees in the browser.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { type Block, type TableCell, writeBlocks } from './layout';
import { collapse, joinPieces, MappedBuilder, type SourceMappedText } from './mapped';
import type { ReadResult, SourceLocation, SourceMap } from './types';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

// ---------------------------------------------------------------- encoding

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', 'x-gbk': 'gb18030', 'cp936': 'gb18030', 'euc-cn': 'gb18030', 'hz-gb-2312': 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5',
  'utf-16': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
};

/** The charset a page declares in its first bytes: `<meta charset>` or `http-equiv` Content-Type. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^<>]{1,500}?charset\s{0,8}=\s{0,8}["']?\s{0,8}([\w-]{1,40})/i.exec(head);
  return m ? (ENCODINGS[m[1].toLowerCase()] ?? null) : null;
}

/** BOM first, then the declared charset, then UTF-8 if the bytes are valid UTF-8, else GB18030. */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const declared = declaredCharset(bytes);
  try {
    // A page that says UTF-8 (or nothing) and is valid UTF-8 is UTF-8; one that says UTF-8 and is
    // not was saved by a tool that kept the old meta tag over GBK bytes: fall through.
    if (!declared || declared === 'utf-8') return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
  try {
    return { text: new TextDecoder(declared, { fatal: true }).decode(bytes), encoding: declared };
  } catch {
    // Declared GBK but valid UTF-8 (re-saved by an editor): UTF-8; else the declared one, loosely.
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch {
      return { text: new TextDecoder(declared).decode(bytes), encoding: declared };
    }
  }
}

/** Does this text look like HTML (a `.txt` saved from a browser, an `.htm` without a doctype)? */
export function looksLikeHtml(text: string, markdown = false): boolean {
  const head = text.slice(0, 2048).replace(/^\ufeff/, '').trimStart();
  if (/^<(?:!doctype\s+html|html[\s>]|\?xml[^>]*>\s*<html)/i.test(head)) return true;
  // Markdown may hold raw HTML blocks (pandoc keeps a page's <div>s): its lines and blank lines are its
  // structure, which an HTML reading would run together. Only a whole page saved as .md is HTML.
  if (markdown) return false;
  const tags = head.match(/<\/?(?:p|div|table|tr|td|span|br|body|head|meta|h[1-6])\b[^<>]{0,500}>/gi);
  return (tags?.length ?? 0) >= 5;
}

// ---------------------------------------------------------------- source mapping of text nodes

const ENTITY = /^&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)/;

/**
 * Each unit of a text node's decoded value, with the source range it came from: walk the raw source
 * and the decoded text side by side (an entity is one or two decoded units, CRLF is one). Where
 * they part ways (a rare entity without its `;`), the rest maps to the node as a whole.
 */
function mapTextNode(node: TextNode, html: string): SourceMappedText {
  const dec = node.value;
  const out = new MappedBuilder();
  const loc = node.sourceCodeLocation;
  if (!loc) {
    const p = node.parentNode as Element | null;
    const at = p?.sourceCodeLocation?.startOffset ?? -1;
    return out.same(dec, at, at < 0 ? -1 : p!.sourceCodeLocation!.endOffset).done();
  }
  const base = loc.startOffset;
  const raw = html.slice(loc.startOffset, loc.endOffset);
  let i = 0;
  let j = 0;
  while (j < dec.length) {
    if (i >= raw.length) {
      out.same(dec.slice(j), loc.endOffset, loc.endOffset);
      break;
    }
    const r = raw[i];
    if (r === dec[j] && r !== '&') {
      out.same(r, base + i, base + i + 1);
      i++;
      j++;
      continue;
    }
    if (r === '\r' && dec[j] === '\n') {
      const n = raw[i + 1] === '\n' ? 2 : 1;
      out.same('\n', base + i, base + i + n);
      i += n;
      j++;
      continue;
    }
    if (r === '&') {
      const m = ENTITY.exec(raw.slice(i, i + 40));
      if (m && dec[j] !== '&') {
        const units = (dec.codePointAt(j) ?? 0) > 0xffff ? 2 : 1;
        out.same(dec.slice(j, j + units), base + i, base + i + m[0].length);
        i += m[0].length;
        j += units;
        continue;
      }
      if (dec[j] === '&') {
        // `&amp;` decodes to `&`; a bare `&` stays itself.
        const len = raw.startsWith('&amp;', i) ? 5 : raw.startsWith('&#38;', i) ? 5 : 1;
        out.same('&', base + i, base + i + len);
        i += len;
        j++;
        continue;
      }
    }
    out.same(dec.slice(j), base + i, loc.endOffset);
    break;
  }
  return out.done();
}

// ---------------------------------------------------------------- tree to blocks

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'embed', 'svg', 'math',
  'select', 'button', 'input', 'textarea', 'img', 'map', 'canvas', 'audio', 'video', 'form-hidden']);
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'caption', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
  'table', 'body', 'html', 'menu', 'legend', 'option']);

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find(a => a.name === name)?.value;
}

function hidden(el: Element): boolean {
  if (attr(el, 'hidden') !== undefined) return true;
  const style = attr(el, 'style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function children(el: ParentNode): Node[] {
  return (el.nodeName === 'template' ? (el as DefaultTreeAdapterMap['template']).content.childNodes : el.childNodes) as Node[];
}

function span(v: string | undefined): number {
  const n = parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** Rows of a table, without those of tables nested in it. */
function tableRows(table: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (el: Element) => {
    for (const c of children(el)) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') rows.push(children(c).filter(isElement).filter(x => x.tagName === 'td' || x.tagName === 'th'));
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

function containsTable(el: Element): boolean {
  for (const c of children(el)) if (isElement(c) && (c.tagName === 'table' || containsTable(c))) return true;
  return false;
}

interface Located {
  block: Block;
  /** The element the block came from: its paragraph's block element, or the table. */
  el: Element;
}

class Walker {
  readonly out: Located[] = [];
  private pieces: SourceMappedText[] = [];
  private blockEl: Element | null = null;

  constructor(private readonly html: string) {}

  private flush(): void {
    if (this.pieces.length) {
      const text = collapse(concat(this.pieces));
      if (text.text) this.out.push({ block: { kind: 'paragraph', text }, el: this.blockEl! });
    }
    this.pieces = [];
  }

  walk(node: Node, blockEl: Element): void {
    if (node.nodeName === '#text') {
      this.blockEl ??= blockEl;
      if (!this.pieces.length) this.blockEl = blockEl;
      this.pieces.push(mapTextNode(node as TextNode, this.html));
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName;
    if (SKIP.has(tag) || hidden(node)) return;
    if (tag === 'br') {
      this.flush();
      return;
    }
    if (tag === 'table' && !containsTable(node)) {
      const table = this.table(node);
      if (table) {
        this.flush();
        this.out.push({ block: table, el: node });
        return;
      }
    }
    const block = BLOCK.has(tag);
    if (block) this.flush();
    for (const c of children(node)) this.walk(c, block ? node : blockEl);
    if (block) this.flush();
  }

  /** A data table, or null for a layout table of one cell (its content is read as paragraphs). */
  private table(el: Element): Block | null {
    const rows = tableRows(el);
    if (rows.reduce((n, r) => n + r.length, 0) <= 1) return null;
    const cells: TableCell[][] = rows.map(r => r.map(td => ({
      text: this.cellText(td),
      colspan: span(attr(td, 'colspan')),
      rowspan: span(attr(td, 'rowspan')),
      anchor: { a: td.sourceCodeLocation?.startOffset ?? -1, b: td.sourceCodeLocation?.endOffset ?? -1 },
    })));
    return { kind: 'table', rows: cells };
  }

  /** A cell's text on one line: its paragraphs joined (nothing between CJK, a space otherwise). */
  private cellText(td: Element): SourceMappedText {
    const inner = new Walker(this.html);
    for (const c of children(td)) inner.walk(c, td);
    inner.flush();
    return joinPieces(inner.out.flatMap(x => (x.block.kind === 'paragraph' ? [x.block.text] : [])));
  }

  finish(): Located[] {
    this.flush();
    return this.out;
  }
}

function concat(pieces: SourceMappedText[]): SourceMappedText {
  const b = new MappedBuilder();
  for (const p of pieces) b.mapped(p);
  return b.done();
}

// ---------------------------------------------------------------- the article among the chrome

const SECTION_HEADING = /^[一二三四五六][、.．,，]\s*(?:政府信息公开)?(?:总体情况|主动公开|收到和处理|行政复议|政府信息公开行政复议|因政府信息公开|存在的主要问题|政府信息公开工作存在|其他需要报告)/;

function headingNo(text: string): number {
  const m = SECTION_HEADING.exec(text.trim());
  return m ? '一二三四五六'.indexOf(text.trim()[0]) + 1 : 0;
}

/** A title line, not a sentence that names the report (「本年度报告根据…编制。」). */
function isTitle(text: string): boolean {
  return /年度报告/.test(text) && text.length <= 100 && !/[。；]/.test(text);
}

/**
 * The article: the deepest element holding the most distinct section headings (一 … 六). Menus,
 * footers and side columns hold none; a page that prints the report twice (a print copy) gives the
 * first copy. A title outside the article (an `<h1>` above its `<div>`) is kept in front of it.
 */
function article(blocks: Located[], documentTitle: SourceMappedText | null): Located[] {
  const sets = new Map<Element, Set<number>>();
  for (const b of blocks) {
    if (b.block.kind !== 'paragraph') continue;
    const no = headingNo(b.block.text.text);
    if (!no) continue;
    for (let el: ParentNode | null = b.el; el && isElement(el as Node); el = (el as Element).parentNode) {
      const set = sets.get(el as Element) ?? new Set<number>();
      set.add(no);
      sets.set(el as Element, set);
    }
  }
  const max = Math.max(0, ...[...sets.values()].map(s => s.size));
  if (max < 2) return blocks;
  const depth = (el: Element) => {
    let d = 0;
    for (let p: ParentNode | null = el; p; p = (p as Element).parentNode ?? null) d++;
    return d;
  };
  let best: Element | null = null;
  let bestDepth = -1;
  for (const [el, set] of sets) {
    if (set.size !== max) continue;
    const d = depth(el);
    if (d > bestDepth) {
      best = el;
      bestDepth = d;
    }
  }
  const inside = (el: Element) => {
    for (let p: ParentNode | null = el; p; p = (p as Element).parentNode ?? null) if (p === best) return true;
    return false;
  };
  const first = blocks.findIndex(b => inside(b.el));
  const kept = blocks.filter(b => inside(b.el));
  const firstHeading = kept.findIndex(b => b.block.kind === 'paragraph' && headingNo(b.block.text.text) > 0);
  const hasTitle = kept.slice(0, Math.max(0, firstHeading)).some(b => b.block.kind === 'paragraph' && isTitle(b.block.text.text));
  if (!hasTitle) {
    const before = blocks.slice(0, Math.max(0, first)).reverse()
      .find(b => b.block.kind === 'paragraph' && isTitle(b.block.text.text));
    if (before) kept.unshift(before);
    else if (documentTitle && /年度报告/.test(documentTitle.text)) kept.unshift({ block: { kind: 'paragraph', text: documentTitle }, el: best! });
  }
  return kept;
}

function findElement(node: ParentNode, tag: string): Element | null {
  for (const c of children(node)) {
    if (!isElement(c)) continue;
    if (c.tagName === tag) return c;
    const f = findElement(c, tag);
    if (f) return f;
  }
  return null;
}

// ---------------------------------------------------------------- the map

class HtmlMap implements SourceMap {
  constructor(private readonly m: SourceMappedText) {}

  locate(range: { start: number; end: number }): SourceLocation | null {
    const { a, b } = this.m;
    let i = range.start;
    const end = Math.min(range.end, a.length);
    if (end <= i) {
      // An empty range (a blank cell): the nearest unit that maps, on either side, close by.
      for (const k of [i - 1, i, i - 2, i + 1]) if (k >= 0 && k < a.length && a[k] >= 0) return { kind: 'html', start: a[k], end: b[k] };
      return null;
    }
    while (i < end && a[i] < 0) i++;
    let j = end - 1;
    while (j > i && a[j] < 0) j--;
    if (i >= end || a[i] < 0) return null;
    return { kind: 'html', start: Math.min(a[i], a[j]), end: Math.max(b[i], b[j]) };
  }
}

/** Read decoded HTML. Never throws (parse5 does not; the walk is bounded by the tree). */
export function readHtmlText(html: string, encoding: string): ReadResult {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const titleEl = findElement(doc, 'title');
  const titleText = titleEl ? collapse(concat(children(titleEl).filter(n => n.nodeName === '#text').map(n => mapTextNode(n as TextNode, html)))) : null;
  const body = findElement(doc, 'body') ?? findElement(doc, 'html');
  const walker = new Walker(html);
  if (body) for (const c of children(body)) walker.walk(c, body);
  const blocks = article(walker.finish(), titleText);
  const mapped = writeBlocks(blocks.map(b => b.block));
  return { kind: 'html', text: mapped.text, map: new HtmlMap(mapped), problems: [], encoding, source: html };
}

export function readHtml(bytes: Uint8Array): ReadResult {
  const { text, encoding } = decodeHtml(bytes);
  return readHtmlText(text, encoding);
}
