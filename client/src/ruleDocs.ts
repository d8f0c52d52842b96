/** A rule's documentation page, in VS Code's Markdown preview. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { RulesRequest } from '../../server/src/protocol';
import { t } from './locale';

/** The palette command: a rule's page, picked from the list when no id is given. */
export const OPEN_RULE_DOC = 'nianbao.openRuleDoc';

/** A rule's page in the Markdown preview; without an id, a pick of the rules in the editor's language. */
export async function openRuleDoc(context: vscode.ExtensionContext, ensureClient: () => Promise<BaseLanguageClient>, id?: string): Promise<void> {
  let rule = typeof id === 'string' ? id : undefined;
  if (!rule) {
    // The rules are the server's: it describes them in the editor's language.
    const rules = ensureClient().then(c => c.sendRequest(RulesRequest)).then(list => list.map(r => ({ label: r.id, description: r.description })));
    const pick = await vscode.window.showQuickPick(rules, { placeHolder: t('选择规则', 'Pick a rule') });
    rule = pick?.label;
  }
  if (!rule) return;
  const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
