import { rangeOf } from '../parse';
import { msg, type Rule } from './types';

export const yearMismatch: Rule = {
  meta: {
    id: 'year-mismatch',
    description: msg('标题年度、统计期限与“结转”年度不一致', 'The title year, the statistics period and the carry-over years disagree'),
    severity: 'error',
    fixable: false,
    hasSuggestions: true,
    tags: ['format', 'prose'],
  },
  check(ctx) {
    const { model } = ctx;
    const year = model.year;
    if (!year || !model.title) return;
    const Y = year.value;
    // The title names what changes: 「统计期限的起始年份改为 2023」, not a bare 「改为 2023」.
    const fixYear = (range: { start: number; end: number }, want: number, what: { zh: string; en: string }) => ({
      title: msg(`${what.zh}改为 ${want}`, `Change ${what.en} to ${want}`),
      edits: [{ range, newText: String(want) }],
    });
    const text = model.text;
    const period = model.period;
    if (period) {
      const ends: [number | null, { start: number; end: number } | null, string, string][] = [
        [period.startYear, period.startYearRange, '起始', 'starts'],
        [period.endYear, period.endYearRange, '截止', 'ends'],
      ];
      for (const [y, range, zh, en] of ends) {
        if (y === null || y === Y || !range) continue;
        ctx.report({
          range,
          message: msg(`统计期限的${zh}年份为 ${y}，与报告年度 ${Y} 不一致`, `The statistics period ${en} in ${y}; the report is for ${Y}`),
          suggestions: [fixYear(range, Y, msg(`统计期限的${zh}年份`, `the year the statistics period ${en}`))],
        });
      }
    }
    // 「结转2024年度继续办理」 is next year; 「2022年度结转」「上年结转」 is last year.
    const prose = model.prose;
    // Only carry-overs of applications: 「结转2024年度继续办理」「结转至2024年的申请 2 件」; 「2021年结转资金」,
    // 「结转至2030年」 (a plan) and the like name other years for other things.
    const forward = /结转\s{0,3}(?:至|到)?\s{0,3}((?:19|20)\d{2})\s{0,3}年度?(?=\s{0,3}(?:继续办理|办理|的?(?:政府信息公开)?申请|\d{1,9}\s{0,3}件))/g;
    // 「自2019年度结转的3件」 counts since a year, not from last year.
    const backward = /(?<!自\s?)((?:19|20)\d{2})\s{0,3}年度?\s{0,3}结转(?=\s{0,3}(?:的|至本年度?|到本年度?)?\s{0,3}(?:政府信息公开)?(?:申请|\d{1,9}\s{0,3}件))/g;
    for (const [re, want, what] of [[forward, Y + 1, msg('结转下年度', 'carried forward to')], [backward, Y - 1, msg('上年结转', 'carried over from')]] as const) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(prose.text)) !== null) {
        const y = Number(m[1]);
        if (y === want) continue;
        const from = m.index + m[0].indexOf(m[1]);
        const range = rangeOf(prose, from, from + 4);
        if (text.slice(range.start, range.end) !== m[1]) continue;
        ctx.report({
          range,
          message: msg(`${Y} 年度报告中“${what.zh}”应为 ${want} 年，此处为 ${y} 年`, `In a report for ${Y}, “${what.en}” is ${want}; here ${y}`),
          // Which year is wrong, the title's or this one, only the writer knows.
          suggestions: [fixYear(range, want, msg(`“${what.zh}”的年份`, `the year “${what.en}”`))],
        });
      }
    }
  },
};
