import { SECTIONS, standardHeading } from '../format';
import { msg, type Rule } from './types';

export const sectionMissing: Rule = {
  meta: {
    id: 'section-missing',
    description: msg('报告缺少六个部分之一', 'One of the six sections is missing'),
    severity: 'error',
    fixable: false,
    hasSuggestions: true,
    tags: ['structure'],
  },
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const present = new Set(model.sections.map(s => s.no));
    for (const t of SECTIONS) {
      if (present.has(t.no)) continue;
      // Where it belongs: before the first later section, or before its own table if that is there.
      const own = t.no === 3 ? model.applications?.range : t.no === 4 ? model.reviews?.range : undefined;
      const next = model.sections.find(s => s.no > t.no);
      let at: number;
      let range;
      if (own && (!next || own.start < next.headingRange.start)) {
        at = ctx.lines.lineStart(ctx.lines.lineOf(own.start));
        range = { start: at, end: ctx.lines.lineEnd(ctx.lines.lineOf(own.start)) };
      } else if (next) {
        at = ctx.lines.lineStart(ctx.lines.lineOf(next.headingRange.start));
        range = next.headingRange;
      } else {
        at = text.length;
        const last = Math.max(0, ctx.lines.lineCount - 1);
        range = { start: ctx.lines.lineStart(last), end: ctx.lines.lineEnd(last) };
      }
      const heading = standardHeading(t.no);
      // Keep the document's paragraph spacing: PDF text has a blank line between lines.
      const blankBefore = at > 1 && endsWithBlankLine(text, at);
      const newText = at === text.length
        ? (text.endsWith('\n') || text.length === 0 ? '' : eol) + heading + eol
        : heading + eol + (blankBefore ? eol : '');
      ctx.report({
        range,
        message: msg(`缺少第${t.numeral}部分“${heading}”`, `Section ${t.no} “${heading}” is missing`),
        // Where the missing section's text is, only a person knows: the heading is offered, never inserted by fix-all.
        suggestions: [{ title: msg(`插入“${heading}”`, `Insert “${heading}”`), edits: [{ range: { start: at, end: at }, newText }] }],
      });
    }
  },
};

/** Whether the text before `at` ends with a blank line (two line breaks with only blanks after the last word). */
function endsWithBlankLine(text: string, at: number): boolean {
  let breaks = 0;
  for (let k = at - 1; k >= 0 && breaks < 2; k--) {
    const c = text[k];
    if (c === '\n') breaks++;
    else if (c.trim()) return false;
  }
  return breaks >= 2;
}
