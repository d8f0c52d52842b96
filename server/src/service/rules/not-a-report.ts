import type { ReportModel } from '../parse';
import { SECTIONS } from '../format';
import { msg, type Rule } from './types';

/** A 三 table read with at least this many rows is a report's table, whatever surrounds it; a 四 table needs as many numbers (「无」 under a heading is not one). */
const MIN_TABLE_ROWS = 5;
/** Two section headings of the six, each under its own numeral (二、主动公开…), make a report. */
const MIN_SECTIONS = 2;
/**
 * How close a heading's wording must be to the format's to count: 「一、基本情况」 (a known variant) does,
 * 「六、其他事项」 or 「三、依申请公开」 (headings of minutes or a work plan that only resemble it) do not.
 */
const MIN_HEADING_SCORE = 0.75;

/**
 * Whether a text is an annual report at all: a title line like 「…政府信息公开工作年度报告」 (the line is the
 * title, not a sentence naming it), or two of the six section headings in the format's wording, or one of the tables. A README, a contacts list or meeting minutes in a folder of
 * reports is none of these, and is left alone.
 */
export function looksLikeReport(model: ReportModel): boolean {
  return !!model.title
    || new Set(model.sections.filter(s => s.standard || s.numeral === SECTIONS[s.no - 1].numeral && s.score >= MIN_HEADING_SCORE).map(s => s.no)).size >= MIN_SECTIONS
    || (model.applications?.rows.length ?? 0) >= MIN_TABLE_ROWS
    || (model.reviews?.cells.filter(c => c.value !== null).length ?? 0) >= MIN_TABLE_ROWS && !!model.sections.length;
}

export const notAReport: Rule = {
  meta: {
    id: 'not-a-report',
    description: msg('文件不是政府信息公开工作年度报告，不做检查', 'The file is not an annual report: it is not checked'),
    severity: 'info',
    fixable: false,
    tags: ['structure'],
  },
  check(ctx) {
    if (looksLikeReport(ctx.model)) return;
    const text = ctx.model.text;
    const firstLine = ctx.lines.lineEnd(0);
    ctx.report({
      range: { start: 0, end: Math.min(firstLine, text.length) },
      message: msg(
        '这份文件看起来不是政府信息公开工作年度报告（没有找到报告标题、六个部分的标题或统计表），没有检查，也不会修改',
        'This file does not look like an annual report (no report title, section headings or tables found): it was not checked and will not be changed',
      ),
    });
  },
};
