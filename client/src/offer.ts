/** A plain-text or Markdown file that is a report: offered the report language. */
import * as vscode from 'vscode';
import { REPORT_TITLE } from '../../server/src/protocol/names';
import { LANGUAGE } from './language';
import { t } from './locale';

/** Whether one of the first lines of a text holds a report's title (the parser decides whether it is a report). */
export function hasReportTitle(text: string): boolean {
  return text.split(/\r?\n/).filter(l => l.trim()).slice(0, 10).some(l => REPORT_TITLE.test(l));
}

/** The lines of a plain text read for a report's title. */
export const OFFER_LINES = 40;

/** A plain-text or Markdown file that looks like a report is offered the language (`nianbao.autoDetect`), when opened or as it is written. */
export async function offerLanguage(doc: vscode.TextDocument, asked: Set<string>): Promise<void> {
  const mode = vscode.workspace.getConfiguration('nianbao', doc.uri).get<string>('autoDetect', 'ask');
  if (mode === 'off' || asked.has(doc.uri.toString()) || !hasReportTitle(doc.getText(new vscode.Range(0, 0, OFFER_LINES, 0)))) return;
  asked.add(doc.uri.toString());
  if (mode === 'switch') {
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    return;
  }
  const yes = t('用年报检查', 'Check it');
  const always = t('总是自动切换', 'Always');
  const never = t('不再询问', 'Never ask');
  const pick = await vscode.window.showInformationMessage(
    t('这份文档像是政府信息公开工作年度报告，要用“年报”检查表格和章节吗？', 'This looks like an annual government-information-disclosure report. Check it with Nianbao?'),
    yes, always, never,
  );
  if (pick === yes || pick === always) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  if (pick === always) await vscode.workspace.getConfiguration('nianbao').update('autoDetect', 'switch', vscode.ConfigurationTarget.Global);
  if (pick === never) await vscode.workspace.getConfiguration('nianbao').update('autoDetect', 'off', vscode.ConfigurationTarget.Global);
}

