/**
 * "Open as report text": a saved web page (.html/.htm), a Word file (.docx) or a PDF shown as the
 * report text the CLI checks, in a read-only document of its own scheme (`REPORT_TEXT_SCHEME`) in the
 * report language, so diagnostics, hover, outline, folding and the tables preview all work on it. The
 * file's bytes go to the language server, which reads them with the CLI's readers (desktop and web
 * alike; a PDF page by page, with progress, cancellable); when the file changes on disk the text is
 * read again. Each finding names its place in the file (the server's related information), and
 * 「在原文中显示」 reveals the place of the cursor's finding or selection: a web page's source at its line
 * and column, a PDF's page in the tables preview with the text outlined, a Word file's table cell or
 * paragraph in words.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type BaseLanguageClient } from 'vscode-languageclient';
import {
  bytesToBase64, MAX_DOCUMENT_BYTES, ReadDocumentRequest, REPORT_TEXT_SCHEME, SourcePlaceRequest, type ReadDocumentParams, type ReadDocumentResult, type Translate as T,
} from '../../server/src/protocol';
import type { TablePreviews } from './preview';

export const OPEN_AS_REPORT_TEXT = 'nianbao.openAsReportText';
export const REVEAL_IN_SOURCE = 'nianbao.revealInSource';


/** The files the command is offered for (the menus' `when` clauses say the same). */
const DOCUMENT = /\.(html?|xhtml|shtml|docx|pdf)$/i;
const PDF = /\.pdf$/i;
/** Edits of a file come in bursts (a save writes, then renames): read it once they stop. */
const REREAD_DELAY_MS = 300;
/** How long after a report text's document closes its text and watcher are dropped (if it did not reopen). */
const CLOSED_DELAY_MS = 1000;

export function reportTextUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_TEXT_SCHEME, path: source.path, query: source.toString() });
}

export function sourceOf(uri: vscode.Uri): vscode.Uri | null {
  if (uri.scheme !== REPORT_TEXT_SCHEME || !uri.query) return null;
  try {
    return vscode.Uri.parse(uri.query, true);
  } catch {
    return null;
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** A file read as report text, or why it could not be (`ReadDocumentResult.problems`, or a read error). */
class CannotRead extends Error {}

/** The user cancelled the reading of a PDF. */
class ReadCancelled extends Error {}

let progressTokens = 0;

/**
 * A file's report text, read by the language server (the file's bytes sent, its text back), for
 * "Open as report text" and for the workspace check alike. The file's URI goes with it, so that the
 * server names each finding's place in the file. `interactive`: a PDF is read with its pages shown
 * in a notification that can cancel it (then `ReadCancelled` is thrown). Throws `CannotRead` (with
 * why, in the user's language) for what cannot be sent.
 */
export async function readReportText(client: () => Promise<BaseLanguageClient>, source: vscode.Uri, t: T, interactive = false): Promise<ReadDocumentResult> {
  const st = await vscode.workspace.fs.stat(source);
  if ((st.type & vscode.FileType.File) === 0) throw new CannotRead(t('不是普通文件', 'not a regular file'));
  if (st.size > MAX_DOCUMENT_BYTES) {
    throw new CannotRead(t(
      `文件超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB，编辑器中不读取：请在终端运行 nianbao check "${baseName(source)}"`,
      `the file is over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB and is not read in the editor: run nianbao check "${baseName(source)}" in a terminal`,
    ));
  }
  const params: ReadDocumentParams = { name: baseName(source), data: bytesToBase64(await vscode.workspace.fs.readFile(source)), uri: source.toString() };
  const c = await client();
  const r = interactive && PDF.test(source.path) ? await readWithProgress(c, params, t) : await c.sendRequest(ReadDocumentRequest, params);
  if (!r) throw new CannotRead(t('语言服务器未能读取它（详见“年报: 显示语言服务器输出”）', 'the language server could not read it (see "Nianbao: Show Language Server Output")'));
  return r;
}

/** A PDF read with its pages counted in a notification, which can cancel it (the server stops between pages). */
function readWithProgress(c: BaseLanguageClient, params: ReadDocumentParams, t: T): Thenable<ReadDocumentResult | null> {
  const title = t(`正在读取“${params.name}”`, `Reading ${params.name}`);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const workDoneToken = `nianbao-read-${++progressTokens}`;
    let done = 0;
    const listening = c.onProgress(WorkDoneProgress.type, workDoneToken, v => {
      if (v.kind !== 'report' || v.percentage === undefined) return;
      progress.report({ increment: v.percentage - done, message: v.message });
      done = v.percentage;
    });
    try {
      return await c.sendRequest(ReadDocumentRequest, { ...params, workDoneToken }, token);
    } catch (e) {
      if (token.isCancellationRequested) throw new ReadCancelled();
      throw e;
    } finally {
      listening.dispose();
    }
  });
}

