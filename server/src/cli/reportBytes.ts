/**
 * A report file's bytes, read as every command reads them (size-capped, regular files only, with a
 * timeout), and why a file could not be read, in words. Apart from documents.ts so that the folder
 * pool's worker bundle (worker.ts) takes this without the readers of web pages, Word files and PDFs.
 */
import { createHash } from 'crypto';
import type { BigIntStats } from 'fs';
import { ReadError, readRegularFile, readRegularFileSync, type ReadLimits } from '../node/readFile';
import { MAX_CLI_DOCUMENT_BYTES, MAX_REPORT_BYTES } from '../protocol/names';
import type { ReadResult } from '../readers/types';
import type { Locale } from '../service/rules';
import { inLocale, msg, type Message } from '../service/message';

/**
 * A report is tens of kilobytes; one past this is not a report, and checking it would take minutes
 * and gigabytes. A FIFO or device named like a report, or a read that hangs, is an error too.
 */
export const REPORT_LIMITS: ReadLimits = { maxBytes: MAX_REPORT_BYTES, timeoutMs: 30000 };

/** A Word file or a PDF may be larger than a text report: their bytes are not their text. */
const DOCUMENT = /\.(docx|pdf)$/i;
const DOCUMENT_LIMITS: ReadLimits = { ...REPORT_LIMITS, maxBytes: MAX_CLI_DOCUMENT_BYTES };

/** The bytes of a report file, read as `readInput` reads them (also in the worker threads). */
export function readInputBytes(file: string): Promise<{ bytes: Buffer; stats: BigIntStats }> {
  return readRegularFile(file, DOCUMENT.test(file) ? DOCUMENT_LIMITS : REPORT_LIMITS);
}

/** The same, read at once in the calling thread (the folder check's threads: cli/poolCheck.ts). */
export function readInputBytesSync(file: string): { bytes: Buffer; stats: BigIntStats } {
  return readRegularFileSync(file, DOCUMENT.test(file) ? DOCUMENT_LIMITS : REPORT_LIMITS);
}

const READ_ERRORS: Record<string, Message> = {
  EACCES: msg('没有读取权限', 'permission denied'),
  EPERM: msg('不允许读取', 'operation not permitted'),
  ENOENT: msg('文件不存在（或是指向不存在文件的链接）', 'no such file (or a link to a missing file)'),
  ELOOP: msg('链接形成循环', 'the links form a loop'),
  EIO: msg('磁盘读写错误', 'I/O error'),
  ENAMETOOLONG: msg('文件名过长', 'file name too long'),
  EMFILE: msg('打开的文件过多', 'too many open files'),
};

/** Why a file or folder could not be read, in words, with the system's code. */
export function readErrorText(e: unknown, locale: Locale): string {
  if (e instanceof ReadError) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  const known = code ? READ_ERRORS[code] : undefined;
  if (known) return inLocale(locale, `${known.zh}（${code}）`, `${known.en} (${code})`);
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** One line per read problem, in the user's language. */
export function problemText(input: Pick<ReadResult, 'problems'>, locale: Locale): string {
  return input.problems.map(p => p.message[locale]).join('；');
}

/** A text's fingerprint: the folder check reads a report again only to find the very text it checked. */
export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
