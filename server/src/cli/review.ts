/**
 * `nianbao check --format html`: one self-contained page to review a batch of reports — a summary
 * table (sortable, filterable), a chart of how each body handled its applications, and each report's
 * tables drawn as in the editor's preview with the findings marked and linked both ways.
 * Nothing remote: styles and the one script are inline, under a Content-Security-Policy.
 */
import { randomBytes } from 'crypto';
import { effectiveFormat, proactiveFormatOf } from '../service/check';
import type { NianbaoConfig } from '../service/config';
import { LineIndex, parseReport, type ReportModel } from '../service/parse';
import { escapeHtml, renderTables, resultCounts, resultsChart, SEVERITY_LABEL, TABLES_CSS, type ChartBar } from '../service/render';
import { RULES, type Finding, type Locale, type Severity } from '../service/rules';
import type { SetFacts } from '../service/across';
import { ACROSS_CSS, acrossHtml, reuseShare } from '../service/render/across';
import type { ReportFormat } from '../service/template';
import type { RunSummary } from './format';

export interface ReviewContext {
  locale: Locale;
  version: string;
  /** The model each file was checked with, and its configuration (for the format it was checked against). */
  models: Map<string, ReportModel>;
  configs: Map<string, NianbaoConfig>;
  /** The page's title; the default names the number of reports. */
  title?: string;
  /** When the page was made (tests pass a fixed date). */
  now?: Date;
  /** The batch seen together (pairs across years, reused text): the year-by-year section and the reuse column. */
  across?: SetFacts;
}

/** A report on the page. */
export interface ReviewedReport {
  file: string;
  text: string;
  model: ReportModel;
  format: ReportFormat;
  findings: Finding[];
}

const TEXT = {
  zh: {
    heading: '年报检查结果', reports: (n: number) => `${n} 份报告`, failed: (n: number) => `${n} 份未通过`, made: '生成',
    summary: '汇总', chart: '申请办理结果', file: '文件', body: '机关', year: '年度', format: '格式', errors: '错误', warnings: '警告', infos: '提示',
    result: '结果', pass: '通过', fail: '未通过', all: '全部', filter: '筛选：文件、机关、年度…', shown: '显示', findings: '问题', none: '没有发现问题',
    unreadable: '无法读取的文件', line: (l: number, c: number) => `第 ${l} 行第 ${c} 列`, onCell: '在表中查看', top: '回到汇总',
    sortHint: '点击列名排序', formatOf: (v: string) => `${v} 年格式`,
  },
  en: {
    heading: 'Nianbao review', reports: (n: number) => `${n} report${n === 1 ? '' : 's'}`, failed: (n: number) => `${n} failed`, made: 'made',
    summary: 'Summary', chart: 'How applications were handled', file: 'File', body: 'Body', year: 'Year', format: 'Format', errors: 'Errors', warnings: 'Warnings', infos: 'Notes',
    result: 'Result', pass: 'pass', fail: 'fail', all: 'all', filter: 'Filter: file, body, year…', shown: 'shown', findings: 'Findings', none: 'No problems found',
    unreadable: 'Files that could not be read', line: (l: number, c: number) => `line ${l}, column ${c}`, onCell: 'see in the table', top: 'back to the summary',
    sortHint: 'click a column name to sort', formatOf: (v: string) => `${v} format`,
  },
} as const;

