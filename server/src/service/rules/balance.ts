/**
 * A thin rule: the relations are data (format/relations.ts, per format), solved once per analysis in
 * facts/arithmetic.ts; this file reports the pins that carry its id (facts/arithmeticFindings.ts).
 */
import { reportPins } from '../facts/arithmeticFindings';
import { msg, type Rule } from './types';

export const balance: Rule = {
  meta: {
    id: 'balance',
    description: msg('三表勾稽关系：第一项 + 第二项 = 第三项（七）总计 + 第四项', 'Section 三 balance: new + carried over = total + carried forward, per column'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['arithmetic', 'applications'],
  },
  check: ctx => reportPins(ctx, 'balance'),
};
