import { SECTIONS, standardHeading } from '../format';
import { msg, type Rule } from './types';

export const sectionHeading: Rule = {
  meta: {
    id: 'section-heading',
    description: msg('部分标题的措辞或编号与格式不一致', 'A section heading differs from the format’s wording or numbering'),
    severity: 'info',
    fixable: false,
    hasSuggestions: true,
    tags: ['structure', 'wording'],
  },
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (s.standard) continue;
      const t = SECTIONS[s.no - 1];
      const heading = standardHeading(s.no);
      if (s.heading === heading) continue;
      const numbered = s.numeral !== null && s.numeral !== t.numeral;
      ctx.report({
        range: s.headingRange,
        message: numbered
          ? msg(`标题编号应为“${t.numeral}、”：格式中为“${heading}”`, `The heading should be numbered ${t.numeral}: the format has “${heading}”`)
          : msg(`标题措辞与格式不同，格式中为“${heading}”`, `The heading’s wording differs from the format: “${heading}”`),
        // The body chose its wording: a person decides, fix-all never rewrites a heading.
        suggestions: [{ title: msg(`改为“${heading}”`, `Change to “${heading}”`), edits: [{ range: s.headingRange, newText: heading }] }],
      });
    }
  },
};