/** Light by default, dark when the reader's system is dark. */
const PAGE_CSS = `
:root { color-scheme: light dark; --nb-fg: #1f1f1f; --nb-bg: #ffffff; --nb-border: #b8b8b8; --nb-head-bg: #f2f2f2; --nb-muted: #616161;
  --nb-error: #c62828; --nb-error-bg: #fde7e7; --nb-warning: #a15c00; --nb-warning-bg: #fff3d6; --nb-info: #1565c0; --nb-focus: #0b63ce; --nb-link: #0b57b0; }
@media (prefers-color-scheme: dark) {
  :root { --nb-fg: #d4d4d4; --nb-bg: #1e1e1e; --nb-border: #555; --nb-head-bg: #2a2a2a; --nb-muted: #a0a0a0;
    --nb-error: #f48771; --nb-error-bg: #4b1f1f; --nb-warning: #e9b35a; --nb-warning-bg: #43361a; --nb-info: #75beff; --nb-focus: #3794ff; --nb-link: #6cb6ff; }
}
body { margin: 0 auto; max-width: 1200px; padding: 1em 1.5em 4em; color: var(--nb-fg); background: var(--nb-bg);
  font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
a { color: var(--nb-link); }
h1 { font-size: 1.5em; margin: .2em 0; }
h2 { font-size: 1.2em; margin: 1.4em 0 .5em; }
.meta { color: var(--nb-muted); margin: 0 0 1em; }
.filters { display: flex; gap: .6em; align-items: center; margin: .5em 0; }
.filters input, .filters select { font: inherit; color: inherit; background: var(--nb-bg); border: 1px solid var(--nb-border); padding: .2em .4em; }
.filters input { flex: 0 1 22em; }
table.summary { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.summary th, table.summary td { border-bottom: 1px solid var(--nb-border); padding: .3em .5em; text-align: left; }
table.summary th { background: var(--nb-head-bg); cursor: pointer; user-select: none; white-space: nowrap; }
table.summary th[aria-sort="ascending"]::after { content: " ▲"; }
table.summary th[aria-sort="descending"]::after { content: " ▼"; }
table.summary td.n { text-align: right; }
table.summary td.errors:not(.zero) { color: var(--nb-error); font-weight: bold; }
table.summary td.warnings:not(.zero) { color: var(--nb-warning); }
.badge { display: inline-block; padding: 0 .5em; border-radius: 3px; border: 1px solid; font-size: .9em; }
.badge.fail { color: var(--nb-error); }
.badge.pass { color: var(--nb-muted); }
.nb-chart { max-width: 100%; height: auto; fill: currentColor; font-size: 12px; }
.nb-chart .unknown, .nb-chart .caption { fill: var(--nb-muted); }
.nb-chart text.in { fill: #fff; }
.nb-chart a text { fill: var(--nb-link); }
section.report { border-top: 2px solid var(--nb-border); margin-top: 2em; content-visibility: auto; contain-intrinsic-size: auto 1800px; }
section.report > h2 { margin-top: .8em; }
section.report > h2 a.top { font-size: .7em; font-weight: normal; margin-left: 1em; }
ol.findings { padding-left: 1.6em; }
ol.findings li { margin: .15em 0; }
ol.findings li:target { outline: 2px solid var(--nb-focus); }
ol.findings .sev { display: inline-block; min-width: 2.6em; font-weight: bold; }
ol.findings .m-error .sev { color: var(--nb-error); }
ol.findings .m-warning .sev { color: var(--nb-warning); }
ol.findings .m-info .sev { color: var(--nb-info); }
ol.findings .rule { color: var(--nb-muted); font-size: .9em; }
.tables { overflow-x: auto; }
tr.hidden, section.hidden { display: none; }
`;

/** Sorting and filtering of the summary table; a click on a marked cell shows its finding. */
const PAGE_SCRIPT = `
(function () {
  const table = document.getElementById('reports');
  const body = table.tBodies[0];
  const input = document.getElementById('filter');
  const status = document.getElementById('status');
  const shown = document.getElementById('shown');
  function filter() {
    const q = input.value.trim().toLowerCase();
    const s = status.value;
    let n = 0;
    for (const tr of body.rows) {
      const hide = (q && !tr.textContent.toLowerCase().includes(q)) || (s && tr.dataset.status !== s);
      tr.classList.toggle('hidden', !!hide);
      // The report's own section goes with its row.
      const section = document.getElementById(tr.dataset.report);
      if (section) section.classList.toggle('hidden', !!hide);
      if (!hide) n++;
    }
    shown.textContent = n + ' / ' + body.rows.length;
  }
  input.addEventListener('input', filter);
  status.addEventListener('change', filter);
  table.tHead.addEventListener('click', e => {
    const th = e.target.closest('th');
    if (!th) return;
    const col = th.cellIndex;
    const numeric = th.dataset.type === 'number';
    const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    for (const h of table.tHead.rows[0].cells) h.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    const key = tr => tr.cells[col].dataset.sort ?? tr.cells[col].textContent;
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = key(a), y = key(b);
      return dir * (numeric ? (Number(x) - Number(y)) : x.localeCompare(y, 'zh-CN'));
    });
    for (const tr of rows) body.appendChild(tr);
  });
  filter();
})();
`;

function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function reportSection(r: ReviewedReport, index: number, locale: Locale): string {
  const t = TEXT[locale];
  const id = `r${index + 1}`;
  const result = { model: r.model, format: r.format, proactiveFormat: proactiveFormatOf(r.model, r.format), findings: r.findings };
  const { html, view } = renderTables(result, locale, { idPrefix: `${id}-`, findingHref: i => `#${id}-f${i}` });
  const lines = new LineIndex(r.text);
  const items = r.findings.map((f, i) => {
    const p = lines.position(f.range.start);
    const where = t.line(p.line + 1, p.character + 1);
    const cell = view.anchors[i][0];
    const link = cell ? ` <a href="#${id}-${cell}">${t.onCell}</a>` : '';
    return `<li id="${id}-f${i}" class="m-${f.severity}"><span class="sev">${SEVERITY_LABEL[locale][f.severity]}</span> ${escapeHtml(where)}：${escapeHtml(f.message[locale])} <span class="rule">[${escapeHtml(f.ruleId)}]</span>${link}</li>`;
  });
  const meta = [r.model.agency?.value, r.model.year ? String(r.model.year.value) : null, t.formatOf(r.format.version)].filter(Boolean).join(' · ');
  return `<section class="report" id="${id}" data-file="${escapeHtml(r.file)}">
<h2>${escapeHtml(r.file)}<a class="top" href="#summary">${t.top}</a></h2>
<p class="meta">${escapeHtml(meta)}</p>
${items.length ? `<ol class="findings">${items.join('\n')}</ol>` : `<p class="meta">${t.none}</p>`}
<div class="tables">
${html}
</div>
</section>`;
}

