import { formatForYear, formatOf, LATEST_FORMAT, otherProcessingRowCount, type ReportFormat } from '../format';
import type { OffsetRange } from '../parse';
import { msg, type Message, type Rule } from './types';

/** 「只有一行」/「分为 3 行」: how a format prints （六）其他处理. */
function shape(format: ReportFormat, found: boolean): Message {
  const n = otherProcessingRowCount(format);
  return n === 1
    ? (found ? msg('只有一行', 'as one row') : msg('为一行', 'has it as one row'))
    : (found ? msg(`分为 ${n} 行`, `split into ${n} rows`) : msg(`分为 ${n} 行`, `has ${n} rows`));
}

export const formatMismatch: Rule = {
  meta: {
    id: 'template-mismatch',
    description: msg(
      `报告年度与所用格式不符（${LATEST_FORMAT.years.from} 年起用${LATEST_FORMAT.document}格式）`,
      `The tables or cited format do not match the report year (${LATEST_FORMAT.years.from} onward: the ${LATEST_FORMAT.version} format)`,
    ),
    severity: 'error',
    fixable: false,
    tags: ['format'],
  },
  check(ctx) {
    const { model } = ctx;
    const year = model.year?.value;
    // The format the report must use: forced by configuration, else by its year.
    const expected = ctx.forcedFormat ?? (year ? formatForYear(year) : null);
    if (!expected) return;
    const v = expected.version;
    const why = ctx.forcedFormat
      ? msg(`按配置应使用 ${v} 年格式（${expected.document}）`, `The configuration sets the ${v} format (${expected.document})`)
      : msg(`${year} 年度报告应使用 ${v} 年格式（${expected.document}）`, `A report for ${year} uses the ${v} format (${expected.document})`);

    const apps = model.applications;
    const appVersion = model.format.applications;
    if (apps && appVersion && appVersion !== v) {
      const found = formatOf(appVersion);
      // The row that shows the format: one that only the found format has.
      const own = apps.rows.find(r => r.key && found.applications.rows.some(x => x.key === r.key) && !expected.applications.rows.some(x => x.key === r.key));
      const range: OffsetRange = own?.labelRange ?? own?.range ?? apps.range;
      const a = shape(found, true);
      const b = shape(expected, false);
      ctx.report({
        range,
        message: msg(
          `${why.zh}，但三表“（六）其他处理”${a.zh}，是 ${appVersion} 年格式；${v} 年格式${b.zh}`,
          `${why.en}, but the section 三 table has （六）其他处理 ${a.en} (${appVersion} format); the ${v} format ${b.en}`,
        ),
      });
    }
    if (model.proactive.length && model.format.proactive && model.format.proactive !== v) {
      const first = model.proactive[0];
      const range: OffsetRange = first.itemRange ?? first.rows[0]?.range ?? { start: 0, end: 0 };
      ctx.report({
        range,
        message: msg(`${why.zh}，但二表的栏目是 ${model.format.proactive} 年格式`, `${why.en}, but the section 二 tables follow the ${model.format.proactive} format`),
      });
    }
    const cited = model.format.cited;
    if (cited && cited.value !== v) {
      const c = formatOf(cited.value);
      ctx.report({
        range: cited.range,
        message: msg(`${why.zh}，此处引用的是 ${c.document}`, `${why.en}; this cites ${c.document}`),
      });
    }
  },
};
