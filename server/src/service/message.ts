/** The words every finding is told in: messages in two languages, and the severities with their names. */

/** Every user-facing text exists in Chinese (the default) and English. */
export interface Message {
  zh: string;
  en: string;
}

export type Locale = 'zh' | 'en';

export function msg(zh: string, en: string): Message {
  return { zh, en };
}

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
