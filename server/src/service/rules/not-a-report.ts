import type { ReportModel } from '../parse';
import { SECTIONS } from '../template';
import { msg, type Rule } from './types';

/** A 三 table read with at least this many rows is a report's table, whatever surrounds it. */
const MIN_TABLE_ROWS = 5;
/** Two section headings of the six, each under its own numeral (二、主动公开…), make a report. */
const MIN_SECTIONS = 2;

/**
 * Whether a text is an annual report at all: a title like 「…政府信息公开工作年度报告」, or two of the six
 * section headings, or one of the tables. A README, a contacts list or meeting minutes in a folder of
 * reports is none of these, and is left alone.
 */
export function looksLikeReport(model: ReportModel): boolean {
  return !!model.title
    || new Set(model.sections.filter(s => s.numeral === SECTIONS[s.no - 1].numeral || s.standard).map(s => s.no)).size >= MIN_SECTIONS
    || (model.applications?.rows.length ?? 0) >= MIN_TABLE_ROWS
    || (model.reviews?.cells.length ?? 0) > 0 && !!model.sections.length;
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
