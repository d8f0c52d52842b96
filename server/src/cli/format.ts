/** Output formats of `nianbao check`: text for people, JSON for tools, SARIF 2.1.0 for CI. */
import { createHash } from 'crypto';
import { createColors } from 'picocolors';
import { LineIndex } from '../service/parse';
import { placeText, type FindingPlace } from '../service/render';
import { RULES, docsPath, type Finding, type Fix, type Locale, type Severity } from '../service/rules';
import { inLocale, SEVERITY_WORDS } from '../service/message';
import type { Positions } from './lines';
import { batchEntry, reportStatus, sameReports, statusCounts, summaryText, type BatchEntry, type ReportStatus } from './summary';

export interface FileReport {
  file: string;
  /** The text checked; a report checked in a worker thread has only its `lines` (and its text once more when needed: cli.ts). */
  text?: string;
  lines?: Positions;
  encoding: string;
  template: string | null;
  findings: Finding[];
  fixed: number;
  /** For a web page, Word file or PDF: where a range of the extracted text stands in the file. */
  locate?: (range: { start: number; end: number }, locale: Locale) => string | null;
  /** `--fix-dry-run`: the unified diff of what `--fix` would write (empty when nothing). */
  diff?: string;
  /** The body and year the report names (its title, a crawler's header), when read. */
  body?: string | null;
  year?: number | null;
  /** Where each finding is in words (the table, row and column of its cells, or a quote): see `tablesView`. */
  places?: Map<Finding, FindingPlace>;
  /** False for a text that is not a report (a README, a log), whatever rule settings say. */
  report?: boolean;
  /** Its status, decided on all its findings (before `--quiet` leaves the errors only). */
  status?: ReportStatus;
}

/** A file's lines, to place its findings: the worker's line starts, or the text's. */
export const linesOf = (f: FileReport): Positions => f.lines ?? new LineIndex(f.text ?? '');

/** A file's status: as decided before any filtering, else from its findings. */
export const statusOf = (f: FileReport): ReportStatus => f.status ?? reportStatus(f.findings, f.report !== false);

export interface RunSummary {
  files: FileReport[];
  /** Files that could not be read, folders (`folder`) that could not be listed, or (`writing`) files whose fixes could not be written back. */
  errors: { file: string; message: string; writing?: true; folder?: true; notFound?: true }[];
  /** `--fix-dry-run` / `--diff`: `fixed` counts what `--fix` would change; nothing was written. */
  dryRun?: boolean;
}


interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based lines and columns; columns count UTF-16 code units. */
export function position(index: Positions, range: { start: number; end: number }): Position {
  const a = index.position(range.start);
  const b = index.position(range.end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

const STATUS_PAINT: Record<ReportStatus, (c: ReturnType<typeof createColors>) => (s: string) => string> = {
  'sum-mismatch': c => c.red, 'missing-parts': c => c.red, format: c => c.red, unsure: c => c.yellow, pass: c => c.green, 'not-a-report': c => c.dim,
};

function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** The reports of a run, and the files that could not be read, as the summaries list them. */
export function batchEntries(run: RunSummary, locale: Locale): BatchEntry[] {
  return [
    ...run.files.map(f => batchEntry(f.file, f.findings, { body: f.body, year: f.year, status: statusOf(f) })),
    ...run.errors.filter(e => !e.writing && !e.folder && !e.notFound)
      .map(e => ({ file: e.file, body: null, year: null, status: 'unsure' as const, errors: 0, warnings: 0, infos: 0, unreadable: e.message || inLocale(locale, '无法读取', 'cannot read') })),
  ];
}

export function formatText(run: RunSummary, locale: Locale, color: boolean): string {
  const c = createColors(color);
  const sevColor: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  const entries = batchEntries(run, locale);
  // A batch ends with a line per report; a file that is not a report is listed there, once.
  const batch = entries.length > 1;
  const reports = run.files.filter(f => statusOf(f) !== 'not-a-report');
  let out = '';
  for (const f of batch ? reports : run.files) {
    const index = linesOf(f);
    for (const x of f.findings) {
      const p = position(index, x.range);
      const sev = SEVERITY_WORDS[locale][x.severity];
      // A finding in an .html/.docx/.pdf names where it is in that file (a source line, a table cell, a page).
      const where = f.locate?.(x.range, locale);
      const at = where === undefined ? `${f.file}:${p.line}:${p.column}` : where && /^\d+:\d+$/.test(where) ? `${f.file}:${where}` : inLocale(locale, `${f.file}（${where ?? '?'}）`, `${f.file} (${where ?? '?'})`);
      // And in words: the table, row and column, or a quote (a line and column say little in a one-line page).
      const place = f.places?.get(x);
      const said = place ? placeText(place, locale) : '';
      out += `${at}  ${sevColor[x.severity](sev)}  ${said ? `${said}  ` : ''}${x.message[locale]}  ${c.dim(`[${x.ruleId}]`)}\n`;
    }
  }
  for (const e of run.errors) {
    const what = e.writing ? inLocale(locale, '无法写回', 'cannot write')
      : e.folder ? inLocale(locale, '无法读取文件夹', 'cannot read folder')
        : e.notFound ? inLocale(locale, '找不到', 'not found')
          : inLocale(locale, '无法读取', 'cannot read');
    out += `${e.file}  ${c.red(what)}  ${e.message}\n`;
  }
  if (batch) out += summaryText(entries, locale, { status: (s, text) => STATUS_PAINT[s](c)(text) });
  const skipped = run.files.length - reports.length;
  const all = reports.flatMap(f => f.findings);
  const n = counts(all);
  const folders = run.errors.filter(e => e.folder).length;
  const notFound = run.errors.filter(e => e.notFound).length;
  const unreadable = run.errors.filter(e => !e.writing && !e.folder && !e.notFound).length;
  const unwritten = run.errors.filter(e => e.writing).length;
  // Nothing found is not "all is well" when something could not be read or written.
  const clean = run.errors.length ? '⚠' : '✔';
  const fixed = run.files.reduce((sum, f) => sum + f.fixed, 0);
  const files = reports.length;
  if (locale === 'zh') {
    out += all.length
      ? `\n✖ ${all.length} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 条提示），共检查 ${files} 个文件`
      : `\n${clean} 共检查 ${files} 个文件，没有发现问题`;
    if (fixed) out += run.dryRun ? `，--fix 可修正 ${fixed} 处（未写入）` : `，已自动修正 ${fixed} 处`;
    if (skipped) out += `，${skipped} 个文件不是年报（未检查）`;
    if (notFound) out += `，${notFound} 个路径找不到`;
    if (unreadable) out += `，${unreadable} 个文件无法读取`;
    if (folders) out += `，${folders} 个文件夹无法读取`;
    if (unwritten) out += `，${unwritten} 个文件未能写回`;
  } else {
    out += all.length
      ? `\n✖ ${all.length} problem${all.length === 1 ? '' : 's'} (${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info) in ${files} file${files === 1 ? '' : 's'}`
      : `\n${clean} ${files} file${files === 1 ? '' : 's'} checked, no problems`;
    if (fixed) out += run.dryRun ? `, ${fixed} fixable with --fix (not written)` : `, ${fixed} fixed`;
    if (skipped) out += `, ${skipped} not a report (not checked)`;
    if (notFound) out += `, ${notFound} not found`;
    if (unreadable) out += `, ${unreadable} unreadable`;
    if (folders) out += `, ${folders} folder${folders === 1 ? '' : 's'} unreadable`;
    if (unwritten) out += `, ${unwritten} not written back`;
  }
  return out + '\n';
}

/**
 * Fixes a person chooses (the lead adds `suggestions?: Fix[]` to `Finding`): never applied by `--fix`,
 * listed in JSON and SARIF when present.
 */
/** The version of the JSON output's shape (schemas/check-output.schema.json): raised when a field changes meaning or goes. */
export const JSON_OUTPUT_VERSION = 1;

export function formatJson(run: RunSummary, locale: Locale, toolVersion: string): string {
  const fixJson = (index: Positions, fix: Fix) => ({ title: fix.title[locale], edits: fix.edits.map(e => ({ ...position(index, e.range), newText: e.newText })) });
  const entries = batchEntries(run, locale);
  const same = sameReports(run.files.filter(f => statusOf(f) !== 'not-a-report').map(f => ({ file: f.file, body: f.body ?? null, year: f.year ?? null })));
  return JSON.stringify({
    version: JSON_OUTPUT_VERSION,
    tool: { name: 'nianbao', version: toolVersion },
    ...(run.dryRun ? { dryRun: true } : {}),
    counts: {
      ...counts(run.files.flatMap(f => f.findings)), files: run.files.length, fixed: run.files.reduce((sum, f) => sum + f.fixed, 0),
      statuses: Object.fromEntries(statusCounts(entries)),
    },
    files: run.files.map(f => {
      const index = linesOf(f);
      return {
        file: f.file,
        encoding: f.encoding,
        template: f.template,
        status: statusOf(f),
        body: f.body ?? null,
        year: f.year ?? null,
        fixed: f.fixed,
        counts: counts(f.findings),
        ...(f.diff !== undefined ? { diff: f.diff } : {}),
        findings: f.findings.map(x => {
          const suggestions = x.suggestions ?? [];
          return {
            ruleId: x.ruleId,
            severity: x.severity,
            message: x.message[locale],
            ...position(index, x.range),
            ...(f.locate ? { location: f.locate(x.range, locale) } : {}),
            ...placeJson(f.places?.get(x), locale),
            ...(x.fix ? { fix: fixJson(index, x.fix) } : {}),
            ...(suggestions.length ? { suggestions: suggestions.map(s => fixJson(index, s)) } : {}),
          };
        }),
      };
    }),
    errors: run.errors,
    ...(same.length ? { sameReports: same } : {}),
  }, null, 2) + '\n';
}

/** A finding's place in the JSON: its parts, and the words the terminal shows. */
function placeJson(place: FindingPlace | undefined, locale: Locale): { place?: FindingPlace & { text: string } } {
  const text = place ? placeText(place, locale) : '';
  return place && text ? { place: { ...place, text } } : {};
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

function region(p: Position) {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

declare const NIANBAO_REPOSITORY: string | undefined;
declare const NIANBAO_RULE_DOCS: Record<string, string> | undefined;

/** The project's web address (`repository` in package.json, set by the bundle); empty when unknown. */
function repository(): string {
  return typeof NIANBAO_REPOSITORY === 'string' ? NIANBAO_REPOSITORY : '';
}

/** The rule's page on the web, or null. */
export function ruleHelpUri(id: string): string | null {
  return repository() ? `${repository()}/blob/main/${docsPath(id)}` : null;
}

/** The rule's page (bundled) with its relative links made absolute, for a code-scanning tool to show. */
function ruleHelpMarkdown(id: string): string | null {
  const page = typeof NIANBAO_RULE_DOCS === 'object' ? NIANBAO_RULE_DOCS?.[id] : undefined;
  const uri = ruleHelpUri(id);
  if (!page) return null;
  if (!uri) return page;
  const base = uri.slice(0, uri.lastIndexOf('/') + 1);
  return page.replace(/\]\((?![a-z][a-z0-9+.-]{0,20}:|#|\/)([^)\s\]]{1,500})\)/gi, (_, target: string) => `](${base}${target})`);
}

/**
 * What identifies a finding across commits, whatever line it moved to and whatever the message's
 * language: the rule, the file, the Chinese message with its numbers taken out (it names the section,
 * table, row and column), and which of the identical ones it is. A number corrected or shifted keeps
 * the identity; a finding on another row or column has another.
 */
export function fingerprints(file: string, findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map(x => {
    const key = `${x.ruleId}\0${file}\0${x.message.zh.replace(/\d+(\.\d+)?/g, '#')}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  });
}

// By hand, not with a SARIF builder library: one object literal, checked against the SARIF 2.1.0 schema in test/unit/cli-check.
export function formatSarif(run: RunSummary, locale: Locale, version: string, toUri: (file: string) => string): string {
  const rules = RULES.map(r => {
    const helpUri = ruleHelpUri(r.meta.id);
    const markdown = ruleHelpMarkdown(r.meta.id);
    return {
      id: r.meta.id,
      name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: r.meta.description[locale] },
      fullDescription: { text: `${r.meta.description.zh} / ${r.meta.description.en}` },
      ...(helpUri ? { helpUri } : {}),
      help: { text: `${r.meta.description[locale]} (${helpUri ?? docsPath(r.meta.id)})`, ...(markdown ? { markdown } : {}) },
      defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
      properties: { tags: r.meta.tags, fixable: r.meta.fixable },
    };
  });
  const results = run.files.flatMap(f => {
    const index = linesOf(f);
    const uri = toUri(f.file);
    const prints = fingerprints(uri, f.findings);
    const sarifFix = (fix: Fix, kind: 'fix' | 'suggestion') => ({
      description: { text: fix.title[locale] },
      artifactChanges: [{
        artifactLocation: { uri },
        replacements: fix.edits.map(e => ({ deletedRegion: region(position(index, e.range)), insertedContent: { text: e.newText } })),
      }],
      // `fix`: certain, what --fix applies; `suggestion`: for a person to choose.
      properties: { kind },
    });
    return f.findings.map((x, i) => {
      const fixes = [...(x.fix ? [sarifFix(x.fix, 'fix')] : []), ...(x.suggestions ?? []).map(s => sarifFix(s, 'suggestion'))];
      return {
        ruleId: x.ruleId,
        ruleIndex: RULES.findIndex(r => r.meta.id === x.ruleId),
        level: SARIF_LEVEL[x.severity],
        message: { text: x.message[locale] },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(position(index, x.range)) } }],
        partialFingerprints: { 'findingHash/v1': prints[i] },
        ...(x.related?.length
          ? { relatedLocations: x.related.map((r, id) => ({ id, message: { text: r.message[locale] }, physicalLocation: { artifactLocation: { uri }, region: region(position(index, r.range)) } })) }
          : {}),
        ...(fixes.length ? { fixes } : {}),
      };
    });
  });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'nianbao', version, ...(repository() ? { informationUri: repository() } : {}), rules } },
      columnKind: 'utf16CodeUnits',
      artifacts: run.files.map(f => ({ location: { uri: toUri(f.file) }, encoding: f.encoding })),
      results,
      invocations: [{ executionSuccessful: run.errors.length === 0, toolExecutionNotifications: run.errors.map(e => ({ level: 'error', message: { text: `${e.file}: ${e.message}` } })) }],
    }],
  }, null, 2) + '\n';
}
