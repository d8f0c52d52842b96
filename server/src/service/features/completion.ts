/**
 * Completion: the next missing section heading at the start of a line; inside a table, the
 * template's row labels (missing ones first, in template order, numbered the way the document
 * numbers them); column headers; and whole standard tables in the document's own layout.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { TableLayout } from '../parse';
import { SECTIONS, standardHeading, type ReportFormat } from '../template';
import type { Analysis, FeatureOptions } from './document';

interface Style {
  /** What follows a row number: `.` `．` or `、` */
  dot: string;
  halfBrackets: boolean;
}

/** How the document writes numbering, read from the labels it already has. */
function styleOf(a: Analysis): Style {
  const labels = [...(a.model.applications?.rows ?? [])].map(r => r.label ?? '');
  const dots = labels.map(l => /^\d([.．、])/.exec(l)?.[1]).filter(Boolean) as string[];
  const dot = dots.length ? mostCommon(dots) : '.';
  const half = labels.filter(l => l.startsWith('(')).length > labels.filter(l => l.startsWith('（')).length;
  return { dot, halfBrackets: half };
}

function mostCommon(xs: string[]): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

function styled(label: string, s: Style): string {
  let out = label.replace(/^(\d+)\./, `$1${s.dot}`);
  if (s.halfBrackets) out = out.replace(/^（([一二三四五六七八九十]+)）/, '($1)');
  return out;
}

/** The layout the document writes its tables in, for inserting a new one. */
function layoutOf(a: Analysis): TableLayout {
  if (a.model.applications) return a.model.applications.layout;
  if (a.model.reviews) return a.model.reviews.layout;
  if (a.text.split('\n').some(l => { const t = l.trim(); return t.length > 1 && t.startsWith('|') && t.endsWith('|'); })) return 'pipe';
  if (/^\t\S/m.test(a.text)) return 'cell-per-line';
  return 'flattened';
}

function tableText(header: string[], rows: { label: string; cells: number }[], layout: TableLayout, eol: string, labelHeader: string): string {
  switch (layout) {
    case 'pipe': {
      const width = Math.max(...rows.map(r => r.cells));
      const lines = [`| ${[labelHeader, ...header].join(' | ')} |`, `|${' --- |'.repeat(width + 1)}`];
      for (const r of rows) lines.push(`| ${[r.label, ...Array(width).fill(r.cells ? '0' : '')].join(' | ')} |`);
      return lines.join(eol) + eol;
    }
    case 'cell-per-line': {
      const out: string[] = [header.map(h => `\t${h}`).join(eol), ''];
      for (const r of rows) {
        out.push([`\t${r.label}`, ...Array(r.cells).fill('\t0')].join(eol));
        if (r.cells) out.push('');
      }
      return out.join(eol) + eol;
    }
    case 'flattened':
      return [header.join(' '), ...rows.map(r => [r.label, ...Array(r.cells).fill('0')].join(' '))].join(eol) + eol;
  }
}

export function applicationsTableText(format: ReportFormat, layout: TableLayout, eol: string, style: Style = { dot: '.', halfBrackets: false }): string {
  const { columns, entries, headerWords } = format.applications;
  const rows = entries.map(e => ({ label: styled(e.label, style), cells: e.kind === 'row' ? columns.length : 0 }));
  return tableText([headerWords[0], ...columns.map(c => c.label)].slice(layout === 'pipe' ? 1 : 0), rows, layout, eol, '项目');
}

export function reviewsTableText(format: ReportFormat, layout: TableLayout, eol: string): string {
  const { groups, columns } = format.reviews;
  const width = groups.length * columns.length;
  // Each group's label over its first column; its other columns are merged into it.
  const header = groups.flatMap(g => [g.label, ...Array(columns.length - 1).fill('')]);
  const sub = groups.flatMap(() => columns.map(c => c.label));
  const zeros = Array(width).fill('0');
  switch (layout) {
    case 'pipe':
      return [`| ${header.join(' | ')} |`, `|${' --- |'.repeat(width)}`, `| ${sub.join(' | ')} |`, `| ${zeros.join(' | ')} |`].join(eol) + eol;
    case 'cell-per-line':
      return ['\t行政复议', '\t行政诉讼', '', ...sub.map(s => `\t${s}`), '', ...zeros.map(z => `\t${z}`)].join(eol) + eol;
    case 'flattened':
      return ['行政复议 行政诉讼', `${columns.map(c => c.label).join(' ')} 未经复议直接起诉 复议后起诉`, zeros.join(' ')].join(eol) + eol;
  }
}

