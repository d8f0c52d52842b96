/** The language status item and the counts in the status bar. */
import * as vscode from 'vscode';
import type { Status } from '../../server/src/protocol';
import { LANGUAGE, SHOW_PROBLEMS } from './language';
import { t } from './locale';

/**
 * The language status item (`{}`): the format, the counts, the config file; a click reveals the Problems
 * panel. VS Code shows a language status item's text only on hover (or once the user pins it), so the
 * counts also have a status bar entry of their own, shown while a report is the active editor.
 */
export function languageStatus(context: vscode.ExtensionContext): { show: (s: Status) => void } {
  const status = vscode.languages.createLanguageStatusItem('nianbao.status', { language: LANGUAGE });
  status.name = 'Nianbao 年报';
  status.text = t('年报检查', 'Nianbao');
  status.command = { title: t('查看问题', 'Show problems'), command: SHOW_PROBLEMS };
  const counts = vscode.window.createStatusBarItem('nianbao.counts', vscode.StatusBarAlignment.Right, 100);
  counts.name = t('年报问题数', 'Nianbao problems');
  counts.command = SHOW_PROBLEMS;
  const last = new Map<string, Status>();
  context.subscriptions.push(status, counts);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const formatOf = (s: Status) => (s.detected ? t(`${s.template} 年格式`, `${s.template} format`) : t(`${s.template} 年格式（按年度）`, `${s.template} format (by year)`));
  const configOf = (s: Status) => (s.configFile ? t(`配置：${s.configFile}`, `config: ${s.configFile}`) : t('未使用配置文件', 'no config file'));
  const showCounts = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && doc.languageId === LANGUAGE ? last.get(doc.uri.toString()) : undefined;
    if (!s) {
      counts.hide();
      return;
    }
    counts.text = s.errors || s.warnings
      ? `$(checklist) ${t(`年报：${s.errors} 个错误 ${s.warnings} 个警告`, `Nianbao: ${plural(s.errors, 'error')} ${plural(s.warnings, 'warning')}`)}`
      : `$(checklist) ${t('年报：没有错误和警告', 'Nianbao: no errors or warnings')}`;
    counts.tooltip = `${formatOf(s)}\n${configOf(s)}\n${t('点击查看“问题”面板', 'Click to show the Problems panel')}`;
    counts.show();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(showCounts),
    vscode.workspace.onDidCloseTextDocument(d => last.delete(d.uri.toString())),
  );
  const show = (s: Status) => {
    last.set(s.uri, s);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active && active !== s.uri) return;
    status.text = `${formatOf(s)} · ${t(`${s.errors} 个错误 ${s.warnings} 个警告`, `${plural(s.errors, 'error')} ${plural(s.warnings, 'warning')}`)}`;
    status.severity = s.errors ? vscode.LanguageStatusSeverity.Error : s.warnings ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    status.detail = configOf(s);
    status.command = { title: t('查看问题', 'Show problems'), command: SHOW_PROBLEMS };
    showCounts();
  };
  return { show };
}

