/** What bench-readers.ts times, bundled by esbuild as the CLI is (tsx's module wrappers would distort it). */
export { unzipSync } from 'fflate';
export { parse } from 'parse5';
export { readDocument } from '../server/src/readers';
export { loadCMapFromDisk } from '../server/src/readers/nodeAssets';
export { checkReport } from '../server/src/service/check';

/** The baseline for PDF: pdfjs's own text extraction of every page, nothing else (pdfjs is loaded by a read first). */
export async function pdfjsText(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
  const n = doc.numPages;
  await doc.destroy();
  return n;
}