export function completion(a: Analysis, position: Position, options: FeatureOptions): CompletionList {
  const en = options.locale === 'en';
  const offset = a.offset(position);
  const line = a.lines.lineOf(offset);
  const lineStart = a.lines.lineStart(line);
  const before = a.text.slice(lineStart, offset);
  const typed = before.replace(/^[\s#*]*/, '');
  const from = offset - typed.length;
  const replace = { start: a.lines.position(from), end: position };
  const eol = a.text.includes('\r\n') ? '\r\n' : '\n';
  const items: CompletionItem[] = [];
  const section = [...a.model.sections].reverse().find(s => s.headingRange.start <= offset);
  const inApps = a.model.applications && offset >= a.model.applications.range.start && offset <= a.model.applications.range.end + 1;
  const where = inApps ? 3 : section?.no ?? 0;
  const atLineStart = !/\s/.test(typed) && typed.length <= 24;

  const add = (label: string, kind: CompletionItemKind, sort: string, detail: string, extra: Partial<CompletionItem> = {}) => {
    items.push({ label, kind, sortText: sort, detail, filterText: label, textEdit: { range: replace, newText: label }, ...extra });
  };

  // Section headings: every missing one, the next after the current section first.
  if (atLineStart) {
    const present = new Set(a.model.sections.map(s => s.no));
    const current = section?.no ?? 0;
    const missing = SECTIONS.filter(s => !present.has(s.no));
    const next = missing.find(s => s.no > current) ?? missing[0];
    for (const s of missing) {
      const heading = standardHeading(s.no);
      add(heading, CompletionItemKind.Module, `${s === next ? '0' : '1'}-${s.no}`, en ? `Section ${s.no} (missing)` : `第${s.numeral}部分（缺少）`, { preselect: s === next });
    }
  }

  if (where === 3) {
    const style = styleOf(a);
    const present = new Set((a.model.applications?.rows ?? []).map(r => r.key));
    for (const g of a.model.applications?.numberedGroups ?? []) present.add(g.key);
    a.format.applications.entries.forEach((e, i) => {
      const missing = e.kind === 'row' && !present.has(e.key);
      const label = styled(e.label, style);
      add(label, e.kind === 'row' ? CompletionItemKind.Field : CompletionItemKind.Folder, `${missing ? '2' : '4'}-${String(i).padStart(2, '0')}`,
        en ? `Table 三 ${e.kind === 'row' ? 'row' : 'group'}${missing ? ' (missing)' : ''}` : `三表${e.kind === 'row' ? '行' : '分组'}${missing ? '（缺少）' : ''}`);
    });
    a.format.applications.columns.map(c => c.label).concat(a.format.applications.headerWords).forEach((c, i) => add(c, CompletionItemKind.Property, `6-${i}`, en ? 'Table 三 column header' : '三表列名'));
    const v = a.format.version;
    add(en ? 'Table 三 (zero-filled)' : '三表（全部为 0）', CompletionItemKind.Snippet, '8-apps', en ? `Whole standard table, ${v} format` : `插入整张标准表（${v} 年格式）`, {
      filterText: '三表 申请 table', insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: replace, newText: applicationsTableText(a.format, layoutOf(a), eol, style) },
    });
  }
  if (where === 2) {
    const present = new Set(a.model.proactive.flatMap(b => b.rows.map(r => r.key)));
    a.format.proactive.blocks.forEach((b, i) => {
      add(b.item, CompletionItemKind.Folder, `3-${i}`, en ? 'Table 二 item' : '二表项目');
      b.rows.forEach((r, j) => add(r.label, CompletionItemKind.Field, `${present.has(r.key) ? '4' : '2'}-${i}${j}`, en ? `Table 二 row of ${b.item}` : `${b.item}的行${present.has(r.key) ? '' : '（缺少）'}`));
      b.columns.forEach((c, j) => add(c.label, CompletionItemKind.Property, `6-${i}${j}`, en ? 'Table 二 column header' : '二表列名'));
    });
    add('信息内容', CompletionItemKind.Property, '6-0', en ? 'Table 二 column header' : '二表列名');
  }
  if (where === 4) {
    ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', ...a.format.reviews.columns.map(c => c.label)].forEach((c, i) => add(c, CompletionItemKind.Property, `6-${i}`, en ? 'Table 四 column header' : '四表列名'));
    add(en ? 'Table 四 (zero-filled)' : '四表（全部为 0）', CompletionItemKind.Snippet, '8-reviews', en ? 'Whole standard table' : '插入整张标准表', {
      filterText: '四表 复议 诉讼 table', insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: replace, newText: reviewsTableText(a.format, layoutOf(a), eol) },
    });
  }
  return { isIncomplete: false, items };
}
