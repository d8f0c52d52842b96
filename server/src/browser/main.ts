/** The language server in a web worker: config files come from the client (no file system here). */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer, type FoundConfig } from '../server';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));

startServer(connection, {
  findConfig: uri =>
    connection.sendRequest<FoundConfig | null>('nianbao/findConfig', { uri }).then(
      r => r ?? { config: {}, file: null, errors: [] },
      () => ({ config: {}, file: null, errors: [] }),
    ),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as number),
});
