/** The engine: parse, run every rule, honour configuration and suppression comments. */
import { analyseSet, setSummary, type BodyAliases, type SetFacts, type SetSummary } from './across';
import type { NianbaoConfig } from './config';
import { LineIndex, parseReport, type ReportModel } from './parse';
import { reportFacts, type ReportFacts } from './facts';
import type { FactsMemo } from './facts/memo';
import { severityRank, type Severity } from './message';
import { RULES, type Finding, type FindingInput, type RuleContext } from './rules';
import { looksLikeReport, notAReport } from './rules/not-a-report';
import { RULES_ON_RECOGNISED_TEXT } from './rules/ocr-text';
import { isRecognisedText, recognitionTraces } from './parse/recognition';
import { findingContext, readSuppressions } from './suppress';
import { formatForYear, formatOf, LATEST_FORMAT, type ReportFormat } from './format';

/** The arithmetic is one of the shared facts (`facts/index.ts`): declared there, served here. */
export interface CheckResult extends Pick<ReportFacts, 'arithmetic'> {
  model: ReportModel;
  findings: Finding[];
  /** Rules that threw: the others still ran. */
  failures: { ruleId: string; error: string }[];
  /** The format the report was checked against. */
  format: ReportFormat;
  /** The format its 二 tables are printed in: detected, else `format`. */
  proactiveFormat: ReportFormat;
  lines: LineIndex;
  /** Whether the text is OCR'd (`parse/recognition.ts`): read once here, passed on to `acrossSummaries`. */
  recognised: boolean;
}

/** The format set in the configuration (its key is `template`, as users write it), if it is not `auto`. */
export function forcedFormat(config: NianbaoConfig = {}): ReportFormat | null {
  return config.template && config.template !== 'auto' ? formatOf(config.template) : null;
}

/** Configured, else detected from the tables or the cited document, else by the year, else the latest. */
export function effectiveFormat(model: ReportModel, config: NianbaoConfig = {}): ReportFormat {
  const forced = forcedFormat(config);
  if (forced) return forced;
  if (model.format.version) return formatOf(model.format.version);
  return model.year ? formatForYear(model.year.value) : LATEST_FORMAT;
}

/** The format a report's 二 tables are printed in: detected from them, else the format it is checked against. */
export function proactiveFormatOf(model: ReportModel, format: ReportFormat): ReportFormat {
  return model.format.proactive ? formatOf(model.format.proactive) : format;
}

/**
 * A report made ready for the rules: its model, the format it is checked against, its lines, and the
 * facts the rules share (each derived on first use). The editor's features that need no finding
 * (completion, outline, folding, hover on a label) stop here: no rule runs.
 */
export interface PreparedReport extends ReportFacts {
  text: string;
  config: NianbaoConfig;
  model: ReportModel;
  format: ReportFormat;
  forcedFormat: ReportFormat | null;
  proactiveFormat: ReportFormat;
  lines: LineIndex;
}

/** `memo`: the editor's memo of the document's last facts (`facts/memo.ts`). */
export function prepareReport(text: string, config: NianbaoConfig = {}, model: ReportModel = parseReport(text), lines = new LineIndex(text), memo?: FactsMemo): PreparedReport {
  const format = effectiveFormat(model, config);
  return {
    text, config, model, format, forcedFormat: forcedFormat(config), proactiveFormat: proactiveFormatOf(model, format), lines,
    ...reportFacts(model, format, memo),
  };
}

export function checkReport(text: string, config: NianbaoConfig = {}, model: ReportModel = parseReport(text)): CheckResult {
  return runRules(prepareReport(text, config, model));
}

