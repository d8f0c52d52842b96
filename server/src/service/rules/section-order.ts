import { SECTIONS } from '../format';
import { msg, type Rule } from './types';

export const sectionOrder: Rule = {
  meta: {
    id: 'section-order',
    description: msg('六个部分顺序颠倒或重复出现', 'Sections out of order or duplicated'),
    severity: 'error',
    fixable: false,
    tags: ['structure'],
  },
  check(ctx) {
    const firstLine = new Map<number, number>();
    let highest = 0;
    for (const s of ctx.model.sections) {
      const t = SECTIONS[s.no - 1];
      const line = ctx.lines.lineOf(s.headingRange.start) + 1;
      if (firstLine.has(s.no)) {
        ctx.report({
          range: s.headingRange,
          message: msg(`第${t.numeral}部分重复出现（第 ${firstLine.get(s.no)} 行已有）`, `Section ${s.no} appears again (first on line ${firstLine.get(s.no)})`),
        });
        continue;
      }
      firstLine.set(s.no, line);
      if (s.no < highest) {
        const after = SECTIONS[highest - 1];
        ctx.report({
          range: s.headingRange,
          message: msg(`第${t.numeral}部分应在第${after.numeral}部分之前`, `Section ${s.no} should come before section ${highest}`),
        });
      }
      highest = Math.max(highest, s.no);
    }
  },
};
