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
import { checkReport, effectiveFormat, proactiveFormatOf } from '../service/check';
import type { FoundConfig } from '../service/config';
import { emptyModel, LineIndex, parseReport, type ReportModel } from '../service/parse';
import { tablesView, type GridCell, type TableView } from '../service/render';
import { msg, RULES, type Finding, type Locale, type Message } from '../service/rules';
import { formatOf, SECTIONS, type ReportFormat, type TemplateVersion } from '../service/template';
import type { Io } from './cli';
import { ConfigFinder, loadConfigFile } from './config';
import { expandPaths, readReport } from './files';
import { readErrorText } from './documents';
import { startProgress } from './progress';
import { EXPORT_FORMAT_PROBLEM, given, helpOf, parseOptions, pickLocale, SUM_ONLY_FORMATS, valueOf } from './options';
import { reviewPage } from './review';

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev';

/** One number of one table of one report. */
export interface ExportRow {
  file: string;
  body: string | null;
  year: number | null;
  /** The format the table is printed in. */
  format: TemplateVersion;
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
  /** 1-based line of the cell; null when the report has no such cell. */
  line: number | null;
}

/** A sum's cell: the rows of the reports added up, and which reports had no number there. */
export interface SumRow extends ExportRow {
  /** Reports whose cell is blank, `/`, text or missing, or whose table is in another format: the sum is then null. */
  missing: string[];
  /** Different units written in the column (万元 and 元): not added. */
  units?: string[];
}

export interface SumGroup {
  format: ReportFormat;
  files: string[];
  years: number[];
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
}

const numeral = (section: number) => SECTIONS.find(s => s.no === section)?.numeral ?? String(section);

function valueCells(view: TableView): GridCell[] {
  return view.body.flatMap(r => r.filter(c => c.role === 'value'));
}

function viewsOf(r: { model: ReportModel; format: ReportFormat }): TableView[] {
  return tablesView({ model: r.model, format: r.format, proactiveFormat: proactiveFormatOf(r.model, r.format), findings: [] }).tables;
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
    line: c.range ? lines.lineOf(c.range.start) + 1 : null,
  })));
}

// ------------------------------------------------------------------ sums

