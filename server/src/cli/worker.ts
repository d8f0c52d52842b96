/**
 * A worker thread of the folder pool (pool.ts): the entry of its own small bundle, dist/cli-worker.js
 * (the engine and the text decoder, without the CLI's output formats, globbing, iconv or the readers
 * of web pages, Word files and PDFs), so that each worker starts in a fraction of the time and memory
 * the whole CLI bundle takes. It reads each file it is sent, checks it (poolCheck.ts) and sends back the outcome.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Locale } from '../service/rules';
import type { PoolJob, PoolOutcome } from './pool';
import { outcomeOf, readBytes } from './poolCheck';

/** In a worker thread: check each job sent, and send its outcome back. */
function serveChecks(): void {
  const { locale, keepTexts } = workerData as { locale: Locale; keepTexts: boolean };
  // One check at a time, in the order sent (the pool counts on it: the first job it sent is the one
  // being checked); a job's file is read as soon as it comes, between two checks.
  let queue = Promise.resolve();
  parentPort!.on('message', (job: PoolJob & { index: number }) => {
    const bytes = readBytes(job.file, locale);
    queue = queue.then(() => {
      let outcome: PoolOutcome;
      try {
        outcome = outcomeOf(job, bytes, keepTexts, locale);
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

serveChecks();
