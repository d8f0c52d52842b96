import { normalizeLabel } from '../parse/normalize';
import type { Row } from '../parse';
import { msg, type RuleContext, type Rule } from './types';

function checkLabel(ctx: RuleContext, row: Row, official: string | undefined, table: { zh: string; en: string }): void {
  if (!row.labelRange || row.label === null) return;
  if (!official) {
    ctx.report({
      range: row.labelRange,
      message: msg(`“${row.label}”不是${table.zh}格式中的行名`, `“${row.label}” is not a row of the ${table.en} in the format`),
    });
    return;
  }
  if (normalizeLabel(row.label) === normalizeLabel(official)) return;
  ctx.report({
    range: row.labelRange,
    message: msg(`行名与格式不一致，格式中为“${official}”`, `The row label differs from the format: “${official}”`),
    fix: { title: msg(`改为“${official}”`, `Change to “${official}”`), edits: [{ range: row.labelRange, newText: official }] },
  });
}

export const rowLabel: Rule = {
  meta: {
    id: 'row-label',
    description: msg('行名不是格式中的标准行名（错字、旧措辞）', 'A row label is not the format’s (typo, old wording)'),
    severity: 'warning',
    fixable: true,
    tags: ['tables', 'wording'],
  },
  check(ctx) {
    for (const row of ctx.model.applications?.rows ?? []) checkLabel(ctx, row, row.key ? row.templateLabel : undefined, { zh: '三表', en: 'section 三 table' });
    const blocks = ctx.proactiveFormat.proactive.blocks;
    for (const b of ctx.model.proactive) {
      for (const row of b.rows) {
        const t = blocks.flatMap(x => x.rows).find(r => r.key === row.key);
        // A row of the other format's 二 table keeps its own label; template-mismatch says why.
        checkLabel(ctx, row, t ? t.label : row.templateLabel, { zh: '二表', en: 'section 二 tables' });
      }
    }
  },
};