/** Whether a cell holds an amount of money (its unit matters), per the format's 二 columns. */
function isAmount(format: ReportFormat, c: GridCell): boolean {
  const block = format.proactive.blocks.find(b => b.item === c.block);
  return block?.columns[c.columnIndex ?? -1]?.kind === 'amount';
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
  const groups = new Map<TemplateVersion, ExportedReport[]>();
  for (const r of reports) groups.set(r.format.version, [...(groups.get(r.format.version) ?? []), r]);
  return [...groups.entries()].map(([version, members]) => {
    const format = formatOf(version);
    const layout = viewsOf({ model: emptyModel(''), format });
    const perReport = members.map(r => {
      const byKey = new Map<string, GridCell>();
      for (const view of viewsOf(r)) {
        // A table printed in the other format has other rows and columns: none of its cells count here.
        if (view.version !== version) continue;
        for (const c of valueCells(view)) if (c.rowKey) byKey.set(cellKey(view, c), c);
      }
      return { file: r.file, byKey };
    });
    const years = [...new Set(members.map(r => r.model.year?.value).filter((y): y is number => typeof y === 'number'))].sort();
    const t = SUM_TEXT[locale];
    const sums = new Map<string, { value: number | null; raw: string }>();
    const rowOf = new Map<string, SumRow>();
    const rows: SumRow[] = layout.flatMap(view => valueCells(view).map(c => {
      const key = cellKey(view, c);
      const parts = perReport.map(p => ({ file: p.file, cell: p.byKey.get(key) }));
      const missing = parts.filter(p => typeof p.cell?.value !== 'number').map(p => p.file);
      // 182个 and 15 are both counts; 60516万元 and 251000元 are not the same money.
      const units = [...new Set(parts.map(p => p.cell?.unit ?? ''))];
      const mixed = units.length > 1 && isAmount(format, c);
      const value = missing.length || mixed ? null : add(parts.map(p => ({ value: p.cell!.value as number, raw: p.cell!.text })));
      const raw = value === null ? '' : `${value}${units.length === 1 ? units[0] : ''}`;
      sums.set(key, { value, raw });
      const row: SumRow = {
        file: t.file, body: t.body(members.length), year: years.length === 1 ? years[0] : null, format: version,
        table: numeral(view.section), block: c.block ?? null, rowKey: c.rowKey ?? null, row: c.row ?? '',
        col: (c.columnIndex ?? 0) + 1, column: c.column ?? '', value, raw, line: null, missing, ...(mixed ? { units } : {}),
      };
      rowOf.set(key, row);
      return row;
    }));
    const year = years.length === 1 ? `${years[0]}年` : '';
    const text = [
      t.title(year, members.length, version),
      ...layout.map(view => `${view.heading}\n${tableText(view, c => sums.get(cellKey(view, c))?.raw || '/')}`),
      '',
    ].join('\n');
    const checked = checkReport(text, { template: version });
    // A cell that could not be added says why and which reports lack it (not “/ is not a number”).
    const unknown = viewsOf(checked).flatMap(v => valueCells(v).flatMap(c => {
      const row = rowOf.get(cellKey(v, c));
      return c.range && row && row.value === null ? [{ range: c.range, row }] : [];
    }));
    const findings = [
      ...checked.findings.filter(f => SUM_RULES.has(f.ruleId) && !(f.ruleId === 'cell-value' && unknown.some(u => u.range.start <= f.range.start && f.range.end <= u.range.end))),
      ...unknown.map(u => ({ ruleId: 'cell-value', severity: 'error' as const, range: u.range, message: notAdded(u.row) })),
    ].sort((a, b) => a.range.start - b.range.start);
    // Where each number of the sum stands in its text.
    const index = new LineIndex(text);
    for (const view of viewsOf(checked)) {
      for (const c of valueCells(view)) {
        const row = rowOf.get(cellKey(view, c));
        if (row && c.range) row.line = index.lineOf(c.range.start) + 1;
      }
    }
    return { format, files: members.map(r => r.file), years, rows, text, findings };
  });
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

/**
 * CSV for spreadsheets: a BOM so that Excel takes it as UTF-8, CRLF line ends, quoting by
 * csv-stringify (labels hold commas and quotes: “三安全一稳定”). Empty for null.
 */
export function toCsv(rows: (ExportRow | SumRow)[], locale: Locale, sum = false): string {
  const columns = sum ? [...COLUMNS, MISSING_COLUMN] : COLUMNS;
  return stringify(rows.map(r => columns.map(c => {
    const v = (r as SumRow)[c.key];
    return Array.isArray(v) ? v.join('; ') : v ?? '';
  })), { bom: true, header: true, columns: columns.map(c => c[locale]), record_delimiter: 'windows' });
}

// ------------------------------------------------------------------ command

type ExportFormat = 'csv' | 'json' | 'text' | 'html';

/** The options are the command line's one table (options.ts); what is export's own: text and html need --sum. */
function parse(argv: string[]): { format: ExportFormat; sum: boolean; config?: string; locale: Locale; output?: string; help: boolean; paths: string[] } | string {
  const parsed = parseOptions(argv, 'export');
  if (typeof parsed === 'string') return parsed;
  const sum = given(parsed, 'sum');
  const format = (valueOf(parsed, 'format') ?? 'csv') as ExportFormat;
  const help = given(parsed, 'help');
  if (!help && !sum && SUM_ONLY_FORMATS.includes(format)) return EXPORT_FORMAT_PROBLEM;
  if (!parsed.positionals.length && !help) return '缺少要导出的路径 / no PATH to export';
  return { format, sum, config: valueOf(parsed, 'config'), locale: pickLocale(valueOf(parsed, 'locale'), process.env), output: valueOf(parsed, 'output'), help, paths: parsed.positionals };
}

/** How many findings on a sum are printed on stderr (all are in the JSON and HTML output). */
const SHOWN_FINDINGS = 20;

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
  const zh = args.locale === 'zh';
  let code = 0;
  let forced: FoundConfig | null = null;
  if (args.config) {
    forced = await loadConfigFile(args.config);
    for (const e of forced.errors) io.err(`nianbao: 配置错误 config error: ${e}\n`);
    if (forced.errors.length) code = 2;
  }
  const finder = new ConfigFinder();
  const { files, missing, unmatched } = await expandPaths(args.paths);
  for (const m of missing) {
    io.err(`nianbao: 找不到 not found: ${m}\n`);
    code = 2;
  }
  for (const m of unmatched) {
    io.err(`nianbao: 通配符没有匹配到报告文件 the pattern matches no report file: ${m}\n`);
    code = 2;
  }
  const reports: ExportedReport[] = [];
  const progress = startProgress(files.length, process.stderr, { locale: args.locale });
  for (const file of files) {
    progress.tick(file);
    try {
      const { text } = await readReport(file);
      const config = (forced ?? (await finder.find(file))).config;
      // The tables and the format they are read in: no rule needs to run.
      const model = parseReport(text);
      reports.push({ file, text, model, format: effectiveFormat(model, config) });
    } catch (e) {
      io.err(`nianbao: 无法读取 cannot read ${file}: ${readErrorText(e, 'zh')} / ${readErrorText(e, 'en')}\n`);
      code = 2;
    }
  }
  progress.done();

  let out: string;
  if (!args.sum) {
    const rows = reports.flatMap(exportRows);
    out = args.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : toCsv(rows, args.locale);
  } else {
    const groups = sumReports(reports, args.locale);
    if (groups.length > 1 && args.format === 'text') {
      io.err(zh
        ? `nianbao export: 报告使用不同的格式（${groups.map(g => `${g.format.version} 年格式 ${g.files.length} 份`).join('，')}），合计不能写成一份报告文本；请分别导出，或用 --format csv|json|html\n`
        : `nianbao export: the reports use different formats (${groups.map(g => `${g.format.version}: ${g.files.length}`).join(', ')}); their sums cannot be one report text: export them apart, or use --format csv|json|html\n`);
      return 2;
    }
    if (groups.length > 1) {
      io.err(zh
        ? `nianbao: 报告使用不同的格式，按格式分别相加：${groups.map(g => `${g.format.version} 年格式 ${g.files.length} 份`).join('，')}\n`
        : `nianbao: the reports use different formats, summed per format: ${groups.map(g => `${g.format.version}: ${g.files.length}`).join(', ')}\n`);
    }
    for (const g of groups) {
      if (g.years.length > 1) io.err(zh ? `nianbao: ${g.format.version} 年格式的报告年度不同（${g.years.join('、')}）\n` : `nianbao: the ${g.format.version} reports are of different years (${g.years.join(', ')})\n`);
      g.findings.slice(SHOWN_FINDINGS).forEach(f => f.severity === 'error' && code === 0 && (code = 1));
      if (g.findings.length > SHOWN_FINDINGS) io.err(zh ? `nianbao: 合计共有 ${g.findings.length} 个问题，以下为前 ${SHOWN_FINDINGS} 个（全部见 --format json 或 html）\n` : `nianbao: the sum has ${g.findings.length} findings; the first ${SHOWN_FINDINGS} follow (all of them: --format json or html)\n`);
      for (const f of g.findings.slice(0, SHOWN_FINDINGS)) {
        io.err(`${SUM_TEXT[args.locale].body(g.files.length)} ${g.format.version}: ${f.severity === 'error' ? (zh ? '错误' : 'error') : f.severity === 'warning' ? (zh ? '警告' : 'warning') : zh ? '提示' : 'info'}  ${f.message[args.locale]}  [${f.ruleId}]\n`);
        if (f.severity === 'error' && code === 0) code = 1;
      }
    }
    if (args.format === 'json') {
      out = JSON.stringify(groups.map(g => ({
        format: g.format.version, files: g.files, years: g.years, rows: g.rows,
        findings: g.findings.map(f => ({ ruleId: f.ruleId, severity: f.severity, message: f.message[args.locale] })),
      })), null, 2) + '\n';
    } else if (args.format === 'text') {
      out = groups.map(g => g.text).join('\n');
    } else if (args.format === 'html') {
      out = reviewPage(groups.map(g => {
        const checked = checkReport(g.text, { template: g.format.version });
        return { file: `${SUM_TEXT[args.locale].body(g.files.length)} · ${g.format.version}`, text: g.text, model: checked.model, format: checked.format, findings: g.findings };
      }), [], { locale: args.locale, version: VERSION, title: zh ? '报告合计' : 'Reports added up' });
    } else {
      out = toCsv(groups.flatMap(g => g.rows), args.locale, true);
    }
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
