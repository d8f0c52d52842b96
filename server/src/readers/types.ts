import type { OffsetRange } from '../service/parse/model';

export type DocumentKind = 'text' | 'html' | 'docx' | 'pdf';

/** Where a range of the report text stands in the file the user has. */
export type SourceLocation =
  /** Offsets into the text as decoded (the same text when the file is plain text). */
  | { kind: 'text'; start: number; end: number }
  /** Offsets into the decoded HTML source (`ReadResult.source`): the number inside its `<td>`. */
  | { kind: 'html'; start: number; end: number }
  /**
   * A Word paragraph (1-based, counting the body's paragraphs outside tables), or a table cell:
   * table, row and column (the grid column, after gridSpan) are 1-based. `offset` is the unit
   * offset inside that paragraph's or cell's text.
   */
  | { kind: 'docx'; paragraph: number; offset: number }
  | { kind: 'docx'; table: number; row: number; column: number; offset: number }
  /**
   * A PDF page and the line on it (1-based, top to bottom), with the text item's x/y (its baseline's
   * start) in PDF points, page space; `w` its width and `h` its font size, for a box around it.
   */
  | { kind: 'pdf'; page: number; line: number; x: number; y: number; w?: number; h?: number };

export interface SourceMap {
  /** The source location of a range of the report text; null where the text was added by the reader. */
  locate(range: OffsetRange): SourceLocation | null;
  /**
   * PDF: the box the range's characters cover on the page of its first one (`[x0, y0, x1, y1]`, PDF
   * points, page space, y up); null where the range has no character from the page.
   */
  box?(range: OffsetRange): PageBox | null;
}

export interface PageBox {
  page: number;
  box: [number, number, number, number];
}

export type ProblemCode = 'no-text-layer' | 'encrypted' | 'corrupt' | 'unsupported' | 'too-large' | 'timeout' | 'cancelled';

export interface ReadProblem {
  code: ProblemCode;
  message: { zh: string; en: string };
}

export interface ReadResult {
  kind: DocumentKind;
  /** Report text the parser reads: paragraphs as lines, table rows as `| label | n | n |`. */
  text: string;
  map: SourceMap;
  /** Why the file could not be read (then `text` is empty or partial). Never thrown. */
  problems: ReadProblem[];
  /** The character encoding the bytes were decoded with (text and HTML). */
  encoding?: string;
  /** The decoded HTML (or text): what `html`/`text` locations point into. */
  source?: string;
  /** A PDF's page count. */
  pages?: number;
}

export function problem(code: ProblemCode, zh: string, en: string): ReadProblem {
  return { code, message: { zh, en } };
}
