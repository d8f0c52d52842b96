/**
 * `nianbao export`: the numbers of the tables, out.
 *
 * - `--format csv|json` (default csv): every cell of the 二, 三 and 四 tables of every report, one row
 *   per report × table × row × column, with the format's labels, the body and the year. The CSV has a
 *   BOM (Excel reads it as UTF-8) and CRLF line ends; quoting is csv-stringify's.
 * - `--sum`: the reports added up into one set of tables per format (the area total a 区 office
 *   publishes), checked by the same rules: the sum is written as a report text and `checkReport` runs on it.
 *   `--format text` writes that text (open it in the editor to see the tables), `html` its review page.
 */
import { promises as fs } from 'fs';
import { stringify } from 'csv-stringify/sync';
import { checkReport, effectiveFormat, proactiveFormatOf, type CheckResult } from '../service/check';
import type { FoundConfig, NianbaoConfig } from '../service/config';
import { emptyModel, LineIndex, parseReport, type ReportModel } from '../service/parse';
import { tablesView, type GridCell, type TableView } from '../service/render';
import { msg, RULES, type Finding, type Locale, type Message } from '../service/rules';
import { formatOf, SECTIONS, type ReportFormat, type FormatVersion } from '../service/format';
import type { Io } from './cli';
import { ConfigFinder, loadConfigFile } from './config';
import { expandPaths } from './files';
import { problemText, readErrorText, readInput, type Input } from './documents';
import { looksLikeReport } from '../service/rules/not-a-report';
import { inLocale, SEVERITY_WORDS } from '../service/message';
import { sameReports, sameReportsText } from './summary';
import { startProgress } from './progress';
import { EXPORT_FORMAT_PROBLEM, given, helpOf, parseOptions, pickLocale, SUM_ONLY_FORMATS, valueOf } from './options';
import { reviewPage } from './review';
import { pairRows, pairsCsv } from './exportPairs';

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev';

/** One number of one table of one report. */
export interface ExportRow {
  file: string;
  body: string | null;
  year: number | null;
  /** The format the table is printed in. */
  format: FormatVersion;
  /** 二, 三 or 四. */
  table: string;
  /** The 二 block (第二十条第（一）项); null for 三 and 四. */
  block: string | null;
  /** The format's row key; null for a row the format has not (its label is then as written). */
  rowKey: string | null;
  /** The format's row label (四: the group, 行政复议 …). */
  row: string;
  /** 1-based column of the table's numbers. */
  col: number;
  column: string;
  /** The number, or null for a blank, `/`, text or missing cell. */
  value: number | null;
  /** The cell as written. */
  raw: string;
  /**
   * 1-based line of the cell in the file: in a web page, the line of its source; null when the report
   * has no such cell, or the file has no lines (a Word file, a PDF).
   */
  line: number | null;
}

/** A sum's cell: the rows of the reports added up, and which reports had no number there. */
export interface SumRow extends ExportRow {
  /** Reports whose cell is blank, `/`, text or missing: the sum is then null. */
  missing: string[];
  /** Reports whose whole table was not read (not found, not read with confidence, printed in the other format): the sum is of the others. */
  leftOut?: string[];
  /** Different units written in the column (万元 and 元): not added. */
  units?: string[];
}

export interface SumGroup {
  format: ReportFormat;
  /** The reports added up. */
  files: string[];
  /** The year of the reports (a group is one format and one year); empty when they name none. */
  years: number[];
  /** Per table (二, 三, 四), the reports left out of its sums, and why. */
  leftOut: { table: string; files: { file: string; why: LeftOut }[] }[];
  rows: SumRow[];
  /** The sum written as a report, and what the checks found in it. */
  text: string;
  findings: Finding[];
}

/** A checked report, as export needs it. */
export interface ExportedReport {
  file: string;
  text: string;
  model: ReportModel;
  format: ReportFormat;
  /** The line in the file of a range of `text`, when `text` is not the file's own (a page, a Word file, a PDF). */
  lineOf?: (range: { start: number; end: number }) => number | null;
  /** Its configuration (`bodies` names one body under several names, for `--pairs`). */
  config?: NianbaoConfig;
}

