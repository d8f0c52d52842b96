/**
 * The table preview: a webview beside a report that shows its 二, 三 and 四 tables as the official
 * grids, drawn by the server's renderer. Clicking a number selects it in the editor; editing the
 * report redraws the grids; scrolling the editor scrolls the preview; the cursor's cell is outlined.
 * For a report text read from a PDF it can show the PDF's pages instead (drawn by pdfjs in the
 * webview, under the same CSP), every cell with a finding outlined where it is printed; a click on
 * one selects the number in the report text.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TablesRequest, type PdfPages, type TablesResult, type Translate as T } from '../../server/src/protocol';
import { makeNonce, previewPage } from './previewPage';

const VIEW_TYPE = 'nianbao.tables';
const REDRAW_DELAY_MS = 250;
/** How often to ask again when the server has not seen the latest edit yet. */
const RETRIES = 20;
/** How long after a click in the page its late focus news is answered by focusing the editor again. */
const FOCUS_SETTLE_MS = 1000;


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

/** The page's part of `PdfPages`: the file's URI stays with the extension. */
const forPage = (pdf: PdfPages | undefined) => (pdf ? { pages: pdf.pages, marks: pdf.marks } : null);

class TablePreview {
  readonly panel: vscode.WebviewPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private drawn = -1;
  private loaded = false;
  /** The page has run its script (messages posted before are lost). */
  private ready = false;
  private readonly pending: unknown[] = [];
  /** The PDF the report text was read from, with its marked cells (from the last tables answer). */
  private pdf: PdfPages | undefined;

  constructor(readonly doc: vscode.TextDocument, private readonly client: () => Promise<BaseLanguageClient>, private readonly t: T, column: vscode.ViewColumn, private readonly extensionUri: vscode.Uri) {
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, t(`表格：${this.name}`, `Tables: ${this.name}`), { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      // The PDF reader (dist/pdf.js), loaded by the page only when it shows a PDF's pages.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    this.panel.webview.onDidReceiveMessage(m => this.onMessage(m));
  }

  /** Post to the page once it listens. */
  private post(m: unknown): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.pending.push(m);
  }

  /** Show the PDF's page `page` with `box` outlined (“reveal in the source file”). */
  showPage(page: number, box: [number, number, number, number] | undefined): void {
    this.panel.reveal(undefined, true);
    this.post({ type: 'show-page', page, box });
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
    this.pdf = r.pdf;
    const summary = summaryHtml(r, this.name, this.t);
    if (!this.loaded) {
      this.loaded = true;
      const t = this.t;
      this.panel.webview.html = previewPage({
        cspSource: this.panel.webview.cspSource, nonce: makeNonce(), css: r.css, html: r.html, summary, lang: t('zh-CN', 'en'),
        pdfScript: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'pdf.js')).toString(),
        pagesLabels: {
          pages: t('显示 PDF 原页', 'Show PDF Pages'), tables: t('显示表格', 'Show Tables'), page: t('第 {n} 页', 'Page {n}'),
          loading: t('正在打开 PDF…', 'Opening the PDF…'), unreadable: t('无法读取 PDF 文件', 'Cannot read the PDF file'),
        },
      });
      this.post({ type: 'pdf', pdf: forPage(r.pdf) });
    } else {
      this.post({ type: 'update', html: r.html, summary, version: r.version, pdf: forPage(r.pdf) });
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
    if (top && scroll) this.post({ type: 'scroll', offset: this.doc.offsetAt(top) });
    this.post({ type: 'cursor', offset: this.doc.offsetAt(editor.selection.active) });
  }

  /**
   * What the page view asks for: the PDF's bytes, a CMap of the PDF reader; null when it cannot be read.
   * As a plain Uint8Array: a Node Buffer (what `fs.readFile` gives in a Node extension host) would reach
   * the page as its JSON (`{type: 'Buffer', data}`), not as bytes.
   */
  private async answer(m: { what?: string; name?: unknown }): Promise<Uint8Array | null> {
    try {
      if (m.what === 'pdf-data' && this.pdf) return new Uint8Array(await vscode.workspace.fs.readFile(vscode.Uri.parse(this.pdf.source)));
      if (m.what === 'cmap' && typeof m.name === 'string' && /^[\w.-]+$/.test(m.name)) {
        return new Uint8Array(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'cmaps', `${m.name}.bcmap`)));
      }
    } catch {
      // Answered with null: the page says it cannot read the file.
    }
    return null;
  }

  private async onMessage(m: { type?: string; start?: number; end?: number; id?: number; what?: string; name?: unknown }): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      for (const p of this.pending.splice(0)) void this.panel.webview.postMessage(p);
      const editor = vscode.window.visibleTextEditors.find(e => e.document === this.doc);
      if (editor) this.follow(editor);
      return;
    }
    if (m.type === 'request' && typeof m.id === 'number') {
      void this.panel.webview.postMessage({ type: 'reply', id: m.id, data: await this.answer(m) });
      return;
    }
    if (m.type !== 'reveal' || typeof m.start !== 'number' || typeof m.end !== 'number') return;
    const start = this.doc.positionAt(m.start);
    const end = this.doc.positionAt(m.end);
    const shown = vscode.window.visibleTextEditors.find(e => e.document === this.doc);
    const column = shown?.viewColumn ?? vscode.ViewColumn.One;
    // The workbench learns that the click focused the page from the page itself, and that news can come
    // after the editor took the focus here (under load it did, in the web e2e: the number selected, the
    // page still active, typing went nowhere). The page taking the focus back soon after the click
    // gives it to the editor again.
    const settle = this.panel.onDidChangeViewState(e => {
      if (e.webviewPanel.active) void vscode.window.showTextDocument(this.doc, { viewColumn: column, preserveFocus: false });
    });
    setTimeout(() => settle.dispose(), FOCUS_SETTLE_MS);
    // The number selected, the cursor before it: typing replaces it.
    const editor = await vscode.window.showTextDocument(this.doc, { viewColumn: column, preserveFocus: false });
    editor.selection = new vscode.Selection(end, start);
    editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** What the other commands ask of the previews. */
export interface TablePreviews {
  /** The preview of a report text read from a PDF, showing page `page` with `box` outlined. */
  showPdfPage(doc: vscode.TextDocument, page: number, box?: [number, number, number, number]): Promise<void>;
}

/** Registers the command and keeps every open preview in step with its report. */
export function registerTablePreview(context: vscode.ExtensionContext, client: () => Promise<BaseLanguageClient>, language: string, t: T): TablePreviews {
  const previews = new Map<string, TablePreview>();
  const of = (doc: vscode.TextDocument) => previews.get(doc.uri.toString());
  /** The document's preview, opened beside it if it has none. */
  const previewOf = async (doc: vscode.TextDocument): Promise<TablePreview> => {
    const open = of(doc);
    if (open) {
      open.panel.reveal(undefined, true);
      return open;
    }
    const preview = new TablePreview(doc, client, t, vscode.ViewColumn.Beside, context.extensionUri);
    previews.set(doc.uri.toString(), preview);
    preview.panel.onDidDispose(() => {
      preview.dispose();
      previews.delete(doc.uri.toString());
    });
    await preview.draw();
    return preview;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.showTables', async (uri?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!doc || doc.languageId !== language) {
        void vscode.window.showInformationMessage(t('请先打开一份年报', 'Open a report first'));
        return;
      }
      await previewOf(doc);
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
  return {
    async showPdfPage(doc, page, box) {
      (await previewOf(doc)).showPage(page, box);
    },
  };
}
