/**
 * `nianbao check --format html`: one self-contained page to review a batch of reports — a summary
 * table (sortable, filterable), a chart of how each body handled its applications, and each report's
 * tables drawn as in the editor's preview with the findings marked and linked both ways.
 * Nothing remote: styles and the one script are inline, under a Content-Security-Policy.
 */
import { randomBytes } from 'crypto';
import * as path from 'path';
import { effectiveFormat, proactiveFormatOf } from '../service/check';
import type { NianbaoConfig } from '../service/config';
import { LineIndex, parseReport, type ReportModel } from '../service/parse';
import { escapeHtml, placeText, renderTables, resultCounts, resultsChart, TABLES_CSS, type ChartBar } from '../service/render';
import { inLocale, SEVERITY_WORDS } from '../service/message';
import { RULES, type Finding, type Locale } from '../service/rules';
import type { SetFacts } from '../service/across';
import { ACROSS_CSS, acrossHtml, reuseShare } from '../service/render/across';
import type { ReportFormat } from '../service/format';
import { statusOf, type RunSummary } from './format';
import { batchEntry, byStatus, sameReports, STATUS_TEXT, statusCounts, statusRank, type BatchEntry, type ReportStatus } from './summary';

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
  /** For a web page, Word file or PDF: where a range of its text stands in the file. */
  locate?: (range: { start: number; end: number }, locale: Locale) => string | null;
  /** Its status when decided before its findings were filtered (`--quiet`). */
  status?: ReportStatus;
}

