/**
 * The grids of `tables.ts` as HTML, for the editor's preview and the CLI's review page: no inline
 * style and no script (a strict Content-Security-Policy allows neither), only classes and data
 * attributes. Each cell with a place in the document carries its offsets (`data-s`, `data-e`), a
 * marked cell its findings (`data-f`, indices into the findings) and their messages on hover.
 */
import type { Finding, Locale, Severity } from '../rules';
import { SEVERITY_WORDS, translator } from '../message';
import { cellAnchor, strongestMark, type GridCell, type TablesView, type TableView } from './tables';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}


export interface TablesHtmlOptions {
  locale: Locale;
  findings: readonly Finding[];
  /** Prefix of element ids, so that several reports share one page. */
  idPrefix?: string;
  /** Where a finding is listed (the review page's list), for links from its cells. */
  findingHref?: (index: number) => string;
}

const ROLE_CLASS: Record<GridCell['role'], string> = { corner: 'k', header: 'h', label: 'l', value: 'v' };

/** What a cell's tooltip says: its row and column, its label as written, the messages of its findings. */
export function cellTitles(cell: GridCell, findings: readonly Finding[], locale: Locale): string[] {
  const titles: string[] = [];
  if (cell.role === 'value' && cell.row !== undefined) titles.push(`${cell.row} · ${cell.column}`);
  const t = translator(locale);
  const colon = t('：', ': ');
  if (cell.written) titles.push(`${t('报告中写作', 'written in the report as')}${colon}${cell.written}`);
  const own = cell.marks.filter(m => !m.related);
  for (const m of own) titles.push(`${SEVERITY_WORDS[locale][m.severity]}${colon}${findings[m.finding].message[locale]}`);
  for (const m of cell.marks.filter(x => x.related && !own.some(o => o.finding === x.finding))) {
    const f = findings[m.finding];
    const why = f.related?.find(r => cell.range && r.range.start < cell.range.end && cell.range.start < r.range.end);
    titles.push(`→ ${why ? why.message[locale] : f.message[locale]}`);
  }
  return titles;
}

/** A cell with findings, where it is in the text: for a view that marks it elsewhere (a PDF's page). */
export interface MarkedCell {
  start: number;
  end: number;
  severity: Severity;
  /** Only involved in a finding on another cell. */
  related: boolean;
  title: string;
}

/** The cells the grids mark (the same cells, the same strongest mark, the same tooltip). */
export function markedCells(view: TablesView, findings: readonly Finding[], locale: Locale): MarkedCell[] {
  const out: MarkedCell[] = [];
  const add = (cell: GridCell) => {
    const strongest = strongestMark(cell.marks);
    if (strongest && cell.range) out.push({ start: cell.range.start, end: cell.range.end, severity: strongest.severity, related: strongest.related, title: cellTitles(cell, findings, locale).join('\n') });
    for (const x of cell.extra ?? []) add(x);
  };
  for (const t of view.tables) for (const row of [...t.head, ...t.body]) for (const cell of row) add(cell);
  return out;
}

function cellHtml(cell: GridCell, opts: TablesHtmlOptions, inline = false): string {
  const tag = inline ? 'span' : cell.role === 'value' ? 'td' : 'th';
  const classes = [ROLE_CLASS[cell.role]];
  const attrs: string[] = [];
  if (cell.colspan > 1) attrs.push(`colspan="${cell.colspan}"`);
  if (cell.rowspan > 1) attrs.push(`rowspan="${cell.rowspan}"`);
  if (cell.kind && cell.kind !== 'number') classes.push(cell.kind);
  const strongest = strongestMark(cell.marks);
  if (strongest) classes.push(strongest.related ? 'm-rel' : `m-${strongest.severity}`);
  const titles = cellTitles(cell, opts.findings, opts.locale);
  const anchor = cellAnchor(cell);
  if (anchor && cell.range) {
    attrs.push(`id="${opts.idPrefix ?? ''}${anchor}"`, `data-s="${cell.range.start}"`, `data-e="${cell.range.end}"`, 'tabindex="0"');
  }
  if (cell.marks.length) attrs.push(`data-f="${[...new Set(cell.marks.map(m => m.finding))].join(' ')}"`);
  if (cell.role === 'value' && typeof cell.value === 'number') attrs.push(`data-v="${cell.value}"`);
  if (titles.length) attrs.push(`title="${escapeHtml(titles.join('\n'))}"`);
  let inner = escapeHtml(cell.text);
  if (strongest && !strongest.related && opts.findingHref && cell.role !== 'header') {
    inner = `<a class="fl" href="${escapeHtml(opts.findingHref(strongest.finding))}">${inner || '∅'}</a>`;
  }
  for (const x of cell.extra ?? []) inner += ` ${cellHtml(x, opts, true)}`;
  return `<${tag} class="${classes.join(' ')}"${attrs.length ? ' ' + attrs.join(' ') : ''}>${inner}</${tag}>`;
}

