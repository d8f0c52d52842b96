/**
 * The CLI's hook to the readers: any report file — text, a saved web page, a Word file, a PDF —
 * read to report text with a map back to the file (see server/src/readers). Plain text decodes as
 * `decodeReport` always has (BOM, UTF-8, GB18030), so its encoding is kept for `--fix`.
 */
import type { BigIntStats } from 'fs';
import { readInputBytes } from './reportBytes';
import { describeLocation, readDocument, type ReadResult } from '../readers';
import { loadCMapFromDisk } from '../readers/nodeAssets';
import type { Locale } from '../service/rules';
import { decodeReport, type Encoding } from '../protocol/decode';
import { inLocale } from '../service/message';

export { problemText, readErrorText, readInputBytes } from './reportBytes';

/**
 * A file as read: its text, where each part came from, its encoding, its bytes and its status when read
 * (to write back faithfully, and only if it did not change meanwhile).
 */
export type Input = ReadResult & { encoding: Encoding | string; bytes: Uint8Array; stats?: BigIntStats };

/** A report file: regular files only, size-capped, with a timeout (see node/readFile.ts). */
export async function readInput(file: string): Promise<Input> {
  const { bytes, stats } = await readInputBytes(file);
  return { ...(await inputFromBytes(new Uint8Array(bytes), file)), stats };
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
  return inLocale(locale, `这是${what[0]}，--fix 不写回：请在原文档中修改，或检查其文字版`, `this is ${what[1]}: --fix writes nothing to it; fix the source document, or check its text`);
}

/** Where a finding stands in the file: `12:5` in a web page's source, `第 3 页第 12 行` in a PDF. */
export function locator(input: Input): ((range: { start: number; end: number }, locale: Locale) => string | null) | undefined {
  if (input.kind === 'text') return undefined;
  return (range, locale) => {
    const loc = input.map.locate(range);
    return loc ? describeLocation(loc, locale, input.source) : null;
  };
}
