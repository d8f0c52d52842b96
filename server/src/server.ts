/**
 * LSP glue only: documents in, language-service results out. Every handler is wrapped so that one
 * failure never takes the server down; results for an older version of a document are dropped.
 * Long work yields first, so that a cancellation or a newer edit is seen before it starts; a
 * document over `nianbao.maxFileSize` is not analysed as you type (the user is told once).
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, type CodeAction, ErrorCodes, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type Connection, type Diagnostic, type DocumentDiagnosticParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckDocumentsRequest, COMPUTE_TOTALS_KIND, FIX_ALL_KIND, NewReportRequest, ReadDocumentRequest, reportTextSource, RulesRequest, ServerCommand, SourcePlaceRequest, StatusNotification, TablesRequest,
  type CheckDocumentsParams, type CheckedDocument, type NewReportParams, type NewReportResult, type ReadDocumentParams, type ReadDocumentResult, type SourcePlace, type SourcePlaceParams,
  type TablesParams, type TablesResult,
} from './protocol';
import { MB } from './protocol/names';
import { inLocale } from './protocol/text';
import { configBeside, relativeToConfig } from './protocol/config';
import { configForReport, type FoundConfig, type NianbaoConfig } from './service/config';
import type { IgnoreTarget } from './service/features/codeActions';
import { createLanguageService, type LanguageService } from './service/languageService';
import { RULES, type Locale } from './service/rules';
import { IdleCollection, type Heap } from './idleCollection';
import { readDocumentForEditor } from './readDocument';
import type { PdfOptions, ReadResult } from './readers/sync';
import { SourceDocuments } from './sourceDocuments';
import { DEFAULT_SETTINGS, utf8Length, validateSettings, type Settings } from './settings';

/** What differs between Node and the browser. */
export interface Runtime {
  /** The `.nianbaorc.json` for a document: Node reads the disk, the browser asks the client. */
  findConfig(uri: string): Promise<FoundConfig>;
  /** Where the rule docs are when the client does not say (Node: next to the bundle). */
  defaultDocsBase?: string;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Runs `fn` once the messages already received have been let in (Node: `setImmediate`, after the
   * loop's poll for input). Absent: a zero timeout, which Node and browsers clamp to a millisecond or more.
   */
  setImmediate?(fn: () => void): void;
  /** The heap, where it can be collected on demand (Node): collected once the server is idle after work (`IdleCollection`). */
  heap?: Heap;
  /**
   * The PDF reader, a bundle of its own (dist/pdf.js), loaded on the first PDF: Node requires it from
   * beside the server, the web worker imports it from `url` (the client's `initializationOptions.pdfReader`).
   * Absent: PDFs are not read.
   */
  loadPdfReader?(url: string | undefined): PdfReader;
  /** The PDF reader's packed CMaps (Chinese fonts with predefined encodings), by name. */
  loadCMap?(name: string): Promise<Uint8Array>;
}

/** What dist/pdf.js gives the server (server/src/readers/pdfEntry.ts). */
export interface PdfReader {
  readPdf(bytes: Uint8Array, options: PdfOptions): Promise<ReadResult>;
}

/**
 * The language of findings: `nianbao.locale` (`zh`, `en`, or `auto`: the client's display language).
 * VS Code sends the setting at initialize and the server reads it again when settings change; a
 * client that sends none gets `auto`.
 */
export function resolveLocale(setting: unknown, clientLocale: string | undefined): Locale {
  if (setting === 'zh' || setting === 'en') return setting;
  return (clientLocale ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** Waits after a change before a push check (see `typingDelay`), in milliseconds. */
const MIN_DELAY_MS = 10;
const MAX_DELAY_MS = 1000;
/** Before the first analysis of a document has been timed. */
const FIRST_DELAY_MS = 20;

/**
 * How long to wait after a change before checking, with push diagnostics: twice what the document's
 * analysis takes (so that while typing at most about half the time goes to checking), at least a few
 * milliseconds (to gather a burst of changes), at most a second. A report that checks in a few
 * milliseconds gets its findings within a few tens: no fixed wait.
 */
export function typingDelay(analysisMs: number | undefined): number {
  if (analysisMs === undefined) return FIRST_DELAY_MS;
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.round(2 * analysisMs)));
}

export function startServer(connection: Connection, runtime: Runtime): void {
  new NianbaoServer(connection, runtime).listen();
}

type ReportConfig = { config: NianbaoConfig; file: string | null; settings: Settings; ignore?: IgnoreTarget };

/** One server: the open documents, what is known about each, and the handlers, registered in `listen`. */
class NianbaoServer {
  private readonly documents = new TextDocuments(TextDocument);
  private clientLocale: string | undefined;
  private docsBase: string | undefined;
  private service: LanguageService = createLanguageService({ locale: 'zh' });
  private pull = false;
  private configurationSupport = false;
  /** Whether the client shows a code action it cannot apply, greyed out with the reason (LSP `disabled`). */
  private disabledActionSupport = false;
  /** Whether the client opens a document the server asks it to (LSP `window/showDocument`; not Neovim 0.7). */
  private showDocumentSupport = false;
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private readonly configCache = new Map<string, Promise<FoundConfig>>();
  private readonly timers = new Map<string, unknown>();
  /**
   * Each document's count of changes, ours rather than the client's version (which a client may
   * reuse): a run publishes only if no change came after the one it checked.
   */
  private readonly changes = new Map<string, number>();
  /** Documents over the size limit whose user was told so (once, until they are under it again). */
  private readonly toldTooLarge = new Set<string>();
  /** Problems with the settings or a config file already shown. */
  private readonly told = new Set<string>();
  /** How long each document's analysis takes (a running average, ms): the wait after a change follows it. */
  private readonly analysisMs = new Map<string, number>();
  /** For run-on-save: the text as last saved, per document. */
  private readonly saved = new Map<string, TextDocument>();
  /** The files report texts were read from, with their maps: where each finding stands in its file. */
  private readonly sources = new SourceDocuments();
  /** Where the web worker loads the PDF reader from (the client says). */
  private pdfReaderUrl: string | undefined;
  private pdfReader: PdfReader | null = null;

