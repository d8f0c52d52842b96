/**
 * The synchronous part of the readers (text, HTML, Word), without PDF: what the language server
 * needs to read an open .html in place, without bundling pdfjs. See index.ts.
 *
 * Read the files reviewers receive — web pages, Word files, PDFs — as report text the parser reads,
 * with a map from every range of that text back to where it stands in the file.
 *
 *   readDocument(bytes, fileName) → { kind, text, map, problems }
 *
 * The kind comes from the content first (a zip, `%PDF`, `<html`), then from the extension: a `.txt`
 * saved from a browser is read as HTML, a `.docx` renamed `.pdf` as Word. Nothing here throws on a
 * bad file: a damaged, encrypted or image-only file gives one problem that says what to do.
 * Pure: no fs, no vscode (the PDF reader loads pdfjs on first use).
 */
import { decodeHtml, looksLikeHtml, readHtmlText } from './html';
import { readDocx } from './docx';
import type { PdfOptions } from './pdf';
import { problem, type DocumentKind, type ReadResult, type SourceLocation } from './types';
import { inLocale } from '../protocol/text';

export interface ReadOptions {
  /** The caller's decoder for plain text (BOM, UTF-8, GB18030), so text decodes exactly as elsewhere. */
  decodeText?: (bytes: Uint8Array) => { text: string; encoding: string };
  pdf?: PdfOptions;
}

export type { DocumentKind, PageBox, ReadProblem, ReadResult, SourceLocation, SourceMap } from './types';
export type { PdfOptions } from './pdf';

/** Extensions of files read by a reader rather than as plain text. */
export const DOCUMENT_EXTENSIONS = ['.html', '.htm', '.xhtml', '.shtml', '.docx', '.pdf'];

function ext(fileName: string): string {
  const m = /\.[^./\\]+$/.exec(fileName);
  return m ? m[0].toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

/** `%PDF-` */
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** Whether `sig` starts within the first `within` bytes and ends within them. */
function hasBytes(bytes: Uint8Array, sig: number[], within: number): boolean {
  const end = Math.min(bytes.length, within) - sig.length;
  for (let at = 0; at <= end; at++) if (bytes[at] === sig[0] && startsWith(bytes, sig, at)) return true;
  return false;
}

/** What the bytes are: by content (zip, PDF, OLE, HTML), then by extension. */
export function detectKind(bytes: Uint8Array, fileName: string): DocumentKind | 'ole' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'docx';
  // `%PDF-` may follow a few junk bytes (the specification allows 1024); looked for in the bytes (a
  // decoder made and run for each file cost as much as reading it).
  if (hasBytes(bytes, PDF_SIGNATURE, 1024)) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  const e = ext(fileName);
  if (e === '.pdf') return 'pdf';
  if (e === '.docx') return 'docx';
  if (['.html', '.htm', '.xhtml', '.shtml'].includes(e)) return 'html';
  return 'text';
}

/** Is this file one the readers handle (not plain text)? By extension, for folder walks. */
export function isDocumentFile(fileName: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(ext(fileName));
}

function identity(text: string, kind: 'text'): ReadResult['map'] {
  return {
    locate: r => (kind === 'text' ? { kind: 'text', start: Math.max(0, r.start), end: Math.min(text.length, Math.max(r.start, r.end)) } : null),
  };
}

/** Text, HTML and Word: synchronous (the server reads an open .html in place with it). */
export function readDocumentSync(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): ReadResult {
  const { decodeText } = options;
  const kind = detectKind(bytes, fileName);
  if (kind === 'ole') {
    return {
      kind: 'text', text: '', map: identity('', 'text'),
      problems: [problem('unsupported', '这是旧版 Word（.doc）或加密的 Office 文件：请在 Word/WPS 中另存为 .docx（不设密码）后再检查', 'this is an old Word file (.doc) or an encrypted Office file: save it as .docx (without a password) in Word/WPS, then check it')],
    };
  }
  if (kind === 'docx') return readDocx(bytes);
  if (kind === 'pdf') {
    return { kind: 'pdf', text: '', map: { locate: () => null }, problems: [problem('unsupported', 'PDF 需要异步读取', 'PDF needs the asynchronous reader')] };
  }
  if (kind === 'html') {
    const { text, encoding } = decodeHtml(bytes);
    return readHtmlText(text, encoding);
  }
  const decoded = decodeText ? decodeText(bytes) : { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (looksLikeHtml(decoded.text, ext(fileName) === '.md')) {
    // A .txt that is a saved page: read it as HTML, from its bytes (its own charset declaration).
    const html = decodeHtml(bytes);
    return readHtmlText(html.text, html.encoding);
  }
  return { kind: 'text', text: decoded.text, map: identity(decoded.text, 'text'), problems: [], encoding: decoded.encoding, source: decoded.text };
}

/** Where a location is, in words: 第 3 页第 12 行 / page 3, line 12. HTML and text give line:column. */
export function describeLocation(loc: SourceLocation, locale: 'zh' | 'en', source?: string): string {
  switch (loc.kind) {
    case 'pdf':
      return inLocale(locale, `第 ${loc.page} 页第 ${loc.line} 行`, `page ${loc.page}, line ${loc.line}`);
    case 'docx':
      if ('table' in loc) return inLocale(locale, `表格 ${loc.table} 第 ${loc.row} 行第 ${loc.column} 列`, `table ${loc.table}, row ${loc.row}, column ${loc.column}`);
      return inLocale(locale, `第 ${loc.paragraph} 段`, `paragraph ${loc.paragraph}`);
    case 'html':
    case 'text': {
      if (!source) return `${loc.start}`;
      let line = 1;
      let lineStart = 0;
      for (let i = 0; i < loc.start && i < source.length; i++) {
        if (source.charCodeAt(i) === 10) {
          line++;
          lineStart = i + 1;
        }
      }
      return `${line}:${loc.start - lineStart + 1}`;
    }
  }
}
