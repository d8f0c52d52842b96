/** The language server in a web worker: config files come from the client (no file system here). */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { base64ToBytes, CMapRequest, FindConfigRequest } from '../protocol';
import { loadConfig, noConfig } from '../service/config';
import { createLifecycle } from '../lifecycle';
import { startServer, type PdfReader } from '../server';

declare const self: DedicatedWorkerGlobalScope;

const lifecycle = createLifecycle();
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self), lifecycle.options);
lifecycle.attach(connection);

startServer(connection, {
  // The client searches upward (`findConfigUpward`) and sends the file's text; the server validates it.
  findConfig: uri => connection.sendRequest(FindConfigRequest, { uri }).then(found => loadConfig(found ?? null), () => noConfig()),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as number),
  // The PDF reader (dist/pdf.js) from where the client says, on the first PDF: it sets `nianbaoPdf`.
  loadPdfReader: url => {
    if (!url) throw new Error('the client did not say where the PDF reader is (initializationOptions.pdfReader)');
    importScripts(url);
    const reader = (self as unknown as { nianbaoPdf?: PdfReader }).nianbaoPdf;
    if (!reader) throw new Error(`${url} did not load the PDF reader`);
    return reader;
  },
  // The CMaps are the extension's files: the client reads them.
  loadCMap: async name => {
    const data = await connection.sendRequest(CMapRequest, { name });
    if (!data) throw new Error(`CMap ${name} not found`);
    return base64ToBytes(data);
  },
});
