/**
 * The pure language service behind one factory: it takes documents and returns LSP types, and
 * knows nothing of connections, files or editors.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionContext, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import type { NianbaoConfig } from './config';
import { codeActions, fixAllAction, type IgnoreTarget } from './features/codeActions';
import { completion, formatForNewReport } from './features/completion';
import { newReportYear, reportSkeleton } from './features/skeleton';
import { acrossSummaries, checkAcross, sortFindings, type AcrossSummaries } from './check';
import { diagnostics, toDiagnostic } from './features/diagnostics';
import { analyse, type Analysis, type AnalysisMemo, type FeatureOptions } from './features/document';
import { FactsMemo } from './facts/memo';
import { hover, inlayHints } from './features/hover';
import { documentSymbols, foldingRanges } from './features/symbols';
import type { LineIndex, OffsetRange } from './parse';
import { RegionMemo } from './parse/reuse';
import { markedCells, renderTables, TABLES_CSS } from './render';

export interface LanguageServiceOptions extends FeatureOptions {}

/** What a set of reports keeps of each (`setReport`): no model. */
export interface SetReport {
  uri: string;
  version: number;
  /** The document's own text (the string it came in), for the suppression comments and ignore entries of findings across reports. */
  text: string;
  config: NianbaoConfig;
  lines: LineIndex;
  /** What the rules across reports take from its model. */
  summaries: AcrossSummaries;
  /** Its own findings, as diagnostics, with where each stands (to sort them with those across reports). */
  own: { range: OffsetRange; ruleId: string; diagnostic: Diagnostic }[];
}

export function createLanguageService(options: LanguageServiceOptions) {
  /** Per open document: its last analysis, and the memo of its last parse (what the next parse may reuse). Dropped on `forget`. */
  const cache = new Map<string, { analysis: Analysis; stamp: string; memo: AnalysisMemo }>();
  /**
   * One analysis per document, reused while its text and config are the same. Keyed on the text
   * itself, not the version: a client may send a version number twice for different texts.
   */
  const get = (doc: TextDocument, config: NianbaoConfig = {}): Analysis => {
    const stamp = JSON.stringify(config);
    const hit = cache.get(doc.uri);
    if (hit && hit.stamp === stamp && hit.analysis.text === doc.getText()) {
      // Same text under a new version: the same findings, edits addressed to the new version.
      // (Not a spread: it would read every getter, running the rules of an analysis nobody asked for yet.)
      if (hit.analysis.version !== doc.version) hit.analysis = hit.analysis.atVersion(doc.version);
      return hit.analysis;
    }
    const memo = hit?.memo ?? { regions: new RegionMemo(), facts: new FactsMemo() };
    const analysis = analyse(doc, config, memo);
    cache.set(doc.uri, { analysis, stamp, memo });
    return analysis;
  };
  /**
   * One report of a set (the workspace check), analysed and let go: its own findings as diagnostics, and
   * what the rules across reports take from it. Nothing in it leads back to the analysis (not even a
   * closure made beside it), so a set of a thousand reports holds no model while the next is read.
   */
  const setReport = (a: Analysis): SetReport => {
    const { uri, version, text, config, lines } = a;
    const own = a.findings.map(f => ({ range: { start: f.range.start, end: f.range.end }, ruleId: f.ruleId, diagnostic: toDiagnostic(a, f, options) }));
    // Whether the text is OCR'd, as its check read it: the same traces of the same text (the model's text is
    // the document's), not read again.
    const recognised = a.model.text === text ? a.recognised : undefined;
    return { uri, version, text, config, lines, summaries: acrossSummaries(a.model, recognised), own };
  };
  /** Several reports at once (the workspace check): each one's findings and those across them. */
  const forSet = (reports: SetReport[]) => {
    const across = checkAcross(reports.map(r => ({ id: r.uri, name: fileName(r.uri), text: r.text, summaries: r.summaries, config: r.config })));
    return reports.map(r => {
      const place = { uri: r.uri, version: r.version, range: (x: OffsetRange) => ({ start: r.lines.position(x.start), end: r.lines.position(x.end) }) };
      const compared = (across.get(r.uri) ?? []).map(f => ({ range: f.range, ruleId: f.ruleId, diagnostic: toDiagnostic(place, f, options, true) }));
      return { uri: r.uri, diagnostics: sortFindings([...r.own, ...compared]).map(x => x.diagnostic) };
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
    diagnosticsForSet: (docs: { doc: TextDocument; config: NianbaoConfig }[]) => forSet(docs.map(d => setReport(analyse(d.doc, d.config)))),
    /** For callers that check a set step by step: an analysis that is not kept, what the set keeps of it, and the set's diagnostics. */
    analyseOnce: (doc: TextDocument, config: NianbaoConfig) => analyse(doc, config),
    setReport,
    diagnosticsForReports: forSet,
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;

/** The file a report is named by in findings across reports: the URI's last path segment (a report text's query names its source). */
export function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
