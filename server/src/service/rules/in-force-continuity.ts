import type { OffsetRange, ReportModel } from '../parse';
import { formatOf, type ProactiveColumnRole } from '../format';
import { msg, type Rule } from './types';

/** One 二 row's 本年制发, 本年废止 and 现行有效 (each a number, or null when not one). */
interface Counts {
  label: string;
  issued: number | null;
  repealed: number | null;
  inForce: number | null;
  /** Where this year's 现行有效 cell is. */
  range: OffsetRange | null;
}

export interface InForceSummary {
  /** By row key (规章, 行政规范性文件); empty when the 二 table's format does not chain its years. */
  rows: Record<string, Counts>;
}

function summarize(model: ReportModel): InForceSummary {
  // Only a table whose format is read from its own headers: the 2019 format's columns do not chain.
  const version = model.format.proactive;
  if (!version) return { rows: {} };
  const rows: Record<string, Counts> = {};
  for (const formatBlock of formatOf(version).proactive.blocks) {
    const col = (role: ProactiveColumnRole) => formatBlock.columns.findIndex(c => c.role === role);
    const [issued, repealed, inForce] = [col('issued'), col('repealed'), col('inForce')];
    if (issued < 0 || repealed < 0 || inForce < 0) continue;
    const block = model.proactive.find(b => b.item === formatBlock.item);
    for (const row of block?.rows ?? []) {
      if (!row.key || row.unread || row.cells.length !== formatBlock.columns.length) continue;
      const value = (i: number) => (row.cells[i].kind === 'number' ? row.cells[i].value : null);
      const label = formatBlock.rows.find(r => r.key === row.key)?.label ?? row.label ?? row.key;
      rows[row.key] = { label, issued: value(issued), repealed: value(repealed), inForce: value(inForce), range: row.cells[inForce].digits };
    }
  }
  return { rows };
}

export const inForceContinuity: Rule<InForceSummary> = {
  meta: {
    id: 'in-force-continuity',
    description: msg(
      '二表“现行有效件数”应等于上一年度的现行有效件数加本年制发、减本年废止',
      '二: this year’s 现行有效 equals last year’s plus 本年制发 minus 本年废止',
    ),
    severity: 'warning',
    fixable: false,
    tags: ['proactive', 'across-reports'],
  },
  // Needs the report of the year before: checked when a folder or a workspace is checked.
  check: () => undefined,
  summarize,
  across(reports, report, set) {
    const byId = new Map(reports.map(r => [r.id, r]));
    for (const r of reports) {
      const pair = set.pairing.previousOf.get(r.id);
      const before = pair ? byId.get(pair.previous) : undefined;
      if (!pair || !before) continue;
      for (const [key, now] of Object.entries(r.summary.rows)) {
        const then = before.summary.rows[key];
        if (!then || now.issued === null || now.repealed === null || now.inForce === null || then.inForce === null || !now.range) continue;
        const expected = then.inForce + now.issued - now.repealed;
        if (expected === now.inForce) continue;
        const name = before.name ?? before.id;
        report(r.id, {
          range: now.range,
          message: msg(
            `“${now.label}”现行有效件数为 ${now.inForce}，按上年度报告（${name}）推算应为 ${expected}：${pair.year - 1} 年现行有效 ${then.inForce} + 本年制发 ${now.issued} − 本年废止 ${now.repealed}；如本年开展了文件清理或统计口径有变化，请在报告中说明`,
            `“${now.label}” in force: ${now.inForce}; from the ${pair.year - 1} report (${name}) it would be ${expected}: ${then.inForce} in force then + ${now.issued} issued − ${now.repealed} repealed; if documents were reviewed and cleared, or counted otherwise, say so in the report`,
          ),
        });
      }
    }
  },
};
