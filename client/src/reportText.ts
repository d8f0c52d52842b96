/**
 * "Open as report text": a saved web page (.html/.htm) or a Word file (.docx) shown as the report text
 * the CLI checks, in a read-only document of its own scheme (`REPORT_TEXT_SCHEME`) in the report
 * language, so diagnostics, hover, outline, folding and the tables preview all work on it. The file's
 * bytes go to the language server, which reads them with the CLI's readers (desktop and web alike);
 * when the file changes on disk the text is read again. A PDF is read by the CLI only: the command
 * says so.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { bytesToBase64, MAX_DOCUMENT_BYTES, ReadDocumentRequest, REPORT_TEXT_SCHEME, type ReadDocumentResult } from '../../server/src/protocol';

export const OPEN_AS_REPORT_TEXT = 'nianbao.openAsReportText';

type T = (zh: string, en: string) => string;

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

/**
 * A file's report text, read by the language server (the file's bytes sent, its text back), for
 * "Open as report text" and for the workspace check alike. PDF: no bytes, the server says why.
 * Throws `CannotRead` (with why, in the user's language) for what cannot be sent.
 */
export async function readReportText(client: () => Promise<BaseLanguageClient>, source: vscode.Uri, t: T): Promise<ReadDocumentResult> {
  let data = '';
  if (!PDF.test(source.path)) {
    const st = await vscode.workspace.fs.stat(source);
    if ((st.type & vscode.FileType.File) === 0) throw new CannotRead(t('不是普通文件', 'not a regular file'));
    if (st.size > MAX_DOCUMENT_BYTES) {
      throw new CannotRead(t(
        `文件超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB，编辑器中不读取：请在终端运行 nianbao check "${baseName(source)}"`,
        `the file is over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB and is not read in the editor: run nianbao check "${baseName(source)}" in a terminal`,
      ));
    }
    data = bytesToBase64(await vscode.workspace.fs.readFile(source));
  }
  const c = await client();
  const r = await c.sendRequest(ReadDocumentRequest, { name: baseName(source), data });
  if (!r) throw new CannotRead(t('语言服务器未能读取它（详见“年报: 显示语言服务器输出”）', 'the language server could not read it (see "Nianbao: Show Language Server Output")'));
  return r;
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
    filters: { [t('网页、Word 文件', 'Web pages, Word files')]: ['html', 'htm', 'docx'], [t('所有文件', 'All files')]: ['*'] },
  });
  return picked?.[0];
}

export function registerReportText(context: vscode.ExtensionContext, client: () => Promise<BaseLanguageClient>, language: string, t: T): void {
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
        r = await texts.read(source);
      } catch (e) {
        void vscode.window.showErrorMessage(t(`无法读取“${name}”：${e instanceof Error ? e.message : String(e)}`, `Cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      if (r.kind === 'pdf') {
        void vscode.window.showInformationMessage(r.problems.join('；'));
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
  );
}
