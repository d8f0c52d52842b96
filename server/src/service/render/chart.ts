/**
 * How each body handled its applications, as one inline SVG: a stacked bar per report of the 三
 * table's results (the 总计 column), grouped as the format groups them (予以公开, 部分公开, 不予公开,
 * 无法提供, 不予处理, 其他处理), and the area's totals as a bar of shares. No script, no remote font.
 */
import type { ReportModel } from '../parse';
import type { Locale } from '../rules';
import { translator } from '../message';
import { FORMATS, formatOf, LATEST_FORMAT, type ReportFormat } from '../format';
import { escapeHtml } from './html';
import { shortLabel } from './tables';

export interface ResultCategory {
  key: string;
  label: string;
}

/** The key a result row is counted under: its group (（三）不予公开 …) or, in no group, the row itself. */
function categoryOf(row: { key: string; group?: string }): string {
  return row.group && row.group !== 'results' ? row.group : row.key;
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
  const f = model.format.applications ? formatOf(model.format.applications) : format;
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
  /** The report the bar is of, for a page that shows only some (`data-report`). */
  report?: string;
  counts: Map<string, number | null>;
}

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, on light and dark pages. */
const PALETTE = ['#009E73', '#56B4E9', '#D55E00', '#E69F00', '#CC79A7', '#0072B2', '#999999'];

const BAR_HEIGHT = 16;
const GAP = 6;
const FONT_SIZE = 12;
const MIN_LABEL_WIDTH = 120;
const BAR_WIDTH = 480;
/** Room after a bar for its total. */
const END_WIDTH = 90;

const sum = (counts: Map<string, number | null>) => [...counts.values()].reduce<number>((a, b) => a + (b ?? 0), 0);

/** How wide a label is drawn, in CSS pixels: a CJK character a full em, anything else about half. */
function labelWidth(label: string): number {
  let w = 0;
  for (const ch of label) w += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(ch) ? FONT_SIZE : FONT_SIZE * 0.6;
  return Math.ceil(w);
}

/**
 * The chart as an SVG element (sized in CSS pixels), with a title per segment for hover. The label
 * column is as wide as the longest label: no label is cut. Each report's bar is a `g.bar` with its
 * `data-report`, its segments carry `data-category` and `data-value`, and the layout numbers are on the
 * element (`data-*`), so that a page that hides some reports can lay the bars and the totals out again.
 */
export function resultsChart(bars: ChartBar[], locale: Locale): string {
  const say = translator(locale);
  const t = {
    title: say('申请办理结果（三表“总计”列）', 'How applications were handled (table 三, total column)'),
    total: say('合计', 'total'),
    unknown: say('含无法读取的格子', 'has unreadable cells'),
    share: say('全部报告合计：各类占比', 'All reports: shares'),
    none: say('没有可读的三表', 'No readable 三 table'),
  };
  const categories = resultCategories();
  const colour = (i: number) => PALETTE[i % PALETTE.length];
  const totals = new Map(categories.map(c => [c.key, bars.reduce((a, b) => a + (b.counts.get(c.key) ?? 0), 0)]));
  const grand = sum(totals);
  const max = Math.max(1, ...bars.map(b => sum(b.counts)));
  const labelColumn = Math.max(MIN_LABEL_WIDTH, ...[...bars.map(b => b.label), t.total].map(l => labelWidth(l) + 16));
  const width = labelColumn + BAR_WIDTH + END_WIDTH;
  const parts: string[] = [];
  let y = 0;
  // Legend: a swatch per category with the count of the reports shown.
  categories.forEach((c, i) => {
    const x = (i % 3) * (width / 3);
    if (i % 3 === 0 && i) y += BAR_HEIGHT + 4;
    parts.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${colour(i)}"/><text x="${x + 17}" y="${y + 11}">${escapeHtml(c.label)} <tspan data-legend="${c.key}">${totals.get(c.key)}</tspan></text>`);
  });
  y += BAR_HEIGHT + GAP * 2;
  const barsTop = y;
  /** One bar at `top`: its label, a segment per category (zero-wide when 0: the totals bar keeps all), its sum. */
  const bar = (top: number, label: string, counts: Map<string, number | null>, scale: number, attrs: string, href?: string, shares = false) => {
    const known = sum(counts);
    const unknown = [...counts.values()].some(v => v === null);
    const inner: string[] = [];
    const name = `<text class="label" x="${labelColumn - 8}" y="${BAR_HEIGHT - 4}" text-anchor="end">${escapeHtml(label)}</text>`;
    inner.push(href ? `<a href="${escapeHtml(href)}">${name}</a>` : name);
    let x = labelColumn;
    categories.forEach((c, i) => {
      const v = counts.get(c.key) ?? 0;
      if (!v && !shares) return;
      const w = scale ? (v / scale) * BAR_WIDTH : 0;
      const share = known ? ` (${((v / known) * 100).toFixed(1)}%)` : '';
      inner.push(`<rect x="${x.toFixed(1)}" y="0" width="${(v ? Math.max(w, 0.5) : 0).toFixed(1)}" height="${BAR_HEIGHT}" fill="${colour(i)}" data-category="${c.key}" data-value="${v}"><title>${escapeHtml(`${label} · ${c.label}: ${v}${share}`)}</title></rect>`);
      if (shares) inner.push(`<text class="in" data-share="${c.key}" x="${(x + w / 2).toFixed(1)}" y="${BAR_HEIGHT - 4}" text-anchor="middle">${w > 40 ? `${((v / known) * 100).toFixed(0)}%` : ''}</text>`);
      x += w;
    });
    inner.push(`<text class="sum" x="${(x + 6).toFixed(1)}" y="${BAR_HEIGHT - 4}">${known}${unknown ? ` <tspan class="unknown">（${t.unknown}）</tspan>` : ''}</text>`);
    return `<g class="bar"${attrs} transform="translate(0,${top})">${inner.join('')}</g>`;
  };
  parts.push(`<text class="none" x="0" y="${y + BAR_HEIGHT - 4}"${bars.length ? ' display="none"' : ''}>${t.none}</text>`);
  if (!bars.length) y += BAR_HEIGHT + GAP;
  for (const b of bars) {
    parts.push(bar(y, b.label, b.counts, max, b.report ? ` data-report="${escapeHtml(b.report)}"` : '', b.href));
    y += BAR_HEIGHT + GAP;
  }
  // The foot (caption and the totals of the reports shown) moves as a whole below the bars shown.
  const footHeight = GAP * 2 + BAR_HEIGHT + BAR_HEIGHT + GAP;
  parts.push(`<g class="foot" transform="translate(0,${y})"><text x="0" y="${GAP * 2 + 10}" class="caption">${escapeHtml(t.share)}</text>`
    + `${bar(GAP * 2 + BAR_HEIGHT, t.total, totals, grand, ` data-total=""${grand ? '' : ' display="none"'}`, undefined, true)}</g>`);
  const height = y + footHeight;
  const layout = `data-bars-top="${barsTop}" data-bar-height="${BAR_HEIGHT}" data-gap="${GAP}" data-label-width="${labelColumn}" data-bar-width="${BAR_WIDTH}" data-foot-height="${footHeight}"`;
  return `<svg class="nb-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(t.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${layout}><title>${escapeHtml(t.title)}</title>${parts.join('')}</svg>`;
}
