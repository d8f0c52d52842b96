/** A real LSP client (vscode-languageserver-protocol) driving the bundled dist/server.js over stdio. */
import { spawn, type ChildProcess } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ProtocolConnection, type PublishDiagnosticsParams, type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './corpus';

export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  initialize: InitializeResult;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  notifications: { method: string; params: unknown }[];
  shown: string[];
  stderr: string[];
  waitForDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, ms?: number): Promise<PublishDiagnosticsParams>;
  waitForNotification<T>(method: string, accept?: (p: T) => boolean, ms?: number): Promise<T>;
  /**
   * The server's memory after a full garbage collection (needs `probe`): RSS and heap used, in MB, and
   * the heap snapshot written with it when `heapSnapshots` names a folder.
   */
  memory(ms?: number): Promise<ServerMemory>;
  open(uri: string, text: string, version?: number): void;
  close(): Promise<void>;
}

export interface StartOptions {
  pull?: boolean;
  /** Another server script to run instead of dist/server.js (the bench's no-analysis server). */
  server?: string;
  locale?: string;
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Declare `codeAction.disabledSupport` (VS Code does): code actions that cannot apply come greyed out. */
  codeActionDisabled?: boolean;
  /** Declare `window.showDocument` (default true; Neovim 0.7 does not). */
  showDocument?: boolean;
  /** Load test/helpers/memory-probe.cjs into the server, for `memory()`. */
  probe?: boolean;
  /** With `probe`: a folder where each `memory()` also writes a heap snapshot. */
  heapSnapshots?: string;
}

export interface ServerMemory {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  /** Outside the V8 heap: buffers, and strings' external storage. */
  externalMB: number;
  /** Before the collection: what the process held as it ran. */
  before: { rssMB: number; heapUsedMB: number; heapTotalMB: number };
  snapshot?: string;
}

const PROBE = path.join(__dirname, 'memory-probe.cjs');

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  const server = options.server ?? SERVER;
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const proc = spawn(process.execPath, [...(options.probe ? ['--require', PROBE] : []), server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.heapSnapshots ? { ...process.env, NIANBAO_HEAP_DIR: options.heapSnapshots } : process.env,
  });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const notifications: { method: string; params: unknown }[] = [];
  const shown: string[] = [];
  const stderr: string[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach(w => w());
  proc.stderr!.on('data', d => {
    stderr.push(String(d));
    wake();
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    wake();
  });
  connection.onUnhandledNotification(message => {
    notifications.push({ method: message.method, params: message.params });
    wake();
  });
  // `nianbao` gets the settings object; `nianbao.locale` its one value (read as the test changes it).
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map(i => (i.section === 'nianbao.locale' ? options.settings?.locale ?? null : options.settings ?? null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/showDocument', (p: { uri: string }) => {
    shown.push(p.uri);
    wake();
    return { success: true };
  });
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();

  const initialize = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: options.locale ?? 'zh-cn',
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: !!options.settings, didChangeConfiguration: { dynamicRegistration: true } },
      window: { showDocument: { support: options.showDocument ?? true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, ...(options.codeActionDisabled ? { disabledSupport: true } : {}) },
        completion: { completionItem: { snippetSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        inlayHint: {},
      },
    },
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});

  const until = <T>(find: () => T | undefined, what: string, ms: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (hit !== undefined) {
          clearTimeout(timer);
          resolve(hit);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr.join('')}`)), ms);
      const loop = () => {
        if (!check()) waiters.push(loop);
      };
      loop();
    });

  return {
    connection, process: proc, initialize, published, notifications, shown, stderr,
    waitForDiagnostics: (uri, accept = () => true, ms = 10000) =>
      until(() => [...published].reverse().find(p => p.uri === uri && accept(p)), `diagnostics for ${uri}`, ms),
    waitForNotification: <T>(method: string, accept: (p: T) => boolean = () => true, ms = 10000) =>
      until(() => [...notifications].reverse().find(n => n.method === method && accept(n.params as T))?.params as T | undefined, method, ms),
    memory: (ms = 120000) => {
      const seen = probed(stderr.join('')).length;
      proc.kill('SIGUSR2');
      return until(() => probed(stderr.join(''))[seen], 'the memory probe', ms);
    },
    open: (uri, text, version = 1) => {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nianbao', version, text } });
    },
    close: async () => {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      proc.kill();
    },
  };
}

/** The probe's lines on stderr, in order. */
function probed(stderr: string): ServerMemory[] {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return [...stderr.matchAll(/^nianbao-memory (\{.*\})$/gm)].map(m => {
    const x = JSON.parse(m[1]) as Record<'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'rssBefore' | 'heapUsedBefore' | 'heapTotalBefore', number> & { snapshot?: string };
    return {
      rssMB: mb(x.rss), heapUsedMB: mb(x.heapUsed), heapTotalMB: mb(x.heapTotal), externalMB: mb(x.external),
      before: { rssMB: mb(x.rssBefore), heapUsedMB: mb(x.heapUsedBefore), heapTotalMB: mb(x.heapTotalBefore) }, snapshot: x.snapshot,
    };
  });
}
