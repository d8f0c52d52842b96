/** The words every finding is told in: messages in two languages, and the severities with their names. */

import type { Locale } from '../protocol/text';

// The words themselves: one home for user-facing text in both languages (protocol/text.ts).
export { inLocale, msg, translator, type Locale, type Message, type Translate } from '../protocol/text';

/** The severities, mildest first. */
export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What a rule can be set to in the configuration: a severity, or off. */
export const SEVERITY_SETTINGS = ['off', ...SEVERITIES] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** How severe: the higher, the more. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** A severity as users read it. */
export const SEVERITY_WORDS: Record<Locale, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};
