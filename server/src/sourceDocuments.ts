/**
 * The files report texts were read from (a web page, a Word file, a PDF), kept by the server with the
 * reader's map from the text back to the file: so that each finding of a report text names its place
 * in the file (page and line, table/row/column or paragraph, line:column) in its related
 * information, `SourcePlaceRequest` answers where any range of the text stands, and the tables
 * preview can outline on a PDF's pages the cells its grids mark. Pure: no connection, no file system.
 *
 * A map is as large as its text (two numbers per character): the last `KEEP` files read are kept, and
 * no more than `KEEP_UNITS` characters of text and source in all (a 1,000-page PDF is millions), each
 * only while its report text is the one read (a file changed on disk is read again).
 */
import type { Diagnostic, DiagnosticRelatedInformation, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { reportTextSource, type PdfMark, type PdfPages, type SourcePlace } from './protocol';
import { describeLocation, type ReadResult } from './readers/sync';
import type { MarkedCell } from './service/render';
import { fileName } from './service/languageService';
import { lineAt } from './service/parse';
import { inLocale, type Locale } from './protocol/text';

/** How many files' maps are kept (the most recently read or used). */
const KEEP = 32;
/** How many characters of report text and source all kept files may hold (≈ 10 bytes each with the map): the last file read is kept whatever its size. */
export const KEEP_UNITS = 4_000_000;

const unitsOf = (read: ReadResult) => read.text.length + (read.source?.length ?? 0);

interface Kept {
  source: string;
  read: ReadResult;
  /** Where each line of a web page's source starts (computed on first use: a page may be megabytes). */
  lines?: number[];
}

/** Line and character (0-based, UTF-16) of an offset in a web page's source, by its line starts. */
function positionIn(k: Kept, source: string, offset: number): Position {
  if (!k.lines) {
    k.lines = [0];
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) k.lines.push(i + 1);
  }
  const at = Math.max(0, Math.min(offset, source.length));
  const line = lineAt(k.lines, at);
  return { line, character: at - k.lines[line] };
}

export class SourceDocuments {
  private readonly kept = new Map<string, Kept>();
  private units = 0;

  /** A file just read (`source`: its URI), with its map. */
  keep(source: string, read: ReadResult): void {
    this.drop(source);
    this.kept.set(source, { source, read });
    this.units += unitsOf(read);
    while (this.kept.size > 1 && (this.kept.size > KEEP || this.units > KEEP_UNITS)) this.drop(this.kept.keys().next().value!);
  }

  /** How many files and characters are kept (for tests and the memory figures). */
  get size(): { files: number; units: number } {
    return { files: this.kept.size, units: this.units };
  }

  private drop(source: string): void {
    const k = this.kept.get(source);
    if (!k) return;
    this.kept.delete(source);
    this.units -= unitsOf(k.read);
  }

  /** The file a report text was read from, while the text is the one read from it. */
  private of(uri: string, text: string): Kept | null {
    const source = reportTextSource(uri);
    const k = source ? this.kept.get(source) : undefined;
    if (!k || k.read.text !== text) return null;
    // Used: kept longer.
    this.kept.delete(k.source);
    this.kept.set(k.source, k);
    return k;
  }

  /** Where a range of a report text stands in its file, or null when the server does not know. */
  place(doc: TextDocument, start: number, end: number, locale: Locale): SourcePlace | null {
    const k = this.of(doc.uri, doc.getText());
    return k ? this.placeIn(k, start, end, locale) : null;
  }

  private placeIn(k: Kept, start: number, end: number, locale: Locale): SourcePlace | null {
    const { read } = k;
    const loc = read.map.locate({ start, end });
    if (!loc) return null;
    if ((loc.kind === 'html' || loc.kind === 'text') && read.source !== undefined) {
      // The CLI's words (`describeLocation`: line:column, 1-based), from the line index.
      const position = positionIn(k, read.source, loc.start);
      return { source: k.source, kind: read.kind, text: `${position.line + 1}:${position.character + 1}`, position };
    }
    const place: SourcePlace = { source: k.source, kind: read.kind, text: describeLocation(loc, locale, read.source) };
    if (loc.kind === 'pdf') {
      place.page = loc.page;
      const box = read.map.box?.({ start, end }) ?? null;
      if (box && box.page === loc.page) place.box = box.box;
    }
    return place;
  }

  /**
   * The diagnostics of a report text with the place of each in its file as related information: in the
   * web page's source at its line and column (a click opens it there), or — a Word file or a PDF, which
   * the editor does not show as text — on the finding itself, the message naming the file and the place.
   */
  annotate(doc: TextDocument, diagnostics: Diagnostic[], locale: Locale): Diagnostic[] {
    if (!diagnostics.length || !reportTextSource(doc.uri)) return diagnostics;
    const k = this.of(doc.uri, doc.getText());
    if (!k) return diagnostics;
    const name = fileName(k.source);
    return diagnostics.map(d => {
      const place = this.placeIn(k, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end), locale);
      if (!place) return d;
      const message = inLocale(locale, `原文位置：${name} ${place.text}`, `In ${name}: ${place.text}`);
      const info: DiagnosticRelatedInformation = place.position
        ? { location: { uri: k.source, range: { start: place.position, end: place.position } }, message }
        : { location: { uri: doc.uri, range: d.range }, message };
      return { ...d, relatedInformation: [info, ...(d.relatedInformation ?? [])] };
    });
  }

  /** A report text read from a PDF: the marked cells as boxes on its pages; null for any other text. */
  pdfPages(doc: TextDocument, marks: MarkedCell[]): PdfPages | null {
    const k = this.of(doc.uri, doc.getText());
    if (!k || k.read.kind !== 'pdf' || !k.read.map.box) return null;
    const out: PdfMark[] = [];
    for (const m of marks) {
      const box = k.read.map.box({ start: m.start, end: m.end });
      if (box) out.push({ page: box.page, box: box.box, start: m.start, end: m.end, severity: m.severity, related: m.related, title: m.title });
    }
    return { source: k.source, pages: k.read.pages ?? 0, marks: out };
  }
}
