/** The language server on Node: stdio (`--stdio`) or IPC, config files read from disk. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { noConfig } from '../service/config';
import { createLifecycle } from '../lifecycle';
import { startServer } from '../server';
import { configForFile } from './config';

// The uncaught error of one request must not end the process.
process.on('uncaughtException', e => console.error('nianbao: uncaught', e));
process.on('unhandledRejection', e => console.error('nianbao: unhandled', e));

const lifecycle = createLifecycle();
const connection = createConnection(ProposedFeatures.all, lifecycle.options);
lifecycle.attach(connection);

startServer(connection, {
  // Reports that are not files (untitled, remote) have no config file.
  findConfig: async uri => (uri.startsWith('file:') ? configForFile(uri) : noConfig()),
  defaultDocsBase: pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href + '/',
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as NodeJS.Timeout),
});
