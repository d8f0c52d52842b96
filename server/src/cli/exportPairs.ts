/**
 * `nianbao export --pairs`: the reports paired across years (body, year, year − 1), one row a pair,
 * with the figures that tie the two years together side by side, for a reviewer to pivot in Excel.
 */
import { stringify } from 'csv-stringify/sync';
import { compareReports } from '../service/check';
import { APPLICATION_TOTAL_COLUMN } from '../service/format';
import { carryoverContinuity } from '../service/rules/carryover-continuity';
import { inForceContinuity } from '../service/rules/in-force-continuity';
import type { Locale } from '../service/rules';
import type { ExportedReport } from './export';

/** One pair: a report and the same body's report of the year before. */
export interface PairRow {
  body: string;
  year: number;
  file: string;
  previousYear: number;
  previousFile: string;
  /** The names as the two reports write them, and why they were taken as one body. */
  name: string;
  previousName: string;
  why: string;
  /** 三 二、上年结转 this year and 四、结转下年度继续办理 the year before (totals). */
  carriedOver: number | null;
  carriedForwardBefore: number | null;
  /** 二 第二十条第（一）项, per row: 现行有效 the year before, 制发 and 废止 this year, 现行有效 this year. */
  rulesInForceBefore: number | null;
  rulesIssued: number | null;
  rulesRepealed: number | null;
  rulesInForce: number | null;
  docsInForceBefore: number | null;
  docsIssued: number | null;
  docsRepealed: number | null;
  docsInForce: number | null;
  /** Share of this year's 一, 五 and 六 found in the year before's (0–1). */
  reuse: number | null;
}

export function pairRows(reports: ExportedReport[], locale: Locale): PairRow[] {
  const { set } = compareReports(reports.map(r => ({ id: r.file, name: r.file, text: r.text, model: r.model, config: r.config })));
  const byFile = new Map(reports.map(r => [r.file, r]));
  const rows: PairRow[] = [];
  for (const r of reports) {
    const pair = set.pairing.previousOf.get(r.file);
    const before = pair ? byFile.get(pair.previous) : undefined;
    if (!pair || !before) continue;
    const chain = set.pairing.chains.find(c => c.reports.some(x => x.id === r.file));
    const written = (id: string) => chain?.reports.find(x => x.id === id)?.written ?? '';
    const now = inForceContinuity.summarize!(r.model).rows;
    const then = inForceContinuity.summarize!(before.model).rows;
    const forward = carryoverContinuity.summarize!(before.model).forward;
    const carry = carryoverContinuity.summarize!(r.model).carryover?.numbers;
    const reused = (set.reuse.matches.get(r.file) ?? []).find(m => m.previousYear && m.other === before.file);
    rows.push({
      body: pair.body, year: pair.year, file: r.file, previousYear: pair.year - 1, previousFile: before.file,
      name: written(r.file), previousName: written(before.file), why: pair.why[locale],
      carriedOver: carry ? carry[APPLICATION_TOTAL_COLUMN] : null,
      carriedForwardBefore: forward ? forward[APPLICATION_TOTAL_COLUMN] : null,
      rulesInForceBefore: then.rules?.inForce ?? null, rulesIssued: now.rules?.issued ?? null, rulesRepealed: now.rules?.repealed ?? null, rulesInForce: now.rules?.inForce ?? null,
      docsInForceBefore: then.normativeDocuments?.inForce ?? null, docsIssued: now.normativeDocuments?.issued ?? null,
      docsRepealed: now.normativeDocuments?.repealed ?? null, docsInForce: now.normativeDocuments?.inForce ?? null,
      reuse: reused ? Math.round(reused.share * 1000) / 1000 : null,
    });
  }
  return rows;
}

const COLUMNS: { key: keyof PairRow; zh: string; en: string }[] = [
  { key: 'body', zh: '机关', en: 'body' },
  { key: 'year', zh: '年度', en: 'year' },
  { key: 'file', zh: '文件', en: 'file' },
  { key: 'previousYear', zh: '上一年度', en: 'previous_year' },
  { key: 'previousFile', zh: '上一年度文件', en: 'previous_file' },
  { key: 'name', zh: '本年报告中的名称', en: 'name' },
  { key: 'previousName', zh: '上年报告中的名称', en: 'previous_name' },
  { key: 'why', zh: '配对依据', en: 'paired_because' },
  { key: 'carriedOver', zh: '本年上年结转（总计）', en: 'carried_over' },
  { key: 'carriedForwardBefore', zh: '上年结转下年度（总计）', en: 'carried_forward_before' },
  { key: 'rulesInForceBefore', zh: '规章上年现行有效', en: 'rules_in_force_before' },
  { key: 'rulesIssued', zh: '规章本年制发', en: 'rules_issued' },
  { key: 'rulesRepealed', zh: '规章本年废止', en: 'rules_repealed' },
  { key: 'rulesInForce', zh: '规章本年现行有效', en: 'rules_in_force' },
  { key: 'docsInForceBefore', zh: '行政规范性文件上年现行有效', en: 'documents_in_force_before' },
  { key: 'docsIssued', zh: '行政规范性文件本年制发', en: 'documents_issued' },
  { key: 'docsRepealed', zh: '行政规范性文件本年废止', en: 'documents_repealed' },
  { key: 'docsInForce', zh: '行政规范性文件本年现行有效', en: 'documents_in_force' },
  { key: 'reuse', zh: '与上年文字雷同比例', en: 'reuse_share' },
];

/** CSV for spreadsheets, as `export` writes it: a BOM, CRLF, empty for null. */
export function pairsCsv(rows: PairRow[], locale: Locale): string {
  return stringify(rows.map(r => COLUMNS.map(c => r[c.key] ?? '')), { bom: true, header: true, columns: COLUMNS.map(c => c[locale]), record_delimiter: 'windows' });
}