/** Lines in the file the user has: a page's source lines; none in a Word file or a PDF; the text's own otherwise. */
function fileLines(input: Input): ExportedReport['lineOf'] {
  if (input.kind === 'text') return undefined;
  if (input.kind !== 'html' || input.source === undefined) return () => null;
  const source = new LineIndex(input.source);
  return range => {
    const at = input.map.locate(range);
    return at?.kind === 'html' ? source.lineOf(at.start) + 1 : null;
  };
}

const numeral = (section: number) => SECTIONS.find(s => s.no === section)?.numeral ?? String(section);

function valueCells(view: TableView): GridCell[] {
  return view.body.flatMap(r => r.filter(c => c.role === 'value'));
}

function viewsOf(r: { model: ReportModel; format: ReportFormat }): TableView[] {
  return tablesView({ model: r.model, format: r.format, proactiveFormat: proactiveFormatOf(r.model, r.format), findings: [] }).tables;
}

/** Whether any table of the report gave a number. */
function hasNumber(m: ReportModel): boolean {
  const some = (cells: { value: number | null }[] | undefined) => !!cells?.some(c => c.value !== null);
  return some(m.reviews?.cells) || !!m.applications?.rows.some(r => some(r.cells)) || m.proactive.some(b => b.rows.some(r => some(r.cells)));
}

/** Every cell of the report's three tables (its tables as the preview draws them). */
export function exportRows(r: ExportedReport): ExportRow[] {
  const base = { file: r.file, body: r.model.agency?.value ?? null, year: r.model.year?.value ?? null };
  const lines = new LineIndex(r.text);
  return viewsOf(r).flatMap(view => valueCells(view).map(c => ({
    ...base,
    format: view.version,
    table: numeral(view.section),
    block: c.block ?? null,
    rowKey: c.rowKey ?? null,
    row: c.row ?? '',
    col: (c.columnIndex ?? 0) + 1,
    column: c.column ?? '',
    value: c.value ?? null,
    raw: c.text,
    line: !c.range ? null : r.lineOf ? r.lineOf(c.range) : lines.lineOf(c.range.start) + 1,
  })));
}

// ------------------------------------------------------------------ sums

/** Whether a cell holds an amount of money (its unit matters), per the format's 二 columns. */
function isAmount(format: ReportFormat, c: GridCell): boolean {
  const block = format.proactive.blocks.find(b => b.item === c.block);
  return block?.columns[c.columnIndex ?? -1]?.kind === 'amount';
}

/** Why a report's table is not in a sum. */
export type LeftOut = 'not-found' | 'unread' | 'other-format';

/** Whether a report's table can be added: found, read with confidence, printed in the sum's format. */
function tableLeftOut(r: ExportedReport, view: TableView, version: FormatVersion): LeftOut | null {
  const m = r.model;
  if (view.version !== version) return 'other-format';
  if (!view.found) return 'not-found';
  const unread = view.key === 'reviews' ? !!m.reviews?.unread
    : view.key === 'applications' ? !!m.applications?.rows.some(x => x.unread)
      : m.proactive.some(b => b.rows.some(x => x.unread));
  return unread ? 'unread' : null;
}

const cellKey = (view: TableView, c: GridCell) => `${view.key}|${c.block ?? ''}|${c.rowKey}|${c.columnIndex}`;

function decimals(raw: string): number {
  const m = /\.(\d+)/.exec(raw);
  return m ? m[1].length : 0;
}

/** Numbers added as written: 909.76 + 0.5 is 910.26, not 910.2600000000001. */
function add(values: { value: number; raw: string }[]): number {
  const d = Math.max(0, ...values.map(v => decimals(v.raw)));
  const scale = 10 ** d;
  return values.reduce((a, v) => a + Math.round(v.value * scale), 0) / scale;
}

/** A grid as report text, one table row a line (`label n n n`), headers as printed: what the parser reads. */
export function tableText(view: TableView, valueOf: (cell: GridCell) => string): string {
  const lines: string[] = [];
  for (const row of view.head) lines.push(row.map(c => c.text).join(' '));
  for (const row of view.body) {
    const labels = row.filter(c => c.role !== 'value');
    const values = row.filter(c => c.role === 'value');
    if (!values.length && labels.every(c => c.role === 'header')) {
      lines.push(labels.map(c => c.text).join(' '));
      continue;
    }
    // A group label that spans rows stands on its own line before its first row.
    for (const l of labels.slice(0, values.length ? labels.length - 1 : labels.length)) lines.push(l.text);
    if (values.length) lines.push([...(labels.length ? [labels[labels.length - 1].text] : []), ...values.map(valueOf)].join(' '));
  }
  return lines.join('\n');
}

