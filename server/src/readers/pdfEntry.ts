/**
 * The PDF reader as a bundle of its own (dist/pdf.js): pdfjs is large, so the language server loads it
 * on the first PDF only — Node with `require`, the web worker with `importScripts` — and the tables
 * preview's page view loads the same file into its webview to draw the pages. The CLI bundles
 * `pdf.ts` directly. One script for all three: an IIFE that sets `nianbaoPdf` (a global in a browser
 * or a worker) and, under Node, is also the module's exports.
 */
export { loadPdfJs, readPdf } from './pdf';
