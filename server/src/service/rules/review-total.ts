/**
 * A thin rule: the relations are data (format/relations.ts, per format), solved once per analysis in
 * facts/arithmetic.ts; this file reports the pins that carry its id (facts/arithmeticFindings.ts).
 */
import { reportPins } from '../facts/arithmeticFindings';
import { msg, type Rule } from './types';

export const reviewTotal: Rule = {
  meta: {
    id: 'review-total',
    description: msg('四表每组：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计', 'Section 四 groups: upheld + corrected + other + pending = total'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['arithmetic', 'reviews'],
  },
  check: ctx => reportPins(ctx, 'review-total'),
};
