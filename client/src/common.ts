/**
 * What the desktop and web clients share: commands, the language status item, switching
 * plain-text reports to the language, GBK reports, checking a whole workspace, the walkthrough.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  bytesToBase64, CheckDocumentsRequest, CMapRequest, COMPUTE_TOTALS_KIND, CONFIG_FILE, findConfigUpward, FindConfigRequest, FIX_ALL_KIND, isAcross,
  REPORT_TEXT_SCHEME, RulesRequest, ServerCommand, StatusNotification, type ConfigFile, type Status,
} from '../../server/src/protocol';
import { MAX_CONFIG_BYTES, MAX_REPORT_BYTES, REPORT_TITLE } from '../../server/src/protocol/names';
import { registerTablePreview } from './preview';
import { readReportText, registerReportText, reportTextUri } from './reportText';
import { decodeClosed, offerReopen, REOPEN_COMMAND, reopenWithGb18030 } from './encoding';
import { localeSetting, t } from './locale';
import { newReport, runSourceAction } from './writing';

export const LANGUAGE = 'nianbao';
/** The palette command: a rule's page, picked from the list when no id is given. */
const OPEN_RULE_DOC = 'nianbao.openRuleDoc';

/** Reveals the Problems panel; `workbench.actions.view.problems` toggles it, hiding it when it has the focus. */
const SHOW_PROBLEMS = 'workbench.panel.markers.view.focus';
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


/**
 * A file's bytes, if it is a regular file no larger than `max`: a FIFO or a link to /dev/zero named
 * like a report or a config file must not hang the editor or fill its memory.
 */
async function readRegularFile(uri: vscode.Uri, max: number): Promise<Uint8Array> {
  const st = await vscode.workspace.fs.stat(uri);
  if ((st.type & vscode.FileType.File) === 0) throw new Error(t('不是普通文件', 'not a regular file'));
  if (st.size > max) throw new Error(t(`文件过大（上限 ${max / 1024 / 1024} MB）`, `too large (limit ${max / 1024 / 1024} MB)`));
  return vscode.workspace.fs.readFile(uri);
}

