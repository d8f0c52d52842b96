/** One analysed version of a document: model, findings and positions, computed once and shared by every feature. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { checkReport, type CheckResult } from '../check';
import type { NianbaoConfig } from '../config';
import type { LineIndex, OffsetRange, ReportModel } from '../parse';
import type { Finding, Locale } from '../rules';
import type { Arithmetic } from '../rules/arithmetic';
import type { ReportFormat } from '../template';

export interface Analysis {
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
  /** The tables' arithmetic, solved once per analysis (hover asks for it on every number). */
  arithmetic(): Arithmetic;
  range(r: OffsetRange): Range;
  offset(p: Position): number;
}

export function analyse(doc: TextDocument, config: NianbaoConfig): Analysis {
  const text = doc.getText();
  const result = checkReport(text, config);
  const { lines } = result;
  return {
    uri: doc.uri,
    version: doc.version,
    text,
    model: result.model,
    findings: result.findings,
    failures: result.failures,
    lines,
    format: result.format,
    proactiveFormat: result.proactiveFormat,
    config,
    arithmetic: result.arithmetic,
    range: r => ({ start: lines.position(r.start), end: lines.position(r.end) }),
    offset: p => lines.offset(p.line, p.character),
  };
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