function rowsHtml(rows: GridCell[][], opts: TablesHtmlOptions): string {
  return rows.map(r => `<tr>${r.map(c => cellHtml(c, opts)).join('')}</tr>`).join('\n');
}

export function tableHtml(table: TableView, opts: TablesHtmlOptions): string {
  const t = translator(opts.locale);
  const notes = table.notes.map(i => {
    const f = opts.findings[i];
    const text = `${SEVERITY_WORDS[opts.locale][f.severity]}${t('：', ': ')}${escapeHtml(f.message[opts.locale])}`;
    const link = opts.findingHref ? `<a href="${escapeHtml(opts.findingHref(i))}">${text}</a>` : text;
    return `<li class="m-${f.severity}" data-s="${f.range.start}" data-e="${f.range.end}" data-f="${i}">${link}</li>`;
  });
  return `<section class="nb-table${table.found ? '' : ' not-found'}" data-table="${table.key}" data-version="${table.version}" data-columns="${table.columns}" data-values="${table.valueColumns}">
<h3>${escapeHtml(table.heading)}${table.found ? '' : ` <small>${escapeHtml(t('报告中没有找到此表', 'The report has no such table'))}</small>`}</h3>
<table class="nb-grid">
${table.head.length ? `<thead>\n${rowsHtml(table.head, opts)}\n</thead>\n` : ''}<tbody>
${rowsHtml(table.body, opts)}
</tbody>
</table>${notes.length ? `\n<ul class="nb-notes">${notes.join('')}</ul>` : ''}
</section>`;
}

/** The three tables of a report. */
export function tablesHtml(view: TablesView, opts: TablesHtmlOptions): string {
  return view.tables.map(t => tableHtml(t, opts)).join('\n');
}

/**
 * The grids' look, in custom properties that each page sets: the preview from VS Code's theme
 * variables, the review page for light and dark. A mark is not only a colour: errors have a solid
 * frame and a ✗, warnings a dashed frame, notes a dotted one (readable in high contrast and in print).
 */
export const TABLES_CSS = `
.nb-table { margin: 0 0 1.6em; }
.nb-table h3 { font-size: 1.05em; margin: .9em 0 .45em; }
.nb-table h3 small { font-weight: normal; color: var(--nb-muted); margin-left: .6em; }
.nb-grid { border-collapse: collapse; font-variant-numeric: tabular-nums; line-height: 1.35; }
.nb-grid th, .nb-grid td { border: 1px solid var(--nb-border); padding: .22em .45em; vertical-align: middle; }
.nb-grid th { font-weight: normal; background: var(--nb-head-bg); text-align: center; }
.nb-grid th.l { text-align: left; min-width: 7em; max-width: 24em; }
.nb-grid th.k { font-size: .78em; color: var(--nb-muted); max-width: 16em; }
.nb-grid td.v { text-align: right; min-width: 2.6em; white-space: nowrap; }
.nb-grid td.missing { background: repeating-linear-gradient(135deg, transparent 0 4px, var(--nb-border) 4px 5px); }
.nb-grid td.dash, .nb-grid td.text { color: var(--nb-muted); }
.nb-grid [data-s] { cursor: pointer; }
.nb-grid [data-s]:hover { outline: 1px solid var(--nb-focus); outline-offset: -1px; }
.nb-grid [data-s]:focus-visible { outline: 2px solid var(--nb-focus); outline-offset: -2px; }
.nb-grid .m-error { background: var(--nb-error-bg); color: var(--nb-error-fg, inherit); outline: 2px solid var(--nb-error); outline-offset: -2px; font-weight: bold; }
.nb-grid .m-error::before { content: "✗ "; color: var(--nb-error); font-weight: normal; }
.nb-grid .m-warning { background: var(--nb-warning-bg); outline: 2px dashed var(--nb-warning); outline-offset: -2px; }
.nb-grid .m-info { outline: 1px dotted var(--nb-info); outline-offset: -2px; }
.nb-grid .m-rel { outline: 1px dashed var(--nb-muted); outline-offset: -2px; }
.nb-grid .active { outline: 2px solid var(--nb-focus) !important; outline-offset: -2px; }
.nb-grid a.fl { color: inherit; text-decoration: none; }
.nb-grid span.v { display: inline-block; margin-left: .3em; padding: 0 .2em; border: 1px dashed var(--nb-muted); }
.nb-grid :target { outline: 3px solid var(--nb-focus); outline-offset: -3px; }
.nb-notes { margin: .4em 0 0; padding-left: 1.2em; font-size: .92em; }
.nb-notes li.m-error { color: var(--nb-error); }
.nb-notes li.m-warning { color: var(--nb-warning); }
.nb-notes a { color: inherit; }
`;
