import { templateForYear, TEMPLATE_DOCUMENTS, type TemplateVersion } from '../template';
import type { OffsetRange } from '../parse';
import { msg, type Rule } from './types';

export const templateMismatch: Rule = {
  meta: {
    id: 'template-mismatch',
    description: msg('报告年度与所用格式不符（2021 年起用国办公开办函〔2021〕30号格式）', 'The tables or cited format do not match the report year (2021 onward: the 2021 format)'),
    severity: 'error',
    fixable: false,
    tags: ['format'],
  },
  check(ctx) {
    const { model } = ctx;
    const year = model.year?.value;
    // The format the report must use: forced by configuration, else by its year.
    const expected: TemplateVersion | null = ctx.forcedTemplate ?? (year ? templateForYear(year) : null);
    if (!expected) return;
    const why = ctx.forcedTemplate
      ? msg(`按配置应使用 ${expected} 年格式（${TEMPLATE_DOCUMENTS[expected]}）`, `The configuration sets the ${expected} format (${TEMPLATE_DOCUMENTS[expected]})`)
      : year ? msg(`${year} 年度报告应使用 ${expected} 年格式（${TEMPLATE_DOCUMENTS[expected]}）`, `A report for ${year} uses the ${expected} format (${TEMPLATE_DOCUMENTS[expected]})`)
      : msg(`应使用 ${expected} 年格式（${TEMPLATE_DOCUMENTS[expected]}）`, `The ${expected} format applies (${TEMPLATE_DOCUMENTS[expected]})`);

    const apps = model.applications;
    if (apps && model.template.applications && model.template.applications !== expected) {
      const other = apps.rows.find(r => r.key === 'other' || r.key?.startsWith('other.'));
      const range: OffsetRange = other?.labelRange ?? other?.range ?? apps.range;
      ctx.report({
        range,
        message: model.template.applications === '2019'
          ? msg(`${why.zh}，但三表“（六）其他处理”只有一行，是 2019 年格式；2021 年格式分为 3 行`, `${why.en}, but the section 三 table has （六）其他处理 as one row (2019 format); the 2021 format has 3 rows`)
          : msg(`${why.zh}，但三表“（六）其他处理”分为 3 行，是 2021 年格式；2019 年格式为一行`, `${why.en}, but the section 三 table splits （六）其他处理 into 3 rows (2021 format)`),
      });
    }
    if (model.proactive.length && model.template.proactive && model.template.proactive !== expected) {
      const first = model.proactive[0];
      const range: OffsetRange = first.itemRange ?? first.rows[0]?.range ?? { start: 0, end: 0 };
      ctx.report({
        range,
        message: msg(`${why.zh}，但二表的栏目是 ${model.template.proactive} 年格式`, `${why.en}, but the section 二 tables follow the ${model.template.proactive} format`),
      });
    }
    const cited = model.template.cited;
    if (cited && cited.value !== expected) {
      ctx.report({
        range: cited.range,
        message: msg(`${why.zh}，此处引用的是 ${TEMPLATE_DOCUMENTS[cited.value]}`, `${why.en}; this cites ${TEMPLATE_DOCUMENTS[cited.value]}`),
      });
    }
  },
};
