/**
 * The table preview: a webview beside a report that shows its 二, 三 and 四 tables as the official
 * grids, drawn by the server's renderer. Clicking a number selects it in the editor; editing the
 * report redraws the grids; scrolling the editor scrolls the preview; the cursor's cell is outlined.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TablesRequest, type TablesResult } from '../../server/src/protocol';
import { makeNonce, previewPage } from './previewPage';

const VIEW_TYPE = 'nianbao.tables';
const REDRAW_DELAY_MS = 250;
/** How often to ask again when the server has not seen the latest edit yet. */
const RETRIES = 20;

type T = (zh: string, en: string) => string;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function summaryHtml(r: TablesResult, name: string, t: T): string {
  const counts = t(
    `<span class="errors">${r.errors} 个错误</span> · <span class="warnings">${r.warnings} 个警告</span> · ${r.infos} 条提示`,
    `<span class="errors">${r.errors} error${r.errors === 1 ? '' : 's'}</span> · <span class="warnings">${r.warnings} warning${r.warnings === 1 ? '' : 's'}</span> · ${r.infos} info`,
  );
  return `<strong>${escapeHtml(name)}</strong> · ${escapeHtml(t(`${r.template} 年格式`, `${r.template} format`))} · ${counts} · ${escapeHtml(t('点击数字可跳到原文', 'Click a number to go to it'))}`;
}

class TablePreview {
  readonly panel: vscode.WebviewPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private drawn = -1;
  private loaded = false;

  constructor(readonly doc: vscode.TextDocument, private readonly client: () => Promise<BaseLanguageClient>, private readonly t: T, column: vscode.ViewColumn) {
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, t(`表格：${this.name}`, `Tables: ${this.name}`), { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
    });
    this.panel.webview.onDidReceiveMessage(m => this.onMessage(m));
  }

  get name(): string {
    return this.doc.uri.path.slice(this.doc.uri.path.lastIndexOf('/') + 1);
  }

  /** Ask the server for the tables of the current text, and show them. */
  async draw(attempt = 0): Promise<void> {
    const c = await this.client();
    const r = await c.sendRequest(TablesRequest, { uri: this.doc.uri.toString() });
    if (!r || r.version < this.doc.version) {
      // The server has not had the latest edit (or the document) yet.
      if (attempt < RETRIES) this.schedule(attempt + 1);
      return;
    }
    if (r.version === this.drawn && this.loaded) return;
    this.drawn = r.version;
    const summary = summaryHtml(r, this.name, this.t);
    if (!this.loaded) {
      this.loaded = true;
      this.panel.webview.html = previewPage({
        cspSource: this.panel.webview.cspSource, nonce: makeNonce(), css: r.css, html: r.html, summary, lang: this.t('zh-CN', 'en'),
      });
    } else {
      void this.panel.webview.postMessage({ type: 'update', html: r.html, summary, version: r.version });
    }
  }

  schedule(attempt = 0): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw(attempt).catch(() => undefined);
    }, REDRAW_DELAY_MS);
  }

  /** The editor's top line and cursor, for the page to follow. */
  follow(editor: vscode.TextEditor, scroll = true): void {
    const top = editor.visibleRanges[0]?.start;
    if (top && scroll) void this.panel.webview.postMessage({ type: 'scroll', offset: this.doc.offsetAt(top) });
    void this.panel.webview.postMessage({ type: 'cursor', offset: this.doc.offsetAt(editor.selection.active) });
  }

  private async onMessage(m: { type?: string; start?: number; end?: number }): Promise<void> {
    if (m.type === 'ready') {
      const editor = vscode.window.visibleTextEditors.find(e => e.document === this.doc);
      if (editor) this.follow(editor);
      return;
    }
    if (m.type !== 'reveal' || typeof m.start !== 'number' || typeof m.end !== 'number') return;
    const start = this.doc.positionAt(m.start);
    const end = this.doc.positionAt(m.end);
    const shown = vscode.window.visibleTextEditors.find(e => e.document === this.doc);
    // The number selected, the cursor before it: typing replaces it.
    const editor = await vscode.window.showTextDocument(this.doc, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(end, start);
    editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Registers the command and keeps every open preview in step with its report. */
export function registerTablePreview(context: vscode.ExtensionContext, client: () => Promise<BaseLanguageClient>, language: string, t: T): void {
  const previews = new Map<string, TablePreview>();
  const of = (doc: vscode.TextDocument) => previews.get(doc.uri.toString());

  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.showTables', async (uri?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!doc || doc.languageId !== language) {
        void vscode.window.showInformationMessage(t('请先打开一份年报', 'Open a report first'));
        return;
      }
      const open = of(doc);
      if (open) {
        open.panel.reveal(undefined, true);
        return;
      }
      const preview = new TablePreview(doc, client, t, vscode.ViewColumn.Beside);
      previews.set(doc.uri.toString(), preview);
      preview.panel.onDidDispose(() => {
        preview.dispose();
        previews.delete(doc.uri.toString());
      });
      await preview.draw();
    }),
    vscode.workspace.onDidChangeTextDocument(e => of(e.document)?.schedule()),
    // Findings can change without an edit (a setting, .nianbaorc.json): redraw when they do.
    vscode.languages.onDidChangeDiagnostics(e => {
      for (const uri of e.uris) previews.get(uri.toString())?.schedule();
    }),
    vscode.window.onDidChangeTextEditorVisibleRanges(e => of(e.textEditor.document)?.follow(e.textEditor)),
    vscode.window.onDidChangeTextEditorSelection(e => of(e.textEditor.document)?.follow(e.textEditor, false)),
    { dispose: () => previews.forEach(p => p.panel.dispose()) },
  );
}
