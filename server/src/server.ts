/**
 * LSP glue only: documents in, language-service results out. Every handler is wrapped so that one
 * failure never takes the server down; results for an older version of a document are dropped.
 * Long work yields first, so that a cancellation or a newer edit is seen before it starts; a
 * document over `nianbao.maxFileSize` is not analysed as you type (the user is told once).
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, ErrorCodes, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type Connection, type Diagnostic, type DocumentDiagnosticParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckDocumentsRequest, FIX_ALL_KIND, RulesRequest, ServerCommand, StatusNotification, TablesRequest, type CheckDocumentsParams, type CheckedDocument,
  type TablesParams, type TablesResult,
} from './protocol';
import { configBeside, relativeToConfig } from './protocol/config';
import { configForReport, type FoundConfig, type NianbaoConfig } from './service/config';
import type { IgnoreTarget } from './service/features/codeActions';
import { createLanguageService, type LanguageService } from './service/languageService';
import { RULES, type Locale } from './service/rules';
import { DEFAULT_SETTINGS, utf8Length, validateSettings, type Settings } from './settings';

/** What differs between Node and the browser. */
export interface Runtime {
  /** The `.nianbaorc.json` for a document: Node reads the disk, the browser asks the client. */
  findConfig(uri: string): Promise<FoundConfig>;
  /** Where the rule docs are when the client does not say (Node: next to the bundle). */
  defaultDocsBase?: string;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
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
const MB = 1024 * 1024;

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
  const documents = new TextDocuments(TextDocument);
  let clientLocale: string | undefined;
  let docsBase: string | undefined;
  let service: LanguageService = createLanguageService({ locale: 'zh' });
  let pull = false;
  let configurationSupport = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const configCache = new Map<string, Promise<FoundConfig>>();
  const timers = new Map<string, unknown>();
  /**
   * Each document's count of changes, ours rather than the client's version (which a client may
   * reuse): a run publishes only if no change came after the one it checked.
   */
  const changes = new Map<string, number>();
  /** Documents over the size limit whose user was told so (once, until they are under it again). */
  const toldTooLarge = new Set<string>();
  /** Problems with the settings or a config file already shown. */
  const told = new Set<string>();
  /** Let queued messages in (a cancellation, a newer edit) before long work. */
  const yieldTurn = () => new Promise<void>(resolve => runtime.setTimeout(resolve, 0));
  /** How long each document's analysis takes (a running average, ms): the wait after a change follows it. */
  const analysisMs = new Map<string, number>();

  const log = (message: string) => connection.console.log(message);
  /** Run a handler; on failure log it and answer with the fallback. */
  function guard<F extends (...args: never[]) => unknown>(name: string, fallback: Awaited<ReturnType<F>>, fn: F): F {
    return (async (...args: Parameters<F>) => {
      try {
        return await fn(...args);
      } catch (e) {
        // A cancelled request is answered as such.
        if (e instanceof ResponseError) throw e;
        connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return fallback;
      }
    }) as unknown as F;
  }

