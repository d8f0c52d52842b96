/**
 * What the language server and its clients agree on, declared once: the custom requests and
 * notifications with their payloads, and (re-exported) the shared names, the config search and the
 * decoder. The VS Code client imports nothing else from the server side (test/unit/architecture),
 * so its bundle does not carry the engine.
 */
import { NotificationType, RequestType, RequestType0, type Diagnostic } from 'vscode-languageserver-protocol';
import type { ConfigFile } from './config';

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
