import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../rules';
import { docUri, type Analysis, type FeatureOptions } from './document';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toDiagnostic(a: Analysis, f: Finding, options: FeatureOptions): Diagnostic {
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
    // Stateless code actions: what the action needs travels with the diagnostic.
    data: { ruleId: f.ruleId, version: a.version, fixable: !!f.fix },
  };
}

export function diagnostics(a: Analysis, options: FeatureOptions): Diagnostic[] {
  return a.findings.map(f => toDiagnostic(a, f, options));
}
