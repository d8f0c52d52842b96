/**
 * How each body handled its applications, as one inline SVG: a stacked bar per report of the 三
 * table's results (the 总计 column), grouped as the format groups them (予以公开, 部分公开, 不予公开,
 * 无法提供, 不予处理, 其他处理), and the area's totals as a bar of shares. No script, no remote font.
 */
import type { ReportModel } from '../parse';
import type { Locale } from '../rules';
import { FORMATS, formatOf, LATEST_FORMAT, type ReportFormat } from '../template';
import { escapeHtml } from './html';

export interface ResultCategory {
  key: string;
  label: string;
}

/** The key a result row is counted under: its group (（三）不予公开 …) or, in no group, the row itself. */
function categoryOf(row: { key: string; group?: string }): string {
  return row.group && row.group !== 'results' ? row.group : row.key;
}

/** （二）部分公开（区分处理的，…） → （二）部分公开: the explanation stays in the table. */
function shortLabel(label: string): string {
  return label.replace(/（[^（）]*）$/, '') || label;
}

/** Every category in printed order, from the latest format, then any an older one has of its own. */
export function resultCategories(): ResultCategory[] {
  const out: ResultCategory[] = [];
  for (const f of [LATEST_FORMAT, ...FORMATS]) {
    for (const r of f.applications.rows.filter(x => x.result)) {
      const key = categoryOf(r);
      if (out.some(c => c.key === key)) continue;
      const group = f.applications.entries.find(e => e.kind === 'group' && e.key === key);
      out.push({ key, label: shortLabel(group?.label ?? r.label) });
    }
  }
  return out;
}

/**
 * A report's results by category (the 总计 column), or null when its 三 table is missing. A
 * category with an unreadable cell is null: it is drawn as unknown, never as 0.
 */
export function resultCounts(model: ReportModel, format: ReportFormat): Map<string, number | null> | null {
  const table = model.applications;
  if (!table) return null;
  const f = model.template.applications ? formatOf(model.template.applications) : format;
  const totalColumn = f.applications.columns.length - 1;
  const out = new Map<string, number | null>();
  for (const r of f.applications.rows.filter(x => x.result)) {
    const key = categoryOf(r);
    const value = table.rows.find(x => x.key === r.key)?.cells[totalColumn]?.value ?? null;
    const before = out.has(key) ? out.get(key)! : 0;
    out.set(key, before === null || value === null ? null : before + value);
  }
  return out;
}

export interface ChartBar {
  label: string;
  /** Where the bar links to (the report on the page). */
  href?: string;
  counts: Map<string, number | null>;
}

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, on light and dark pages. */
const PALETTE = ['#009E73', '#56B4E9', '#D55E00', '#E69F00', '#CC79A7', '#0072B2', '#999999'];

const TEXT: Record<Locale, { title: string; total: string; unknown: string; share: string; none: string }> = {
  zh: { title: '申请办理结果（三表“总计”列）', total: '合计', unknown: '含无法读取的格子', share: '全部报告合计：各类占比', none: '没有可读的三表' },
  en: { title: 'How applications were handled (table 三, total column)', total: 'total', unknown: 'has unreadable cells', share: 'All reports: shares', none: 'No readable 三 table' },
};

const BAR_HEIGHT = 16;
const GAP = 6;
const LABEL_WIDTH = 230;
const BAR_WIDTH = 480;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 90;

const sum = (counts: Map<string, number | null>) => [...counts.values()].reduce<number>((a, b) => a + (b ?? 0), 0);

/** The chart as an SVG element (sized in CSS pixels), with a title per segment for hover. */
export function resultsChart(bars: ChartBar[], locale: Locale): string {
  const t = TEXT[locale];
  const categories = resultCategories();
  const colour = (i: number) => PALETTE[i % PALETTE.length];
  const totals = new Map(categories.map(c => [c.key, bars.reduce((a, b) => a + (b.counts.get(c.key) ?? 0), 0)]));
  const grand = sum(totals);
  const max = Math.max(1, ...bars.map(b => sum(b.counts)));
  const parts: string[] = [];
  let y = 0;
  // Legend: a swatch per category with the area's count.
  categories.forEach((c, i) => {
    const x = (i % 3) * (WIDTH / 3);
    if (i % 3 === 0 && i) y += BAR_HEIGHT + 4;
    parts.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${colour(i)}"/><text x="${x + 17}" y="${y + 11}">${escapeHtml(c.label)} ${totals.get(c.key)}</text>`);
  });
  y += BAR_HEIGHT + GAP * 2;
  const bar = (label: string, counts: Map<string, number | null>, scale: number, href?: string, shares = false) => {
    const known = sum(counts);
    const unknown = [...counts.values()].some(v => v === null);
    const name = `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 4}" text-anchor="end">${escapeHtml(label.length > 18 ? label.slice(0, 17) + '…' : label)}<title>${escapeHtml(label)}</title></text>`;
    parts.push(href ? `<a href="${escapeHtml(href)}">${name}</a>` : name);
    let x = LABEL_WIDTH;
    categories.forEach((c, i) => {
      const v = counts.get(c.key) ?? 0;
      if (!v) return;
      const w = (v / scale) * BAR_WIDTH;
      const share = known ? ` (${((v / known) * 100).toFixed(1)}%)` : '';
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(w, 0.5).toFixed(1)}" height="${BAR_HEIGHT}" fill="${colour(i)}" data-category="${c.key}" data-value="${v}"><title>${escapeHtml(`${label} · ${c.label}: ${v}${share}`)}</title></rect>`);
      if (shares && w > 40) parts.push(`<text class="in" x="${(x + w / 2).toFixed(1)}" y="${y + BAR_HEIGHT - 4}" text-anchor="middle">${((v / known) * 100).toFixed(0)}%</text>`);
      x += w;
    });
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 4}">${known}${unknown ? ` <tspan class="unknown">（${t.unknown}）</tspan>` : ''}</text>`);
    y += BAR_HEIGHT + GAP;
  };
  if (!bars.length) parts.push(`<text x="0" y="${y + BAR_HEIGHT - 4}">${t.none}</text>`), (y += BAR_HEIGHT + GAP);
  for (const b of bars) bar(b.label, b.counts, max, b.href);
  y += GAP * 2;
  parts.push(`<text x="0" y="${y + 10}" class="caption">${escapeHtml(t.share)}</text>`);
  y += BAR_HEIGHT;
  if (grand) bar(t.total, totals, grand, undefined, true);
  return `<svg class="nb-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(t.title)}" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}"><title>${escapeHtml(t.title)}</title>${parts.join('')}</svg>`;
}
