/**
 * What the desktop and web clients share: the client's options, starting it when a report opens, and the
 * commands. Each concern has its module: status.ts (the status items), offer.ts (a plain text that is a
 * report), workspaceCheck.ts (every report of the workspace), ruleDocs.ts (a rule's page), files.ts
 * (reading a file, the config file for the web server), encoding.ts (GB18030), writing.ts (new report,
 * source actions), preview.ts and reportText.ts.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  bytesToBase64, CMapRequest, COMPUTE_TOTALS_KIND, CONFIG_FILE, FindConfigRequest, FIX_ALL_KIND,
  REPORT_TEXT_SCHEME, ServerCommand, StatusNotification, type Status,
} from '../../server/src/protocol';
import { findConfig } from './files';
import { LANGUAGE } from './language';
import { hasReportTitle, OFFER_LINES, offerLanguage } from './offer';
import { OPEN_RULE_DOC, openRuleDoc } from './ruleDocs';
import { languageStatus } from './status';
import { checkEveryReport } from './workspaceCheck';
import { registerTablePreview } from './preview';
import { registerReportText } from './reportText';
import { offerReopen, REOPEN_COMMAND, reopenWithGb18030 } from './encoding';
import { localeSetting, t } from './locale';
import { newReport, runSourceAction } from './writing';

export { LANGUAGE };
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

export function clientOptions(context: vscode.ExtensionContext): LanguageClientOptions {
  return {
    documentSelector: [{ language: LANGUAGE }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`) },
    // `locale`: the server's language (nianbao.locale; `auto` is resolved by the server from the client's locale).
    // `pdfReader`: where the web server loads the PDF reader from (the Node server finds it beside itself).
    initializationOptions: () => ({
      docsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString() + '/', locale: localeSetting(),
      pdfReader: vscode.Uri.joinPath(context.extensionUri, 'dist', 'pdf.js').toString(true),
    }),
    outputChannelName: 'Nianbao 年报',
    middleware: {
      // The rule-doc action carries the server's command, so that every client can run it; VS Code shows
      // the page in its Markdown preview instead of opening the file.
      executeCommand: (command, args, next) => command === ServerCommand.openRuleDoc
        ? vscode.commands.executeCommand(OPEN_RULE_DOC, args[0])
        : next(command, args),
    },
  };
}


/** Activate: the language server starts only once a report is open. */
export function activateCommon(context: vscode.ExtensionContext, createClient: ClientFactory): void {
  const status = languageStatus(context);
  const ensureClient = clientStarter(context, createClient, status.show);
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  context.subscriptions.push(workspaceDiagnostics);
  const asked = new Set<string>();
  const maybeStart = (doc: vscode.TextDocument) => {
    // The text read from a web page, a Word file or a PDF: in the report language (registerReportText sees to it); nothing to offer.
    if (doc.uri.scheme === REPORT_TEXT_SCHEME) {
      if (doc.languageId === LANGUAGE) {
        // The server checks it now: what the workspace check listed for it would show twice.
        workspaceDiagnostics.delete(doc.uri);
        ensureClient().catch(() => undefined);
      }
      return;
    }
    if (doc.languageId === LANGUAGE) {
      // The server checks an open report: what "check every report" said about it when it was closed would show twice, then go stale.
      workspaceDiagnostics.delete(doc.uri);
      ensureClient().catch(() => undefined);
    } else if ((doc.languageId === 'plaintext' || doc.languageId === 'markdown') && doc.uri.scheme !== 'output') void offerLanguage(doc, asked);
    if ((doc.languageId === LANGUAGE || doc.languageId === 'plaintext' || doc.languageId === 'markdown') && doc.uri.scheme !== 'output') {
      void offerReopen(doc, hasReportTitle);
    }
  };
  const checkWorkspace = (quiet = false) => checkEveryReport(ensureClient, workspaceDiagnostics, quiet);
  /** A plain text that becomes a report as it is written (its title typed or pasted): offered the language then, once per file. */
  const maybeOffer = (e: vscode.TextDocumentChangeEvent) => {
    const doc = e.document;
    if ((doc.languageId !== 'plaintext' && doc.languageId !== 'markdown') || doc.uri.scheme === 'output' || asked.has(doc.uri.toString())) return;
    if (e.contentChanges.some(c => c.range.start.line < OFFER_LINES)) void offerLanguage(doc, asked);
  };

  vscode.workspace.textDocuments.forEach(maybeStart);
  const previews = registerTablePreview(context, ensureClient, LANGUAGE, t);
  registerReportText(context, ensureClient, LANGUAGE, t, previews);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(maybeStart),
    vscode.workspace.onDidChangeTextDocument(maybeOffer),
    vscode.commands.registerCommand('nianbao.fixAll', () => runSourceAction(ensureClient, LANGUAGE, FIX_ALL_KIND, t('没有可自动修正的问题', 'Nothing to fix automatically'), t)),
    vscode.commands.registerCommand('nianbao.computeTotals', () => runSourceAction(ensureClient, LANGUAGE, COMPUTE_TOTALS_KIND, t('没有可计算的合计（三表、四表都还没有）', 'No total to compute (no 三 or 四 table yet)'), t)),
    vscode.commands.registerCommand('nianbao.newReport', () => newReport(ensureClient, LANGUAGE, t)),
    vscode.commands.registerCommand('nianbao.checkWorkspace', () => checkWorkspace()),
    // What "check every report" listed is checked again, quietly, when the findings' language, rules or format change.
    vscode.workspace.onDidChangeConfiguration(e => {
      let listed = false;
      workspaceDiagnostics.forEach(() => (listed = true));
      if (listed && ['nianbao.locale', 'nianbao.rules', 'nianbao.template'].some(k => e.affectsConfiguration(k))) void checkWorkspace(true);
    }),
    vscode.commands.registerCommand(OPEN_RULE_DOC, (id?: string) => openRuleDoc(context, ensureClient, id)),
    vscode.commands.registerCommand('nianbao.showOutput', async () => {
      const c = await ensureClient();
      c.outputChannel.show(true);
    }),
    vscode.commands.registerCommand(REOPEN_COMMAND, async (uri?: vscode.Uri) => {
      const doc = await reopenWithGb18030(uri instanceof vscode.Uri ? uri : undefined);
      if (doc) maybeStart(doc);
    }),
    // The walkthrough's first step: an example report (a certain and an uncertain error), as an untitled copy.
    vscode.commands.registerCommand('nianbao.openExample', async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'docs', 'walkthrough', 'example.nianbao.txt'));
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc);
    }),
  );
}

