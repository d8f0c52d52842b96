/**
 * LSP glue only: documents in, language-service results out. Every handler is wrapped so that one
 * failure never takes the server down; results for an older version of a document are dropped.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type Diagnostic, type InitializeResult,
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
import { RULES, type Locale, type SeveritySetting } from './service/rules';
import type { TemplateVersion } from './service/template';

/** What differs between Node and the browser. */
export interface Runtime {
  /** The `.nianbaorc.json` for a document: Node reads the disk, the browser asks the client. */
  findConfig(uri: string): Promise<FoundConfig>;
  /** Where the rule docs are when the client does not say (Node: next to the bundle). */
  defaultDocsBase?: string;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Editor settings under `nianbao.*`. */
interface Settings {
  rules: Record<string, SeveritySetting>;
  template: 'auto' | TemplateVersion;
  run: 'onType' | 'onSave';
}

const DEFAULT_SETTINGS: Settings = { rules: {}, template: 'auto', run: 'onType' };

/**
 * The language of findings: `nianbao.locale` (`zh`, `en`, or `auto`: the client's display language).
 * VS Code sends the setting at initialize and the server reads it again when settings change; a
 * client that sends none gets `auto`.
 */
export function resolveLocale(setting: unknown, clientLocale: string | undefined): Locale {
  if (setting === 'zh' || setting === 'en') return setting;
  return (clientLocale ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

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
  /** How long each document's analysis takes (a running average, ms): the wait after a change follows it. */
  const analysisMs = new Map<string, number>();
  /** Versions whose diagnostics were published, to never publish an older one after a newer. */
  const published = new Map<string, number>();

  const log = (message: string) => connection.console.log(message);
  /** Run a handler; on failure log it and answer with the fallback. */
  function guard<F extends (...args: never[]) => unknown>(name: string, fallback: Awaited<ReturnType<F>>, fn: F): F {
    return (async (...args: Parameters<F>) => {
      try {
        return await fn(...args);
      } catch (e) {
        connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return fallback;
      }
    }) as unknown as F;
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
        (s: Partial<Settings> | null) => ({ ...DEFAULT_SETTINGS, ...(s ?? {}), rules: { ...(s?.rules ?? {}) } }),
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, fetched);
      hit = fetched;
    }
    return hit;
  };

  const foundConfig = (uri: string): Promise<FoundConfig> => {
    let hit = configCache.get(uri);
    if (!hit) {
      hit = runtime.findConfig(uri).catch(e => ({ config: {}, file: null, errors: [String(e)] }));
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
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const { config, file } = await configFor(uri);
    const current = documents.get(uri);
    // The document moved on while the config was read: a newer run will publish.
    if (!current || current.version !== version) return;
    const started = performance.now();
    const diagnostics = service.diagnostics(current, config);
    const took = performance.now() - started;
    analysisMs.set(uri, (analysisMs.get(uri) ?? took) / 2 + took / 2);
    if ((published.get(uri) ?? -1) > version) return;
    published.set(uri, version);
    if (!pull) void connection.sendDiagnostics({ uri, version, diagnostics });
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
    published.delete(e.document.uri);
    analysisMs.delete(e.document.uri);
    saved.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    configCache.delete(e.document.uri);
    service.forget(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));

  connection.languages.diagnostics.on(guard('pull diagnostics', { kind: 'full' as const, items: [] as Diagnostic[] }, async params => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc) return { kind: 'full' as const, items: [] };
    const { config, file, settings } = await configFor(uri);
    const target = settings.run === 'onSave' ? saved.get(uri) ?? doc : documents.get(uri) ?? doc;
    const items = service.diagnostics(target, config);
    sendStatus(target, config, file);
    return { kind: 'full' as const, items };
  }));

  const revalidateAll = () => {
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

  const withDoc = <R>(uri: string, fallback: R, fn: (doc: TextDocument, config: NianbaoConfig) => R) => async (): Promise<R> => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    const { config } = await configFor(uri);
    return fn(doc, config);
  };

  connection.onCodeAction(guard('code actions', [], async p => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const { config, ignore } = await configFor(doc.uri);
    return service.codeActions(doc, p.range, p.context, config, ignore);
  }));
  connection.onCompletion(guard('completion', null, p => withDoc(p.textDocument.uri, null, (doc, config) => service.completion(doc, p.position, config))()));
  connection.onDocumentSymbol(guard('symbols', [], p => withDoc(p.textDocument.uri, [], (doc, config) => service.documentSymbols(doc, config))()));
  connection.onFoldingRanges(guard('folding', [], p => withDoc(p.textDocument.uri, [], (doc, config) => service.foldingRanges(doc, config))()));
  connection.onHover(guard('hover', null, p => withDoc(p.textDocument.uri, null, (doc, config) => service.hover(doc, p.position, config))()));
  connection.languages.inlayHint.on(guard('inlay hints', [], p => withDoc(p.textDocument.uri, [], (doc, config) => {
    const start = doc.offsetAt(p.range.start);
    const end = doc.offsetAt(p.range.end);
    return service.inlayHints(doc, config).filter(h => {
      const at = doc.offsetAt(h.position);
      return at >= start && at <= end;
    });
  })()));

  connection.onExecuteCommand(guard('command', null, async p => {
    if (p.command === ServerCommand.openRuleDoc) {
      const id = String(p.arguments?.[0] ?? '');
      const base = service.options.docsBase;
      if (!/^[a-z-]+$/.test(id) || !base) return null;
      await connection.window.showDocument({ uri: `${base.replace(/\/?$/, '/')}${id}.md`, external: false });
    }
    return null;
  }));

  /** The client's "check every report in the workspace": texts in, diagnostics out. */
  connection.onRequest(CheckDocumentsRequest, guard('check documents', [] as CheckedDocument[], async (p: CheckDocumentsParams) => {
    const docs: { doc: TextDocument; config: NianbaoConfig }[] = [];
    for (const d of p.documents ?? []) {
      try {
        docs.push({ doc: TextDocument.create(d.uri, 'nianbao', 0, String(d.text)), config: (await configFor(d.uri)).config });
      } catch (e) {
        log(`cannot check ${d.uri}: ${String(e)}`);
      }
    }
    return service.diagnosticsForSet(docs);
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
