import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../protocol/names';
import type { Finding } from '../rules';
import { docUri, type Analysis, type FeatureOptions } from './document';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/**
 * `across`: the finding compares this report with others (the client tells them apart by `data.across`).
 * Takes of the analysis only where its findings are: a report of a set kept without its model passes that.
 */
export function toDiagnostic(a: Pick<Analysis, 'uri' | 'version' | 'range'>, f: Finding, options: FeatureOptions, across = false): Diagnostic {
  // Stateless code actions: what the action needs travels with the diagnostic.
  const data: DiagnosticData = { ruleId: f.ruleId, version: a.version, fixable: !!f.fix, ...(across ? { across: true as const } : {}) };
  const href = docUri(options.docsBase, f.ruleId);
  return {
    range: a.range(f.range),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'nianbao',
    message: f.message[options.locale],
    ...(f.related?.length
      ? { relatedInformation: f.related.map(r => ({ location: { uri: a.uri, range: a.range(r.range) }, message: r.message[options.locale] })) }
      : {}),
    data,
  };
}

export function diagnostics(a: Analysis, options: FeatureOptions): Diagnostic[] {
  return a.findings.map(f => toDiagnostic(a, f, options));
}
