/** The language server on Node: stdio (`--stdio`) or IPC, config files read from disk. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadConfigFile, CONFIG_NAME } from '../cli/config';
import { startServer, type FoundConfig } from '../server';

async function findConfig(uri: string): Promise<FoundConfig> {
  if (!uri.startsWith('file:')) return { config: {}, file: null, errors: [] };
  let dir = path.dirname(fileURLToPath(uri));
  for (;;) {
    const candidate = path.join(dir, CONFIG_NAME);
    try {
      await fs.access(candidate);
      return loadConfigFile(candidate);
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return { config: {}, file: null, errors: [] };
      dir = parent;
    }
  }
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
