/**
 * Names the server, the clients and the CLI share, with no dependency at all: the analysis core may
 * import this file (the messages in `index.ts` may not be, they bring the JSON-RPC library).
 */

/** The project config file, searched upward from a report. */
export const CONFIG_FILE = '.nianbaorc.json';

/** The code action kind of "fix everything that can be fixed" (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.nianbao';

/**
 * The code action kind of 「计算合计」: every total its items determine, written where still blank or 0
 * (a source action: the Source Action menu, the command 「年报: 计算合计」).
 */
export const COMPUTE_TOTALS_KIND = 'source.computeTotals.nianbao';

/** What Nianbao's fix-all and 计算合计 actions carry in `CodeAction.data`: what they do, in the server's language. */
export interface ActionSummaryData {
  summary: string;
}

/** Commands the server executes (`workspace/executeCommand`). */
export const ServerCommand = {
  /** Show a rule's page: arguments `[ruleId]`. */
  openRuleDoc: 'nianbao.server.openRuleDoc',
} as const;

/** What every diagnostic of the server carries in `Diagnostic.data`. */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the diagnostic was computed for. */
  version: number;
  /** Whether the finding has a certain fix (a quick fix and fix-all apply it). */
  fixable: boolean;
  /** Found by comparing reports with each other (only the workspace check finds these). */
  across?: true;
}

/** Whether a diagnostic compares reports with each other (see `DiagnosticData.across`). */
export function isAcross(diagnostic: { data?: unknown }): boolean {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return data?.across === true;
}

/**
 * The URI scheme of a report's text read from a web page, a Word file or a PDF: a read-only document the
 * client opens (`nianbao-report:/path/002.docx?<the file's URI, encoded>`), checked like any report.
 */
export const REPORT_TEXT_SCHEME = 'nianbao-report';

/**
 * The file a report-text URI was read from (its query), or null for any other URI. Its config
 * file and `ignore` entries are the source file's.
 */
export function reportTextSource(uri: string): string | null {
  if (!uri.startsWith(`${REPORT_TEXT_SCHEME}:`)) return null;
  const q = uri.indexOf('?');
  if (q < 0) return null;
  const end = uri.indexOf('#', q);
  try {
    const source = decodeURIComponent(uri.slice(q + 1, end < 0 ? undefined : end));
    return /^[a-z][a-z0-9+.-]*:/i.test(source) && !source.startsWith(`${REPORT_TEXT_SCHEME}:`) ? source : null;
  } catch {
    return null;
  }
}

/** What a report's title says it is about, before 「工作年度报告」: the body's name comes before it. */
export const REPORT_TITLE_WORDS = '政府信息公开|政务公开|信息公开';

/**
 * The words of a report's title (「…政府信息公开工作年度报告」), on one line: the parser finds the title
 * with it, and the client uses it to tell a report it may offer to check.
 */
export const REPORT_TITLE = new RegExp(`(?:${REPORT_TITLE_WORDS})[^。，,]{0,8}年度?报告`);

/** A megabyte, the unit of every size limit and of the sizes the messages name. */
export const MB = 1024 * 1024;
/** A report is tens of kilobytes; one past this is not a report, and checking it would take minutes and gigabytes. */
export const MAX_REPORT_BYTES = 10 * MB;
/** A config file (`.nianbaorc.json`) is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 1 * MB;
/** Larger files are not read in the editor (a report's Word file is tens of KB; the CLI reads up to 100 MB). */
export const MAX_DOCUMENT_BYTES = 50 * MB;
/** The CLI reads a Word file or a PDF up to this: their bytes are not their text (images, fonts). */
export const MAX_CLI_DOCUMENT_BYTES = 100 * MB;
