/**
 * Editor settings under `nianbao.*`, validated like `.nianbaorc.json` (same rules and messages): a
 * wrong value is dropped and named, never passed on (a `"bogus"` severity once gave diagnostics
 * without a severity; `template: "1999"` six wrong findings).
 */
import { validateConfig } from './service/config';
import type { SeveritySetting } from './service/rules';
import type { FormatVersion } from './service/format';

export interface Settings {
  rules: Record<string, SeveritySetting>;
  /** The format, under the key users write (`nianbao.template`, as in `.nianbaorc.json`). */
  template: 'auto' | FormatVersion;
  run: 'onType' | 'onSave';
  /** Documents larger than this (MB of UTF-8) are not checked as you type; 0: no limit. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, template: 'auto', run: 'onType', maxFileSize: 1 };

/** Keys the client reads itself (and `locale`, which the server reads apart): not judged here. */
const CLIENT_KEYS = new Set(['autoDetect', 'trace', 'locale']);

export function validateSettings(raw: unknown): { settings: Settings; errors: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  if (raw === null || raw === undefined) return { settings, errors: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, errors: ['nianbao: 设置应为对象 / settings must be an object'] };
  const errors: string[] = [];
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'rules' || key === 'template') {
      // VS Code sends `null` for a setting without a value.
      if (value !== null && value !== undefined) shared[key] = value;
    } else if (key === 'run') {
      if (value === 'onType' || value === 'onSave') settings.run = value;
      else if (value !== null && value !== undefined) errors.push('run 应为 "onType" 或 "onSave" / run must be "onType" or "onSave"');
    } else if (key === 'maxFileSize') {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings.maxFileSize = value;
      else if (value !== null && value !== undefined) errors.push('maxFileSize 应为不小于 0 的数（MB） / maxFileSize must be a number of MB, 0 or more');
    } else if (!CLIENT_KEYS.has(key)) {
      errors.push(`未知设置 unknown setting: ${key}`);
    }
  }
  const checked = validateConfig(shared);
  if (checked.config.template) settings.template = checked.config.template;
  if (checked.config.rules) settings.rules = checked.config.rules;
  return { settings, errors: [...checked.errors, ...errors] };
}

/** The UTF-8 size of a text, without encoding it. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair is 4 bytes for 2 code units.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}
