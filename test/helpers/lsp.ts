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
}

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  const server = options.server ?? SERVER;
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const notifications: { method: string; params: unknown }[] = [];
  const shown: string[] = [];
  const stderr: string[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach(w => w());
  proc.stderr!.on('data', d => stderr.push(String(d)));
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
