import type { Cell } from '../parse';
import { APPLICATION_WIDTH, REVIEW_WIDTH, type CellRef, type ProactiveValueKind } from '../template';
import { cellName } from './arithmetic';
import { cellFix } from './arithmeticFindings';
import { msg, type Message, type RuleContext, type Rule } from './types';

function problem(cell: Cell, kind: ProactiveValueKind): Message | null {
  switch (cell.kind) {
    case 'blank': return msg('空格：应填写数字，没有也要填 0', 'Blank cell: write a number, 0 if none');
    case 'dash': return msg(`“${cell.raw}”不是数字：应填写数字，没有也要填 0`, `“${cell.raw}” is not a number: write a number, 0 if none`);
    case 'text': return msg(`“${cell.raw}”不是数字：请用阿拉伯数字填写`, `“${cell.raw}” is not a number: write it in digits`);
    case 'number': break;
  }
  const v = cell.value!;
  if (kind === 'amount') return v < 0 ? msg('金额不应为负数', 'An amount cannot be negative') : null;
  if (!Number.isInteger(v)) return msg(`件数应为整数，表中为 ${cell.raw}`, `A count is a whole number; the table has ${cell.raw}`);
  if (kind === 'count' && v < 0) return msg(`件数不应为负数，表中为 ${cell.raw}`, `A count cannot be negative; the table has ${cell.raw}`);
  return null;
}

function check(ctx: RuleContext, cell: Cell, kind: ProactiveValueKind, ref?: CellRef): void {
  const m = problem(cell, kind);
  if (!m) return;
  const arithmetic = ctx.arithmetic();
  // A wrong number that the arithmetic pins has its finding there, with the right value.
  if (arithmetic.pins.some(p => p.cell === cell)) return;
  const inferred = arithmetic.inferred.get(cell);
  const range = cell.kind === 'blank' ? { start: cell.range.start, end: cell.range.start } : cell.range;
  // Two or more sums agreeing on the value make it certain; one sum alone only suggests it.
  const certain = inferred !== undefined && inferred.relations >= 2;
  const name = ref ? cellName(ref, ctx.format) : null;
  ctx.report({
    range,
    message: inferred !== undefined ? msg(`${m.zh}（按合计应为 ${inferred.value}）`, `${m.en} (the totals give ${inferred.value})`) : m,
    fix: certain ? cellFix(ctx, cell, inferred.value, name) : undefined,
    suggestions: inferred !== undefined && !certain ? [cellFix(ctx, cell, inferred.value, name)] : undefined,
  });
}

export const cellValue: Rule = {
  meta: {
    id: 'cell-value',
    description: msg('应填数字的格子为空、为“/”、为文字，或件数为负数、小数', 'A cell that needs a count is blank, “/”, text, negative or fractional'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['tables'],
  },
  check(ctx) {
    const { model } = ctx;
    for (const row of model.applications?.rows ?? []) {
      row.cells.forEach((c, col) => check(ctx, c, 'count', row.key && col < APPLICATION_WIDTH ? { table: 'applications', row: row.key, col } : undefined));
    }
    model.reviews?.cells.forEach((c, col) => check(ctx, c, 'count', col < REVIEW_WIDTH ? { table: 'reviews', col } : undefined));
    const blocks = ctx.proactiveFormat.proactive.blocks;
    for (const b of model.proactive) {
      const t = blocks.find(x => x.clause === b.clause);
      for (const row of b.rows) {
        row.cells.forEach((c, i) => check(ctx, c, t?.columns[i]?.kind ?? 'count'));
      }
    }
  },
};
