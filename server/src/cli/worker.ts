/**
 * A worker thread of the folder pool (pool.ts): the entry of its own small bundle, dist/cli-worker.js
 * (the engine and the text decoder, without the CLI's output formats, globbing, iconv or the readers
 * of web pages, Word files and PDFs), so that each worker starts in a fraction of the time and memory
 * the whole CLI bundle takes. It takes the jobs one at a time, reads each file, checks it (poolCheck.ts) and sends back the outcome.
 */
import { parentPort, workerData } from 'worker_threads';
import type { WorkerOutcome, WorkerStart } from './pool';
import { jobSlot, outcomeOf, readBytes, takeJob } from './poolCheck';

/**
 * In a worker thread: take the next job no thread has taken (pool.ts), read and check it, send its
 * outcome back; again until none is left, then end.
 */
function serveChecks(): void {
  const { jobs, shared, slot, locale, keepTexts } = workerData as WorkerStart;
  const send = (m: WorkerOutcome) => parentPort!.postMessage(m);
  const one = () => {
    const index = takeJob(shared, jobs.length);
    if (index === null) return;
    // The job this worker is on: if it dies, the pool reports this one, and no other, as not checked.
    Atomics.store(shared, jobSlot(slot), index);
    const job = jobs[index];
    const outcome = outcomeOf(job, readBytes(job.file, locale), keepTexts, locale);
    try {
      send({ index, outcome });
    } catch (e) {
      // An outcome that cannot be sent is this job's error, not the end of the worker's jobs.
      send({ index, outcome: { kind: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
    Atomics.store(shared, jobSlot(slot), -1);
    // Between two jobs, the thread's own events (a termination) have their turn.
    setImmediate(one);
  };
  one();
}

serveChecks();