const SUM_TEXT = {
  zh: { title: (y: string, n: number, v: string) => `${y}政府信息公开工作年度报告（${n} 份报告合计，${v} 年格式）`, body: (n: number) => `合计（${n} 份报告）`, file: '合计' },
  en: { title: (y: string, n: number, v: string) => `${y}政府信息公开工作年度报告（${n} 份报告合计，${v} 年格式）`, body: (n: number) => `total of ${n} reports`, file: 'total' },
};

/** Why a cell of a sum is empty, and where it is. */
function notAdded(r: SumRow): Message {
  const where = [r.table, r.block, r.row, r.column].filter(Boolean).join(' · ');
  const some = (sep: string, more: (n: number) => string) => r.missing.slice(0, 3).join(sep) + (r.missing.length > 3 ? more(r.missing.length) : '');
  return r.units
    ? msg(`${where}：无法相加，单位不同（${r.units.map(u => u || '无单位').join('、')}）`, `${where}: not added, different units (${r.units.map(u => u || 'none').join(', ')})`)
    : msg(`${where}：无法相加，缺少数字：${some('、', n => ` 等 ${n} 份`)}`, `${where}: not added, no number in ${some(', ', n => ` and ${n - 3} more`)}`);
}

/** Which rules check a sum: those on the tables and their arithmetic (a sum has no prose or sections 一, 五, 六). */
const SUM_RULES = new Set(RULES.filter(r => r.meta.tags.some(t => t === 'tables' || t === 'arithmetic') && !r.meta.tags.includes('structure')).map(r => r.meta.id));

/**
 * The reports added up, one group per format (reports in different formats have different tables).
 * A cell is added only when every report of the group has a number there in the same unit;
 * otherwise the sum says which reports lack it, and is null.
 */
