/**
 * A thin rule: the relations are data (format/relations.ts, per format), solved once per analysis in
 * facts/arithmetic.ts; this file reports the pins that carry its id (facts/arithmeticFindings.ts).
 */
import { reportPins } from '../facts/arithmeticFindings';
import { msg, type Rule } from './types';

export const rowTotal: Rule = {
  meta: {
    id: 'row-total',
    description: msg('三表每行：自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 总计', 'Section 三 table rows: the six applicant columns add up to the row total'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['arithmetic', 'applications'],
  },
  check: ctx => reportPins(ctx, 'row-total'),
};
