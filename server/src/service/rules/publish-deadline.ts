import type { OffsetRange, ReportModel } from '../parse';
import { bodyCore, normalizeBodyName } from '../across';
import { msg, type Rule } from './types';

/**
 * 《政府信息公开条例》第五十条: every administrative body publishes its report on the year before by
 * 1月31日; the office in charge of a 县级以上 government publishes that government's report by 3月31日.
 */
const BODY_DEADLINE = { month: 1, day: 31 };
const GOVERNMENT_DEADLINE = { month: 3, day: 31 };

/** The deadline for the body's kind, when its name says it for certain; null otherwise. */
export function deadlineOf(agency: string): { month: number; day: number; government: boolean } | null {
  const name = normalizeBodyName(agency);
  // A government's own report: its own place is 县级 or above (省 … 市, 州, 盟, 县, 区, 旗), not a 乡/镇/街道.
  if (/人民政府$/.test(name)) {
    const own = bodyCore(name).replace(/人民政府$/, '');
    return /(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)$/.test(own) && !/(?:镇|乡|街道)$/.test(own) ? { ...GOVERNMENT_DEADLINE, government: true } : null;
  }
  // A department or an office of a government: an administrative body.
  return /(?:局|委员会|委|办公室|办公厅|厅)$/.test(name) ? { ...BODY_DEADLINE, government: false } : null;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 「二〇二四年」 → 2024; 「十二」 → 12, 「二十五」 → 25, 「三十一」 → 31. */
function chineseNumber(s: string, year: boolean): number | null {
  if (year) return s.length === 4 && [...s].every(c => c in CN_DIGITS) ? Number([...s].map(c => CN_DIGITS[c]).join('')) : null;
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  if (!m[2]) return m[1] && m[3] ? null : CN_DIGITS[(m[1] ?? m[3])!];
  return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

/** A line that is only a date: 「2024年1月25日」, 「2024 年 1 月 25 日」, 「二〇二四年一月二十五日」. */
const DATE_LINE = /^\s*(\d{4}|[〇零一二三四五六七八九Oo]{4})\s*年\s*(\d{1,2}|[一二三十]{1,3}[一二三四五六七八九]?)\s*月\s*(\d{1,2}|[一二三十]{1,3}[一二三四五六七八九]?)\s*日\s*$/;
/** The date is looked for among this many last lines that are not blank. */
const LAST_LINES = 4;

export interface EndDate {
  year: number;
  month: number;
  day: number;
  range: OffsetRange;
}

/** The date a report ends with (its signature's date), when it is read for certain. */
export function endDate(model: ReportModel): EndDate | null {
  const six = model.sections.find(s => s.no === 6);
  if (!six) return null;
  const text = model.text;
  let seen = 0;
  let end = text.length;
  while (end > six.headingRange.end && seen < LAST_LINES) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(Math.max(start, six.headingRange.end), end);
    end = start - 1;
    if (!line.trim()) continue;
    seen++;
    const m = DATE_LINE.exec(line);
    if (!m) continue;
    const year = /\d/.test(m[1]) ? Number(m[1]) : chineseNumber(m[1], true);
    const month = /\d/.test(m[2]) ? Number(m[2]) : chineseNumber(m[2], false);
    const day = /\d/.test(m[3]) ? Number(m[3]) : chineseNumber(m[3], false);
    if (year === null || month === null || day === null || month < 1 || month > 12 || day < 1 || day > 31) return null;
    const lead = line.length - line.trimStart().length;
    const at = Math.max(start, six.headingRange.end) + lead;
    return { year, month, day, range: { start: at, end: at + line.trim().length } };
  }
  return null;
}

export const publishDeadline: Rule = {
  meta: {
    id: 'publish-deadline',
    description: msg('报告落款日期晚于《政府信息公开条例》第五十条规定的发布期限', 'The report’s closing date is later than the deadline of Article 50 of the Regulation'),
    severity: 'info',
    fixable: false,
    tags: ['content'],
  },
  check(ctx) {
    const year = ctx.model.year?.value;
    const agency = ctx.model.agency?.value;
    if (!year || !agency) return;
    const deadline = deadlineOf(agency);
    const date = endDate(ctx.model);
    // Only the year after the report's: a date of another year is a slip of the pen, not a late report.
    if (!deadline || !date || date.year !== year + 1) return;
    if (date.month < deadline.month || (date.month === deadline.month && date.day <= deadline.day)) return;
    const due = `${year + 1}年${deadline.month}月${deadline.day}日`;
    const dated = `${date.year}年${date.month}月${date.day}日`;
    ctx.report({
      range: date.range,
      message: deadline.government
        ? msg(`落款日期 ${dated} 晚于发布期限 ${due}：县级以上地方人民政府的年度报告应于每年3月31日前公布（《政府信息公开条例》第五十条）`,
          `Dated ${dated}, after the deadline ${due}: a government at county level or above publishes its report by 31 March (Regulation, Art. 50)`)
        : msg(`落款日期 ${dated} 晚于发布期限 ${due}：行政机关应于每年1月31日前公布上一年度的年度报告（《政府信息公开条例》第五十条）`,
          `Dated ${dated}, after the deadline ${due}: an administrative body publishes its report on the year before by 31 January (Regulation, Art. 50)`),
    });
  },
};
