/**
 * Names the server, the clients and the CLI share, with no dependency at all: the analysis core may
 * import this file (the messages in `index.ts` may not be, they bring the JSON-RPC library).
 */

/** The project config file, searched upward from a report. */
export const CONFIG_FILE = '.nianbaorc.json';

/** The code action kind of "fix everything that can be fixed" (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.nianbao';

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
