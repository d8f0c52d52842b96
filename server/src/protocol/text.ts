/**
 * The one way user-facing text is written: every text in Chinese (the default) and English, chosen by
 * the locale. Two forms, one home:
 *   - `msg(zh, en)`: a `Message` carried until the reader's locale is known (findings, problems);
 *   - `inLocale(locale, zh, en)` / `translator(locale)`: the text now, for a locale known here (the
 *     CLI, the pages render draws, the server's notes, the VS Code client with its setting).
 * Here, in the protocol module, so the VS Code client imports it rather than keeping a copy. The
 * manifest's own titles (commands, settings) are VS Code's mechanism: package.nls.json /
 * package.nls.en.json, their rule settings written by `npm run generate`.
 */

/** Every user-facing text exists in Chinese (the default) and English. */
export interface Message {
  zh: string;
  en: string;
}

export type Locale = 'zh' | 'en';

export function msg(zh: string, en: string): Message {
  return { zh, en };
}

/** A text in the locale's language: English only when the locale is English. */
export function inLocale(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

/** `t(zh, en)`, the text in the locale's language. */
export type Translate = (zh: string, en: string) => string;

/** A `t(zh, en)` for a locale: fixed, or asked at each call (the editor's setting can change while it runs). */
export function translator(locale: Locale | (() => Locale)): Translate {
  return typeof locale === 'function' ? (zh, en) => inLocale(locale(), zh, en) : (zh, en) => inLocale(locale, zh, en);
}
