import { msg, type Rule } from './types';

/** 《政府信息公开信息处理费管理办法》: the report states whether processing fees were charged. */
const FEE = /信息处理费|处理费|收取[^。；]{0,10}费用|收费/;

export const feeStatement: Rule = {
  meta: {
    id: 'fee-statement',
    description: msg('第六部分应说明是否收取信息处理费', 'Section 六 states whether information processing fees were charged'),
    severity: 'warning',
    fixable: false,
    tags: ['content'],
  },
  check(ctx) {
    // A report on 2019 or 2020 (the 2019 format) predates the fee rules: nothing to state.
    if (!ctx.format.feeStatementRequired) return;
    const six = ctx.model.sections.find(s => s.no === 6);
    if (!six) return;
    const body = ctx.model.text.slice(six.headingRange.end, six.range.end);
    if (FEE.test(body)) return;
    ctx.report({
      range: six.headingRange,
      message: msg(
        '第六部分没有说明是否收取信息处理费（依据《政府信息公开信息处理费管理办法》），即使未收取也应写明',
        'Section 六 does not say whether information processing fees were charged; say so even when none were',
      ),
    });
  },
};