class ReportTexts implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => Promise<BaseLanguageClient>, private readonly t: T) {}

  read(source: vscode.Uri): Promise<ReadDocumentResult> {
    return readReportText(this.client, source, this.t);
  }

  /** What the editor shows; read again when VS Code asks for a document it no longer has (a restored tab). */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const source = sourceOf(uri);
    if (!source) throw new Error(this.t('不是由文件读出的年报文本', 'not a report text read from a file'));
    const r = await this.read(source);
    if (!r.text) throw new Error(r.problems.join('；'));
    this.keep(uri, source, r.text);
    return r.text;
  }

  /** Keep a file's text (an open document of it is updated) and watch the file. */
  keep(uri: vscode.Uri, source: vscode.Uri, text: string): void {
    const key = uri.toString();
    const before = this.texts.get(key);
    this.texts.set(key, text);
    if (before !== undefined && before !== text) this.changed.fire(uri);
    if (this.watchers.has(key)) return;
    const folder = vscode.Uri.joinPath(source, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, baseName(source)));
    const reread = () => this.schedule(uri, source);
    this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread)));
  }

  private schedule(uri: vscode.Uri, source: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.reread(uri, source);
    }, REREAD_DELAY_MS));
  }

  /** The file changed: its new text, or (unreadable now) the last text kept, and the user told why. */
  private async reread(uri: vscode.Uri, source: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (!this.texts.has(key)) return;
    let why: string;
    try {
      const r = await this.read(source);
      if (r.text) {
        this.keep(uri, source, r.text);
        return;
      }
      why = r.problems.join('；');
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    void vscode.window.showWarningMessage(this.t(
      `“${baseName(source)}”已改变，但无法读取：${why}。显示的仍是上次读到的文字。`,
      `${baseName(source)} changed but cannot be read: ${why}. The text shown is the one read before.`,
    ));
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.texts.delete(key);
    this.watchers.get(key)?.dispose();
    this.watchers.delete(key);
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.watchers.clear();
    this.timers.clear();
    this.changed.dispose();
  }
}

/** The file the command is for: the active editor's or tab's (a Word file has no text editor), else one the user picks. */
async function pickSource(t: T): Promise<vscode.Uri | undefined> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active = vscode.window.activeTextEditor?.document.uri
    ?? (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined);
  if (active && DOCUMENT.test(active.path) && active.scheme !== REPORT_TEXT_SCHEME) return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: t('以年报文本打开', 'Open as Report Text'),
    filters: { [t('网页、Word 文件、PDF', 'Web pages, Word files, PDFs')]: ['html', 'htm', 'docx', 'pdf'], [t('所有文件', 'All files')]: ['*'] },
  });
  return picked?.[0];
}