  /** A request about one document: its params are checked first (a malformed one is InvalidParams, not a failure). */
  function docRequest<P extends { textDocument: { uri: string } }, R>(name: string, fallback: Awaited<R>, fn: (p: P, token: CancellationToken) => Promise<R>) {
    return guard(name, fallback, async (p: P, token: CancellationToken): Promise<R> => {
      if (typeof p?.textDocument?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${name}: textDocument.uri is missing`);
      return fn(p, token);
    });
  }

  connection.onInitialize(params => {
    const init = (params.initializationOptions ?? {}) as { docsBase?: string; locale?: string };
    clientLocale = params.locale;
    docsBase = init.docsBase ?? runtime.defaultDocsBase;
    service = createLanguageService({ locale: resolveLocale(init.locale, clientLocale), docsBase });
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    configurationSupport = !!caps.workspace?.configuration;
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['、', '（', '('] },
        documentSymbolProvider: { label: '年报' },
        foldingRangeProvider: true,
        hoverProvider: true,
        inlayHintProvider: true,
        executeCommandProvider: { commands: [ServerCommand.openRuleDoc] },
        ...(pull ? { diagnosticProvider: { identifier: 'nianbao', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'nianbao', version: typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev' },
    };
    return result;
  });

  connection.onInitialized(() => {
    if (configurationSupport) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' }).catch(() => undefined);
    }
  });

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!configurationSupport) return Promise.resolve(DEFAULT_SETTINGS);
    let hit = settingsCache.get(uri);
    if (!hit) {
      const fetched: Promise<Settings> = connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(
        (raw: unknown) => {
          const { settings, errors } = validateSettings(raw);
          tellSettingsProblems(errors);
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, fetched);
      hit = fetched;
    }
    return hit;
  };

  /** One message for wrong settings or a broken config file (what is wrong is ignored), not one per document. */
  const tellOnce = (errors: string[], what: string) => {
    if (!errors.length) return;
    const message = `${what}${errors.join('；')}`;
    if (told.has(message)) return;
    told.add(message);
    log(message);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  };
  const tellSettingsProblems = (errors: string[]) => tellOnce(errors, '年报设置有误，已忽略 Nianbao settings ignored: ');

  /**
   * Whether a document is over `nianbao.maxFileSize`; the first time it is, the user is told that it
   * will not be checked as they type (checking it would stall every request behind it).
   */
  const tooLarge = (doc: TextDocument, settings: Settings): boolean => {
    const limit = settings.maxFileSize * MB;
    const text = doc.getText();
    // UTF-8 takes 1 to 3 bytes per UTF-16 code unit: count only when it matters.
    const over = limit > 0 && text.length * 3 > limit && (text.length > limit || utf8Length(text) > limit);
    if (!over) {
      toldTooLarge.delete(doc.uri);
      return false;
    }
    if (!toldTooLarge.has(doc.uri)) {
      toldTooLarge.add(doc.uri);
      const name = decodeURIComponent(doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
      const size = (utf8Length(text) / MB).toFixed(1);
      const message = service.options.locale === 'zh'
        ? `“${name}”有 ${size} MB，超过 nianbao.maxFileSize（${settings.maxFileSize} MB），不做实时检查。可在设置中调大此值，或用命令行 nianbao check 检查。`
        : `${name} is ${size} MB, over nianbao.maxFileSize (${settings.maxFileSize} MB): it is not checked as you type. Raise the setting, or run nianbao check.`;
      log(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
    return true;
  };

  const foundConfig = (uri: string): Promise<FoundConfig> => {
    let hit = configCache.get(uri);
    if (!hit) {
      hit = runtime.findConfig(uri).catch(e => ({ config: {}, file: null, errors: [String(e)] })).then(found => {
        tellOnce(found.errors, '配置文件有误 Config file problems: ');
        return found;
      });
      configCache.set(uri, hit);
    }
    return hit;
  };

  /** Settings, overridden by the project's config file; its `ignore` entries scoped to this report. */
  const configFor = async (uri: string): Promise<{ config: NianbaoConfig; file: string | null; settings: Settings; ignore?: IgnoreTarget }> => {
    const [settings, found] = await Promise.all([settingsFor(uri), foundConfig(uri)]);
    const template = found.config.template ?? settings.template;
    const relative = found.source ? relativeToConfig(found.source.uri, uri) : null;
    const scoped = configForReport(found.config, relative);
    return {
      config: { template, rules: { ...settings.rules, ...(found.config.rules ?? {}) }, ...(scoped.ignoreFindings ? { ignoreFindings: scoped.ignoreFindings } : {}) },
      file: found.file,
      settings,
      ignore: ignoreTarget(uri, found, relative),
    };
  };

  const sendStatus = (doc: TextDocument, config: NianbaoConfig, file: string | null) => {
    const a = service.analyse(doc, config);
    const count = (s: string) => a.findings.filter(f => f.severity === s).length;
    void connection.sendNotification(StatusNotification, {
      uri: doc.uri, version: doc.version, template: a.format.version, detected: a.model.template.version, evidence: a.model.template.evidence,
      errors: count('error'), warnings: count('warning'), infos: count('info'), configFile: file,
    });
    for (const f of a.failures) connection.console.error(`rule ${f.ruleId} failed on ${doc.uri}: ${f.error}`);
  };

  const validate = guard('validate', undefined, async (uri: string) => {
    if (!documents.get(uri)) return;
    const change = changes.get(uri);
    const { config, file, settings } = await configFor(uri);
    await yieldTurn();
    const current = documents.get(uri);
    // The document moved on while the config was read: a newer run will publish.
    if (!current || changes.get(uri) !== change) return;
    if (tooLarge(current, settings)) {
      if (!pull) void connection.sendDiagnostics({ uri, version: current.version, diagnostics: [] });
      return;
    }
    const started = performance.now();
    const diagnostics = service.diagnostics(current, config);
    const took = performance.now() - started;
    analysisMs.set(uri, (analysisMs.get(uri) ?? took) / 2 + took / 2);
    if (!pull) void connection.sendDiagnostics({ uri, version: current.version, diagnostics });
    sendStatus(current, config, file);
  });

  const schedule = (uri: string, delay = typingDelay(analysisMs.get(uri))) => {
    const t = timers.get(uri);
    if (t !== undefined) runtime.clearTimeout(t);
    timers.set(uri, runtime.setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay));
  };

  /** For run-on-save: the text as last saved, per document. */
  const saved = new Map<string, TextDocument>();

  const snapshot = (d: TextDocument) => TextDocument.create(d.uri, d.languageId, d.version, d.getText());
  documents.onDidOpen(guard('open', undefined, async e => {
    saved.set(e.document.uri, snapshot(e.document));
    schedule(e.document.uri, 0);
  }));
  documents.onDidChangeContent(guard('change', undefined, async e => {
    changes.set(e.document.uri, (changes.get(e.document.uri) ?? 0) + 1);
    const { settings } = await configFor(e.document.uri);
    if (settings.run === 'onType') schedule(e.document.uri);
  }));
  documents.onDidSave(guard('save', undefined, async e => {
    saved.set(e.document.uri, snapshot(e.document));
    const { settings } = await configFor(e.document.uri);
    if (settings.run === 'onSave') {
      if (pull) connection.languages.diagnostics.refresh();
      else schedule(e.document.uri, 0);
    }
  }));
  documents.onDidClose(guard('close', undefined, e => {
    const t = timers.get(e.document.uri);
    if (t !== undefined) runtime.clearTimeout(t);
    timers.delete(e.document.uri);
    changes.delete(e.document.uri);
    toldTooLarge.delete(e.document.uri);
    analysisMs.delete(e.document.uri);
    saved.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    configCache.delete(e.document.uri);
    service.forget(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));

  connection.languages.diagnostics.on(docRequest('pull diagnostics', { kind: 'full' as const, items: [] as Diagnostic[] }, async (params: DocumentDiagnosticParams, token) => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return { kind: 'full' as const, items: [] };
    const change = changes.get(uri);
    const { config, file, settings } = await configFor(uri);
    await yieldTurn();
    // Cancelled while it waited: not computed.
    if (token.isCancellationRequested) throw cancelled();
    const doc = documents.get(uri);
    if (!doc) return { kind: 'full' as const, items: [] };
    const target = settings.run === 'onSave' ? saved.get(uri) ?? doc : doc;
    // A newer version came in: the client asks again for it (LSP: ServerCancelled, retrigger).
    if (target === doc && changes.get(uri) !== change) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    if (tooLarge(target, settings)) return { kind: 'full' as const, items: [] };
    const items = service.diagnostics(target, config);
    sendStatus(target, config, file);
    return { kind: 'full' as const, items };
  }));

  const revalidateAll = () => {
    told.clear();
    settingsCache.clear();
    configCache.clear();
    if (pull) connection.languages.diagnostics.refresh();
    for (const d of documents.all()) schedule(d.uri, 0);
  };
  /** A changed `nianbao.locale` takes effect at once: a new service in that language. */
  const refreshLocale = async (pushed: unknown) => {
    let setting = (pushed as { nianbao?: { locale?: unknown } } | null)?.nianbao?.locale;
    if (configurationSupport) setting = await connection.workspace.getConfiguration('nianbao.locale').catch(() => setting);
    if (setting === undefined || setting === null) return;
    const locale = resolveLocale(setting, clientLocale);
    if (locale !== service.options.locale) service = createLanguageService({ locale, docsBase });
  };
  connection.onDidChangeConfiguration(guard('configuration', undefined, async p => {
    await refreshLocale(p.settings);
    revalidateAll();
  }));
  connection.onDidChangeWatchedFiles(guard('watched files', undefined, () => revalidateAll()));

  /** A request on one document: after a yield, unless cancelled; nothing for a document over the size limit. */
  const withDoc = <R>(uri: string, fallback: R, fn: (doc: TextDocument, config: NianbaoConfig) => R, token?: CancellationToken) => async (): Promise<R> => {
    if (!documents.get(uri)) return fallback;
    const { config, settings } = await configFor(uri);
    await yieldTurn();
    if (token?.isCancellationRequested) throw cancelled();
    const doc = documents.get(uri);
    if (!doc || tooLarge(doc, settings)) return fallback;
    return fn(doc, config);
  };

  connection.onCodeAction(docRequest('code actions', [], async (p, token) => {
    const { ignore } = await configFor(p.textDocument.uri);
    return withDoc(p.textDocument.uri, [], (doc, config) => service.codeActions(doc, p.range, p.context, config, ignore), token)();
  }));
  connection.onCompletion(docRequest('completion', null, async (p, token) => withDoc(p.textDocument.uri, null, (doc, config) => service.completion(doc, p.position, config), token)()));
  connection.onDocumentSymbol(docRequest('symbols', [], async (p, token) => withDoc(p.textDocument.uri, [], (doc, config) => service.documentSymbols(doc, config), token)()));
  connection.onFoldingRanges(docRequest('folding', [], async (p, token) => withDoc(p.textDocument.uri, [], (doc, config) => service.foldingRanges(doc, config), token)()));
  connection.onHover(docRequest('hover', null, async (p, token) => withDoc(p.textDocument.uri, null, (doc, config) => service.hover(doc, p.position, config), token)()));
  connection.languages.inlayHint.on(docRequest('inlay hints', [], async (p, token) => withDoc(p.textDocument.uri, [], (doc, config) => {
    const start = doc.offsetAt(p.range.start);
    const end = doc.offsetAt(p.range.end);
    return service.inlayHints(doc, config).filter(h => {
      const at = doc.offsetAt(h.position);
      return at >= start && at <= end;
    });
  }, token)()));

  connection.onExecuteCommand(guard('command', null, async p => {
    if (p.command === ServerCommand.openRuleDoc) {
      const id = String(p.arguments?.[0] ?? '');
      const base = service.options.docsBase;
      if (!/^[a-z-]+$/.test(id) || !base) return null;
      await connection.window.showDocument({ uri: `${base.replace(/\/?$/, '/')}${id}.md`, external: false });
    }
    return null;
  }));

  /** The client's "check every report in the workspace": texts in, diagnostics out; one report at a time, yielding between. */
  connection.onRequest(CheckDocumentsRequest, guard('check documents', [] as CheckedDocument[], async (p: CheckDocumentsParams, token: CancellationToken) => {
    const analyses = [];
    for (const d of p.documents ?? []) {
      await yieldTurn();
      if (token.isCancellationRequested) throw cancelled();
      try {
        const doc = TextDocument.create(d.uri, 'nianbao', 0, String(d.text));
        const { config, settings } = await configFor(d.uri);
        if (tooLarge(doc, settings)) continue;
        analyses.push(service.analyseOnce(doc, config));
      } catch (e) {
        log(`cannot check ${d.uri}: ${String(e)}`);
      }
    }
    return service.diagnosticsForAnalyses(analyses);
  }));

  /** The table preview: an open report's tables drawn by the renderer; null for a document the server does not have. */
  connection.onRequest(TablesRequest, guard('tables', null as TablesResult | null, async (p: TablesParams) =>
    withDoc<TablesResult | null>(p.uri, null, (doc, config) => service.tables(doc, config))()));

  /** The rules in the client's language, for its "open rule documentation" pick. */
  connection.onRequest(RulesRequest, guard('rules', [], () => RULES.map(r => ({ id: r.meta.id, description: r.meta.description[service.options.locale] }))));

  documents.listen(connection);
  connection.listen();
}

/** Where the "ignore" quick fixes of a report write: its config file, or a new one beside the report. */
function ignoreTarget(uri: string, found: FoundConfig, relative: string | null): IgnoreTarget | undefined {
  if (found.source && relative !== null) return { uri: found.source.uri, text: found.source.text, file: relative };
  const beside = configBeside(uri);
  if (!beside || found.source) return undefined;
  return { uri: beside, text: null, file: relativeToConfig(beside, uri) ?? '' };
}

declare const NIANBAO_VERSION: string | undefined;
