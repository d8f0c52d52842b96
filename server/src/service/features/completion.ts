/**
 * Completion: in a document with no section yet, the whole report (新建年度报告); the next missing
 * section heading at the start of a line; inside a table, the format's row labels (missing ones
 * first, in format order, numbered the way the document numbers them); column headers (after a
 * space too); and whole standard tables in the document's own layout, first where a section has none.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { TableLayout } from '../parse';
import { formatForYear, formatOf, SECTIONS, standardHeading, type ReportFormat } from '../format';
import type { NianbaoConfig } from '../config';
import type { Analysis, FeatureOptions } from './document';
import {
  applicationsTableText, newReportYear, proactiveTableText, reportSkeleton, reviewsTableText, styled, type LabelStyle,
} from './skeleton';

export { applicationsTableText, reviewsTableText } from './skeleton';

/** How the document writes numbering, read from the labels it already has. */
function styleOf(a: Analysis): LabelStyle {
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

/** The layout the document writes its tables in, for inserting a new one. */
function layoutOf(a: Analysis): TableLayout {
  if (a.model.applications) return a.model.applications.layout;
  if (a.model.reviews) return a.model.reviews.layout;
  if (a.text.split('\n').some(l => { const t = l.trim(); return t.length > 1 && t.startsWith('|') && t.endsWith('|'); })) return 'pipe';
  if (/^\t\S/m.test(a.text)) return 'cell-per-line';
  return 'flattened';
}

/** The format of a new report on `year`: the one in force that year, unless the config names one. */
export function formatForNewReport(config: NianbaoConfig, year: number): ReportFormat {
  const forced = config.template;
  return forced && forced !== 'auto' ? formatOf(forced) : formatForYear(year);
}

export function completion(a: Analysis, position: Position, options: FeatureOptions, now: Date = new Date()): CompletionList {
  const en = options.locale === 'en';
  const offset = a.offset(position);
  const line = a.lines.lineOf(offset);
  const lineStart = a.lines.lineStart(line);
  const before = a.text.slice(lineStart, offset);
  const typed = before.replace(/^[\s#*]*/, '');
  const from = offset - typed.length;
  const replace = { start: a.lines.position(from), end: position };
  // The word being typed after a space, a tab or a pipe: where a column header goes.
  const wordFrom = offset - (/[^\s|]*$/.exec(before)?.[0].length ?? 0);
  const replaceWord = { start: a.lines.position(wordFrom), end: position };
  const eol = a.text.includes('\r\n') ? '\r\n' : '\n';
  const items: CompletionItem[] = [];
  const section = [...a.model.sections].reverse().find(s => s.headingRange.start <= offset);
  const inApps = a.model.applications && offset >= a.model.applications.range.start && offset <= a.model.applications.range.end + 1;
  const where = inApps ? 3 : section?.no ?? 0;
  const atLineStart = !/\s/.test(typed) && typed.length <= 24;

  const add = (label: string, kind: CompletionItemKind, sort: string, detail: string, extra: Partial<CompletionItem> = {}) => {
    items.push({ label, kind, sortText: sort, detail, filterText: label, textEdit: { range: replace, newText: label }, ...extra });
  };
  const header = (label: string, sort: string, detail: string) => add(label, CompletionItemKind.Property, sort, detail, { textEdit: { range: replaceWord, newText: label } });
  /** A whole table: the first item where its section has none yet, else after the labels. */
  const table = (label: string, sortKey: string, detail: string, filterText: string, newText: string, missing: boolean) => add(label, CompletionItemKind.Snippet, missing ? `#1-${sortKey}` : `8-${sortKey}`, detail, {
    filterText, insertTextFormat: InsertTextFormat.PlainText, preselect: missing || undefined,
    textEdit: { range: replace, newText },
  });

  // A document with no section yet: the whole report (in an empty one), or all of it after its title.
  if (!a.model.sections.length && !a.model.applications && !a.model.reviews && !a.model.proactive.length) {
    const title = a.model.title;
    const blank = !a.text.trim();
    if (blank || (title && offset >= title.range.end)) {
      const year = title && a.model.year ? a.model.year.value : newReportYear(a.uri, now);
      const whole = reportSkeleton({ year, format: formatForNewReport(a.config, year), eol });
      // After a title: everything that follows it in the skeleton (the title as the clerk wrote it stays).
      let newText = blank ? whole : whole.slice(whole.indexOf(eol) + eol.length).replace(/^(\r?\n)+/, '');
      let range = replace;
      if (!blank && line === a.lines.lineOf(title!.range.end)) {
        range = { start: position, end: position };
        newText = eol + eol + newText;
      }
      add(en ? `New annual report (${year})` : `新建年度报告（${year} 年度）`, CompletionItemKind.Snippet, '#0-report',
        en ? 'Title, statistics period, the six sections, the three tables zero-filled' : '标题、统计期限、六个部分、三张统计表（全部为 0）、信息处理费说明', {
          filterText: `${year}年政府信息公开工作年度报告 新建 年报 report`, insertTextFormat: InsertTextFormat.PlainText, preselect: true,
          textEdit: { range, newText },
        });
    }
  }

  // Section headings: every missing one, the next after the current section first.
  if (atLineStart) {
    const present = new Set(a.model.sections.map(s => s.no));
    const current = section?.no ?? 0;
    const missing = SECTIONS.filter(s => !present.has(s.no));
    const next = missing.find(s => s.no > current) ?? missing[0];
    for (const s of missing) {
      const heading = standardHeading(s.no);
      add(heading, CompletionItemKind.Module, `${s === next ? '0' : '1'}-${s.no}`, en ? `Section ${s.no} (missing)` : `第${s.numeral}部分（缺少）`, { preselect: s === next || undefined });
    }
  }

  if (where === 3) {
    const style = styleOf(a);
    const present = new Set((a.model.applications?.rows ?? []).map(r => r.key));
    for (const g of a.model.applications?.numberedGroups ?? []) present.add(g.key);
    const v = a.format.version;
    table(en ? 'Table 三 (zero-filled)' : '三表（全部为 0）', 'apps', en ? `Whole standard table, ${v} format` : `插入整张标准表（${v} 年格式）`, '三表 申请 table',
      applicationsTableText(a.format, layoutOf(a), eol, style), !a.model.applications);
    a.format.applications.entries.forEach((e, i) => {
      const missing = e.kind === 'row' && !present.has(e.key);
      const label = styled(e.label, style);
      add(label, e.kind === 'row' ? CompletionItemKind.Field : CompletionItemKind.Folder, `${missing ? '2' : '4'}-${String(i).padStart(2, '0')}`,
        en ? `Table 三 ${e.kind === 'row' ? 'row' : 'group'}${missing ? ' (missing)' : ''}` : `三表${e.kind === 'row' ? '行' : '分组'}${missing ? '（缺少）' : ''}`);
    });
    a.format.applications.columns.map(c => c.label).concat(a.format.applications.headerWords).forEach((c, i) => header(c, `6-${i}`, en ? 'Table 三 column header' : '三表列名'));
  }
  if (where === 2) {
    const present = new Set(a.model.proactive.flatMap(b => b.rows.map(r => r.key)));
    const format = a.proactiveFormat;
    table(en ? 'Tables 二 (zero-filled)' : '二表（全部为 0）', 'proactive', en ? `Whole standard tables, ${format.version} format` : `插入第二十条各项的整张标准表（${format.version} 年格式）`, '二表 主动公开 table',
      proactiveTableText(format, layoutOf(a), eol), !a.model.proactive.length);
    format.proactive.blocks.forEach((b, i) => {
      add(b.item, CompletionItemKind.Folder, `3-${i}`, en ? 'Table 二 item' : '二表项目');
      b.rows.forEach((r, j) => add(r.label, CompletionItemKind.Field, `${present.has(r.key) ? '4' : '2'}-${i}${j}`, en ? `Table 二 row of ${b.item}` : `${b.item}的行${present.has(r.key) ? '' : '（缺少）'}`));
      b.columns.forEach((c, j) => header(c.label, `6-${i}${j}`, en ? 'Table 二 column header' : '二表列名'));
    });
    header(format.proactive.contentHeader, '6-0', en ? 'Table 二 column header' : '二表列名');
  }
  if (where === 4) {
    const { groups, columns } = a.format.reviews;
    table(en ? 'Table 四 (zero-filled)' : '四表（全部为 0）', 'reviews', en ? 'Whole standard table, one line per group' : '插入整张标准表（每组一行）', '四表 复议 诉讼 table',
      reviewsTableText(a.format, layoutOf(a), eol), !a.model.reviews);
    const words = [...new Set(groups.flatMap(g => g.heading))];
    [...words, ...columns.map(c => c.label)].forEach((c, i) => header(c, `6-${i}`, en ? 'Table 四 column header' : '四表列名'));
  }
  // One item preselected: the report or a missing table before the next heading.
  if (items.some(i => i.preselect && i.kind === CompletionItemKind.Snippet)) {
    for (const i of items) if (i.kind !== CompletionItemKind.Snippet) delete i.preselect;
  }
  return { isIncomplete: false, items };
}
