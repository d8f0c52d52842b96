/** The language server in a web worker: config files come from the client (no file system here). */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { FindConfigRequest } from '../protocol';
import { loadConfig, noConfig } from '../service/config';
import { createLifecycle } from '../lifecycle';
import { startServer } from '../server';

declare const self: DedicatedWorkerGlobalScope;

const lifecycle = createLifecycle();
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self), lifecycle.options);
lifecycle.attach(connection);

startServer(connection, {
  // The client searches upward (`findConfigUpward`) and sends the file's text; the server validates it.
  findConfig: uri => connection.sendRequest(FindConfigRequest, { uri }).then(found => loadConfig(found ?? null), () => noConfig()),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as number),
});
