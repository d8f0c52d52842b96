/**
 * A 三 table printed twice (pasted twice, or repeated under a second 三 heading): said once, and the copy
 * is checked too — where it differs from the first, and where its own sums do not hold.
 */
import type { ApplicationsTable, Cell } from '../parse';
import { APPLICATION_WIDTH } from '../format';
import { solveArithmetic } from '../facts/arithmetic';
import { ambiguityFinding, pinFinding } from '../facts/arithmeticFindings';
import { msg, type Rule, type RuleContext } from './types';

function checkCopy(ctx: RuleContext, copy: ApplicationsTable, n: number): void {
  const first = ctx.model.applications;
  const line = ctx.lines.lineOf(copy.range.start) + 1;
  ctx.report({
    range: { start: copy.range.start, end: Math.min(copy.range.end, ctx.lines.lineEnd(ctx.lines.lineOf(copy.range.start))) },
    message: msg(
      `三表出现了第 ${n + 1} 次（第 ${line} 行起）：通常是复制时多粘贴了一份，请保留一份；这一份也已核对`,
      `The section 三 table appears a ${n + 1 === 2 ? 'second' : `${n + 1}th`} time (from line ${line}): usually pasted twice; keep one. This copy is checked too`,
    ),
    atMost: 'info',
  });
  // Where the copy says otherwise than the first table.
  if (first) {
    for (const row of copy.rows) {
      if (!row.key || row.unread) continue;
      const other = first.rows.find(r => r.key === row.key && !r.unread);
      if (!other || other.cells.length !== APPLICATION_WIDTH || row.cells.length !== APPLICATION_WIDTH) continue;
      row.cells.forEach((cell: Cell, col) => {
        const was = other.cells[col];
        if (cell.kind !== 'number' || was.kind !== 'number' || cell.value === was.value) return;
        ctx.report({
          range: cell.range,
          message: msg(
            `两份三表在此处不一致：这里为 ${cell.value}，第 ${ctx.lines.lineOf(was.range.start) + 1} 行的一份为 ${was.value}`,
            `The two copies of the section 三 table disagree here: ${cell.value} here, ${was.value} in the one on line ${ctx.lines.lineOf(was.range.start) + 1}`,
          ),
          related: [{ range: was.range, message: msg(`另一份中的这一格：${was.value}`, `The same cell in the other copy: ${was.value}`) }],
          atMost: 'warning',
        });
      });
    }
  }
  // The copy's own sums, with the same solver and messages as the first table's.
  const arithmetic = solveArithmetic({ ...ctx.model, applications: copy, reviews: null }, ctx.format);
  const copyCtx: RuleContext = { ...ctx, arithmetic: () => arithmetic };
  for (const pin of arithmetic.pins) ctx.report(pinFinding(copyCtx, pin));
  for (const amb of arithmetic.ambiguities) ctx.report(ambiguityFinding(copyCtx, amb));
}

export const tableDuplicate: Rule = {
  meta: {
    id: 'table-duplicate',
    description: msg('三表出现了两次：提示一次，并核对第二份（与第一份不一致处、它自己的合计）', 'The section 三 table appears twice: noted once, and the copy checked (where it differs, its own sums)'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['tables', 'applications'],
  },
  check(ctx) {
    ctx.model.extraTables.applications.forEach((copy, i) => checkCopy(ctx, copy, i + 1));
  },
};