/** Whether one of the first lines of a text holds a report's title (the parser decides whether it is a report). */
export function hasReportTitle(text: string): boolean {
  return text.split(/\r?\n/).filter(l => l.trim()).slice(0, 10).some(l => REPORT_TITLE.test(l));
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

/**
 * The language status item (`{}`): the format, the counts, the config file; a click reveals the Problems
 * panel. VS Code shows a language status item's text only on hover (or once the user pins it), so the
 * counts also have a status bar entry of their own, shown while a report is the active editor.
 */
function languageStatus(context: vscode.ExtensionContext): { show: (s: Status) => void } {
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

/** The lines of a plain text read for a report's title. */
const OFFER_LINES = 40;

/** A plain-text or Markdown file that looks like a report is offered the language (`nianbao.autoDetect`), when opened or as it is written. */
async function offerLanguage(doc: vscode.TextDocument, asked: Set<string>): Promise<void> {
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

/**
 * "Check every report in the workspace": closed reports read from disk, open ones as they are. Saved
 * web pages, Word files and PDFs are read by the server as "Open as report text" reads them, and their
 * findings listed under their report-text URI (a click opens that text).
 * Run again quietly when a setting that changes the findings changes (their language, rules, format),
 * so that what it listed never stays in the old language or the old rules.
 */
async function checkEveryReport(ensureClient: () => Promise<BaseLanguageClient>, workspaceDiagnostics: vscode.DiagnosticCollection, quiet: boolean): Promise<void> {
  const c = await ensureClient();
  const uris = await vscode.workspace.findFiles('**/*.{nianbao,txt,md}', EXCLUDE, MAX_FILES);
  const openDocs = vscode.workspace.textDocuments.filter(d => d.languageId === LANGUAGE);
  const open = new Set(openDocs.map(d => d.uri.toString()));
  const documents: { uri: string; text: string }[] = [];
  for (const uri of uris) {
    if (open.has(uri.toString())) continue;
    try {
      const text = await decodeClosed(uri, await readRegularFile(uri, MAX_REPORT_BYTES));
      if (/\.nianbao(\.(txt|md))?$/.test(uri.path) || hasReportTitle(text)) documents.push({ uri: uri.toString(), text });
    } catch {
      // An unreadable file (or a FIFO, a device, one too large) is skipped; the others are checked.
    }
  }
  const read = await readClosedDocuments(ensureClient, open);
  documents.push(...read.documents);
  const closed = documents.length;
  // Open reports go too, as they are in the editor: reports are also compared with each other.
  for (const d of openDocs) documents.push({ uri: d.uri.toString(), text: d.getText() });
  const results = await c.sendRequest(CheckDocumentsRequest, { documents });
  workspaceDiagnostics.clear();
  let problems = 0;
  for (const r of results) {
    // Every report counts, the open ones too (what the editor shows for them is this same check).
    problems += r.diagnostics.length;
    // For an open report the language server shows its own findings; only those across reports are added here.
    const shown = open.has(r.uri) ? r.diagnostics.filter(isAcross) : r.diagnostics;
    if (shown.length) workspaceDiagnostics.set(vscode.Uri.parse(r.uri), await c.protocol2CodeConverter.asDiagnostics(shown));
  }
  if (quiet) return;
  await vscode.commands.executeCommand(SHOW_PROBLEMS);
  const more = [
    read.unreadable ? t(
      `${read.unreadable} 个网页、Word 文件或 PDF 无法读取或只读出一部分（可用“以年报文本打开”查看原因）`,
      `${read.unreadable === 1 ? '1 web page, Word file or PDF' : `${read.unreadable} web pages, Word files or PDFs`} could not be read in full (Open as Report Text says why)`,
    ) : '',
  ].filter(Boolean);
  void vscode.window.showInformationMessage(
    t(`已检查 ${closed + open.size} 份报告，发现 ${problems} 个问题`, `Checked ${closed + open.size} reports: ${problems} problem${problems === 1 ? '' : 's'}`)
    + more.map(m => t(`；${m}`, `; ${m}`)).join(''),
  );
}

const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_FILES = 2000;

/**
 * The closed web pages, Word files and PDFs of the workspace that read as reports, as their report text
 * under its report-text URI (the server's reader, as "Open as report text"). One whose text is open
 * is left to the open documents. Files that are not reports are passed over in silence; those that
 * could not be read (or only in part: checked as far as read) are counted. The status bar names the
 * file being read (a PDF takes a second or more).
 */
async function readClosedDocuments(ensureClient: () => Promise<BaseLanguageClient>, open: Set<string>): Promise<{ documents: { uri: string; text: string }[]; unreadable: number }> {
  // File search is case-sensitive: 报告.DOCX is a Word file too.
  const uris = await vscode.workspace.findFiles('**/*.{html,htm,docx,pdf,HTML,HTM,DOCX,PDF,Html,Htm,Docx,Pdf}', EXCLUDE, MAX_FILES);
  const documents: { uri: string; text: string }[] = [];
  let unreadable = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('年报：读取文件', 'Nianbao: reading files') }, async progress => {
    for (const source of uris) {
      const uri = reportTextUri(source).toString();
      if (open.has(uri)) continue;
      progress.report({ message: source.path.slice(source.path.lastIndexOf('/') + 1) });
      try {
        const r = await readReportText(ensureClient, source, t);
        if (!r.text) unreadable++;
        else if (r.report) {
          if (r.problems.length) unreadable++;
          documents.push({ uri, text: r.text });
        }
      } catch {
        unreadable++;
      }
    }
  });
  return { documents, unreadable };
}

/** A rule's page in the Markdown preview; without an id, a pick of the rules in the editor's language. */
async function openRuleDoc(context: vscode.ExtensionContext, ensureClient: () => Promise<BaseLanguageClient>, id?: string): Promise<void> {
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

/**
 * The web server cannot read files: it asks the client, which searches upward from the report
 * like the CLI and the Node server do, and sends the file's text for the server to validate.
 */
function findConfig(uri: string): Promise<ConfigFile | null> {
  return findConfigUpward(uri, async candidate => {
    try {
      return await readRegularFile(vscode.Uri.parse(candidate), MAX_CONFIG_BYTES);
    } catch (e) {
      // No such file (or no such folder, or a file system that cannot say): look further up.
      if (e instanceof vscode.FileSystemError) return undefined;
      throw e;
    }
  });
}
