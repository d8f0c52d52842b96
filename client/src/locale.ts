/**
 * The language of the extension's own messages and of the server's findings: `nianbao.locale`
 * (`zh` by default, as the CLI; `auto` follows VS Code's display language). Titles of commands and
 * settings come from package.nls*.json, which VS Code picks by its display language.
 */
import * as vscode from 'vscode';
import { translator } from '../../server/src/protocol';

export type LocaleSetting = 'auto' | 'zh' | 'en';

export function localeSetting(): LocaleSetting {
  const value = vscode.workspace.getConfiguration('nianbao').get<string>('locale', 'zh');
  return value === 'auto' || value === 'en' ? value : 'zh';
}

export function locale(): 'zh' | 'en' {
  const setting = localeSetting();
  if (setting !== 'auto') return setting;
  return vscode.env.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

// Not vscode.l10n: the language is the setting's, not always VS Code's (read at each call).
export const t = translator(locale);
