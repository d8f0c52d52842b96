/** Figures stated in the prose against the tables; the claims themselves are read in proseClaims.ts. */
import type { Claim } from '../facts/proseClaims';
import { msg, type Rule, type RuleContext } from './types';

export const proseTable: Rule = {
  meta: {
    id: 'prose-table',
    description: msg('正文所述件数与统计表不一致', 'A figure stated in the prose contradicts the tables'),
    severity: 'warning',
    fixable: false,
    tags: ['prose', 'applications', 'reviews'],
  },
  check: ctx => report(ctx, ctx.claims()),
};

function report(ctx: RuleContext, claims: Claim[]): void {
  const seen = new Set<number>();
  for (const c of [...claims].sort((a, b) => a.range.start - b.range.start)) {
    if (seen.has(c.range.start)) continue;
    seen.add(c.range.start);
    if (c.table.some(t => t.value === c.value)) continue;
    const how = c.table.map(t => t.how);
    ctx.report({
      range: c.range,
      message: msg(
        `正文“${c.what.zh}”为 ${c.value} 件，与统计表不一致：${how.map(h => h.zh).join('，')}。如口径不同可忽略`,
        `The prose says ${c.value} (${c.what.en}), the tables disagree: ${how.map(h => h.en).join(', ')}. Ignore if the scope differs`,
      ),
    });
  }
}
