import { msg, type Rule } from './types';

export const proseBreakdown: Rule = {
  meta: {
    id: 'prose-breakdown',
    description: msg('正文“共…其中…”所列各项之和少于总数', 'The parts listed after 其中 add up to less than the stated total'),
    severity: 'info',
    fixable: false,
    tags: ['prose'],
  },
  check(ctx) {
    for (const b of ctx.breakdowns()) {
      // 「其中包括…」 names examples: they need not add up to the total.
      if (b.complete || b.examples || b.parts.length < 2) continue;
      const sum = b.parts.reduce((a, p) => a + p.value, 0);
      const terms = b.parts.map(p => p.value).join(' + ');
      if (b.approx && sum >= b.total) continue;
      if (!b.approx && sum > b.total) continue;
      ctx.report({
        range: b.totalRange,
        message: msg(
          `“其中”各项之和为 ${terms} = ${sum}，少于总数 ${b.total} ${b.approx ? '余' : ''}${b.unit}：请核实数字，或是否未列全`,
          `The parts after 其中 add up to ${terms} = ${sum}, less than the total of ${b.total}${b.approx ? '-odd' : ''}: check the figures or whether the list is complete`,
        ),
      });
    }
  },
};
