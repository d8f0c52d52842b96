import type { OffsetRange, ReportModel } from '../parse';
import { APPLICATION_TOTAL_COLUMN, formatOf, REVIEW_GROUPS, reviewTotalColumn } from '../format';
import { msg, type Rule } from './types';

/** A figure that changes by this factor or more from one year to the next is worth a glance … */
export const JUMP_FACTOR = 5;
/** … when the larger of the two is at least this (1 → 6 is not news). */
export const JUMP_FLOOR = 50;

/** One figure of the report's tables: what it is, its value, where it stands. */
interface Figure {
  /** Stable across years: table, block, row and column. */
  key: string;
  label: string;
  value: number;
  /** The unit written after the number (万元, 元, 件), if any: figures in different units are not compared. */
  unit: string;
  range: OffsetRange;
}

export interface JumpSummary {
  figures: Figure[];
}

/** The 三 rows whose totals are the year's headline figures. */
const APPLICATION_FIGURES: [string, string][] = [['new', '三表“本年新收”总计'], ['total', '三表“（七）总计”'], ['forward', '三表“结转下年度继续办理”总计']];

function summarize(model: ReportModel): JumpSummary {
  const figures: Figure[] = [];
  // 二: every number of a table read in a known format (the two formats' columns differ).
  const version = model.format.proactive;
  if (version) {
    for (const formatBlock of formatOf(version).proactive.blocks) {
      const block = model.proactive.find(b => b.item === formatBlock.item);
      for (const row of block?.rows ?? []) {
        if (!row.key || row.unread || row.cells.length !== formatBlock.columns.length) continue;
        const rowLabel = formatBlock.rows.find(r => r.key === row.key)?.label ?? row.key;
        row.cells.forEach((c, i) => {
          if (c.kind !== 'number' || c.value === null) return;
          figures.push({ key: `${version}|${formatBlock.item}|${row.key}|${i}`, label: `二表“${rowLabel}”${formatBlock.columns[i].label}`, value: c.value, unit: c.unit ?? '', range: c.digits });
        });
      }
    }
  }
  for (const [key, label] of APPLICATION_FIGURES) {
    const row = model.applications?.rows.find(r => r.key === key);
    const cell = row && !row.unread ? row.cells[APPLICATION_TOTAL_COLUMN] : undefined;
    if (cell?.kind === 'number' && cell.value !== null) figures.push({ key: `applications|${key}`, label, value: cell.value, unit: cell.unit ?? '', range: cell.digits });
  }
  const reviews = model.reviews;
  if (reviews && !reviews.unread) {
    REVIEW_GROUPS.forEach((g, i) => {
      const cell = reviews.cells[reviewTotalColumn(i)];
      if (cell?.kind === 'number' && cell.value !== null) figures.push({ key: `reviews|${g.key}`, label: `四表“${g.label}”总计`, value: cell.value, unit: cell.unit ?? '', range: cell.digits });
    });
  }
  return { figures };
}

const times = (a: number, b: number) => {
  const r = Math.max(a, b) / Math.min(a, b);
  return r >= 100 ? r.toFixed(0) : r.toFixed(1);
};

export const yearOverYear: Rule<JumpSummary> = {
  meta: {
    id: 'year-over-year',
    description: msg('与上一年度相比成倍增减的数字（提示，供核对）', 'Figures that grew or shrank manyfold since the year before (a note to check)'),
    severity: 'info',
    fixable: false,
    tags: ['tables', 'across-reports'],
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
      const then = new Map(before.summary.figures.map(f => [f.key, f]));
      for (const now of r.summary.figures) {
        const old = then.get(now.key);
        if (!old || old.unit !== now.unit) continue;
        const [hi, lo] = [Math.max(now.value, old.value), Math.min(now.value, old.value)];
        if (hi < JUMP_FLOOR || hi < JUMP_FACTOR * lo) continue;
        const grew = now.value > old.value;
        const name = before.name ?? before.id;
        const factor = lo === 0 ? null : times(now.value, old.value);
        report(r.id, {
          range: now.range,
          message: msg(
            `${now.label}：${pair.year - 1} 年 ${old.value}（${name}），${pair.year} 年 ${now.value}，${factor ? (grew ? `为上年的 ${factor} 倍` : `仅为上年的 1/${factor}`) : grew ? '上年为 0' : '本年为 0'}，请核对`,
            `${now.label}: ${old.value} in ${pair.year - 1} (${name}), ${now.value} in ${pair.year}, ${factor ? `${factor}× ${grew ? 'more' : 'less'}` : grew ? 'up from 0' : 'down to 0'}; worth checking`,
          ),
        });
      }
    }
  },
};
