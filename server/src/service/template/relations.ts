import type { ApplicationRowTemplate, ColumnTemplate, Relation, ReviewGroupTemplate } from './types';

/**
 * The arithmetic of the tables, built from a format's rows and columns:
 * row totals and column totals of 三, its balance 一 + 二 = 三（七）+ 四, and each 四 group's total.
 */
export function buildRelations(
  rows: ApplicationRowTemplate[],
  columns: ColumnTemplate[],
  reviewGroups: ReviewGroupTemplate[],
  reviewColumns: ColumnTemplate[],
): Relation[] {
  const totalCol = columns.length - 1;
  const out: Relation[] = [];
  for (const r of rows) {
    out.push({
      id: 'row-total', row: r.key,
      terms: columns.slice(0, totalCol).map((_, col) => ({ table: 'applications', row: r.key, col })),
      totals: [{ table: 'applications', row: r.key, col: totalCol }],
    });
  }
  const results = rows.filter(r => r.result);
  for (let col = 0; col < columns.length; col++) {
    out.push({
      id: 'column-total', col,
      terms: results.map(r => ({ table: 'applications', row: r.key, col })),
      totals: [{ table: 'applications', row: 'total', col }],
    });
    out.push({
      id: 'balance', col,
      terms: [{ table: 'applications', row: 'new', col }, { table: 'applications', row: 'carryover', col }],
      totals: [{ table: 'applications', row: 'total', col }, { table: 'applications', row: 'forward', col }],
    });
  }
  const groupTotal = reviewColumns.length - 1;
  reviewGroups.forEach((_, g) => {
    const base = g * reviewColumns.length;
    out.push({
      id: 'review-total', group: g,
      terms: reviewColumns.slice(0, groupTotal).map((__, i) => ({ table: 'reviews', col: base + i })),
      totals: [{ table: 'reviews', col: base + groupTotal }],
    });
  });
  return out;
}
