/** VS Code in the browser: the language server runs in a web worker. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateCommon, LANGUAGE } from './common';

export function activate(context: vscode.ExtensionContext): void {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  activateCommon(context, options => new LanguageClient(LANGUAGE, 'Nianbao 年报', new Worker(serverMain.toString(true)), options));
}

export function deactivate(): void {
  // Stopped through the extension context's subscriptions.
}