/** Every rule of the registry on a prepared report, with the configuration and the suppression comments applied. */
export function runRules(prepared: PreparedReport): CheckResult {
  const { text, config, model, format, proactiveFormat, lines, arithmetic } = prepared;
  const findings: Finding[] = [];
  const failures: CheckResult['failures'] = [];
  const suppressions = readSuppressions(text, lines);
  const ignored = ignoredBy(config, text);
  // A text that is not a report gets one note and nothing else: no finding, no fix.
  const report = looksLikeReport(model);
  // An OCR'd text: one note saying so, the tables' sums with their fixes as suggestions, nothing else.
  const recognised = isRecognisedText(text === model.text ? prepared.recognitionTraces() : recognitionTraces(text));
  // One context for every rule (a copy of the prepared report for each cost ~2 % of a check): `report` files a
  // finding under the rule being run. A rule reports while its check runs (checks are synchronous); a report
  // after that is a bug and throws rather than file the finding under another rule.
  let running: { id: string; setting: Severity } | null = null;
  const ctx: RuleContext = {
    ...prepared,
    report(f: FindingInput) {
      if (!running) throw new Error('a finding reported after its rule ran');
      if (suppressions.isSuppressed(running.id, lines.lineOf(f.range.start))) return;
      if (ignored(running.id, f.range)) return;
      findings.push(settled(running.id, running.setting, f, recognised));
    },
  };
  for (const rule of RULES) {
    if (!report && rule !== notAReport) continue;
    if (recognised && !RULES_ON_RECOGNISED_TEXT.has(rule.meta.id)) continue;
    const setting = config.rules?.[rule.meta.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    running = { id: rule.meta.id, setting };
    try {
      rule.check(ctx);
    } catch (e) {
      failures.push({ ruleId: rule.meta.id, error: e instanceof Error ? e.message : String(e) });
    }
    running = null;
  }
  sortFindings(findings);
  return { model, findings, failures, format, proactiveFormat, lines, arithmetic, recognised };
}

/**
 * The configuration's policy on one finding, the same for one report and across reports: the rule's
 * setting, lowered to the finding's `atMost`; a note is advice and a sum on OCR'd digits (`recognised`)
 * uncertain, so its fix becomes a suggestion, never applied in bulk.
 */
export function settled(ruleId: string, setting: Severity, f: FindingInput, recognised = false): Finding {
  const { atMost, ...found } = f;
  const severity = atMost && severityRank(atMost) < severityRank(setting) ? atMost : setting;
  if ((severity === 'info' || recognised) && found.fix) Object.assign(found, { fix: undefined, suggestions: [found.fix, ...(found.suggestions ?? [])] });
  return { ruleId, severity, ...found };
}

/** The config's `ignore` entries (already scoped to this report): by rule, and by context when given. */
function ignoredBy(config: NianbaoConfig, text: string): (ruleId: string, range: { start: number; end: number }) => boolean {
  const entries = config.ignoreFindings ?? [];
  if (!entries.length) return () => false;
  return (ruleId, range) => entries.some(e => e.rule === ruleId && (e.context === undefined || e.context === findingContext(text, range)));
}

/** In the order of the text, then of the registry (anything with a finding's place and rule: findings, or what stands for them). */
export function sortFindings<T extends Pick<Finding, 'range' | 'ruleId'>>(findings: T[]): T[] {
  const order = new Map(RULES.map((r, i) => [r.meta.id, i]));
  return findings.sort((a, b) => a.range.start - b.range.start || (order.get(a.ruleId) ?? -1) - (order.get(b.ruleId) ?? -1));
}

/** What the rules that compare reports take from one report's model, by rule id (small, plain data). */
export type AcrossSummaries = Record<string, unknown>;

/** The key of the batch's own summary (pairing, reuse) among the rules' summaries. */
export const SET_SUMMARY = '*';

export function acrossSummaries(model: ReportModel, recognised = isRecognisedText(recognitionTraces(model.text))): AcrossSummaries {
  // A text that is not a report is never compared, paired or counted.
  if (!looksLikeReport(model)) return {};
  // Nor is an OCR'd report: its figures, its body's name and its words are the recogniser's reading (a
  // misread digit is no jump, a misread name no other body, a scan of a report no reuse of it).
  if (recognised) return {};
  const out: AcrossSummaries = { [SET_SUMMARY]: setSummary(model) };
  for (const rule of RULES) if (rule.across && rule.summarize) out[rule.meta.id] = rule.summarize(model);
  return out;
}

export interface ReportToCompare {
  id: string;
  name?: string;
  text: string;
  /** The report's model, or (`summaries`) only what the rules that compare reports take from it. */
  model?: ReportModel;
  summaries?: AcrossSummaries;
  config?: NianbaoConfig;
}

/** Rules that compare reports with each other (a folder in the CLI, the workspace in the editor). */
export function checkAcross(reports: ReportToCompare[]): Map<string, Finding[]> {
  return compareReports(reports).findings;
}

/**
 * The findings across reports, and the batch as the rules saw it (pairs, reuse) for the review page;
 * `given`: the batch as an earlier call on the same reports found it (a report's text is read only when
 * one of its findings is reported: the CLI asks again with the texts it had not kept).
 */
export function compareReports(reports: ReportToCompare[], given?: SetFacts): { findings: Map<string, Finding[]>; set: SetFacts } {
  const out = new Map<string, Finding[]>(reports.map(r => [r.id, []]));
  const byId = new Map(reports.map(r => [r.id, r]));
  // Lines are indexed only for the reports a rule reports on.
  const linesOf = new Map<string, LineIndex>();
  const lines = (r: ReportToCompare) => linesOf.get(r.id) ?? linesOf.set(r.id, new LineIndex(r.text)).get(r.id)!;
  const summaries = reports.map(r => r.summaries ?? (r.model ? acrossSummaries(r.model) : {}));
  const aliases: BodyAliases = Object.assign({}, ...reports.map(r => r.config?.bodies ?? {}));
  const set = given ?? analyseSet(reports.flatMap((r, i) => (summaries[i][SET_SUMMARY] ? [{ id: r.id, name: r.name, summary: summaries[i][SET_SUMMARY] as SetSummary }] : [])), aliases);
  for (const rule of RULES) {
    if (!rule.across) continue;
    try {
      const id = rule.meta.id;
      // A rule without a summary of its own works on the batch's facts alone: every report is in its set.
      const members = reports.flatMap((r, i) => ((rule.summarize ? id in summaries[i] : SET_SUMMARY in summaries[i]) ? [{ id: r.id, name: r.name, summary: summaries[i][id] }] : []));
      rule.across(members, (id, f) => {
        const r = byId.get(id);
        if (!r) return;
        const setting = r.config?.rules?.[rule.meta.id] ?? rule.meta.severity;
        if (setting === 'off') return;
        if (readSuppressions(r.text, lines(r)).isSuppressed(rule.meta.id, lines(r).lineOf(f.range.start))) return;
        if (ignoredBy(r.config ?? {}, r.text)(rule.meta.id, f.range)) return;
        out.get(id)!.push(settled(rule.meta.id, setting, f));
      }, set);
    } catch {
      // A failing rule must not stop the others; per-report checks already ran.
    }
  }
  return { findings: out, set };
}