const TEXT = {
  zh: {
    heading: '年报检查结果', reports: (n: number) => `${n} 份报告`, made: '生成',
    summary: '汇总', chart: '申请办理结果', file: '文件', body: '机关', year: '年度', format: '格式', errors: '错误', warnings: '警告', infos: '提示',
    result: '结果', all: '全部', filter: '筛选：文件、机关、年度…', shown: '显示', findings: '问题', none: '没有发现问题',
    unreadable: '无法读取的文件（需人工核对）', notReports: '不是年报，未检查', line: (l: number, c: number) => `第 ${l} 行第 ${c} 列`, onCell: '在表中查看', top: '回到汇总',
    sortHint: '点击列名排序', formatOf: (v: string) => `${v} 年格式`, others: (n: number) => `另有 ${n} 个文件不是年报，未检查`,
    same: (body: string, year: number, files: string) => `${body} ${year} 年的报告有多份：${files}——请确认是否为同一份报告（如网页与其文字版），汇总时只应算一份`,
  },
  en: {
    heading: 'Nianbao review', reports: (n: number) => `${n} report${n === 1 ? '' : 's'}`, made: 'made',
    summary: 'Summary', chart: 'How applications were handled', file: 'File', body: 'Body', year: 'Year', format: 'Format', errors: 'Errors', warnings: 'Warnings', infos: 'Notes',
    result: 'Result', all: 'all', filter: 'Filter: file, body, year…', shown: 'shown', findings: 'Findings', none: 'No problems found',
    unreadable: 'Files that could not be read (check by hand)', notReports: 'Not reports, not checked', line: (l: number, c: number) => `line ${l}, column ${c}`, onCell: 'see in the table', top: 'back to the summary',
    sortHint: 'click a column name to sort', formatOf: (v: string) => `${v} format`, others: (n: number) => `${n} file${n === 1 ? ' is' : 's are'} not a report, not checked`,
    same: (body: string, year: number, files: string) => `${body}'s ${year} report is in several files: ${files}; check whether they are one report (a page and its text, say): it should count once`,
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
.badge { display: inline-block; padding: 0 .5em; border-radius: 3px; border: 1px solid; font-size: .9em; white-space: nowrap; }
.badge.s-sum-mismatch, .badge.s-missing-parts, .badge.s-format { color: var(--nb-error); }
.badge.s-unsure { color: var(--nb-warning); }
.badge.s-pass { color: var(--nb-muted); }
.counts span { margin-right: .8em; }
.counts .s-sum-mismatch, .counts .s-missing-parts, .counts .s-format { color: var(--nb-error); font-weight: bold; }
.counts .s-unsure { color: var(--nb-warning); font-weight: bold; }
p.same { color: var(--nb-warning); }
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
ol.findings .rule, ol.findings .pos { color: var(--nb-muted); font-size: .9em; }
ol.findings .place { font-weight: bold; }
.tables { overflow-x: auto; }
tr.hidden, section.hidden { display: none; }
`;

/**
 * Sorting and filtering of the summary table; the reports below and the chart follow the filter (the
 * chart's bars of the reports shown, laid out again, and their totals).
 */
const PAGE_SCRIPT = `
(function () {
  const table = document.getElementById('reports');
  const body = table.tBodies[0];
  const input = document.getElementById('filter');
  const status = document.getElementById('status');
  const shown = document.getElementById('shown');
  const svg = document.querySelector('svg.nb-chart');
  let subset = false;
  function layoutBar(g, scale, shares) {
    const d = svg.dataset;
    const rects = Array.from(g.querySelectorAll('rect[data-category]'));
    const known = rects.reduce((a, r) => a + Number(r.dataset.value), 0);
    let x = Number(d.labelWidth);
    for (const r of rects) {
      const v = Number(r.dataset.value);
      const w = scale ? v / scale * Number(d.barWidth) : 0;
      r.setAttribute('x', x.toFixed(1));
      r.setAttribute('width', (v ? Math.max(w, 0.5) : 0).toFixed(1));
      if (shares) {
        const title = r.querySelector('title');
        if (title) title.textContent = title.textContent.replace(/: [^:]*$/, ': ' + v + (known ? ' (' + (v / known * 100).toFixed(1) + '%)' : ''));
        const label = g.querySelector('text[data-share="' + r.dataset.category + '"]');
        if (label) {
          label.setAttribute('x', (x + w / 2).toFixed(1));
          label.textContent = w > 40 ? (v / known * 100).toFixed(0) + '%' : '';
        }
      }
      x += w;
    }
    const sum = g.querySelector('text.sum');
    sum.setAttribute('x', (x + 6).toFixed(1));
    if (shares) sum.firstChild.nodeValue = String(known);
  }
  function layoutChart(ids) {
    if (!svg) return;
    const d = svg.dataset;
    const step = Number(d.barHeight) + Number(d.gap);
    const bars = Array.from(svg.querySelectorAll('g.bar[data-report]'));
    const on = bars.filter(g => ids.has(g.dataset.report));
    const sumOf = g => Array.from(g.querySelectorAll('rect[data-value]')).reduce((a, r) => a + Number(r.dataset.value), 0);
    const max = Math.max(1, ...on.map(sumOf));
    let y = Number(d.barsTop);
    for (const g of bars) {
      if (!ids.has(g.dataset.report)) { g.setAttribute('display', 'none'); continue; }
      g.removeAttribute('display');
      g.setAttribute('transform', 'translate(0,' + y + ')');
      layoutBar(g, max, false);
      y += step;
    }
    const none = svg.querySelector('text.none');
    if (on.length) none.setAttribute('display', 'none'); else { none.removeAttribute('display'); y += step; }
    const totals = new Map();
    for (const g of on) for (const r of g.querySelectorAll('rect[data-category]')) totals.set(r.dataset.category, (totals.get(r.dataset.category) || 0) + Number(r.dataset.value));
    const total = svg.querySelector('g.bar[data-total]');
    let grand = 0;
    for (const r of total.querySelectorAll('rect[data-category]')) {
      r.dataset.value = String(totals.get(r.dataset.category) || 0);
      grand += Number(r.dataset.value);
    }
    for (const t of svg.querySelectorAll('tspan[data-legend]')) t.textContent = String(totals.get(t.dataset.legend) || 0);
    layoutBar(total, grand, true);
    if (grand) total.removeAttribute('display'); else total.setAttribute('display', 'none');
    svg.querySelector('g.foot').setAttribute('transform', 'translate(0,' + y + ')');
    const height = y + Number(d.footHeight);
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + height);
  }
  function filter() {
    const q = input.value.trim().toLowerCase();
    const s = status.value;
    const ids = new Set();
    let n = 0;
    for (const tr of body.rows) {
      const hide = (q && !tr.textContent.toLowerCase().includes(q)) || (s && tr.dataset.status !== s);
      tr.classList.toggle('hidden', !!hide);
      // The report's own section goes with its row.
      const section = tr.dataset.report ? document.getElementById(tr.dataset.report) : null;
      if (section) section.classList.toggle('hidden', !!hide);
      if (!hide) {
        n++;
        if (tr.dataset.report) ids.add(tr.dataset.report);
      }
    }
    shown.textContent = n + ' / ' + body.rows.length;
    // With every report shown the chart is as drawn: laid out again only after a filter.
    const all = n === body.rows.length;
    if (!all || subset) layoutChart(ids);
    subset = !all;
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

function reportSection(r: ReviewedReport, id: string, locale: Locale): string {
  const t = TEXT[locale];
  const result = { model: r.model, format: r.format, proactiveFormat: proactiveFormatOf(r.model, r.format), findings: r.findings };
  const { html, view } = renderTables(result, locale, { idPrefix: `${id}-`, findingHref: i => `#${id}-f${i}` });
  const lines = new LineIndex(r.text);
  const items = r.findings.map((f, i) => {
    const p = lines.position(f.range.start);
    // Where it is in words first (a line and column say little in a one-line page); then in the file.
    const place = placeText(view.places[i], locale);
    const where = r.locate?.(f.range, locale) ?? t.line(p.line + 1, p.character + 1);
    const cell = view.anchors[i][0];
    const link = cell ? ` <a href="#${id}-${cell}">${t.onCell}</a>` : '';
    return `<li id="${id}-f${i}" class="m-${f.severity}"><span class="sev">${SEVERITY_WORDS[locale][f.severity]}</span> ${place ? `<span class="place">${escapeHtml(place)}</span> ` : ''}<span class="pos">${escapeHtml(where)}</span>${inLocale(locale, '：', ': ')}${escapeHtml(f.message[locale])} <span class="rule">[${escapeHtml(f.ruleId)}]</span>${link}</li>`;
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

/** A row of the summary table: a report checked (with the id of its section), or a file that could not be read. */
function summaryRow(e: BatchEntry, id: string | null, format: string, locale: Locale, across?: SetFacts): string {
  const n = (k: 'errors' | 'warnings' | 'infos', v: number) => (e.unreadable ? `<td class="n ${k}"></td>` : `<td class="n ${k}${v ? '' : ' zero'}">${v}</td>`);
  const file = id ? `<a href="#${id}">${escapeHtml(e.file)}</a>` : escapeHtml(e.file);
  const why = e.unreadable ? ` title="${escapeHtml(e.unreadable)}"` : '';
  return `<tr data-status="${e.status}"${id ? ` data-report="${id}"` : ''}><td>${file}</td><td>${escapeHtml(e.body ?? '')}</td>`
    + `<td class="n">${e.year ?? ''}</td><td>${escapeHtml(format)}</td>${n('errors', e.errors)}${n('warnings', e.warnings)}${n('infos', e.infos)}${reuseCell(across, e.file)}`
    + `<td data-sort="${statusRank(e.status)}"><span class="badge s-${e.status}"${why}>${escapeHtml(STATUS_TEXT[locale][e.status])}</span></td></tr>`;
}

/**
 * The page for reports already checked: one status per report, real errors first; files that could
 * not be read as 读不准（需人工核对）; files that are not reports listed apart, out of the counts and the chart.
 */
export function reviewPage(reports: ReviewedReport[], unreadable: { file: string; message: string }[], ctx: Pick<ReviewContext, 'locale' | 'version' | 'title' | 'now' | 'across'>): string {
  const { locale } = ctx;
  const t = TEXT[locale];
  const nonce = randomBytes(16).toString('base64');
  const entries = reports.map(r => ({ r, e: batchEntry(r.file, r.findings, { body: r.model.agency?.value, year: r.model.year?.value, status: r.status }) }));
  const checked = entries.filter(x => x.e.status !== 'not-a-report').sort((a, b) => byStatus(a.e, b.e)).map((x, i) => ({ ...x, id: `r${i + 1}` }));
  const others = entries.filter(x => x.e.status === 'not-a-report');
  const unread: BatchEntry[] = unreadable.map(u => ({ file: u.file, body: null, year: null, status: 'unsure', errors: 0, warnings: 0, infos: 0, unreadable: u.message }));
  const rows = [...checked.map(x => ({ e: x.e, id: x.id as string | null, format: x.r.format.version as string })), ...unread.map(e => ({ e, id: null, format: '' }))]
    .sort((a, b) => byStatus(a.e, b.e));
  const counts = statusCounts(rows.map(x => x.e));
  const title = ctx.title ?? `${t.heading} · ${t.reports(rows.length)}`;
  const bars: ChartBar[] = checked.flatMap(({ r, id }) => {
    const c = resultCounts(r.model, r.format);
    if (!c) return [];
    const label = [r.model.agency?.value ?? path.basename(r.file), r.model.year ? String(r.model.year.value) : ''].filter(Boolean).join(' ');
    return [{ label, href: `#${id}`, report: id, counts: c }];
  });
  const same = sameReports(checked.map(x => x.e));
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`;
  const made = (ctx.now ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  const headers = [
    [t.file, 'text'], [t.body, 'text'], [t.year, 'number'], [t.format, 'text'], [t.errors, 'number'], [t.warnings, 'number'], [t.infos, 'number'],
    ...(ctx.across ? [[inLocale(locale, '文字雷同', 'Reused'), 'number']] : []), [t.result, 'number'],
  ].map(([label, type]) => `<th data-type="${type}" title="${t.sortHint}">${label}</th>`).join('');
  const statusText = (s: ReportStatus) => STATUS_TEXT[locale][s];
  return `<!DOCTYPE html>
<html lang="${inLocale(locale, 'zh-CN', 'en')}">
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
<p class="meta counts" id="counts">${t.reports(rows.length)}${inLocale(locale, '：', ': ')}${counts.map(([s, n]) => `<span class="s-${s}" data-status="${s}">${escapeHtml(statusText(s))} ${n}</span>`).join('')}${others.length ? `<span class="others">${escapeHtml(t.others(others.length))}</span>` : ''}</p>
<p class="meta">${t.made} ${made} · nianbao ${escapeHtml(ctx.version)}</p>
${same.map(g => `<p class="same">${escapeHtml(t.same(g.body, g.year, g.files.map(f => path.basename(f)).join(inLocale(locale, '、', ', '))))}</p>`).join('\n')}
</header>
<section id="summary">
<h2>${t.summary}</h2>
<div class="filters"><input type="search" id="filter" placeholder="${t.filter}" aria-label="${t.filter}">
<select id="status" aria-label="${t.result}"><option value="">${t.all}</option>${counts.map(([s, n]) => `<option value="${s}">${escapeHtml(statusText(s))}（${n}）</option>`).join('')}</select>
<span class="meta"><span id="shown">${rows.length} / ${rows.length}</span> ${t.shown}</span></div>
<table class="summary" id="reports">
<thead><tr>${headers}</tr></thead>
<tbody>
${rows.map(x => summaryRow(x.e, x.id, x.format, locale, ctx.across)).join('\n')}
</tbody>
</table>
${unread.length ? `<h3>${t.unreadable}</h3>\n<ul class="unreadable">${unread.map(e => `<li>${escapeHtml(e.file)}：${escapeHtml(e.unreadable ?? '')}</li>`).join('')}</ul>` : ''}
${others.length ? `<h3>${t.notReports}</h3>\n<ul class="not-reports">${others.map(x => `<li>${escapeHtml(x.r.file)}</li>`).join('')}</ul>` : ''}
</section>
<section id="chart">
<h2>${t.chart}</h2>
${resultsChart(bars, locale)}
</section>
${ctx.across ? acrossHtml(ctx.across, checked.map(x => ({ id: x.r.file, model: x.r.model, findings: x.r.findings, href: `#${x.id}` })), locale, isAcrossRule) : ''}
${checked.map(x => reportSection(x.r, x.id, locale)).join('\n')}
<script nonce="${nonce}">${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The review page for a `nianbao check` run (the CLI's `--format html`). */
export function formatHtml(run: RunSummary, ctx: ReviewContext): string {
  const reports = run.files.map(f => {
    // The review page asks the workers for every text (cli.ts).
    if (f.text === undefined) throw new Error(`no text of ${f.file}`);
    const model = ctx.models.get(f.file) ?? parseReport(f.text);
    return { file: f.file, text: f.text, model, format: effectiveFormat(model, ctx.configs.get(f.file)), findings: f.findings, locate: f.locate, status: statusOf(f) };
  });
  // Files that could not be read are listed; a path not found or a folder not listed is no report.
  return reviewPage(reports, run.errors.filter(e => !e.notFound && !e.folder && !e.writing), ctx);
}
