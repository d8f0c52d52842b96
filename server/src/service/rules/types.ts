import type { LineIndex, OffsetRange, ReportModel } from '../parse';
import type { ReportFormat } from '../format';
import type { ReportFacts } from '../facts';
import type { SetFacts } from '../across';

export { msg, type Locale, type Message, type Severity, type SeveritySetting } from '../message';
import type { Message, Severity } from '../message';

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

/** A fix is data: edits and a title. One shared function applies it everywhere. */
export interface Fix {
  title: Message;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: OffsetRange;
  message: Message;
  /**
   * A safe fix: certain, minimal and local (one cell that alone explains every broken relation; a
   * misspelled label on one line, matched with high confidence). `--fix` and fix-all apply it.
   */
  fix?: Fix;
  /** Fixes offered to a person (quick fixes in the editor), never applied in bulk. */
  suggestions?: Fix[];
  /** Other places the finding involves, e.g. the totals that a wrong cell breaks. */
  related?: { range: OffsetRange; message: Message }[];
  /**
   * The cells the finding is about when its range is a stretch of several (an undecided relation:
   * its totals and its candidates): what the tables mark, never the whole stretch.
   */
  cells?: OffsetRange[];
}

export type FindingInput = Omit<Finding, 'ruleId' | 'severity'> & {
  /** At most this severity, whatever the rule's setting (a finding the rule itself is less sure of). */
  atMost?: Severity;
};

export interface RuleMeta {
  /** kebab-case id: the LSP diagnostic code and the SARIF ruleId. */
  id: string;
  description: Message;
  severity: Severity;
  /** Some findings carry a safe fix (`--fix`, fix-all). */
  fixable: boolean;
  /** Some findings carry suggestions: fixes a person chooses, never applied in bulk. */
  hasSuggestions?: boolean;
  tags: string[];
}

/** What a rule sees of one report: its model, formats and lines, and the facts shared by the rules (`ReportFacts`). */
export interface RuleContext extends ReportFacts {
  readonly model: ReportModel;
  /** The format the report is checked against: configured, else detected, else by year, else the latest. */
  readonly format: ReportFormat;
  /** The format set in the configuration, when it is not `auto`. */
  readonly forcedFormat: ReportFormat | null;
  /** The format of the 二 tables as printed (they may follow the other format): detected, else `format`. */
  readonly proactiveFormat: ReportFormat;
  readonly lines: LineIndex;
  report(finding: FindingInput): void;
}

/** A report among others (a folder, a workspace), for rules that compare reports with each other. */
export interface ReportInSet<S = unknown> {
  id: string;
  /** How messages name the report (a file name); the id when absent. */
  name?: string;
  /** What the rule took from the report's model (its `summarize`). */
  summary: S;
}

export interface Rule<S = unknown> {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
  /**
   * For a rule that compares reports: what it needs of one report's model, small and plain (a folder
   * is checked in worker threads, and only this comes back from each report, not its model).
   */
  summarize?(model: ReportModel): S;
  /**
   * Checks across reports, e.g. one year's carry-over against the year before. `set`: the batch seen
   * together, once for every rule (which reports are one body's year after year, the text they share).
   */
  across?(reports: ReportInSet<S>[], report: (id: string, finding: FindingInput) => void, set: SetFacts): void;
}

/** Rule docs ship with the extension and the package: docs/rules/<id>.md. */
export function docsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
