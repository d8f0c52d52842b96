/**
 * "Open as report text" on the server: a web page's or a Word file's bytes read with the CLI's
 * readers (the synchronous ones: pdfjs stays out of the server bundles), answered as the report text
 * the CLI would check, or why it could not be read. Pure: no connection, no file system.
 */
import { base64ToBytes, MAX_DOCUMENT_BYTES, type ReadDocumentParams, type ReadDocumentResult } from './protocol';
import { detectKind, readDocumentSync } from './readers/sync';
import { decodeReport } from './protocol/decode';
import { parseReport } from './service/parse';
import { looksLikeReport } from './service/rules/not-a-report';
import type { Locale } from './service/rules';

const MB = 1024 * 1024;

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

export function readDocumentForEditor(params: ReadDocumentParams, locale: Locale): ReadDocumentResult {
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  const name = baseName(params.name);
  // base64 is 4 characters for 3 bytes.
  if (params.data.length > Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4) {
    return {
      kind: 'text', text: '', report: false,
      problems: [say(`文件超过 ${MAX_DOCUMENT_BYTES / MB} MB，编辑器中不读取：请在终端运行 nianbao check "${name}"`, `the file is over ${MAX_DOCUMENT_BYTES / MB} MB and is not read in the editor: run nianbao check "${name}" in a terminal`)],
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(params.data);
  } catch {
    return { kind: 'text', text: '', report: false, problems: [say('收到的文件内容无法解码（不是 base64）', 'the file’s content as sent could not be decoded (not base64)')] };
  }
  if (detectKind(bytes, name) === 'pdf') {
    return {
      kind: 'pdf', text: '', report: false,
      problems: [say(
        `PDF 只能用命令行检查（PDF 阅读器太大，没有放进扩展）：请在终端运行 nianbao check "${name}"`,
        `PDFs are checked by the command line only (the PDF reader is too large for the extension): run nianbao check "${name}" in a terminal`,
      )],
    };
  }
  const read = readDocumentSync(bytes, name, { decodeText: decodeReport });
  const kind = read.kind === 'pdf' ? 'text' : read.kind;
  return {
    kind,
    text: read.text,
    problems: read.problems.map(p => p.message[locale]),
    report: read.text.length > 0 && looksLikeReport(parseReport(read.text)),
    ...(read.encoding ? { encoding: read.encoding } : {}),
  };
}