  /** The garbage of big analyses given back when no message has come for a while. */
  private readonly idle: IdleCollection | undefined;

  constructor(private readonly connection: Connection, private readonly runtime: Runtime) {
    this.idle = runtime.heap && new IdleCollection(runtime.heap, runtime, m => this.log(m));
  }

  listen(): void {
    this.listenToLifecycle();
    this.listenToDocuments();
    this.listenToConfiguration();
    this.listenToFeatures();
    this.listenToRequests();
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  // ── Handlers that never take the server down ──

  private log(message: string): void {
    this.connection.console.log(message);
  }

  /**
   * Let queued messages in (a cancellation, a newer edit) before long work. Not a zero timeout where the
   * runtime can do better: Node clamps it to 1 ms, which was a third of a pull's time on a 20 KB report.
   */
  private yieldTurn(): Promise<void> {
    const immediate = this.runtime.setImmediate;
    return new Promise<void>(resolve => (immediate ? immediate(resolve) : this.runtime.setTimeout(resolve, 0)));
  }

  /** Run a handler; on failure log it and answer with the fallback. */
  private guard<F extends (...args: never[]) => unknown>(name: string, fallback: Awaited<ReturnType<F>>, fn: F): F {
    return (async (...args: Parameters<F>) => {
      try {
        return await fn(...args);
      } catch (e) {
        // A cancelled request is answered as such.
        if (e instanceof ResponseError) throw e;
        this.connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return fallback;
      } finally {
        this.idle?.touch();
      }
    }) as unknown as F;
  }

  /** A request about one document: its params are checked first (a malformed one is InvalidParams, not a failure). */
  private docRequest<P extends { textDocument: { uri: string } }, R>(name: string, fallback: Awaited<R>, fn: (p: P, token: CancellationToken) => Promise<R>) {
    return this.guard(name, fallback, async (p: P, token: CancellationToken): Promise<R> => {
      if (typeof p?.textDocument?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${name}: textDocument.uri is missing`);
      return fn(p, token);
    });
  }

  /** A request on one document: after a yield, unless cancelled; nothing for a document over the size limit. */
  private async withDoc<R>(uri: string, fallback: R, fn: (doc: TextDocument, config: NianbaoConfig) => R, token?: CancellationToken): Promise<R> {
    if (!this.documents.get(uri)) return fallback;
    const { config, settings } = await this.configFor(uri);
    await this.yieldTurn();
    if (token?.isCancellationRequested) throw cancelled();
    const doc = this.documents.get(uri);
    if (!doc || this.tooLarge(doc, settings)) return fallback;
    return fn(doc, config);
  }

  // ── Initialize ──

  private listenToLifecycle(): void {
    this.connection.onInitialize(params => {
      const init = (params.initializationOptions ?? {}) as { docsBase?: string; locale?: string; pdfReader?: string };
      this.clientLocale = params.locale;
      this.pdfReaderUrl = typeof init.pdfReader === 'string' ? init.pdfReader : undefined;
      this.docsBase = init.docsBase ?? this.runtime.defaultDocsBase;
      this.service = createLanguageService({ locale: resolveLocale(init.locale, this.clientLocale), docsBase: this.docsBase });
      const caps = params.capabilities;
      this.pull = !!caps.textDocument?.diagnostic;
      this.configurationSupport = !!caps.workspace?.configuration;
      this.disabledActionSupport = !!caps.textDocument?.codeAction?.disabledSupport;
      this.showDocumentSupport = !!caps.window?.showDocument?.support;
      return this.capabilities();
    });
    this.connection.onInitialized(() => {
      if (this.configurationSupport) {
        void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' }).catch(() => undefined);
      }
    });
  }

  private capabilities(): InitializeResult {
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, COMPUTE_TOTALS_KIND] },
        completionProvider: { triggerCharacters: ['、', '（', '('] },
        documentSymbolProvider: { label: '年报' },
        foldingRangeProvider: true,
        hoverProvider: true,
        inlayHintProvider: true,
        executeCommandProvider: { commands: [ServerCommand.openRuleDoc] },
        ...(this.pull ? { diagnosticProvider: { identifier: 'nianbao', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'nianbao', version: typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev' },
    };
  }

  // ── Settings and config files ──

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.configurationSupport) return Promise.resolve(DEFAULT_SETTINGS);
    let hit = this.settingsCache.get(uri);
    if (!hit) {
      hit = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(
        (raw: unknown) => {
          const { settings, errors } = validateSettings(raw);
          this.tellOnce(errors, '年报设置有误，已忽略 Nianbao settings ignored: ');
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      this.settingsCache.set(uri, hit);
    }
    return hit;
  }

  /** One message for wrong settings or a broken config file (what is wrong is ignored), not one per document. */
  private tellOnce(errors: string[], what: string): void {
    if (!errors.length) return;
    const message = `${what}${errors.join('；')}`;
    if (this.told.has(message)) return;
    this.told.add(message);
    this.log(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  private foundConfig(uri: string): Promise<FoundConfig> {
    let hit = this.configCache.get(uri);
    if (!hit) {
      hit = this.runtime.findConfig(uri).catch(e => ({ config: {}, file: null, errors: [String(e)] })).then(found => {
        this.tellOnce(found.errors, '配置文件有误 Config file problems: ');
        return found;
      });
      this.configCache.set(uri, hit);
    }
    return hit;
  }

  /**
   * Settings, overridden by the project's config file; its `ignore` entries scoped to this report. The
   * text read from a web page, a Word file or a PDF (`REPORT_TEXT_SCHEME`) takes the settings, config file and
   * `ignore` entries of that file.
   */
  private async configFor(document: string): Promise<ReportConfig> {
    const uri = reportTextSource(document) ?? document;
    const [settings, found] = await Promise.all([this.settingsFor(uri), this.foundConfig(uri)]);
    const template = found.config.template ?? settings.template;
    const relative = found.source ? relativeToConfig(found.source.uri, uri) : null;
    const scoped = configForReport(found.config, relative);
    return {
      config: { template, rules: { ...settings.rules, ...(found.config.rules ?? {}) }, ...(scoped.ignoreFindings ? { ignoreFindings: scoped.ignoreFindings } : {}) },
      file: found.file,
      settings,
      ignore: ignoreTarget(uri, found, relative),
    };
  }

  private listenToConfiguration(): void {
    this.connection.onDidChangeConfiguration(this.guard('configuration', undefined, async p => {
      await this.refreshLocale(p.settings);
      this.revalidateAll();
    }));
    this.connection.onDidChangeWatchedFiles(this.guard('watched files', undefined, () => this.revalidateAll()));
  }

  private revalidateAll(): void {
    this.told.clear();
    this.settingsCache.clear();
    this.configCache.clear();
    if (this.pull) this.connection.languages.diagnostics.refresh();
    for (const d of this.documents.all()) this.schedule(d.uri, 0);
  }

  /** A changed `nianbao.locale` takes effect at once: a new service in that language. */
  private async refreshLocale(pushed: unknown): Promise<void> {
    let setting = (pushed as { nianbao?: { locale?: unknown } } | null)?.nianbao?.locale;
    if (this.configurationSupport) setting = await this.connection.workspace.getConfiguration('nianbao.locale').catch(() => setting);
    if (setting === undefined || setting === null) return;
    const locale = resolveLocale(setting, this.clientLocale);
    if (locale !== this.service.options.locale) this.service = createLanguageService({ locale, docsBase: this.docsBase });
  }

  // ── Documents and diagnostics ──

  /**
   * Whether a document is over `nianbao.maxFileSize`; the first time it is, the user is told that it
   * will not be checked as they type (checking it would stall every request behind it).
   */
  private tooLarge(doc: TextDocument, settings: Settings): boolean {
    const limit = settings.maxFileSize * MB;
    const text = doc.getText();
    // UTF-8 takes 1 to 3 bytes per UTF-16 code unit: count only when it matters.
    const over = limit > 0 && text.length * 3 > limit && (text.length > limit || utf8Length(text) > limit);
    if (!over) {
      this.toldTooLarge.delete(doc.uri);
      return false;
    }
    if (!this.toldTooLarge.has(doc.uri)) {
      this.toldTooLarge.add(doc.uri);
      const name = decodeURIComponent(doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
      const size = (utf8Length(text) / MB).toFixed(1);
      const message = inLocale(this.service.options.locale, `“${name}”有 ${size} MB，超过 nianbao.maxFileSize（${settings.maxFileSize} MB），不做实时检查。可在设置中调大此值，或用命令行 nianbao check 检查。`, `${name} is ${size} MB, over nianbao.maxFileSize (${settings.maxFileSize} MB): it is not checked as you type. Raise the setting, or run nianbao check.`);
      this.log(message);
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
    return true;
  }

  private sendStatus(doc: TextDocument, config: NianbaoConfig, file: string | null): void {
    const a = this.service.analyse(doc, config);
    const count = (s: string) => a.findings.filter(f => f.severity === s).length;
    void this.connection.sendNotification(StatusNotification, {
      uri: doc.uri, version: doc.version, template: a.format.version, detected: a.model.format.version, evidence: a.model.format.evidence,
      errors: count('error'), warnings: count('warning'), infos: count('info'), configFile: file,
    });
    for (const f of a.failures) this.connection.console.error(`rule ${f.ruleId} failed on ${doc.uri}: ${f.error}`);
  }

  /** Push diagnostics: check the document as it is now, unless it changed while its config was read. */
  private readonly validate = this.guard('validate', undefined, async (uri: string) => {
    if (!this.documents.get(uri)) return;
    const change = this.changes.get(uri);
    const { config, file, settings } = await this.configFor(uri);
    await this.yieldTurn();
    const current = this.documents.get(uri);
    // The document moved on while the config was read: a newer run will publish.
    if (!current || this.changes.get(uri) !== change) return;
    if (this.tooLarge(current, settings)) {
      if (!this.pull) void this.connection.sendDiagnostics({ uri, version: current.version, diagnostics: [] });
      return;
    }
    const started = performance.now();
    const diagnostics = this.sources.annotate(current, this.service.diagnostics(current, config), this.service.options.locale);
    const took = performance.now() - started;
    this.analysisMs.set(uri, (this.analysisMs.get(uri) ?? took) / 2 + took / 2);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, version: current.version, diagnostics });
    this.sendStatus(current, config, file);
  });

  private schedule(uri: string, delay = typingDelay(this.analysisMs.get(uri))): void {
    const t = this.timers.get(uri);
    if (t !== undefined) this.runtime.clearTimeout(t);
    this.timers.set(uri, this.runtime.setTimeout(() => {
      this.timers.delete(uri);
      void this.validate(uri);
    }, delay));
  }

  private listenToDocuments(): void {
    const snapshot = (d: TextDocument) => TextDocument.create(d.uri, d.languageId, d.version, d.getText());
    this.documents.onDidOpen(this.guard('open', undefined, async e => {
      this.saved.set(e.document.uri, snapshot(e.document));
      this.schedule(e.document.uri, 0);
    }));
    this.documents.onDidChangeContent(this.guard('change', undefined, async e => {
      this.changes.set(e.document.uri, (this.changes.get(e.document.uri) ?? 0) + 1);
      const { settings } = await this.configFor(e.document.uri);
      if (settings.run === 'onType') this.schedule(e.document.uri);
    }));
    this.documents.onDidSave(this.guard('save', undefined, async e => {
      this.saved.set(e.document.uri, snapshot(e.document));
      const { settings } = await this.configFor(e.document.uri);
      if (settings.run === 'onSave') {
        if (this.pull) this.connection.languages.diagnostics.refresh();
        else this.schedule(e.document.uri, 0);
      }
    }));
    this.documents.onDidClose(this.guard('close', undefined, e => this.forget(e.document.uri)));
    this.connection.languages.diagnostics.on(this.docRequest('pull diagnostics', { kind: 'full' as const, items: [] as Diagnostic[] },
      async (params: DocumentDiagnosticParams, token) => ({ kind: 'full' as const, items: await this.pullDiagnostics(params.textDocument.uri, token) })));
  }

  private forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) this.runtime.clearTimeout(t);
    this.timers.delete(uri);
    this.changes.delete(uri);
    this.toldTooLarge.delete(uri);
    this.analysisMs.delete(uri);
    this.saved.delete(uri);
    this.forgetSettings(uri);
    this.service.forget(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private forgetSettings(uri: string): void {
    this.settingsCache.delete(uri);
    this.configCache.delete(uri);
  }

  /** Pull diagnostics: the text as it is (or as last saved, with run-on-save); a newer edit asks again. */
  private async pullDiagnostics(uri: string, token: CancellationToken): Promise<Diagnostic[]> {
    if (!this.documents.get(uri)) return [];
    const change = this.changes.get(uri);
    const { config, file, settings } = await this.configFor(uri);
    await this.yieldTurn();
    // Cancelled while it waited: not computed.
    if (token.isCancellationRequested) throw cancelled();
    const doc = this.documents.get(uri);
    if (!doc) return [];
    const target = settings.run === 'onSave' ? this.saved.get(uri) ?? doc : doc;
    // A newer version came in: the client asks again for it (LSP: ServerCancelled, retrigger).
    if (target === doc && this.changes.get(uri) !== change) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    if (this.tooLarge(target, settings)) return [];
    const items = this.sources.annotate(target, this.service.diagnostics(target, config), this.service.options.locale);
    this.sendStatus(target, config, file);
    return items;
  }

  // ── Editor features ──

  private listenToFeatures(): void {
    const c = this.connection;
    c.onCodeAction(this.docRequest('code actions', [], async (p, token) => {
      const { ignore } = await this.configFor(p.textDocument.uri);
      let actions = await this.withDoc(p.textDocument.uri, [], (doc, config) => this.service.codeActions(doc, p.range, p.context, config, ignore), token);
      // An action that cannot apply (计算合计 with nothing to fill) is shown greyed out with why, to a client that can.
      if (!this.disabledActionSupport) actions = actions.filter(a => !a.disabled);
      return reportTextSource(p.textDocument.uri) ? this.readOnlyActions(p.textDocument.uri, actions) : actions;
    }));
    c.onCompletion(this.docRequest('completion', null, async (p, token) => this.withDoc(p.textDocument.uri, null, (doc, config) => this.service.completion(doc, p.position, config), token)));
    c.onDocumentSymbol(this.docRequest('symbols', [], async (p, token) => this.withDoc(p.textDocument.uri, [], (doc, config) => this.service.documentSymbols(doc, config), token)));
    c.onFoldingRanges(this.docRequest('folding', [], async (p, token) => this.withDoc(p.textDocument.uri, [], (doc, config) => this.service.foldingRanges(doc, config), token)));
    c.onHover(this.docRequest('hover', null, async (p, token) => this.withDoc(p.textDocument.uri, null, (doc, config) => this.service.hover(doc, p.position, config), token)));
    c.languages.inlayHint.on(this.docRequest('inlay hints', [], async (p, token) => this.withDoc(p.textDocument.uri, [], (doc, config) => {
      const start = doc.offsetAt(p.range.start);
      const end = doc.offsetAt(p.range.end);
      return this.service.inlayHints(doc, config).filter(h => {
        const at = doc.offsetAt(h.position);
        return at >= start && at <= end;
      });
    }, token)));
    c.onExecuteCommand(this.guard('command', null, async p => {
      if (p.command === ServerCommand.openRuleDoc) await this.openRuleDoc(String(p.arguments?.[0] ?? ''));
      return null;
    }));
  }

  /**
   * A rule's page, for the command the code actions carry (every client executes it here, VS Code in its
   * middleware): opened by a client that opens documents, else named in a message with where it is.
   */
  private async openRuleDoc(id: string): Promise<void> {
    const rule = RULES.find(r => r.meta.id === id);
    const base = this.service.options.docsBase;
    if (!rule || !base) return;
    const uri = `${base.replace(/\/?$/, '/')}${id}.md`;
    if (this.showDocumentSupport) {
      const shown = await this.connection.window.showDocument({ uri, external: false });
      if (shown.success) return;
    }
    // A local page by its path (what an editor's `:edit` or `gf` takes).
    const where = uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)).replace(/^\/([A-Za-z]:)/, '$1') : uri;
    const locale = this.service.options.locale;
    const message = inLocale(locale, `规则“${id}”：${rule.meta.description.zh}。说明：${where}`, `Rule “${id}”: ${rule.meta.description.en}. Documentation: ${where}`);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }

  /**
   * The text read from a web page, a Word file or a PDF is read-only: a fix cannot be applied to it (VS Code
   * refuses the edit). Each fix is shown greyed out with the reason, to a client that can show that
   * (else left out), fix-all is left out; "ignore" (an edit of .nianbaorc.json) stays.
   */
  private readOnlyActions(uri: string, actions: CodeAction[]): CodeAction[] {
    const reason = inLocale(this.service.options.locale, '这是从网页、Word 文件或 PDF 读出的只读文本：请在原文档中修改', 'This is the text read from a web page, a Word file or a PDF: fix the source document');
    const editsThis = (a: CodeAction) => (a.edit?.documentChanges ?? []).some(c => 'textDocument' in c && c.textDocument.uri === uri) || !!a.edit?.changes?.[uri];
    const out: CodeAction[] = [];
    for (const a of actions) {
      if (a.kind === COMPUTE_TOTALS_KIND) continue;
      if (!editsThis(a)) out.push(a);
      else if (this.disabledActionSupport && a.kind === CodeActionKind.QuickFix) {
        out.push({ title: a.title, kind: a.kind, diagnostics: a.diagnostics, disabled: { reason } });
      }
    }
    return out;
  }

  // ── Nianbao's own requests (server/src/protocol) ──

  private listenToRequests(): void {
    /** The client's "check every report in the workspace": texts in, diagnostics out; one report at a time, yielding between. */
    this.connection.onRequest(CheckDocumentsRequest, this.guard('check documents', [] as CheckedDocument[], (p: CheckDocumentsParams, token: CancellationToken) => this.checkDocuments(p, token)));
    /** The table preview: an open report's tables drawn by the renderer; null for a document the server does not have. */
    this.connection.onRequest(TablesRequest, this.guard('tables', null as TablesResult | null, async (p: TablesParams) =>
      this.withDoc<TablesResult | null>(p.uri, null, (doc, config) => {
        // A report text read from a PDF: its marked cells on the PDF's pages too, for the page view.
        const { marks, ...tables } = this.service.tables(doc, config);
        const pdf = this.sources.pdfPages(doc, marks);
        return pdf ? { ...tables, pdf } : tables;
      })));
    /** "Open as report text": a web page's, a Word file's or a PDF's bytes read as the report text the CLI checks. */
    this.connection.onRequest(ReadDocumentRequest, this.guard('read document', null as ReadDocumentResult | null, async (p: ReadDocumentParams, token: CancellationToken): Promise<ReadDocumentResult | null> => {
      if (typeof p?.name !== 'string' || typeof p?.data !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'read document: name and data (base64) are required');
      await this.yieldTurn();
      return this.readDocument(p, token);
    }));
    /** Where a range of a report text stands in the file it was read from (the client's "reveal in the source file"). */
    this.connection.onRequest(SourcePlaceRequest, this.guard('source place', null as SourcePlace | null, async (p: SourcePlaceParams) => {
      if (typeof p?.uri !== 'string' || !p.range?.start || !p.range?.end) throw new ResponseError(ErrorCodes.InvalidParams, 'source place: uri and range are required');
      return this.withDoc<SourcePlace | null>(p.uri, null, doc => this.sources.place(doc, doc.offsetAt(p.range.start), doc.offsetAt(p.range.end), this.service.options.locale));
    }));
    /** 「新建年度报告」: a new report's text, from the format of its year (and the config of the document it is for). */
    this.connection.onRequest(NewReportRequest, this.guard('new report', null as NewReportResult | null, async (p: NewReportParams): Promise<NewReportResult | null> => {
      const year = typeof p?.year === 'number' && Number.isInteger(p.year) && p.year >= 1900 && p.year < 2100 ? p.year : undefined;
      const uri = typeof p?.uri === 'string' ? p.uri : undefined;
      const config = uri ? (await this.configFor(uri)).config : {};
      return this.service.newReport({ uri, year, eol: p?.eol === '\r\n' ? '\r\n' : '\n' }, config);
    }));
    /** The rules in the client's language, for its "open rule documentation" pick. */
    this.connection.onRequest(RulesRequest, this.guard('rules', [], () => RULES.map(r => ({ id: r.meta.id, description: r.meta.description[this.service.options.locale] }))));
  }

  private async checkDocuments(p: CheckDocumentsParams, token: CancellationToken): Promise<CheckedDocument[]> {
    const reports = [];
    const docs = new Map<string, TextDocument>();
    for (const d of p.documents ?? []) {
      await this.yieldTurn();
      if (token.isCancellationRequested) throw cancelled();
      try {
        const doc = TextDocument.create(d.uri, 'nianbao', 0, String(d.text));
        const { config, settings } = await this.configFor(d.uri);
        // A closed report's settings and config file are read for this check only: they are kept for open documents.
        if (!this.documents.get(d.uri)) this.forgetSettings(reportTextSource(d.uri) ?? d.uri);
        if (this.tooLarge(doc, settings)) continue;
        // Its findings and what the across rules need, not its analysis: the set holds no model.
        reports.push(this.service.setReport(this.service.analyseOnce(doc, config)));
        docs.set(d.uri, doc);
      } catch (e) {
        this.log(`cannot check ${d.uri}: ${String(e)}`);
      }
    }
    const locale = this.service.options.locale;
    return this.service.diagnosticsForReports(reports).map(r => {
      const doc = docs.get(r.uri);
      return doc ? { ...r, diagnostics: this.sources.annotate(doc, r.diagnostics, locale) } : r;
    });
  }

  /**
   * A file's bytes read as report text. A PDF is read page by page: each page reported to the client's
   * progress (`workDoneToken`), a turn yielded between pages so a cancellation comes in (then the
   * request is answered as cancelled). The file's map is kept when the client names the file (`uri`).
   */
  private async readDocument(p: ReadDocumentParams, token: CancellationToken): Promise<ReadDocumentResult> {
    const locale = this.service.options.locale;
    const progress = p.workDoneToken !== undefined ? this.connection.window.attachWorkDoneProgress(p.workDoneToken) : null;
    const signal = { aborted: token.isCancellationRequested };
    const cancelling = token.onCancellationRequested(() => {
      signal.aborted = true;
    });
    let begun = false;
    const loadPdfReader = this.runtime.loadPdfReader;
    try {
      const { result, read } = await readDocumentForEditor(p, locale, {
        readPdf: loadPdfReader && (async (bytes, options) => {
          progress?.begin(inLocale(locale, '正在读取 PDF', 'Reading the PDF'), 0, undefined, true);
          begun = !!progress;
          try {
            this.pdfReader ??= loadPdfReader(this.pdfReaderUrl);
          } catch (e) {
            this.log(`cannot load the PDF reader: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
            return { kind: 'pdf', text: '', map: { locate: () => null }, problems: [{ code: 'unsupported', message: { zh: `无法加载 PDF 读取组件：${String(e)}`, en: `cannot load the PDF reader: ${String(e)}` } }] };
          }
          return this.pdfReader.readPdf(bytes, options);
        }),
        pdf: {
          loadCMap: this.runtime.loadCMap,
          signal,
          onPage: async (page, pages) => {
            progress?.report(Math.round((100 * page) / pages), inLocale(locale, `第 ${page} / ${pages} 页`, `page ${page} of ${pages}`));
            await this.yieldTurn();
          },
        },
      });
      if (token.isCancellationRequested) throw cancelled();
      if (read && typeof p.uri === 'string') this.sources.keep(p.uri, read);
      return result;
    } finally {
      cancelling.dispose();
      if (begun) progress?.done();
    }
  }
}

/** Where the "ignore" quick fixes of a report write: its config file, or a new one beside the report. */
function ignoreTarget(uri: string, found: FoundConfig, relative: string | null): IgnoreTarget | undefined {
  if (found.source && relative !== null) return { uri: found.source.uri, text: found.source.text, file: relative };
  const beside = configBeside(uri);
  if (!beside || found.source) return undefined;
  return { uri: beside, text: null, file: relativeToConfig(beside, uri) ?? '' };
}

declare const NIANBAO_VERSION: string | undefined;
