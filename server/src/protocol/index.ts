/**
 * What the language server and its clients agree on, declared once: the custom requests and
 * notifications with their payloads, and (re-exported) the shared names, the config search and the
 * decoder. The VS Code client imports nothing else from the server side (test/unit/architecture),
 * so its bundle does not carry the engine.
 */
import { NotificationType, RequestType, RequestType0, type Diagnostic } from 'vscode-languageserver-protocol';
import type { ConfigFile } from './config';

export * from './base64';
export * from './config';
export * from './decode';
export * from './names';

/** After each check of an open report: what the editor's status item shows. */
export interface Status {
  uri: string;
  version: number;
  /** The format the report was checked against. */
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
}

export const TablesRequest = new RequestType<TablesParams, TablesResult | null, void>('nianbao/tables');

/**
 * "Open as report text": the client sends a web page's or a Word file's bytes, the server reads them
 * with the CLI's readers (server/src/readers) and answers the report text it would check, or why it
 * could not (a damaged zip, an old .doc, a PDF: read by the CLI only). The client shows the text as a
 * read-only document (`REPORT_TEXT_SCHEME`), which the server then checks like any report.
 */
/** Larger files are not read in the editor (a report's Word file is tens of KB; the CLI reads up to 100 MB). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface ReadDocumentParams {
  /** The file's name (its extension decides when the content does not: `.html`, `.docx`). */
  name: string;
  /** The file's bytes, base64 (`bytesToBase64`). */
  data: string;
}

export interface ReadDocumentResult {
  /** What the file was read as. `pdf`: not read here (no text): use the CLI. */
  kind: 'text' | 'html' | 'docx' | 'pdf';
  /** The report text (empty when nothing could be read). */
  text: string;
  /** Why the file could not be read, or not in full, in the server's language. */
  problems: string[];
  /** Whether the text looks like an annual report (title, section headings or tables). */
  report: boolean;
  /** The encoding a web page was decoded with. */
  encoding?: string;
}

/** `null`: the server failed to read it (its output channel says why). */
export const ReadDocumentRequest = new RequestType<ReadDocumentParams, ReadDocumentResult | null, void>('nianbao/readDocument');

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
