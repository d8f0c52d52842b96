/** The language server on Node: stdio (`--stdio`) or IPC, config files read from disk. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FindConfigRequest } from '../protocol';
import { loadConfig, noConfig } from '../service/config';
import { createLifecycle } from '../lifecycle';
import { startServer, type PdfReader } from '../server';
import { loadCMapFromDisk } from '../readers/nodeAssets';
import { configForFile } from './config';
import { nodeHeap } from './heap';

// The uncaught error of one request must not end the process.
process.on('uncaughtException', e => console.error('nianbao: uncaught', e));
process.on('unhandledRejection', e => console.error('nianbao: unhandled', e));

const lifecycle = createLifecycle();
const connection = createConnection(ProposedFeatures.all, lifecycle.options);
lifecycle.attach(connection);

startServer(connection, {
  // Files are read here; reports in a virtual workspace (vscode-vfs:, …) are searched by the client,
  // as for the web server; an untitled report, or a client that does not answer, has no config file.
  findConfig: async uri => {
    if (uri.startsWith('file:')) return configForFile(uri);
    if (uri.startsWith('untitled:')) return noConfig();
    return connection.sendRequest(FindConfigRequest, { uri }).then(found => loadConfig(found ?? null), () => noConfig());
  },
  defaultDocsBase: pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href + '/',
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as NodeJS.Timeout),
  setImmediate: fn => void setImmediate(fn),
  heap: nodeHeap(),
  // The PDF reader beside this bundle (dist/pdf.js), required on the first PDF; its CMaps in dist/cmaps.
  // A path the bundler cannot follow, so pdfjs stays out of the server's own bundle.
  loadPdfReader: () => require(path.join(__dirname, 'pdf.js')) as PdfReader,
  loadCMap: loadCMapFromDisk,
});
