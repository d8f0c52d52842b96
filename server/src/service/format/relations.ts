import type { FormatApplicationRow, CellRef, FormatColumn, Relation, FormatReviewGroup } from './types';

/**
 * The arithmetic of the tables, built from a format's rows and columns:
 * row totals and column totals of 三, its balance 一 + 二 = 三（七）+ 四, and each 四 group's total.
 */
export function buildRelations(
  rows: FormatApplicationRow[],
  columns: FormatColumn[],
  reviewGroups: FormatReviewGroup[],
  reviewColumns: FormatColumn[],
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

/** How a relation stands on some values: `null` when a cell it names has no number. */
export function relationHolds(relation: Relation, valueOf: (ref: CellRef) => number | null | undefined): boolean | null {
  const sides = relationSides(relation, valueOf);
  return sides.evaluable ? Math.abs(sides.terms - sides.totals) < 1e-9 : null;
}

/**
 * A relation's two sides, each the sum of the values it has; `evaluable` when every cell has one.
 * The one place a relation is added up (the parser's checks, the arithmetic, the glued runs' splits).
 */
export function relationSides(relation: Relation, valueOf: (ref: CellRef) => number | null | undefined): { terms: number; totals: number; evaluable: boolean } {
  let terms = 0;
  let totals = 0;
  let evaluable = true;
  for (const ref of relation.terms) {
    const v = valueOf(ref);
    if (v === null || v === undefined) evaluable = false;
    else terms += v;
  }
  for (const ref of relation.totals) {
    const v = valueOf(ref);
    if (v === null || v === undefined) evaluable = false;
    else totals += v;
  }
  return { terms, totals, evaluable };
}

/**
 * The relations of a format, following the rows a table actually has: where a group's rows are printed as
 * the one row of another format (（六）其他处理 as one row, a common deviation), that row stands in for
 * them in the column totals, and the other way round. A row the table lacks stays in: only the relations
 * that need its cells become unevaluable, the others keep working.
 */
export function relationsFor(
  rows: FormatApplicationRow[],
  columns: FormatColumn[],
  reviewGroups: FormatReviewGroup[],
  reviewColumns: FormatColumn[],
  present: ReadonlySet<string>,
  otherFormatsRows: FormatApplicationRow[],
): Relation[] {
  const used: FormatApplicationRow[] = [];
  const use = (r: FormatApplicationRow) => {
    if (!used.some(x => x.key === r.key)) used.push({ ...r, result: true });
  };
  for (const r of rows) {
    if (!r.result || present.has(r.key)) {
      used.push(r);
      continue;
    }
    const asOne = r.group ? otherFormatsRows.find(o => o.key === r.group && present.has(o.key)) : undefined;
    const asParts = otherFormatsRows.filter(o => o.group === r.key && present.has(o.key));
    if (asOne) use(asOne);
    else if (asParts.length) asParts.forEach(use);
    else used.push(r);
  }
  return buildRelations(used, columns, reviewGroups, reviewColumns);
}