/** The rules that compare reports: their findings are shown with the body's chain too. */
const isAcrossRule = (id: string) => RULES.some(r => r.meta.id === id && r.meta.tags.includes('across-reports'));

/** The reuse column: the largest share of the report's text found in another report. */
function reuseCell(across: SetFacts | undefined, file: string): string {
  if (!across) return '';
  const share = reuseShare(across, file);
  return `<td class="n" data-sort="${share.toFixed(4)}">${share ? `${Math.round(share * 100)}%` : ''}</td>`;
}

function summaryRow(r: ReviewedReport, index: number, locale: Locale, across?: SetFacts): string {
  const t = TEXT[locale];
  const c = counts(r.findings);
  const status = c.error ? 'fail' : 'pass';
  const n = (k: Severity, v: number) => `<td class="n ${k === 'info' ? 'infos' : `${k}s`}${v ? '' : ' zero'}">${v}</td>`;
  return `<tr data-status="${status}" data-report="r${index + 1}"><td><a href="#r${index + 1}">${escapeHtml(r.file)}</a></td><td>${escapeHtml(r.model.agency?.value ?? '')}</td>`
    + `<td class="n">${r.model.year?.value ?? ''}</td><td>${r.format.version}</td>${n('error', c.error)}${n('warning', c.warning)}${n('info', c.info)}${reuseCell(across, r.file)}`
    + `<td data-sort="${status}"><span class="badge ${status}">${status === 'fail' ? t.fail : t.pass}</span></td></tr>`;
}

/** The page for reports already checked. */
export function reviewPage(reports: ReviewedReport[], unreadable: { file: string; message: string }[], ctx: Pick<ReviewContext, 'locale' | 'version' | 'title' | 'now' | 'across'>): string {
  const { locale } = ctx;
  const t = TEXT[locale];
  const nonce = randomBytes(16).toString('base64');
  const failed = reports.filter(r => r.findings.some(f => f.severity === 'error')).length;
  const title = ctx.title ?? `${t.heading} · ${t.reports(reports.length)}`;
  const bars: ChartBar[] = reports.flatMap((r, i) => {
    const c = resultCounts(r.model, r.format);
    if (!c) return [];
    const label = [r.model.agency?.value ?? r.file, r.model.year ? String(r.model.year.value) : ''].filter(Boolean).join(' ');
    return [{ label, href: `#r${i + 1}`, counts: c }];
  });
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`;
  const made = (ctx.now ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  const headers = [
    [t.file, 'text'], [t.body, 'text'], [t.year, 'number'], [t.format, 'text'], [t.errors, 'number'], [t.warnings, 'number'], [t.infos, 'number'],
    ...(ctx.across ? [[locale === 'zh' ? '文字雷同' : 'Reused', 'number']] : []), [t.result, 'text'],
  ].map(([label, type]) => `<th data-type="${type}" title="${t.sortHint}">${label}</th>`).join('');
  return `<!DOCTYPE html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nianbao ${escapeHtml(ctx.version)}">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${PAGE_CSS}${TABLES_CSS}${ctx.across ? ACROSS_CSS : ''}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${t.reports(reports.length)} · ${t.failed(failed)} · ${t.made} ${made} · nianbao ${escapeHtml(ctx.version)}</p>
</header>
<section id="summary">
<h2>${t.summary}</h2>
<div class="filters"><input type="search" id="filter" placeholder="${t.filter}" aria-label="${t.filter}">
<select id="status" aria-label="${t.result}"><option value="">${t.all}</option><option value="fail">${t.fail}</option><option value="pass">${t.pass}</option></select>
<span class="meta"><span id="shown">${reports.length} / ${reports.length}</span> ${t.shown}</span></div>
<table class="summary" id="reports">
<thead><tr>${headers}</tr></thead>
<tbody>
${reports.map((r, i) => summaryRow(r, i, locale, ctx.across)).join('\n')}
</tbody>
</table>
${unreadable.length ? `<h3>${t.unreadable}</h3>\n<ul class="unreadable">${unreadable.map(e => `<li>${escapeHtml(e.file)}：${escapeHtml(e.message)}</li>`).join('')}</ul>` : ''}
</section>
<section id="chart">
<h2>${t.chart}</h2>
${resultsChart(bars, locale)}
</section>
${ctx.across ? acrossHtml(ctx.across, reports.map((r, i) => ({ id: r.file, model: r.model, findings: r.findings, href: `#r${i + 1}` })), locale, isAcrossRule) : ''}
${reports.map((r, i) => reportSection(r, i, locale)).join('\n')}
<script nonce="${nonce}">${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The review page for a `nianbao check` run (the CLI's `--format html`). */
export function formatHtml(run: RunSummary, ctx: ReviewContext): string {
  const reports = run.files.map(f => {
    const model = ctx.models.get(f.file) ?? parseReport(f.text);
    return { file: f.file, text: f.text, model, format: effectiveFormat(model, ctx.configs.get(f.file)), findings: f.findings };
  });
  return reviewPage(reports, run.errors, ctx);
}
