import { APPLICATION_COLUMNS, applicationRows } from './applications';
import { REVIEW_GROUPS, REVIEW_GROUP_COLUMNS } from './reviews';
import type { TemplateVersion } from './types';

/** The arithmetic a report's tables must satisfy, as data. */
export type RelationId = 'row-total' | 'column-total' | 'balance' | 'review-total';

export interface CellRef {
  table: 'applications' | 'reviews';
  /** Row key for the applications table; absent for the single-row reviews table. */
  row?: string;
  col: number;
}

/** sum(terms) must equal sum(totals). */
export interface Relation {
  id: RelationId;
  terms: CellRef[];
  totals: CellRef[];
  /** Where the relation lives: a row key, a column index or a review group. */
  row?: string;
  col?: number;
  group?: number;
}

const TOTAL_COL = APPLICATION_COLUMNS.length - 1;

export function relations(version: TemplateVersion): Relation[] {
  const rows = applicationRows(version);
  const out: Relation[] = [];
  for (const r of rows) {
    out.push({
      id: 'row-total', row: r.key,
      terms: APPLICATION_COLUMNS.slice(0, TOTAL_COL).map((_, col) => ({ table: 'applications', row: r.key, col })),
      totals: [{ table: 'applications', row: r.key, col: TOTAL_COL }],
    });
  }
  const results = rows.filter(r => r.result);
  for (let col = 0; col < APPLICATION_COLUMNS.length; col++) {
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
  REVIEW_GROUPS.forEach((_, g) => {
    const base = g * REVIEW_GROUP_COLUMNS.length;
    out.push({
      id: 'review-total', group: g,
      terms: [0, 1, 2, 3].map(i => ({ table: 'reviews', col: base + i })),
      totals: [{ table: 'reviews', col: base + 4 }],
    });
  });
  return out;
}