export function registerReportText(context: vscode.ExtensionContext, client: () => Promise<BaseLanguageClient>, language: string, t: T, previews: TablePreviews): void {
  const texts = new ReportTexts(client, t);
  /** Report texts the command is opening (it sets their language itself). */
  const opening = new Set<string>();
  context.subscriptions.push(
    texts,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_TEXT_SCHEME, texts),
    // Opened otherwise, from a finding of the workspace check (VS Code names the language by the file's extension): a report's text.
    vscode.workspace.onDidOpenTextDocument(doc => {
      if (doc.uri.scheme !== REPORT_TEXT_SCHEME || doc.languageId === language || opening.has(doc.uri.toString())) return;
      void vscode.languages.setTextDocumentLanguage(doc, language).then(undefined, () => undefined);
    }),
    // Setting the language closes and reopens the document at once: forget it only if it stays closed.
    vscode.workspace.onDidCloseTextDocument(doc => {
      if (doc.uri.scheme !== REPORT_TEXT_SCHEME) return;
      const key = doc.uri.toString();
      setTimeout(() => {
        if (!vscode.workspace.textDocuments.some(d => d.uri.toString() === key)) texts.forget(doc.uri);
      }, CLOSED_DELAY_MS);
    }),
    vscode.commands.registerCommand(OPEN_AS_REPORT_TEXT, async (arg?: unknown) => {
      const source = arg instanceof vscode.Uri ? sourceOf(arg) ?? arg : await pickSource(t);
      if (!source) return;
      const name = baseName(source);
      let r: ReadDocumentResult;
      try {
        r = await readReportText(client, source, t, true);
      } catch (e) {
        if (e instanceof ReadCancelled) return;
        void vscode.window.showErrorMessage(t(`无法读取“${name}”：${e instanceof Error ? e.message : String(e)}`, `Cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      if (!r.text) {
        const why = r.problems.join('；') || t('没有读到文字', 'no text was found');
        void vscode.window.showErrorMessage(t(`无法读取“${name}”：${why}`, `Cannot read ${name}: ${why}`));
        return;
      }
      const uri = reportTextUri(source);
      texts.keep(uri, source, r.text);
      opening.add(uri.toString());
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(uri);
        if (doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
      } finally {
        opening.delete(uri.toString());
      }
      await vscode.window.showTextDocument(doc, { preview: false });
      if (r.problems.length) {
        void vscode.window.showWarningMessage(t(`“${name}”只读出了一部分：${r.problems.join('；')}`, `${name} was read only in part: ${r.problems.join('; ')}`));
      } else if (!r.report) {
        void vscode.window.showInformationMessage(t(
          `“${name}”读出的文字看起来不是政府信息公开工作年度报告（没有报告标题、章节标题或统计表），不做检查`,
          `The text of ${name} does not look like an annual report (no report title, section headings or tables): it is not checked`,
        ));
      }
    }),
    vscode.commands.registerCommand(REVEAL_IN_SOURCE, () => revealInSource(client, t, previews)),
  );
}

/**
 * 「在原文中显示」: where the cursor's finding (or the selection, or the cursor) stands in the file the
 * report text was read from — a web page opened at its line and column, a PDF's page shown in the
 * tables preview with the text outlined, a Word file's place said in words (the editor shows no
 * Word file), with an offer to open it in its own program on the desktop.
 */
async function revealInSource(client: () => Promise<BaseLanguageClient>, t: T, previews: TablePreviews): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  const source = doc ? sourceOf(doc.uri) : null;
  if (!editor || !doc || !source) {
    void vscode.window.showInformationMessage(t('请在由网页、Word 文件或 PDF 读出的年报文本中使用', 'Use it in a report text read from a web page, a Word file or a PDF'));
    return;
  }
  let range: vscode.Range = editor.selection;
  if (range.isEmpty) {
    const at = editor.selection.active;
    range = vscode.languages.getDiagnostics(doc.uri).find(d => d.range.contains(at))?.range ?? range;
  }
  const c = await client();
  const place = await c.sendRequest(SourcePlaceRequest, { uri: doc.uri.toString(), range: c.code2ProtocolConverter.asRange(range) });
  const name = baseName(source);
  if (!place) {
    void vscode.window.showInformationMessage(t(`不知道这里在“${name}”中的位置（文件读出后改过？请重新打开）`, `Where this is in ${name} is not known (did the file change? Open it again)`));
    return;
  }
  if (place.position) {
    const at = new vscode.Position(place.position.line, place.position.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(place.source), { selection: new vscode.Range(at, at), preview: false });
    return;
  }
  if (place.kind === 'pdf' && place.page) {
    await previews.showPdfPage(doc, place.page, place.box);
    return;
  }
  const open = t('用默认程序打开', 'Open in Its Program');
  const offer = source.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop ? [open] : [];
  const pick = await vscode.window.showInformationMessage(t(`在“${name}”中：${place.text}`, `In ${name}: ${place.text}`), ...offer);
  if (pick === open) await vscode.env.openExternal(source);
}
