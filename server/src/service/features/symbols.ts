/** Outline and breadcrumbs: sections (by their headings as written) → subsections → tables → rows; and folding. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { OffsetRange } from '../parse';
import type { Analysis, FeatureOptions } from './document';

interface Outlined {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: OffsetRange;
  selection: OffsetRange;
  children: Outlined[];
}

/** A range without the blank lines at its end. */
function trimmed(a: Analysis, r: OffsetRange): OffsetRange {
  let end = r.end;
  while (end > r.start && /\s/.test(a.text[end - 1])) end--;
  return { start: r.start, end: Math.max(end, r.start) };
}

function tables(a: Analysis, en: boolean): Outlined[] {
  const out: Outlined[] = [];
  const m = a.model;
  for (const b of m.proactive) {
    const starts = [b.itemRange?.start, ...b.rows.map(r => r.range.start)].filter((x): x is number => x !== undefined);
    const ends = [b.itemRange?.end, ...b.rows.map(r => r.range.end)].filter((x): x is number => x !== undefined);
    if (!starts.length) continue;
    const range = { start: Math.min(...starts), end: Math.max(...ends) };
    out.push({
      name: b.item, detail: en ? 'table 二' : '二表', kind: SymbolKind.Struct, range, selection: b.itemRange ?? range,
      children: b.rows.map(r => ({ name: r.label ?? r.officialLabel ?? '', detail: r.cells.map(c => c.raw || '□').join(' '), kind: SymbolKind.Field, range: r.range, selection: r.labelRange ?? r.range, children: [] })),
    });
  }
  if (m.applications) {
    const t = m.applications;
    out.push({
      name: en ? 'Table 三: applications received and handled' : '三表：收到和处理政府信息公开申请情况',
      detail: `${t.rows.length} ${en ? 'rows' : '行'}`, kind: SymbolKind.Struct, range: t.range, selection: t.rows[0]?.labelRange ?? t.range,
      children: t.rows.map(r => ({ name: r.label ?? r.officialLabel ?? '?', detail: r.cells.map(c => c.raw || '□').join(' '), kind: SymbolKind.Field, range: r.range, selection: r.labelRange ?? r.range, children: [] })),
    });
  }
  if (m.reviews) {
    out.push({
      name: en ? 'Table 四: reconsideration and litigation' : '四表：行政复议、行政诉讼情况',
      detail: m.reviews.cells.map(c => c.raw || '□').join(' '), kind: SymbolKind.Struct, range: m.reviews.range, selection: m.reviews.range, children: [],
    });
  }
  return out;
}

function within(inner: OffsetRange, outer: OffsetRange): boolean {
  return inner.start >= outer.start && inner.start < outer.end;
}

export function outline(a: Analysis, options: FeatureOptions): Outlined[] {
  const en = options.locale === 'en';
  const tabs = tables(a, en);
  const used = new Set<Outlined>();
  const sections: Outlined[] = a.model.sections.map(s => {
    const range = trimmed(a, s.range);
    const subs: Outlined[] = s.subsections.map(x => ({ name: x.title, kind: SymbolKind.Module, range: trimmed(a, x.range), selection: x.headingRange, children: [] }));
    const own = tabs.filter(t => !used.has(t) && within(t.range, range));
    own.forEach(t => used.add(t));
    return { name: s.heading, kind: SymbolKind.Namespace, range, selection: s.headingRange, children: [...subs, ...own].sort((x, y) => x.range.start - y.range.start) };
  });
  // Tables found where no section heading was: at the top level.
  return [...sections, ...tabs.filter(t => !used.has(t))].sort((x, y) => x.range.start - y.range.start);
}

export function documentSymbols(a: Analysis, options: FeatureOptions): DocumentSymbol[] {
  const convert = (o: Outlined): DocumentSymbol => {
    const range = a.range(o.range);
    const sel = a.range({ start: Math.max(o.selection.start, o.range.start), end: Math.min(o.selection.end, o.range.end) });
    return { name: o.name || '—', detail: o.detail, kind: o.kind, range, selectionRange: sel, children: o.children.map(convert) };
  };
  return outline(a, options).map(convert);
}

export function foldingRanges(a: Analysis, options: FeatureOptions): FoldingRange[] {
  const out: FoldingRange[] = [];
  const walk = (o: Outlined) => {
    const startLine = a.lines.lineOf(o.range.start);
    const endLine = a.lines.lineOf(o.range.end);
    if (o.kind !== SymbolKind.Field && endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
    o.children.forEach(walk);
  };
  outline(a, options).forEach(walk);
  return out;
}
