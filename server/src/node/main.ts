/** The language server on Node: stdio (`--stdio`) or IPC, config files read from disk. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { noConfig } from '../service/config';
import { startServer } from '../server';
import { configForFile } from './config';

// The uncaught error of one request must not end the process.
process.on('uncaughtException', e => console.error('nianbao: uncaught', e));
process.on('unhandledRejection', e => console.error('nianbao: unhandled', e));

startServer(createConnection(ProposedFeatures.all), {
  // Reports that are not files (untitled, remote) have no config file.
  findConfig: async uri => (uri.startsWith('file:') ? configForFile(uri) : noConfig()),
  defaultDocsBase: pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href + '/',
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as NodeJS.Timeout),
});
