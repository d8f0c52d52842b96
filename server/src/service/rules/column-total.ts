/**
 * A thin rule: the relations are data (format/relations.ts, per format), solved once per analysis in
 * facts/arithmetic.ts; this file reports the pins that carry its id (facts/arithmeticFindings.ts).
 */
import { reportPins } from '../facts/arithmeticFindings';
import { msg, type Rule } from './types';

export const columnTotal: Rule = {
  meta: {
    id: 'column-total',
    description: msg('三表每列：（七）总计 = 各办理结果之和', 'Section 三 table columns: （七）总计 equals the sum of the result rows'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['arithmetic', 'applications'],
  },
  check: ctx => reportPins(ctx, 'column-total'),
};
