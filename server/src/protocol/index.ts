/**
 * What the language server and its clients agree on, declared once: the custom requests and
 * notifications with their payloads, and (re-exported) the shared names, the config search and the
 * decoder. The VS Code client imports nothing else from the server side (test/unit/architecture),
 * so its bundle does not carry the engine.
 */
import { NotificationType, RequestType, RequestType0, type Diagnostic, type Position, type Range, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { ConfigFile } from './config';

export * from './base64';
export * from './config';
export * from './decode';
export * from './names';
export * from './text';

/** After each check of an open report: what the editor's status item shows. */
export interface Status {
  uri: string;
  version: number;
  /** The format the report was checked against (named `template` in the messages clients read since 0.1, as in `parse --json`). */
  template: string;
  /** The format detected from the report itself; `null` when it was chosen by the year. */
  detected: string | null;
  evidence: string[];
  errors: number;
  warnings: number;
  infos: number;
  /** The `.nianbaorc.json` that applies, if any. */
  configFile: string | null;
}

export const StatusNotification = new NotificationType<Status>('nianbao/status');

/** The workspace check: the client sends report texts, the server checks each and compares them. */
export interface CheckDocumentsParams {
  documents: { uri: string; text: string }[];
}

export interface CheckedDocument {
  uri: string;
  /** Those found by comparing reports carry `data.across` (see `isAcross`). */
  diagnostics: Diagnostic[];
}

export const CheckDocumentsRequest = new RequestType<CheckDocumentsParams, CheckedDocument[], void>('nianbao/checkDocuments');

/**
 * Server to client, from the web server (which has no file system): the `.nianbaorc.json` that
 * applies to a report, found by `findConfigUpward`, unparsed; `null` when there is none.
 */
export interface FindConfigParams {
  uri: string;
}

export const FindConfigRequest = new RequestType<FindConfigParams, ConfigFile | null, void>('nianbao/findConfig');

/** The rules, described in the server's language (for the client's "open rule documentation"). */
export interface RuleSummary {
  id: string;
  description: string;
}

export const RulesRequest = new RequestType0<RuleSummary[], void>('nianbao/rules');

/**
 * The table preview: the client asks for a report's tables, the server draws them with the one
 * renderer (sections 二, 三 and 四 as the official grids, findings marked) and answers with HTML
 * (classes and data attributes only: no script, no inline style) and the grids' stylesheet.
 * Cells carry document offsets (`data-s`, `data-e`) for the client to turn into positions.
 */
export interface TablesParams {
  uri: string;
}

export interface TablesResult {
  uri: string;
  /** The document version drawn: a client with a newer one asks again. */
  version: number;
  html: string;
  css: string;
  /** The format the report was checked against, and its findings by severity. */
  template: string;
  errors: number;
  warnings: number;
  infos: number;
  /**
   * A report text read from a PDF: its file, its page count and the boxes of the cells with findings
   * on its pages, for the preview's page view (the client reads the file and draws the pages).
   */
  pdf?: PdfPages;
}

/** The cells with findings, on the pages of the PDF a report text was read from. */
export interface PdfPages {
  /** The PDF's URI (the report text's source). */
  source: string;
  pages: number;
  marks: PdfMark[];
}

/** A cell with findings, as a box on a PDF page: `box` is [x0, y0, x1, y1] in PDF points (page space, y up). */
export interface PdfMark {
  page: number;
  box: [number, number, number, number];
  /** The cell's offsets in the report text (a click selects it there). */
  start: number;
  end: number;
  severity: 'error' | 'warning' | 'info';
  /** The finding is on another cell and involves this one (a total it breaks, a candidate). */
  related: boolean;
  /** The cell's row and column, and the findings' messages. */
  title: string;
}

export const TablesRequest = new RequestType<TablesParams, TablesResult | null, void>('nianbao/tables');

/**
 * "Open as report text": the client sends a web page's, a Word file's or a PDF's bytes, the server
 * reads them with the CLI's readers (server/src/readers; pdfjs loaded on the first PDF) and answers
 * the report text it would check, or why it could not (a damaged zip, an old .doc, a scanned PDF).
 * The client shows the text as a read-only document (`REPORT_TEXT_SCHEME`), which the server then
 * checks like any report.
 */
export interface ReadDocumentParams extends WorkDoneProgressParams {
  /** The file's name (its extension decides when the content does not: `.html`, `.docx`). */
  name: string;
  /** The file's bytes, base64 (`bytesToBase64`). */
  data: string;
  /**
   * The file's URI. Given, the server keeps where each part of the text came from, and names the
   * place in the file in each finding of its report text (`SourcePlaceRequest`, related information).
   */
  uri?: string;
}

export interface ReadDocumentResult {
  /** What the file was read as. */
  kind: 'text' | 'html' | 'docx' | 'pdf';
  /** The report text (empty when nothing could be read). */
  text: string;
  /** Why the file could not be read, or not in full, in the server's language. */
  problems: string[];
  /** Whether the text looks like an annual report (title, section headings or tables). */
  report: boolean;
  /** The encoding a web page was decoded with. */
  encoding?: string;
  /** A PDF's page count. */
  pages?: number;
}

/**
 * `null`: the server failed to read it (its output channel says why). A PDF is read page by page: with
 * a `workDoneToken` the server reports each page (`$/progress`); cancelled, it stops between pages.
 */
export const ReadDocumentRequest = new RequestType<ReadDocumentParams, ReadDocumentResult | null, void>('nianbao/readDocument');

/** Where a range of a report text stands in the file it was read from (`nianbao/sourcePlace`). */
export interface SourcePlaceParams {
  /** The report text's URI (`nianbao-report:`). */
  uri: string;
  range: Range;
}

export interface SourcePlace {
  /** The file's URI. */
  source: string;
  kind: 'text' | 'html' | 'docx' | 'pdf';
  /** The place in words, in the server's language: 第 4 页第 21 行, 表格 3 第 4 行第 2 列, 第 12 段, 12:5. */
  text: string;
  /** A web page (or text): the position in the file's source. */
  position?: Position;
  /** A PDF: the page, and the box of the text there ([x0, y0, x1, y1], PDF points). */
  page?: number;
  box?: [number, number, number, number];
}

/** `null`: the server does not know the file of that text (not read by it, or since changed). */
export const SourcePlaceRequest = new RequestType<SourcePlaceParams, SourcePlace | null, void>('nianbao/sourcePlace');

/**
 * Server to client, from the web server (which has no file system): a packed CMap of the PDF reader
 * (dist/cmaps/<name>.bcmap, for Chinese fonts with predefined encodings), base64; `null` if none.
 */
export interface CMapParams {
  name: string;
}

export const CMapRequest = new RequestType<CMapParams, string | null, void>('nianbao/cmap');

/**
 * 「年报: 新建年度报告」: the text of a new report (title, 统计期限, the six headings, the three tables
 * zero-filled, the 信息处理费 sentence), built by the server from the format of that year. Without a
 * year, the year in the file's name (2025年报.txt), else the one the date suggests, is used and said.
 */
export interface NewReportParams {
  /** The document it is for, if any: its name may carry the year. */
  uri?: string;
  year?: number;
  /** The line ending to write. */
  eol?: '\n' | '\r\n';
}

export interface NewReportResult {
  year: number;
  /** The format the tables are in (2019 or 2021). */
  template: string;
  text: string;
}

export const NewReportRequest = new RequestType<NewReportParams, NewReportResult | null, void>('nianbao/newReport');