/** Starts the language client the first time a report needs it; a failed start is tried again next time. */
function clientStarter(context: vscode.ExtensionContext, createClient: ClientFactory, showStatus: (s: Status) => void): () => Promise<BaseLanguageClient> {
  let client: BaseLanguageClient | null = null;
  let starting: Promise<BaseLanguageClient> | null = null;
  const ensureClient = (): Promise<BaseLanguageClient> => {
    if (client) return Promise.resolve(client);
    if (!starting) {
      starting = (async () => {
        const c = createClient(clientOptions(context));
        c.onNotification(StatusNotification, showStatus);
        c.onRequest(FindConfigRequest, p => findConfig(p.uri));
        // The web server's PDF reader asks for the CMaps of Chinese fonts (the Node server reads them itself).
        c.onRequest(CMapRequest, async p => {
          if (!/^[\w.-]+$/.test(p.name)) return null;
          try {
            return bytesToBase64(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'cmaps', `${p.name}.bcmap`)));
          } catch {
            return null;
          }
        });
        await c.start();
        client = c;
        context.subscriptions.push({ dispose: () => void c.stop() });
        return c;
      })();
      // A failed start is reported and tried again the next time a report opens.
      starting.catch(e => {
        starting = null;
        void vscode.window.showErrorMessage(t(`年报语言服务器未能启动：${e}`, `The Nianbao language server did not start: ${e}`), t('查看输出', 'Show output'))
          .then(pick => pick && vscode.commands.executeCommand('nianbao.showOutput'));
      });
    }
    return starting;
  };
  return ensureClient;
}
