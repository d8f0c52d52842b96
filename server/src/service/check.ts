/** The engine: parse, run every rule, honour configuration and suppression comments. */
import type { NianbaoConfig } from './config';
import { LineIndex, parseReport, type ReportModel } from './parse';
import { solveArithmetic, type Arithmetic } from './rules/arithmetic';
import { RULES, type Finding, type FindingInput, type RuleContext } from './rules';
import { readSuppressions } from './suppress';
import { templateForYear, type TemplateVersion } from './template';

export interface CheckResult {
  model: ReportModel;
  findings: Finding[];
  /** Rules that threw: the others still ran. */
  failures: { ruleId: string; error: string }[];
}

export function effectiveTemplate(model: ReportModel, config: NianbaoConfig = {}): TemplateVersion {
  if (config.template && config.template !== 'auto') return config.template;
  return model.template.version ?? (model.year ? templateForYear(model.year.value) : '2021');
}

export function checkReport(text: string, config: NianbaoConfig = {}, model: ReportModel = parseReport(text)): CheckResult {
  const lines = new LineIndex(text);
  const template = effectiveTemplate(model, config);
  let arithmetic: Arithmetic | null = null;
  const findings: Finding[] = [];
  const failures: CheckResult['failures'] = [];
  const suppressions = readSuppressions(text, lines);
  for (const rule of RULES) {
    const setting = config.rules?.[rule.meta.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    const ctx: RuleContext = {
      model,
      template,
      forcedTemplate: config.template && config.template !== 'auto' ? config.template : null,
      lines,
      arithmetic: () => (arithmetic ??= solveArithmetic(model, template)),
      report(f: FindingInput) {
        if (suppressions.isSuppressed(rule.meta.id, lines.lineOf(f.range.start))) return;
        findings.push({ ruleId: rule.meta.id, severity: setting, ...f });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      failures.push({ ruleId: rule.meta.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  sortFindings(findings);
  return { model, findings, failures };
}

export function sortFindings(findings: Finding[]): Finding[] {
  const order = (id: string) => RULES.findIndex(r => r.meta.id === id);
  return findings.sort((a, b) => a.range.start - b.range.start || order(a.ruleId) - order(b.ruleId));
}

export interface ReportToCompare {
  id: string;
  name?: string;
  text: string;
  model: ReportModel;
  config?: NianbaoConfig;
}

/** Rules that compare reports with each other (a folder in the CLI, the workspace in the editor). */
export function checkAcross(reports: ReportToCompare[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>(reports.map(r => [r.id, []]));
  const byId = new Map(reports.map(r => [r.id, { ...r, lines: new LineIndex(r.text) }]));
  for (const rule of RULES) {
    if (!rule.across) continue;
    try {
      rule.across(reports.map(r => ({ id: r.id, name: r.name, model: r.model })), (id, f) => {
        const r = byId.get(id);
        if (!r) return;
        const setting = r.config?.rules?.[rule.meta.id] ?? rule.meta.severity;
        if (setting === 'off') return;
        if (readSuppressions(r.text, r.lines).isSuppressed(rule.meta.id, r.lines.lineOf(f.range.start))) return;
        out.get(id)!.push({ ruleId: rule.meta.id, severity: setting, ...f });
      });
    } catch {
      // A failing rule must not stop the others; per-report checks already ran.
    }
  }
  return out;
}
