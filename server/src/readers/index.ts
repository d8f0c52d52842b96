/**
 * Read the files reviewers receive — web pages, Word files, PDFs — as report text the parser reads,
 * with a map from every range of that text back to where it stands in the file.
 *
 *   readDocument(bytes, fileName, options) → { kind, text, map, problems }
 *
 * See sync.ts for detection and the synchronous readers; PDF (pdfjs) is asynchronous.
 */
import { readPdf } from './pdf';
import { detectKind, readDocumentSync, type ReadOptions } from './sync';
import type { ReadResult } from './types';

export * from './sync';

/** Any file: text, HTML, Word or PDF. Never rejects. */
export async function readDocument(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  if (detectKind(bytes, fileName) === 'pdf') return readPdf(bytes, options.pdf);
  return readDocumentSync(bytes, fileName, options);
}