export function sumReports(reports: ExportedReport[], locale: Locale): SumGroup[] {
  // One group per format and year: tables of two formats differ, and two years are not one area total.
  const groups = new Map<string, ExportedReport[]>();
  for (const r of reports) {
    const key = `${r.format.version}|${r.model.year?.value ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map(members => sumGroup(members, locale));
}

/** One report's cells by key, and the tables it is left out of (and why). */
interface ReportCells {
  file: string;
  byKey: Map<string, GridCell>;
  out: Map<TableView['key'], LeftOut>;
}

/** The reports of one format and year added up: their cells, the sum as a report text, checked, each number placed. */
function sumGroup(members: ExportedReport[], locale: Locale): SumGroup {
  const version = members[0].format.version;
  const format = formatOf(version);
  const layout = viewsOf({ model: emptyModel(''), format });
  const perReport = members.map(r => cellsOfReport(r, version));
  const years = [...new Set(members.map(r => r.model.year?.value).filter((y): y is number => typeof y === 'number'))].sort();
  const { rows, sums, rowOf } = addCells(layout, perReport, format, members.length, years, locale);
  const year = years.length === 1 ? `${years[0]}年` : '';
  // A table no report could give is not in the sum at all (said once, as left out), not a grid of “/”.
  const summed = layout.filter(view => perReport.some(p => !p.out.has(view.key)));
  const text = [
    SUM_TEXT[locale].title(year, members.length, version),
    ...summed.map(view => `${view.heading}\n${tableText(view, c => sums.get(cellKey(view, c))?.raw || '/')}`),
    '',
  ].join('\n');
  const checked = checkReport(text, { template: version });
  const findings = sumFindings(checked, summed, rowOf);
  placeRows(text, checked, rowOf);
  const leftOut = layout.map(view => ({
    table: numeral(view.section),
    files: perReport.flatMap(p => (p.out.has(view.key) ? [{ file: p.file, why: p.out.get(view.key)! }] : [])),
  })).filter(x => x.files.length);
  return { format, files: members.map(r => r.file), years, leftOut, rows, text, findings };
}

/** A report's cells by key, leaving out the tables it cannot give. */
function cellsOfReport(r: ExportedReport, version: FormatVersion): ReportCells {
  const byKey = new Map<string, GridCell>();
  const out = new Map<TableView['key'], LeftOut>();
  for (const view of viewsOf(r)) {
    // A table not found, not read with confidence, or printed in the other format (other rows and
    // columns) leaves this report out of that table's sums only.
    const why = tableLeftOut(r, view, version);
    if (why) {
      out.set(view.key, why);
      continue;
    }
    for (const c of valueCells(view)) if (c.rowKey) byKey.set(cellKey(view, c), c);
  }
  return { file: r.file, byKey, out };
}

/** Each cell of the format added over the reports that give its table: a row per cell, and the sums by key. */
function addCells(layout: TableView[], perReport: ReportCells[], format: ReportFormat, count: number, years: number[], locale: Locale) {
  const t = SUM_TEXT[locale];
  const version = format.version;
  const sums = new Map<string, { value: number | null; raw: string }>();
  const rowOf = new Map<string, SumRow>();
  const rows: SumRow[] = layout.flatMap(view => valueCells(view).map(c => {
    const key = cellKey(view, c);
    const added = perReport.filter(p => !p.out.has(view.key));
    const leftOut = perReport.filter(p => p.out.has(view.key)).map(p => p.file);
    const parts = added.map(p => ({ file: p.file, cell: p.byKey.get(key) }));
    const missing = parts.filter(p => typeof p.cell?.value !== 'number').map(p => p.file);
    // 182个 and 15 are both counts; 60516万元 and 251000元 are not the same money.
    const units = [...new Set(parts.map(p => p.cell?.unit ?? ''))];
    const mixed = units.length > 1 && isAmount(format, c);
    const value = !parts.length || missing.length || mixed ? null : add(parts.map(p => ({ value: p.cell!.value as number, raw: p.cell!.text })));
    const raw = value === null ? '' : `${value}${units.length === 1 ? units[0] : ''}`;
    sums.set(key, { value, raw });
    const row: SumRow = {
      file: t.file, body: t.body(count), year: years.length === 1 ? years[0] : null, format: version,
      table: numeral(view.section), block: c.block ?? null, rowKey: c.rowKey ?? null, row: c.row ?? '',
      col: (c.columnIndex ?? 0) + 1, column: c.column ?? '', value, raw, line: null, missing, ...(leftOut.length ? { leftOut } : {}), ...(mixed ? { units } : {}),
    };
    rowOf.set(key, row);
    return row;
  }));
  return { rows, sums, rowOf };
}

/** The sum's findings: the rules on tables and arithmetic, and for a cell that could not be added, why. */
function sumFindings(checked: CheckResult, summed: TableView[], rowOf: Map<string, SumRow>): Finding[] {
  // A cell that could not be added says why and which reports lack it (not “/ is not a number”).
  const unknown = viewsOf(checked).filter(v => summed.some(x => x.key === v.key)).flatMap(v => valueCells(v).flatMap(c => {
    const row = rowOf.get(cellKey(v, c));
    return c.range && row && row.value === null ? [{ range: c.range, row }] : [];
  }));
  return [
    ...checked.findings.filter(f => SUM_RULES.has(f.ruleId) && !(f.ruleId === 'cell-value' && unknown.some(u => u.range.start <= f.range.start && f.range.end <= u.range.end))),
    ...unknown.map(u => ({ ruleId: 'cell-value', severity: 'error' as const, range: u.range, message: notAdded(u.row) })),
  ].sort((a, b) => a.range.start - b.range.start);
}

/** Where each number of the sum stands in its text. */
function placeRows(text: string, checked: CheckResult, rowOf: Map<string, SumRow>): void {
  const index = new LineIndex(text);
  for (const view of viewsOf(checked)) {
    for (const c of valueCells(view)) {
      const row = rowOf.get(cellKey(view, c));
      if (row && c.range) row.line = index.lineOf(c.range.start) + 1;
    }
  }
}

// ------------------------------------------------------------------ output

const COLUMNS: { key: keyof SumRow; zh: string; en: string }[] = [
  { key: 'file', zh: '文件', en: 'file' },
  { key: 'body', zh: '机关', en: 'body' },
  { key: 'year', zh: '年度', en: 'year' },
  { key: 'format', zh: '格式', en: 'format' },
  { key: 'table', zh: '表', en: 'table' },
  { key: 'block', zh: '项目', en: 'block' },
  { key: 'rowKey', zh: '行代码', en: 'row_key' },
  { key: 'row', zh: '行', en: 'row' },
  { key: 'col', zh: '列序号', en: 'col' },
  { key: 'column', zh: '列', en: 'column' },
  { key: 'value', zh: '数值', en: 'value' },
  { key: 'raw', zh: '原文', en: 'raw' },
  { key: 'line', zh: '行号', en: 'line' },
];
const MISSING_COLUMN = { key: 'missing' as const, zh: '缺少数字的报告', en: 'missing_in' };
const LEFT_OUT_COLUMN = { key: 'leftOut' as const, zh: '此表未计入的报告', en: 'left_out' };

/**
 * CSV for spreadsheets: a BOM so that Excel takes it as UTF-8, CRLF line ends, quoting by
 * csv-stringify (labels hold commas and quotes: “三安全一稳定”). Empty for null.
 */
export function toCsv(rows: (ExportRow | SumRow)[], locale: Locale, sum = false): string {
  const columns = sum ? [...COLUMNS, MISSING_COLUMN, LEFT_OUT_COLUMN] : COLUMNS;
  return stringify(rows.map(r => columns.map(c => {
    const v = (r as SumRow)[c.key];
    return Array.isArray(v) ? v.join('; ') : v ?? '';
  })), { bom: true, header: true, columns: columns.map(c => c[locale]), record_delimiter: 'windows' });
}

// ------------------------------------------------------------------ command

type ExportFormat = 'csv' | 'json' | 'text' | 'html';

/** The options are the command line's one table (options.ts); what is export's own: text and html need --sum. */
function parse(argv: string[]): { format: ExportFormat; sum: boolean; pairs: boolean; config?: string; locale: Locale; output?: string; help: boolean; paths: string[] } | string {
  const parsed = parseOptions(argv, 'export');
  if (typeof parsed === 'string') return parsed;
  const sum = given(parsed, 'sum');
  const pairs = given(parsed, 'pairs');
  if (sum && pairs) return '--sum 与 --pairs 不能同时使用 / --sum and --pairs cannot be used together';
  const format = (valueOf(parsed, 'format') ?? 'csv') as ExportFormat;
  const help = given(parsed, 'help');
  if (!help && !sum && SUM_ONLY_FORMATS.includes(format)) return EXPORT_FORMAT_PROBLEM;
  if (!parsed.positionals.length && !help) return '缺少要导出的路径 / no PATH to export';
  return { format, sum, pairs, config: valueOf(parsed, 'config'), locale: pickLocale(valueOf(parsed, 'locale'), process.env), output: valueOf(parsed, 'output'), help, paths: parsed.positionals };
}

/** How many of the reports a sum adds are named on stderr (all are in the JSON output). */
const SUM_FILES_NAMED = 10;

/** How many findings on a sum are printed on stderr (all are in the JSON and HTML output). */
const SHOWN_FINDINGS = 20;

/** `export --sum`: the reports added up per format and year, said on stderr (what each sum adds and leaves out, its findings), in the chosen format; `out` null when they cannot be one output. */
function sumOutput(reports: ExportedReport[], same: ReturnType<typeof sameReports>, args: { format: ExportFormat; locale: Locale }, io: Io): { out: string | null; code: number } {
  let code = 0;
  let out: string;
  const copies = new Set(same.flatMap(g => g.files.slice(1)));
  io.err(sameReportsText(same, args.locale, { zh: '合计只加入第一份', en: 'the sum adds the first only' }));
  const groups = sumReports(reports.filter(r => !copies.has(r.file)), args.locale);
  const name = (g: SumGroup) => inLocale(args.locale, `${g.years.length === 1 ? `${g.years[0]} 年 · ` : ''}${g.format.version} 年格式`, `${g.years.length === 1 ? `${g.years[0]}, ` : ''}${g.format.version} format`);
  if (groups.length > 1 && args.format === 'text') {
    io.err(inLocale(args.locale, `nianbao export: 报告分属不同的格式或年度（${groups.map(g => `${name(g)} ${g.files.length} 份`).join('，')}），合计不能写成一份报告文本；请分别导出，或用 --format csv|json|html\n`, `nianbao export: the reports are of different formats or years (${groups.map(g => `${name(g)}: ${g.files.length}`).join('; ')}); their sums cannot be one report text: export them apart, or use --format csv|json|html\n`));
    return { out: null, code: 2 };
  }
  if (groups.length > 1) {
    io.err(inLocale(args.locale, `nianbao: 报告分属不同的格式或年度，分别相加：${groups.map(g => `${name(g)} ${g.files.length} 份`).join('，')}\n`, `nianbao: the reports are of different formats or years, summed apart: ${groups.map(g => `${name(g)}: ${g.files.length}`).join('; ')}\n`));
  }
  const why = { 'not-found': ['没有找到此表', 'no such table'], unread: ['此表读不准', 'the table not read with confidence'], 'other-format': ['此表是另一格式', 'the table in the other format'] } as const;
  for (const g of groups) {
    // Which reports each sum adds, and which of their tables it leaves out.
    const more = g.files.length - SUM_FILES_NAMED;
    io.err(inLocale(args.locale, `nianbao: 合计（${name(g)}）加入 ${g.files.length} 份报告：${g.files.slice(0, SUM_FILES_NAMED).join('、')}${more > 0 ? ` 等（另有 ${more} 份，全部见 --format json）` : ''}\n`, `nianbao: the sum (${name(g)}) adds ${g.files.length} report${g.files.length === 1 ? '' : 's'}: ${g.files.slice(0, SUM_FILES_NAMED).join(', ')}${more > 0 ? ` and ${more} more (all of them: --format json)` : ''}\n`));
    for (const l of g.leftOut) {
      io.err(inLocale(args.locale, `nianbao: 合计（${name(g)}）的${l.table}表未计入：${l.files.map(f => `${f.file}（${why[f.why][0]}）`).join('、')}\n`, `nianbao: the sum (${name(g)}) leaves out of table ${l.table}: ${l.files.map(f => `${f.file} (${why[f.why][1]})`).join(', ')}\n`));
    }
    g.findings.slice(SHOWN_FINDINGS).forEach(f => f.severity === 'error' && code === 0 && (code = 1));
    if (g.findings.length > SHOWN_FINDINGS) io.err(inLocale(args.locale, `nianbao: 合计共有 ${g.findings.length} 个问题，以下为前 ${SHOWN_FINDINGS} 个（全部见 --format json 或 html）\n`, `nianbao: the sum has ${g.findings.length} findings; the first ${SHOWN_FINDINGS} follow (all of them: --format json or html)\n`));
    for (const f of g.findings.slice(0, SHOWN_FINDINGS)) {
      io.err(`${SUM_TEXT[args.locale].body(g.files.length)} ${name(g)}: ${SEVERITY_WORDS[args.locale][f.severity]}  ${f.message[args.locale]}  [${f.ruleId}]\n`);
      if (f.severity === 'error' && code === 0) code = 1;
    }
  }
  if (args.format === 'json') {
    out = JSON.stringify(groups.map(g => ({
      format: g.format.version, files: g.files, years: g.years, leftOut: g.leftOut, rows: g.rows,
      findings: g.findings.map(f => ({ ruleId: f.ruleId, severity: f.severity, message: f.message[args.locale] })),
    })), null, 2) + '\n';
  } else if (args.format === 'text') {
    out = groups.map(g => g.text).join('\n');
  } else if (args.format === 'html') {
    out = reviewPage(groups.map(g => {
      const checked = checkReport(g.text, { template: g.format.version });
      return { file: `${SUM_TEXT[args.locale].body(g.files.length)} · ${name(g)}`, text: g.text, model: checked.model, format: checked.format, findings: g.findings };
    }), [], { locale: args.locale, version: VERSION, title: inLocale(args.locale, '报告合计', 'Reports added up') });
  } else {
    out = toCsv(groups.flatMap(g => g.rows), args.locale, true);
  }
  return { out, code };
}

/** Every file read as `check` reads it: the reports, the files that are not reports, and whether one could not be read (said on stderr). */
async function readReports(files: string[], forced: FoundConfig | null, locale: Locale, io: Io): Promise<{ reports: ExportedReport[]; skipped: string[]; failed: boolean }> {
  const finder = new ConfigFinder();
  const reports: ExportedReport[] = [];
  const skipped: string[] = [];
  let failed = false;
  const progress = startProgress(files.length, process.stderr, { locale });
  for (const file of files) {
    progress.tick(file);
    try {
      // Every input through the readers `check` uses: a web page, a Word file, a PDF, text.
      const input = await readInput(file);
      if (input.problems.length) {
        io.err(`nianbao: 无法读取 cannot read ${file}: ${problemText(input, 'zh')} / ${problemText(input, 'en')}\n`);
        failed = true;
        continue;
      }
      const config = (forced ?? (await finder.find(file))).config;
      // The tables and the format they are read in: no rule needs to run.
      const model = parseReport(input.text);
      // A README or a log beside the reports is no report: never exported or added.
      if (!looksLikeReport(model)) skipped.push(file);
      else reports.push({ file, text: input.text, model, format: effectiveFormat(model, config), lineOf: fileLines(input), config });
    } catch (e) {
      io.err(`nianbao: 无法读取 cannot read ${file}: ${readErrorText(e, 'zh')} / ${readErrorText(e, 'en')}\n`);
      failed = true;
    }
  }
  progress.done();
  return { reports, skipped, failed };
}

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.err(`nianbao export: ${args}\n\n${helpOf('export')}`);
    return 2;
  }
  if (args.help) {
    io.out(helpOf('export'));
    return 0;
  }
  let code = 0;
  let forced: FoundConfig | null = null;
  if (args.config) {
    forced = await loadConfigFile(args.config);
    for (const e of forced.errors) io.err(`nianbao: 配置错误 config error: ${e}\n`);
    if (forced.errors.length) code = 2;
  }
  const { files, missing, unmatched } = await expandPaths(args.paths);
  for (const m of missing) {
    io.err(`nianbao: 找不到 not found: ${m}\n`);
    code = 2;
  }
  for (const m of unmatched) {
    io.err(`nianbao: 通配符没有匹配到报告文件 the pattern matches no report file: ${m}\n`);
    code = 2;
  }
  const { reports, skipped, failed } = await readReports(files, forced, args.locale, io);
  if (failed) code = 2;
  if (skipped.length) {
    io.err(inLocale(args.locale, `nianbao: 跳过 ${skipped.length} 个不是年报的文件（未导出）：${skipped.join('、')}\n`, `nianbao: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not a report (not exported): ${skipped.join(', ')}\n`));
  }
  // A report whose tables gave no number at all: said, not exported as if its cells were empty.
  for (const r of reports) {
    if (!hasNumber(r.model)) {
      io.err(inLocale(args.locale, `nianbao: ${r.file}：表格中没有读到任何数字（没有找到统计表，或表格读不准），请人工核对\n`, `nianbao: ${r.file}: no number was read in its tables (none found, or not read with confidence): check it by hand\n`));
    }
  }

  // The same body and year in two files (a page and its text): said once; a sum adds the first only.
  const same = sameReports(reports.map(r => ({ file: r.file, body: r.model.agency?.value ?? null, year: r.model.year?.value ?? null })));
  let out: string;
  if (args.pairs) {
    const rows = pairRows(reports, args.locale);
    out = args.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : pairsCsv(rows, args.locale);
  } else if (!args.sum) {
    io.err(sameReportsText(same, args.locale));
    const rows = reports.flatMap(exportRows);
    out = args.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : toCsv(rows, args.locale);
  } else {
    const summed = sumOutput(reports, same, args, io);
    if (summed.out === null) return summed.code;
    out = summed.out;
    if (code === 0) code = summed.code;
  }
  if (args.output) {
    try {
      await fs.writeFile(args.output, out);
    } catch (e) {
      io.err(`nianbao: 无法写入 cannot write ${args.output}: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    io.out(out);
  }
  return code;
}
