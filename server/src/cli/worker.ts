/**
 * A worker thread of the folder pool (pool.ts): the entry of its own small bundle, dist/cli-worker.js
 * (the engine and the text decoder, without the CLI's output formats, globbing, iconv or the readers
 * of web pages, Word files and PDFs), so that each worker starts in a fraction of the time and memory
 * the whole CLI bundle takes. It reads each file it is sent, checks it and sends back the outcome.
 */
import { parentPort, workerData } from 'worker_threads';
import { acrossSummaries, checkReport } from '../service/check';
import type { Locale } from '../service/rules';
import { tablesView } from '../service/render';
import { looksLikeReport } from '../service/rules/not-a-report';
import { decodeReport } from '../protocol/decode';
import { detectKind, readDocumentSync } from '../readers/sync';
import type { PoolJob, PoolOutcome } from './pool';
import { lineStartsOf } from './lines';
import { problemText, readErrorText, readInputBytes, textHash } from './reportBytes';

/** In a worker thread: check each job sent, and send its outcome back. */
function serveChecks(): void {
  const { locale, keepTexts } = workerData as { locale: Locale; keepTexts: boolean };
  // One check at a time, in the order sent (the pool counts on it: the first job it sent is the one
  // being checked); a job's file is read as soon as it comes, while the job before it is checked.
  let queue = Promise.resolve();
  parentPort!.on('message', (job: PoolJob & { index: number }) => {
    const bytes = readBytes(job.file, locale);
    queue = queue.then(async () => {
      let outcome: PoolOutcome;
      try {
        const read = await bytes;
        outcome = typeof read === 'string' ? { kind: 'error', message: read } : checkFile(job, read, keepTexts, locale);
      } catch (e) {
        outcome = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
      try {
        parentPort!.postMessage({ index: job.index, outcome });
      } catch (e) {
        // An outcome that cannot be sent is this job's error, not the end of the worker's queue.
        parentPort!.postMessage({ index: job.index, outcome: { kind: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    });
  });
}

/** A file's bytes, or why they could not be read. Bounded as in the main thread: a FIFO, a device or an oversized file is refused, never waited on. */
async function readBytes(file: string, locale: Locale): Promise<Uint8Array | string> {
  try {
    return new Uint8Array((await readInputBytes(file)).bytes);
  } catch (e) {
    return readErrorText(e, locale);
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
    body: result.model.agency?.value ?? null, year: result.model.year?.value ?? null, places: result.findings.length ? tablesView(result).places : [], report: looksLikeReport(result.model),
  };
}

serveChecks();
