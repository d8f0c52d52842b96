/** The language server on Node: stdio (`--stdio`) or IPC, config files read from disk. */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { configFor } from '../cli/config';
import { startServer, type FoundConfig } from '../server';

async function findConfig(uri: string): Promise<FoundConfig> {
  return uri.startsWith('file:') ? configFor(fileURLToPath(uri)) : { config: {}, file: null, errors: [] };
}

// The uncaught error of one request must not end the process.
process.on('uncaughtException', e => console.error('nianbao: uncaught', e));
process.on('unhandledRejection', e => console.error('nianbao: unhandled', e));

startServer(createConnection(ProposedFeatures.all), {
  findConfig,
  defaultDocsBase: pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href + '/',
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as NodeJS.Timeout),
});
