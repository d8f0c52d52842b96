/**
 * Hover on a number: which row and column it is, and every relation it takes part in, with the numbers
 * (a column sum names its rows). A finding on the cell is not repeated (the editor shows it in the same
 * hover); what a finding elsewhere says of this cell is.
 */
import { MarkupKind, type Hover, type InlayHint, type Position } from 'vscode-languageserver-types';
import type { Cell } from '../parse';
import { cellName, refKey, relationName, rowName } from '../facts/arithmetic';
import { APPLICATION_WIDTH, REVIEW_WIDTH, type CellRef, type ReportFormat } from '../format';
import { inLocale, translator, type Translate } from '../message';
import type { Analysis, FeatureOptions } from './document';

function contains(c: Cell, offset: number): boolean {
  return offset >= c.range.start && offset <= c.range.end && c.range.end > c.range.start;
}

function findCell(a: Analysis, offset: number): { cell: Cell; ref?: CellRef; label?: { zh: string; en: string } } | null {
  const m = a.model;
  for (const r of m.applications?.rows ?? []) {
    const col = r.cells.findIndex(c => contains(c, offset));
    if (col >= 0) {
      const cell = r.cells[col];
      if (r.key && col < APPLICATION_WIDTH) return { cell, ref: { table: 'applications', row: r.key, col } };
      return { cell, label: { zh: `“${r.label ?? ''}”第 ${col + 1} 个数`, en: `row “${r.label ?? ''}”, number ${col + 1}` } };
    }
  }
  const rc = m.reviews?.cells.findIndex(c => contains(c, offset)) ?? -1;
  if (rc >= 0 && rc < REVIEW_WIDTH) return { cell: m.reviews!.cells[rc], ref: { table: 'reviews', col: rc } };
  const blocks = a.proactiveFormat.proactive.blocks;
  for (const b of m.proactive) {
    for (const r of b.rows) {
      const col = r.cells.findIndex(c => contains(c, offset));
      if (col < 0) continue;
      const column = blocks.find(x => x.clause === b.clause)?.columns[col]?.label ?? `第 ${col + 1} 列`;
      return { cell: r.cells[col], label: { zh: `二表 · ${b.item} · ${r.label} · ${column}`, en: `table 二 · ${b.item} · ${r.label} · ${column}` } };
    }
  }
  return null;
}

export function hover(a: Analysis, position: Position, options: FeatureOptions): Hover | null {
  const t = translator(options.locale);
  const hit = findCell(a, a.offset(position));
  if (!hit) return null;
  const { cell, ref } = hit;
  const lines: string[] = [];
  const name = ref ? cellName(ref, a.format) : hit.label!;
  lines.push(`**${ref?.table === 'applications' ? t('三表 · ', 'table 三 · ') : ref ? t('四表 · ', 'table 四 · ') : ''}${t(name.zh, name.en)}** ${cell.raw ? `= ${cell.raw}` : t('（空）', '(blank)')}`);
  if (ref) {
    const arithmetic = a.arithmetic();
    const cellOf = (r: CellRef) => arithmetic.cellAt(r);
    const show = (r: CellRef) => {
      const c = cellOf(r);
      return c?.kind === 'number' ? String(c.value) : '?';
    };
    const key = refKey(ref);
    for (const rel of a.format.relations) {
      const all = [...rel.terms, ...rel.totals];
      if (!all.some(r => refKey(r) === key)) continue;
      const vals = (list: CellRef[]) => list.map(r => cellOf(r));
      const known = [...vals(rel.terms), ...vals(rel.totals)].every(c => c?.kind === 'number');
      const sum = (list: CellRef[]) => list.reduce((s, r) => s + (cellOf(r)?.value ?? 0), 0);
      const ok = known && sum(rel.terms) === sum(rel.totals);
      const mark = !known ? '？' : ok ? '✓' : '✗';
      // A column's many result rows are named below, not listed as 20 bare numbers.
      const terms = rel.id === 'column-total' ? `${t('各办理结果之和', 'the results')} ${known ? sum(rel.terms) : '?'}` : rel.terms.map(show).join(' + ');
      const totals = rel.totals.map(show).join(' + ');
      const rn = relationName(rel, a.format);
      lines.push(`- ${t(rn.zh, rn.en)}：${t('总计', 'total')} ${totals} ${ok ? '=' : known ? '≠' : '?'} ${terms}${known && !ok && rel.id !== 'column-total' ? ` = ${sum(rel.terms)}` : ''} ${mark}`);
      // A column's many result rows, named: which number is which row, without counting lines.
      if (rel.id === 'column-total') lines.push(`  - ${namedTerms(rel.terms, r => cellOf(r)?.kind === 'number' ? cellOf(r)!.value! : null, a.format, t)}`);
    }
  }
  // A finding on this cell the editor shows in this same hover (its diagnostic is here): not repeated. A
  // finding elsewhere that names this cell (a candidate, a sum that does not hold) is said here, once.
  const inside = (r: { start: number; end: number }) => r.start <= cell.range.start && cell.range.end <= r.end;
  const named = a.findings.flatMap(f => (inside(f.range) ? [] : (f.related ?? []).filter(r => r.range.start === cell.range.start)));
  for (const r of named.slice(0, 1)) lines.push('', `⚠ ${r.message[options.locale]}`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: a.range(cell.range) };
}

/** The terms of a column sum by row, those that are not 0: 「其中：（一）予以公开 34，（三）5.属于三类内部事务信息 13；其余 17 行为 0」. */
function namedTerms(terms: CellRef[], value: (r: CellRef) => number | null, format: ReportFormat, t: Translate): string {
  const named = terms.map(r => ({ name: termName(r, format), v: value(r) })).filter(n => n.v !== 0);
  const rest = terms.length - named.length;
  const list = named.map(n => `${n.name} ${n.v ?? '?'}`).join(t('，', ', '));
  if (!named.length) return t('各行均为 0', 'every row is 0');
  return t(`其中：${list}${rest ? `；其余 ${rest} 行为 0` : ''}`, `rows: ${list}${rest ? `; the other ${rest} are 0` : ''}`);
}

/** A 三 row named with its group: （三）5.属于三类内部事务信息, （一）予以公开. */
function termName(ref: CellRef, format: ReportFormat): string {
  const entries = format.applications.entries;
  const row = entries.find(e => e.key === ref.row);
  const group = row?.group && row.group !== 'results' ? entries.find(e => e.key === row.group && e.kind === 'group') : undefined;
  const prefix = group ? /^（[一二三四五六七八九十]+）/.exec(group.label)?.[0] ?? '' : '';
  return prefix + rowName(ref.row ?? '');
}

/** A quiet marker beside a wrong cell: the value that the totals give. */
export function inlayHints(a: Analysis, options: FeatureOptions): InlayHint[] {
  const kinds = new Set(['row-total', 'column-total', 'balance', 'review-total', 'cell-value']);
  return a.findings
    .filter(f => kinds.has(f.ruleId) && f.fix && f.fix.edits.length === 1)
    .map(f => ({
      position: a.lines.position(f.range.end),
      label: inLocale(options.locale, `应为 ${f.fix!.edits[0].newText}`, `→ ${f.fix!.edits[0].newText}`),
      paddingLeft: true,
      tooltip: f.message[options.locale],
    }));
}
