import { msg, type Rule } from './types';

export const tableMissing: Rule = {
  meta: {
    id: 'table-missing',
    description: msg('第二、三、四部分没有统计表', 'Section 二, 三 or 四 has no table'),
    severity: 'error',
    fixable: false,
    tags: ['structure', 'tables'],
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<number>();
    for (const s of model.sections) {
      // Only the first occurrence of a section needs its table.
      if (seen.has(s.no)) continue;
      seen.add(s.no);
      const inside = (r: { start: number } | undefined) => !!r && r.start >= s.range.start && r.start < s.range.end;
      const missing =
        (s.no === 2 && !model.proactive.some(b => inside(b.itemRange ?? b.rows[0]?.range))) ||
        (s.no === 3 && !model.applications) ||
        (s.no === 4 && !model.reviews);
      if (!missing) continue;
      const what = s.no === 2
        ? msg('主动公开情况统计表（第二十条第（一）（五）（六）（八）项）', 'The proactive-disclosure tables (Article 20)')
        : s.no === 3
          ? msg('收到和处理政府信息公开申请情况统计表', 'The table of applications received and handled')
          : msg('行政复议、行政诉讼情况统计表', 'The table of administrative reconsideration and litigation');
      ctx.report({
        range: s.headingRange,
        message: msg(`本部分没有找到${what.zh}`, `${what.en} is not found in this section`),
      });
    }
  },
};
