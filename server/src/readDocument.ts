/**
 * "Open as report text" on the server: a web page's, a Word file's or a PDF's bytes read with the
 * CLI's readers, answered as the report text the CLI would check, or why it could not be read. Web
 * pages and Word files are read by the synchronous readers; a PDF by the CLI's PDF reader, which the
 * runtime loads on the first PDF (pdfjs is a bundle of its own, dist/pdf.js, not in the server's
 * start-up path). Pure: no connection, no file system.
 */
import { base64ToBytes, MAX_DOCUMENT_BYTES, MB, translator, type ReadDocumentParams, type ReadDocumentResult } from './protocol';
import { detectKind, readDocumentSync, type PdfOptions, type ReadResult } from './readers/sync';
import { decodeReport } from './protocol/decode';
import { parseReport } from './service/parse';
import { looksLikeReport } from './service/rules/not-a-report';
import type { Locale } from './service/rules';

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

export interface EditorReadOptions {
  /** The PDF reader (`readers/pdf.ts` `readPdf`, from its own bundle); without it a PDF is not read. */
  readPdf?: (bytes: Uint8Array, options: PdfOptions) => Promise<ReadResult>;
  /** For the PDF reader: CMaps, progress, cancellation. */
  pdf?: PdfOptions;
}

/** The answer, and (when the file was read) the reader's result: its text's map back to the file. */
export interface EditorRead {
  result: ReadDocumentResult;
  read: ReadResult | null;
}

export async function readDocumentForEditor(params: ReadDocumentParams, locale: Locale, options: EditorReadOptions = {}): Promise<EditorRead> {
  const say = translator(locale);
  const name = baseName(params.name);
  const none = (problem: string, kind: ReadDocumentResult['kind'] = 'text'): EditorRead => ({ result: { kind, text: '', report: false, problems: [problem] }, read: null });
  // base64 is 4 characters for 3 bytes.
  if (params.data.length > Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4) {
    return none(say(`文件超过 ${MAX_DOCUMENT_BYTES / MB} MB，编辑器中不读取：请在终端运行 nianbao check "${name}"`, `the file is over ${MAX_DOCUMENT_BYTES / MB} MB and is not read in the editor: run nianbao check "${name}" in a terminal`));
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(params.data);
  } catch {
    return none(say('收到的文件内容无法解码（不是 base64）', 'the file’s content as sent could not be decoded (not base64)'));
  }
  let read: ReadResult;
  if (detectKind(bytes, name) === 'pdf') {
    if (!options.readPdf) {
      return none(say(`此环境中无法加载 PDF 读取组件：请在终端运行 nianbao check "${name}"`, `the PDF reader cannot be loaded here: run nianbao check "${name}" in a terminal`), 'pdf');
    }
    read = await options.readPdf(bytes, options.pdf ?? {});
  } else {
    read = readDocumentSync(bytes, name, { decodeText: decodeReport });
  }
  return {
    result: {
      kind: read.kind,
      text: read.text,
      problems: read.problems.map(p => p.message[locale]),
      report: read.text.length > 0 && looksLikeReport(parseReport(read.text)),
      ...(read.encoding ? { encoding: read.encoding } : {}),
      ...(read.pages ? { pages: read.pages } : {}),
    },
    read: read.text ? read : null,
  };
}
