/**
 * A batch as a reviewer reads it: one status per report in words a leader reads (合计不符, 缺部分,
 * 格式不符, 读不准（需人工核对）, 通过), files that are not reports apart, and two files of the same
 * body and year (a page and its text) said once. The terminal summary, the review page, the JSON and
 * `export` take them from here.
 */
import * as path from 'path';
import { tablesView, type FindingPlace, type TablesInput } from '../service/render';
import { RULES, type Finding, type Locale } from '../service/rules';
import { inLocale } from '../service/message';

/** In the order a reviewer reads them: real errors first; a file that is not a report last. */
export const STATUSES = ['sum-mismatch', 'missing-parts', 'format', 'unsure', 'pass', 'not-a-report'] as const;
export type ReportStatus = (typeof STATUSES)[number];

export const STATUS_TEXT: Record<Locale, Record<ReportStatus, string>> = {
  zh: {
    'sum-mismatch': '合计不符', 'missing-parts': '缺部分', format: '格式不符', unsure: '读不准（需人工核对）', pass: '通过', 'not-a-report': '不是年报，未检查',
  },
  en: {
    'sum-mismatch': 'totals do not add up', 'missing-parts': 'parts missing', format: 'not as the format says', unsure: 'not read with confidence (check by hand)',
    pass: 'pass', 'not-a-report': 'not a report, not checked',
  },
};

/** Errors of the arithmetic (row, column, 勾稽关系, 四 totals) and two copies of 三 that disagree. */
const SUM_RULES = new Set([...RULES.filter(r => r.meta.tags.includes('arithmetic')).map(r => r.meta.id), 'table-duplicate']);
const MISSING_RULES = new Set(['section-missing', 'table-missing', 'row-missing']);
/** What says a table, or the whole text (OCR'd), was not read with confidence. */
const UNSURE_RULES = new Set(['table-unreadable', 'ocr-text']);

/**
 * One status per report, the most serious first: an error of the sums, a missing part, any other
 * error; then a table not read with confidence (not a failure: a person checks it); else 通过.
 */
export function reportStatus(findings: readonly Finding[], isReport = true): ReportStatus {
  if (!isReport || findings.some(f => f.ruleId === 'not-a-report')) return 'not-a-report';
  const errors = findings.filter(f => f.severity === 'error');
  if (errors.some(f => SUM_RULES.has(f.ruleId))) return 'sum-mismatch';
  if (errors.some(f => MISSING_RULES.has(f.ruleId))) return 'missing-parts';
  if (errors.length) return 'format';
  if (findings.some(f => UNSURE_RULES.has(f.ruleId))) return 'unsure';
  return 'pass';
}

/** Where each finding of a checked report is, in words (one function for the terminal, the JSON and the page: `tablesView`). */
export function findingPlaces(result: TablesInput): Map<Finding, FindingPlace> {
  // A report without findings needs no grids drawn (a fifth of a folder, often).
  const places = result.findings.length ? tablesView(result).places : [];
  return new Map(result.findings.map((f, i) => [f, places[i]]));
}

export const statusRank = (s: ReportStatus) => STATUSES.indexOf(s);

/** A report of a batch as the summaries list it. */
export interface BatchEntry {
  file: string;
  body: string | null;
  year: number | null;
  status: ReportStatus;
  errors: number;
  warnings: number;
  infos: number;
  /** Why the file could not be read (its status is then `unsure`). */
  unreadable?: string;
}

/** A report's entry; `meta.status` when it was decided before the findings were filtered (`--quiet`). */
export function batchEntry(file: string, findings: readonly Finding[], meta: { body?: string | null; year?: number | null; status?: ReportStatus }): BatchEntry {
  const n = (s: Finding['severity']) => findings.filter(f => f.severity === s).length;
  return { file, body: meta.body ?? null, year: meta.year ?? null, status: meta.status ?? reportStatus(findings), errors: n('error'), warnings: n('warning'), infos: n('info') };
}

/** Real errors first: by status, then more errors, more warnings, then by file. */
export function byStatus(a: BatchEntry, b: BatchEntry): number {
  return statusRank(a.status) - statusRank(b.status) || b.errors - a.errors || b.warnings - a.warnings || a.file.localeCompare(b.file);
}

/** How many of each status (non-zero ones), in the statuses' order. */
export function statusCounts(entries: readonly BatchEntry[]): [ReportStatus, number][] {
  return STATUSES.map(s => [s, entries.filter(e => e.status === s).length] as [ReportStatus, number]).filter(([, n]) => n > 0);
}

