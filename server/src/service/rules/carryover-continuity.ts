import { APPLICATION_COLUMNS, APPLICATION_WIDTH } from '../format';
import type { OffsetRange, ReportModel, Row } from '../parse';
import { msg, type Rule } from './types';

function numbers(row: Row | undefined): number[] | null {
  if (!row || row.cells.length !== APPLICATION_WIDTH || row.cells.some(c => c.kind !== 'number')) return null;
  return row.cells.map(c => c.value!);
}

/** What the rule needs of a report: its body, its year, and its carry-over rows. */
export interface CarryoverSummary {
  agency: string | null;
  year: number | null;
  /** 二、上年结转: its numbers when all are numbers, and where its label is. */
  carryover: { numbers: number[] | null; range: OffsetRange } | null;
  /** 四、结转下年度继续办理: its numbers when all are numbers. */
  forward: number[] | null;
}

function summarize(model: ReportModel): CarryoverSummary {
  const carry = model.applications?.rows.find(x => x.key === 'carryover');
  return {
    agency: model.agency?.value.replace(/\s+/g, '') || null,
    year: model.year?.value ?? null,
    carryover: carry ? { numbers: numbers(carry), range: carry.labelRange ?? carry.range } : null,
    forward: numbers(model.applications?.rows.find(x => x.key === 'forward')),
  };
}

export const carryoverContinuity: Rule<CarryoverSummary> = {
  meta: {
    id: 'carryover-continuity',
    description: msg('本年“上年结转”应等于同一机关上一年度报告的“结转下年度继续办理”', 'This year’s carried-over row equals last year’s carried-forward row of the same body'),
    severity: 'warning',
    fixable: false,
    tags: ['applications', 'across-reports'],
  },
  // Needs the report of the year before: checked when a folder or a workspace is checked.
  check: () => undefined,
  summarize,
  across(reports, report, set) {
    const byId = new Map(reports.map(r => [r.id, r]));
    for (const r of reports) {
      // The same body's report of the year before, as the batch paired them (names in their usual variants).
      const pair = set.pairing.previousOf.get(r.id);
      const before = pair ? byId.get(pair.previous) : undefined;
      if (!pair || !before) continue;
      const year = pair.year;
      const carry = r.summary.carryover;
      const now = carry?.numbers ?? null;
      const then = before.summary.forward;
      if (!carry || !now || !then || now.every((v, i) => v === then[i])) continue;
      const diffs = APPLICATION_COLUMNS.map((c, i) => (now[i] === then[i] ? null : `${c.label} ${now[i]} ≠ ${then[i]}`)).filter(Boolean);
      const diffsEn = APPLICATION_COLUMNS.map((c, i) => (now[i] === then[i] ? null : `${c.en} ${now[i]} vs ${then[i]}`)).filter(Boolean);
      report(r.id, {
        range: carry.range,
        message: msg(
          `“二、上年结转”与 ${year - 1} 年度报告（${before.name ?? before.id}）的“四、结转下年度继续办理”不一致：${diffs.join('，')}`,
          `Carried over differs from the ${year - 1} report’s carried forward (${before.name ?? before.id}): ${diffsEn.join(', ')}`,
        ),
      });
    }
  },
};
