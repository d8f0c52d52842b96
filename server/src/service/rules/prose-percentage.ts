import { msg, type Rule } from './types';

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + 1e-9) / f;
}
function floor(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.floor(x * f + 1e-9) / f;
}

export const prosePercentage: Rule = {
  meta: {
    id: 'prose-percentage',
    description: msg('正文中“占…的 p%”与所列数字算出的比例不符', 'A stated percentage differs from the one its numbers give'),
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    tags: ['prose'],
  },
  check(ctx) {
    for (const b of ctx.breakdowns()) {
      if (!b.total) continue;
      const shares = b.parts.filter(p => p.percent);
      // Shares written to add up to exactly 100 % where plain rounding would not: one was adjusted on
      // purpose (a common practice). Still worth a note, not a warning.
      const stated = shares.reduce((a, p) => a + p.percent!.value, 0);
      const rounded = shares.reduce((a, p) => a + round((p.value / b.total) * 100, p.percent!.decimals), 0);
      const adjusted = b.complete && shares.length === b.parts.length && shares.length > 1
        && Math.abs(stated - 100) < 1e-6 && Math.abs(rounded - 100) > 1e-6;
      for (const part of shares) {
        const p = part.percent!;
        const exact = (part.value / b.total) * 100;
        // Rounded or cut off to the decimals written: both are common and both are fine.
        if (Math.abs(round(exact, p.decimals) - p.value) < 1e-9 || Math.abs(floor(exact, p.decimals) - p.value) < 1e-9) continue;
        const right = round(exact, p.decimals).toFixed(p.decimals);
        const why = adjusted
          ? msg('；各项比例合计正好为 100%，可能是为凑足 100% 而调整', '; the shares add up to exactly 100 %, perhaps adjusted to do so')
          : msg('', '');
        ctx.report({
          range: p.range,
          message: msg(
            `${part.value} ÷ ${b.total} = ${exact.toFixed(p.decimals + 2)}%，应为 ${right}%，此处为 ${p.value}%${why.zh}`,
            `${part.value} ÷ ${b.total} = ${exact.toFixed(p.decimals + 2)}%: ${right}%, not ${p.value}%${why.en}`,
          ),
          // A share may be rounded so that the shares add up to 100 %: a person decides.
          suggestions: [{ title: msg(`${p.value}% 改为 ${right}%`, `Change ${p.value}% to ${right}%`), edits: [{ range: p.range, newText: right }] }],
          ...(adjusted ? { atMost: 'info' as const } : {}),
        });
      }
    }
  },
};