export interface SameReport {
  body: string;
  year: number;
  files: string[];
}

/** Files with the same body and year (a page and its text copy): each group once, in file order. */
export function sameReports(entries: readonly { file: string; body: string | null; year: number | null }[]): SameReport[] {
  const groups = new Map<string, SameReport>();
  for (const e of entries) {
    if (!e.body || e.year === null) continue;
    const key = `${e.body}\0${e.year}`;
    const g = groups.get(key) ?? groups.set(key, { body: e.body, year: e.year, files: [] }).get(key)!;
    g.files.push(e.file);
  }
  return [...groups.values()].filter(g => g.files.length > 1);
}

/** The warning for files of the same body and year, one line per group. */
export function sameReportsText(groups: readonly SameReport[], locale: Locale, tail: { zh: string; en: string } = { zh: '请确认是否为同一份报告（如网页与其文字版），汇总时只应算一份', en: 'check whether they are one report (a page and its text, say): it should count once' }): string {
  const names = (files: string[], sep: string, more: (n: number) => string) =>
    files.slice(0, SAME_NAMED).map(f => path.basename(f)).join(sep) + (files.length > SAME_NAMED ? more(files.length - SAME_NAMED) : '');
  return groups.map(g => inLocale(locale, `nianbao: ${g.body} ${g.year} 年的报告有 ${g.files.length} 份：${names(g.files, '、', n => ` 等（另有 ${n} 份）`)}——${tail.zh}\n`, `nianbao: ${g.files.length} files are ${g.body}'s ${g.year} report: ${names(g.files, ', ', n => ` and ${n} more`)}: ${tail.en}\n`)).join('');
}

/** Files named in a warning about one report in several files; the rest are counted. */
const SAME_NAMED = 5;

/** Columns a string takes in a terminal: CJK and full-width characters two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function countsText(e: BatchEntry, locale: Locale): string {
  if (e.unreadable) return e.unreadable;
  const parts = [
    e.errors ? inLocale(locale, `${e.errors} 个错误`, `${e.errors} error${e.errors === 1 ? '' : 's'}`) : '',
    e.warnings ? inLocale(locale, `${e.warnings} 个警告`, `${e.warnings} warning${e.warnings === 1 ? '' : 's'}`) : '',
    e.infos ? inLocale(locale, `${e.infos} 条提示`, `${e.infos} note${e.infos === 1 ? '' : 's'}`) : '',
  ].filter(Boolean);
  return parts.join(inLocale(locale, '，', ', '));
}

/**
 * The per-report summary the terminal ends with: a line per report (status, file, body and year, its
 * counts), real errors first, then how many of each status. Files that are not reports are counted
 * apart, never as passed.
 */
export function summaryText(entries: readonly BatchEntry[], locale: Locale, paint: { status: (s: ReportStatus, text: string) => string }): string {
  const reports = entries.filter(e => e.status !== 'not-a-report').sort(byStatus);
  const others = entries.filter(e => e.status === 'not-a-report');
  const t = STATUS_TEXT[locale];
  const statusWidth = Math.max(0, ...reports.map(e => width(t[e.status])));
  const fileWidth = Math.max(0, ...reports.map(e => width(e.file)));
  let out = inLocale(locale, '\n各报告结果（错误多的在前）：\n', '\nEach report (real errors first):\n');
  for (const e of reports) {
    const who = [e.body, e.year !== null ? String(e.year) : null].filter(Boolean).join(' ');
    const counts = countsText(e, locale);
    out += `  ${paint.status(e.status, pad(t[e.status], statusWidth))}  ${pad(e.file, fileWidth)}  ${[who, counts].filter(Boolean).join('  ')}`.trimEnd() + '\n';
  }
  if (others.length) {
    out += inLocale(locale, `  ${t['not-a-report']}：${others.map(e => e.file).join('、')}\n`, `  ${t['not-a-report']}: ${others.map(e => e.file).join(', ')}\n`);
  }
  const counts = statusCounts(reports);
  out += inLocale(locale, `${reports.length} 份报告：${counts.map(([s, n]) => `${t[s]} ${n} 份`).join('，')}`, `${reports.length} report${reports.length === 1 ? '' : 's'}: ${counts.map(([s, n]) => `${t[s]} ${n}`).join(', ')}`);
  if (others.length) out += inLocale(locale, `；另有 ${others.length} 个文件不是年报，未检查`, `; ${others.length} file${others.length === 1 ? ' is' : 's are'} not a report, not checked`);
  return out + '\n';
}
