/**
 * What generate.ts and report.ts share: the documents of the matrix, and the one header line of a
 * matrix fixture (test/fixtures/matrix/<document>/<input>.<tool>.<ext>):
 *
 *   <!-- nianbao-matrix: tool=<name> <version>; command=<command line>; source=<document file> -->
 *
 * followed by the tool's output exactly as it wrote it.
 */
import { decodeReport } from '../../server/src/protocol/decode';
import { readDocument } from '../../server/src/readers';
import { CORPUS, type CorpusId } from '../../test/helpers/corpus';

export const MATRIX = 'test/fixtures/matrix';
export const DOCUMENTS = `${MATRIX}/documents`;

export type Input = 'pdf' | 'docx' | 'html';

/** A report of the matrix: its files, as repository paths. */
export interface Doc {
  id: string;
  pdf?: string;
  docx?: string;
  html?: string;
}

export const SAMPLE_IDS = Object.keys(CORPUS) as CorpusId[];

export const DOCS: Doc[] = [
  // The samples as Word files (the generator), as LibreOffice made PDFs of them, as the generator's web page.
  ...SAMPLE_IDS.map(id => ({ id, docx: `${DOCUMENTS}/${id}.docx`, pdf: `${DOCUMENTS}/${id}.pdf`, html: `${DOCUMENTS}/${id}.html` })),
  // Real published reports (sources in test/fixtures/real/README.md and test/fixtures/matrix/documents/real/README.md).
  { id: 'hongze-2023', pdf: 'test/fixtures/real/hongze-2023.pdf' },
  { id: 'huaian-2024', pdf: 'test/fixtures/real/huaian-2024.pdf' },
  { id: 'hongze-2024', pdf: `${DOCUMENTS}/real/hongze-2024.pdf` },
  { id: 'shanghai-2019', html: 'test/fixtures/documents/shanghai-2019-bangongting.html' },
];

export const HEADER_PREFIX = '<!-- nianbao-matrix: ';

export interface Header {
  tool: string;
  version: string;
  command: string;
  source: string;
}

/** What a fixture holds, by `<input>.<tool>`: how people come to have such a text. */
export const TOOL_KINDS: Record<string, string> = {
  'pdf.pdftotext': 'pdf-text',
  'pdf.pdftotext-layout': 'pdf-text',
  'pdf.pdftotext-raw': 'pdf-text',
  'pdf.mutool': 'pdf-text',
  'pdf.pymupdf': 'pdf-text',
  'pdf.pdfminer': 'pdf-text',
  'pdf.pdfplumber': 'pdf-text',
  'pdf.pdf-parse': 'pdf-text',
  'pdf.unpdf': 'pdf-text',
  'pdf.pdf2md': 'markdown',
  'pdf.tesseract': 'ocr',
  'pdf.pdfjs-viewer-chromium-copy': 'pasted',
  'pdf.pdfjs-viewer-copyall': 'pasted',
  'docx.pandoc-plain': 'word-text',
  'docx.pandoc-markdown': 'markdown',
  'docx.pandoc-gfm': 'markdown',
  'docx.pandoc-html': 'html',
  'docx.soffice-txt': 'word-text',
  'docx.soffice-html': 'html',
  'docx.mammoth-text': 'word-text',
  'docx.mammoth-markdown': 'markdown',
  'docx.mammoth-html': 'html',
  'html.html-to-text': 'crawled',
  'html.turndown': 'markdown',
  'html.cheerio': 'crawled',
  'html.bs4': 'crawled',
  'html.bs4-lines': 'crawled',
  'html.html2text': 'markdown',
  'html.pandoc-plain': 'crawled',
  'html.pandoc-gfm': 'markdown',
  'html.chromium-innertext': 'crawled',
  'html.chromium-copy': 'pasted',
};

export interface ManifestEntry {
  file: string;
  document: string;
  input: Input;
  tool: string;
  version: string;
  command: string;
  source: string;
  /** pdf-text, ocr, markdown, word-text, html (a web page the HTML reader reads), crawled, pasted. */
  kind: string;
}

/** The header of a fixture and the output after it (bytes), or null when the first line is not one. */
export function parseHeader(bytes: Uint8Array): (Header & { body: Uint8Array }) | null {
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) return null;
  const line = new TextDecoder().decode(bytes.subarray(0, nl));
  if (!line.startsWith(HEADER_PREFIX) || !line.endsWith(' -->')) return null;
  const inner = line.slice(HEADER_PREFIX.length, -' -->'.length);
  const c = inner.indexOf('; command=');
  const s = inner.lastIndexOf('; source=');
  if (!inner.startsWith('tool=') || c < 0 || s < c) return null;
  const toolAndVersion = inner.slice('tool='.length, c);
  const space = toolAndVersion.indexOf(' ');
  return {
    tool: toolAndVersion.slice(0, space),
    version: toolAndVersion.slice(space + 1),
    command: inner.slice(c + '; command='.length, s),
    source: inner.slice(s + '; source='.length),
    body: bytes.subarray(nl + 1),
  };
}

/**
 * The text Nianbao reads from a fixture's output, as `nianbao check` reads the file: by its name and
 * content (a web page as HTML, text decoded as the CLI decodes it, a .txt that is a saved page as HTML).
 */
export async function fixtureText(file: string, body: Uint8Array): Promise<string> {
  return (await readDocument(body, file, { decodeText: decodeReport })).text;
}
