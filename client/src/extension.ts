/** Desktop VS Code: the language server runs in a Node process. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateCommon, LANGUAGE } from './common';
import { dropTaskFindingsOfOpenReports, registerTasks } from './tasks';

export function activate(context: vscode.ExtensionContext): void {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  activateCommon(context, options =>
    new LanguageClient(LANGUAGE, 'Nianbao 年报', {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    }, options),
  );
  context.subscriptions.push(registerTasks(context), dropTaskFindingsOfOpenReports(LANGUAGE));
}

export function deactivate(): void {
  // The client is stopped through the extension context's subscriptions.
}
