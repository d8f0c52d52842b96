/**
 * One job of the folder pool read and checked, as a worker thread (worker.ts) and the main thread
 * (pool.ts, between the outcomes it waits for) both do it: the same outcome, whichever thread checked it.
 */
import { acrossSummaries, checkReport } from '../service/check';
import type { Locale } from '../service/rules';
import { tablesView } from '../service/render';
import { looksLikeReport } from '../service/rules/not-a-report';
import { decodeReport } from '../protocol/decode';
import { detectKind, readDocumentSync } from '../readers/sync';
import type { PoolJob, PoolOutcome } from './pool';
import { lineStartsOf } from './lines';
import { problemText, readErrorText, readInputBytesSync, textHash } from './reportBytes';

/**
 * The pool's threads share a few counters (an Int32Array on a SharedArrayBuffer): at 0 the next job no
 * thread has taken; then, for each worker, the job it is on (-1: none), so that a worker that dies
 * loses that job and no other.
 */
export const JOB_SLOTS = 1;
export const jobSlot = (worker: number) => JOB_SLOTS + worker;

/** The next job no thread has taken, taken (by this thread alone); null when none is left. */
export function takeJob(shared: Int32Array, jobs: number): number | null {
  const index = Atomics.add(shared, 0, 1);
  return index < jobs ? index : null;
}

/** A file's bytes, or why they could not be read. Bounded as in the main thread: a FIFO, a device or an oversized file is refused, never waited on. */
export function readBytes(file: string, locale: Locale): Uint8Array | string {
  try {
    return new Uint8Array(readInputBytesSync(file).bytes);
  } catch (e) {
    return readErrorText(e, locale);
  }
}

/** The outcome of a job whose bytes were read (or not: the reason). */
export function outcomeOf(job: PoolJob, read: Uint8Array | string, keepTexts: boolean, locale: Locale): PoolOutcome {
  try {
    return typeof read === 'string' ? { kind: 'error', message: read } : checkFile(job, read, keepTexts, locale);
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

function checkFile(job: PoolJob, bytes: Uint8Array, keepTexts: boolean, locale: Locale): PoolOutcome {
  if (detectKind(bytes, job.file) !== 'text') return { kind: 'elsewhere' };
  // As the main thread's readDocument reads a file that is not a PDF.
  const read = readDocumentSync(bytes, job.file, { decodeText: decodeReport });
  // A .txt that is a saved page is read as one: the main thread reads it, and says where in the page each finding is.
  if (read.kind !== 'text') return { kind: 'elsewhere' };
  if (read.problems.length) return { kind: 'unreadable', message: problemText(read, locale) };
  const result = checkReport(read.text, job.config);
  return {
    kind: 'checked', encoding: String(read.encoding ?? read.kind), template: result.model.format.version,
    findings: result.findings, failures: result.failures, summaries: acrossSummaries(result.model, result.recognised),
    text: keepTexts ? read.text : null,
    lines: keepTexts ? null : { starts: lineStartsOf(result.lines), length: read.text.length, sha1: textHash(read.text) },
    // A report without findings needs no grids drawn (a fifth of a folder, often).
    body: result.model.agency?.value ?? null, year: result.model.year?.value ?? null, places: result.findings.length ? tablesView(result).places : [], report: looksLikeReport(result.model),
  };
}
