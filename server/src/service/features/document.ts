/**
 * One analysed version of a document: model, findings and positions, each computed once, on first
 * use, and shared by every feature. The parse is made for the first feature that reads the model;
 * the rules run only for a feature that reads the findings (diagnostics, code actions, a finding
 * shown on hover): completion, the outline and folding never run them.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { prepareReport, runRules, type CheckResult, type PreparedReport } from '../check';
import type { NianbaoConfig } from '../config';
import { LineIndex, parseReport, type OffsetRange, type ReportModel } from '../parse';
import type { RegionMemo } from '../parse/reuse';
import type { FactsMemo } from '../facts/memo';
import type { Finding, Locale } from '../rules';
import type { ReportFacts } from '../facts';
import type { ReportFormat } from '../format';

/** `arithmetic` as the shared facts declare it (`facts/index.ts`): hover asks for it on every number. */
export interface Analysis extends Pick<ReportFacts, 'arithmetic'> {
  uri: string;
  version: number;
  text: string;
  model: ReportModel;
  findings: Finding[];
  failures: CheckResult['failures'];
  lines: LineIndex;
  /** The format the report is checked against. */
  format: ReportFormat;
  /** The format of the 二 tables as printed. */
  proactiveFormat: ReportFormat;
  config: NianbaoConfig;
  range(r: OffsetRange): Range;
  offset(p: Position): number;
  /** Whether the rules have run for this analysis (they run on the first read of `findings`). */
  readonly checked: boolean;
  /** Whether the text is OCR'd, as the check read it (`CheckResult.recognised`; reading it runs the rules). */
  readonly recognised: boolean;
  /** The same analysis for the same text under another version number: nothing computed again, nothing computed now. */
  atVersion(version: number): Analysis;
}

/** What the editor keeps of a document's last analysis for its next (one per open document, dropped with it). */
export interface AnalysisMemo {
  /** The table regions an edit did not touch are taken from it, moved by the edit (`parse/reuse.ts`). */
  regions: RegionMemo;
  /** The facts whose inputs are the same: the sentences' statements, the arithmetic (`facts/memo.ts`). */
  facts: FactsMemo;
}

/** `reuse`: the document's memo of its last analysis (the editor keeps one per open document). */
export function analyse(doc: TextDocument, config: NianbaoConfig, reuse?: AnalysisMemo): Analysis {
  const text = doc.getText();
  const lines = new LineIndex(text);
  let prepared: PreparedReport | null = null;
  let result: CheckResult | null = null;
  const prepare = () => (prepared ??= prepareReport(text, config, parseReport(text, { reuse: reuse?.regions }), lines, reuse?.facts));
  const check = () => (result ??= runRules(prepare()));
  const at = (version: number): Analysis => ({
    uri: doc.uri,
    version,
    text,
    get model() { return prepare().model; },
    get findings() { return check().findings; },
    get failures() { return check().failures; },
    lines,
    get format() { return prepare().format; },
    get proactiveFormat() { return prepare().proactiveFormat; },
    config,
    arithmetic: () => prepare().arithmetic(),
    range: r => ({ start: lines.position(r.start), end: lines.position(r.end) }),
    offset: p => lines.offset(p.line, p.character),
    get checked() { return result !== null; },
    get recognised() { return check().recognised; },
    atVersion: at,
  });
  return at(doc.version);
}

export interface FeatureOptions {
  locale: Locale;
  /** Base URI of the rule docs (…/docs/rules/); without it diagnostics carry no link. */
  docsBase?: string;
}

export function docUri(base: string | undefined, ruleId: string): string | undefined {
  if (!base) return undefined;
  return `${base.endsWith('/') ? base : base + '/'}${ruleId}.md`;
}
