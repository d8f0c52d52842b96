import type { OffsetRange, ReportModel } from '../parse';
import { msg, type Rule } from './types';

/** 五 is near-identical to last year's when this share of its characters is found there. */
export const SAME_AS_LAST_YEAR = 0.9;

/** 「无」「暂无」「没有。」: a 五 that says nothing. */
const NOTHING = /^(?:无|暂无|没有|本年度?无|无问题)$/;

/** The section's characters without spaces, punctuation or markup; digits as 0 (years do not make it new). */
function normal(text: string): string {
  return text.replace(/[0-9０-９]/g, '0').replace(/[^\p{L}\p{N}]/gu, '');
}

export interface ProblemsSummary {
  /** Section 五's text, normalized; null when the report has no 五. */
  text: string | null;
  heading: OffsetRange | null;
}

function summarize(model: ReportModel): ProblemsSummary {
  const five = model.sections.find(s => s.no === 5);
  return five
    ? { text: normal(model.text.slice(five.headingRange.end, five.range.end)), heading: five.headingRange }
    : { text: null, heading: null };
}

export const problemsSection: Rule<ProblemsSummary> = {
  meta: {
    id: 'problems-section',
    description: msg(
      '第五部分应写出本年度存在的问题和改进情况：不应为空、只写“无”或与上一年度相同',
      'Section 五 states this year’s problems and improvements: not empty, not just 「无」, not last year’s text',
    ),
    severity: 'warning',
    fixable: false,
    tags: ['content', 'across-reports'],
  },
  check(ctx) {
    const { text, heading } = summarize(ctx.model);
    if (text === null || !heading) return;
    if (text === '') {
      ctx.report({ range: heading, message: msg('第五部分没有内容：应写出本年度政府信息公开工作存在的主要问题及改进情况', 'Section 五 is empty: it states this year’s main problems and what was improved') });
    } else if (NOTHING.test(text)) {
      ctx.report({ range: heading, message: msg(`第五部分只写了“${text}”：应写出本年度政府信息公开工作存在的主要问题及改进情况`, `Section 五 says only “${text}”: it states this year’s main problems and what was improved`) });
    }
  },
  summarize,
  across(reports, report, set) {
    const byId = new Map(reports.map(r => [r.id, r]));
    for (const r of reports) {
      const pair = set.pairing.previousOf.get(r.id);
      const before = pair ? byId.get(pair.previous) : undefined;
      const { text, heading } = r.summary;
      const then = before?.summary.text;
      // Empty or 「无」 is said by the check of the report itself.
      if (!pair || !before || !text || !heading || !then || NOTHING.test(text)) continue;
      const reused = (set.reuse.matches.get(r.id) ?? []).find(m => m.other === before.id && m.previousYear);
      const found = reused?.passages.filter(p => p.section === 5).reduce((n, p) => n + p.chars, 0) ?? 0;
      if (text !== then && found < SAME_AS_LAST_YEAR * text.length) continue;
      const name = before.name ?? before.id;
      report(r.id, {
        range: heading,
        message: text === then
          ? msg(`第五部分与 ${pair.year - 1} 年度报告（${name}）的第五部分相同（只有数字不同或完全相同）：应写出本年度的问题和改进情况`, `Section 五 is the ${pair.year - 1} report’s (${name}), word for word but for numbers: it states this year’s problems and improvements`)
          : msg(`第五部分与 ${pair.year - 1} 年度报告（${name}）的第五部分几乎相同：应写出本年度的问题和改进情况`, `Section 五 is nearly the ${pair.year - 1} report’s (${name}): it states this year’s problems and improvements`),
      });
    }
  },
};
