/**
 * The CLI's hook to the readers: any report file — text, a saved web page, a Word file, a PDF —
 * read to report text with a map back to the file (see server/src/readers). Plain text decodes as
 * `decodeReport` always has (BOM, UTF-8, GB18030), so its encoding is kept for `--fix`.
 */
import type { BigIntStats } from 'fs';
import { ReadError, readRegularFile, type ReadLimits } from '../node/readFile';
import { REPORT_LIMITS } from './files';
import { describeLocation, readDocument, type ReadResult } from '../readers';
import { loadCMapFromDisk } from '../readers/nodeAssets';
import type { Locale } from '../service/rules';
import { decodeReport, type Encoding } from '../protocol/decode';

/**
 * A file as read: its text, where each part came from, its encoding, its bytes and its status when read
 * (to write back faithfully, and only if it did not change meanwhile).
 */
export type Input = ReadResult & { encoding: Encoding | string; bytes: Uint8Array; stats?: BigIntStats };

/** A Word file or a PDF may be larger than a text report: their bytes are not their text. */
const DOCUMENT = /\.(docx|pdf)$/i;
const DOCUMENT_LIMITS: ReadLimits = { ...REPORT_LIMITS, maxBytes: 100 * 1024 * 1024 };

/** A report file: regular files only, size-capped, with a timeout (see node/readFile.ts). */
export async function readInput(file: string): Promise<Input> {
  const { bytes, stats } = await readInputBytes(file);
  return { ...(await inputFromBytes(new Uint8Array(bytes), file)), stats };
}

/** The bytes of a report file, read as `readInput` reads them (also in the worker threads). */
export function readInputBytes(file: string): Promise<{ bytes: Buffer; stats: BigIntStats }> {
  return readRegularFile(file, DOCUMENT.test(file) ? DOCUMENT_LIMITS : REPORT_LIMITS);
}

const READ_ERRORS: Record<string, [zh: string, en: string]> = {
  EACCES: ['没有读取权限', 'permission denied'],
  EPERM: ['不允许读取', 'operation not permitted'],
  ENOENT: ['文件不存在（或是指向不存在文件的链接）', 'no such file (or a link to a missing file)'],
  ELOOP: ['链接形成循环', 'the links form a loop'],
  EIO: ['磁盘读写错误', 'I/O error'],
  ENAMETOOLONG: ['文件名过长', 'file name too long'],
  EMFILE: ['打开的文件过多', 'too many open files'],
};

/** Why a file or folder could not be read, in words, with the system's code. */
export function readErrorText(e: unknown, locale: Locale): string {
  if (e instanceof ReadError) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  const known = code ? READ_ERRORS[code] : undefined;
  if (known) return locale === 'zh' ? `${known[0]}（${code}）` : `${known[1]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** Bytes from anywhere (a file, standard input) read as a report file named `name`. */
export async function inputFromBytes(bytes: Uint8Array, name: string): Promise<Input> {
  const read = await readDocument(bytes, name, { decodeText: decodeReport, pdf: { loadCMap: loadCMapFromDisk } });
  return { ...read, encoding: read.encoding ?? read.kind, bytes };
}

/** Why `--fix` leaves a file alone, or null when it may write. */
export function fixRefusal(input: Input, locale: Locale): string | null {
  if (input.kind === 'text') return null;
  const what = { html: ['网页', 'a web page'], docx: ['Word 文件', 'a Word file'], pdf: ['PDF', 'a PDF'] }[input.kind];
  return locale === 'zh'
    ? `这是${what[0]}，--fix 不写回：请在原文档中修改，或检查其文字版`
    : `this is ${what[1]}: --fix writes nothing to it; fix the source document, or check its text`;
}

/** One line per read problem, in the user's language. */
export function problemText(input: Input, locale: Locale): string {
  return input.problems.map(p => p.message[locale]).join('；');
}

/** Where a finding stands in the file: `12:5` in a web page's source, `第 3 页第 12 行` in a PDF. */
export function locator(input: Input): ((range: { start: number; end: number }, locale: Locale) => string | null) | undefined {
  if (input.kind === 'text') return undefined;
  return (range, locale) => {
    const loc = input.map.locate(range);
    return loc ? describeLocation(loc, locale, input.source) : null;
  };
}
