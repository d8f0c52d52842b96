/**
 * The pure language service behind one factory: it takes documents and returns LSP types, and
 * knows nothing of connections, files or editors.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionContext, Position, Range } from 'vscode-languageserver-types';
import type { NianbaoConfig } from './config';
import { codeActions, fixAllAction, type IgnoreTarget } from './features/codeActions';
import { completion, formatForNewReport } from './features/completion';
import { newReportYear, reportSkeleton } from './features/skeleton';
import { checkAcross, sortFindings } from './check';
import { diagnostics, toDiagnostic } from './features/diagnostics';
import { analyse, type Analysis, type FeatureOptions } from './features/document';
import { hover, inlayHints } from './features/hover';
import { documentSymbols, foldingRanges } from './features/symbols';
import { markedCells, renderTables, TABLES_CSS } from './render';

export interface LanguageServiceOptions extends FeatureOptions {}

export function createLanguageService(options: LanguageServiceOptions) {
  const cache = new Map<string, { analysis: Analysis; stamp: string }>();
  /**
   * One analysis per document, reused while its text and config are the same. Keyed on the text
   * itself, not the version: a client may send a version number twice for different texts.
   */
  const get = (doc: TextDocument, config: NianbaoConfig = {}): Analysis => {
    const stamp = JSON.stringify(config);
    const hit = cache.get(doc.uri);
    if (hit && hit.stamp === stamp && hit.analysis.text === doc.getText()) {
      // Same text under a new version: the same findings, edits addressed to the new version.
      if (hit.analysis.version !== doc.version) hit.analysis = { ...hit.analysis, version: doc.version };
      return hit.analysis;
    }
    const analysis = analyse(doc, config);
    cache.set(doc.uri, { analysis, stamp });
    return analysis;
  };
  /** Several reports at once (the workspace check): each one's findings and those across them. */
  const forSet = (analyses: Analysis[]) => {
    const across = checkAcross(analyses.map(a => ({ id: a.uri, name: fileName(a.uri), text: a.text, model: a.model, config: a.config })));
    return analyses.map(a => {
      const compared = new Set(across.get(a.uri) ?? []);
      return { uri: a.uri, diagnostics: sortFindings([...a.findings, ...compared]).map(f => toDiagnostic(a, f, options, compared.has(f))) };
    });
  };
  return {
    options,
    analyse: get,
    diagnostics: (doc: TextDocument, config?: NianbaoConfig) => diagnostics(get(doc, config), options),
    codeActions: (doc: TextDocument, range: Range, context: CodeActionContext, config?: NianbaoConfig, ignore?: IgnoreTarget) => codeActions(get(doc, config), range, context, options, ignore),
    fixAll: (doc: TextDocument, config?: NianbaoConfig) => fixAllAction(get(doc, config), options),
    completion: (doc: TextDocument, position: Position, config?: NianbaoConfig) => completion(get(doc, config), position, options),
    documentSymbols: (doc: TextDocument, config?: NianbaoConfig) => documentSymbols(get(doc, config), options),
    foldingRanges: (doc: TextDocument, config?: NianbaoConfig) => foldingRanges(get(doc, config), options),
    hover: (doc: TextDocument, position: Position, config?: NianbaoConfig) => hover(get(doc, config), position, options),
    inlayHints: (doc: TextDocument, config?: NianbaoConfig) => inlayHints(get(doc, config), options),
    /** The report's tables drawn as the official grids, with its findings marked (the table preview). */
    tables(doc: TextDocument, config?: NianbaoConfig) {
      const a = get(doc, config);
      const count = (s: string) => a.findings.filter(f => f.severity === s).length;
      const { html, view } = renderTables(a, options.locale);
      return {
        uri: a.uri, version: a.version, html, css: TABLES_CSS,
        template: a.format.version, errors: count('error'), warnings: count('warning'), infos: count('info'),
        /** The marked cells with their offsets (the server places them on a PDF's pages; not sent as such). */
        marks: markedCells(view, a.findings, options.locale),
      };
    },
    /** A new report's text (「新建年度报告」): on `year`, else the year of the file's name or the date. */
    newReport(p: { uri?: string; year?: number; eol?: '\n' | '\r\n' }, config: NianbaoConfig = {}, now: Date = new Date()) {
      const year = p.year ?? newReportYear(p.uri, now);
      const format = formatForNewReport(config, year);
      return { year, template: format.version, text: reportSkeleton({ year, format, eol: p.eol ?? '\n' }) };
    },
    forget: (uri: string) => cache.delete(uri),
    diagnosticsForSet: (docs: { doc: TextDocument; config: NianbaoConfig }[]) => forSet(docs.map(d => analyse(d.doc, d.config))),
    /** For callers that analyse a set step by step: an analysis that is not kept, and the set's diagnostics. */
    analyseOnce: (doc: TextDocument, config: NianbaoConfig) => analyse(doc, config),
    diagnosticsForAnalyses: forSet,
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;

/** The file a report is named by in findings across reports: the URI's last path segment (a report text's query names its source). */
function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
