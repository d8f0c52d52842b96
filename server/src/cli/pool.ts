/**
 * A folder checked on every core: worker threads each take the next report no thread has taken, read,
 * decode and check it, one at a time, and the results come back in the order of the files, as soon as
 * each is ready. A worker sends back what the output needs — the
 * findings, their places, the text's line starts (the text itself only for the review page) — and what
 * the rules that compare reports need (`acrossSummaries`), never the model. Files that are not plain text (web pages, Word, PDF) are handed back to the main thread,
 * which reads them as before.
 *
 * A worker runs its own bundle, dist/cli-worker.js (worker.ts): the engine without the rest of the CLI.
 * The main thread checks jobs too, the same way (poolCheck.ts), instead of waiting for an outcome that is
 * not there yet: one core's work without one more isolate's memory. `NIANBAO_WORKERS` sets how many
 * threads check, the main thread one of them (0 or 1: the main thread alone, one report after the other
 * in cli.ts); without the worker bundle beside the CLI's (a single executable, the sources run by tsx),
 * everything runs in the main thread.
 */
import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AcrossSummaries } from '../service/check';
import type { NianbaoConfig } from '../service/config';
import type { FindingPlace } from '../service/render';
import type { Finding, Locale } from '../service/rules';
import { inLocale } from '../protocol/text';
import { JOB_SLOTS, jobSlot, outcomeOf, readBytes, takeJob } from './poolCheck';

/** The worker's bundle (worker.ts), beside the CLI's. */
const WORKER_SCRIPT = 'cli-worker.js';
/** Below this many files a pool costs more to start than it saves. */
const MIN_FILES = 4;

export interface PoolJob {
  file: string;
  config: NianbaoConfig;
}

export type PoolOutcome =
  | {
    kind: 'checked'; encoding: string; template: string | null; findings: Finding[];
    /**
     * The text, when the run needs every report's (the review page); else only its line starts, its
     * length and a hash, for the positions of its findings, and to read it again, as it was, for the
     * few reports the comparisons across reports report on (cli.ts `addComparisons`).
     */
    text: string | null; lines: { starts: number[]; length: number; sha1: string } | null;
    failures: { ruleId: string; error: string }[]; summaries: AcrossSummaries;
    /** The body and year read, and where each finding is in words (the model stays in the worker). */
    body: string | null; year: number | null; places: FindingPlace[];
    /** False for a text that is not a report. */
    report: boolean;
  }
  /** Read, but not as a report: the problems, in the run's language. */
  | { kind: 'unreadable'; message: string }
  /** Not read at all (the error's code or message). */
  | { kind: 'error'; message: string }
  /** Not plain text: the main thread reads it. */
  | { kind: 'elsewhere' };

/**
 * How many worker threads to start for `files` jobs, beside the main thread that checks too (one thread
 * a core): none when it would not pay, or cannot be done.
 */
export function poolSize(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.NIANBAO_WORKERS === undefined ? NaN : Number(env.NIANBAO_WORKERS);
  const threads = Number.isInteger(asked) && asked >= 0 ? asked : availableParallelism();
  if (threads < 2 || files < MIN_FILES || !workerScript()) return 0;
  return Math.min(threads - 1, files);
}

/** The script a worker runs: the worker bundle beside the CLI bundle (not from TypeScript sources, not inside a single executable). */
function workerScript(): string | null {
  if (typeof __filename !== 'string' || !__filename.endsWith('.js')) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if ((require('node:sea') as { isSea?: () => boolean }).isSea?.()) return null;
  } catch {
    // No SEA module: not a single executable.
  }
  const script = path.join(path.dirname(__filename), WORKER_SCRIPT);
  return existsSync(script) ? script : null;
}

export interface CheckPool {
  /** The outcome of the next job, in the order the jobs were given. */
  next(): Promise<PoolOutcome>;
  close(): Promise<void>;
}

/** What a worker is given when it starts (worker.ts): every job, and the counters the threads share (poolCheck.ts `takeJob`). */
export interface WorkerStart {
  jobs: PoolJob[];
  shared: Int32Array;
  /** Where in `shared` this worker says which job it is on. */
  slot: number;
  locale: Locale;
  keepTexts: boolean;
}

/** A job a worker checked, sent back. */
export interface WorkerOutcome {
  index: number;
  outcome: PoolOutcome;
}

/**
 * Check `jobs` on `size` worker threads and in this thread, while it waits for the next outcome; take
 * the outcomes with `next()`, one per job, in order. Each thread takes the next job itself from a
 * counter they share, one at a time, as soon as it is free: no thread waits for another to be sent
 * work (a worker given its jobs by this thread ran dry whenever this thread was inside a check or lost
 * its core for a moment), and the threads finish within one report of each other. An outcome waiting
 * here is kept anyway once taken (its findings and summaries, to the end of the run): letting the
 * threads run ahead of the caller costs no memory.
 */
export function checkInWorkers(jobs: PoolJob[], size: number, locale: Locale, keepTexts: boolean): CheckPool {
  const script = workerScript()!;
  const outcomes = new Map<number, PoolOutcome>();
  let waiting: { index: number; resolve: (o: PoolOutcome) => void } | null = null;
  let taken = 0;
  const shared = new Int32Array(new SharedArrayBuffer(4 * (JOB_SLOTS + size)));
  /** Jobs whose outcome is in (or was taken): a late word from a dead worker changes nothing. */
  const settled = new Uint8Array(jobs.length);
  const workers = new Set<Worker>();
  let closing = false;

  const settle = (index: number, outcome: PoolOutcome) => {
    if (settled[index]) return;
    settled[index] = 1;
    if (waiting && waiting.index === index) {
      const w = waiting;
      waiting = null;
      w.resolve(outcome);
    } else {
      outcomes.set(index, outcome);
    }
  };
  const start = (slot: number) => {
    Atomics.store(shared, jobSlot(slot), -1);
    const data: WorkerStart = { jobs, shared, slot, locale, keepTexts };
    const worker = new Worker(script, { workerData: data });
    workers.add(worker);
    worker.on('message', (m: WorkerOutcome) => settle(m.index, m.outcome));
    // A worker that dies (an error it did not catch, or it stopped) loses the job it was on, reported
    // as not read; a new worker takes its place while jobs are left. One that ends because none is left
    // is on no job.
    const lost = (message: string) => {
      if (!workers.delete(worker)) return;
      const index = Atomics.load(shared, jobSlot(slot));
      if (index >= 0) settle(index, { kind: 'error', message });
      if (!closing && Atomics.load(shared, 0) < jobs.length) start(slot);
    };
    worker.on('error', e => lost(e instanceof Error ? e.message : String(e)));
    worker.on('exit', code => lost(inLocale(locale, `检查此文件的线程意外退出（退出码 ${code}）`, `the thread checking this file stopped (exit code ${code})`)));
  };
  for (let slot = 0; slot < size; slot++) start(slot);

  /** A job checked here, as a worker checks it; its outcome cloned as a worker's is sent (strings of their own, not slices that keep the whole text alive). */
  const checkHere = (index: number): PoolOutcome => {
    const job = jobs[index];
    const outcome = outcomeOf(job, readBytes(job.file, locale), keepTexts, locale);
    try {
      return structuredClone(outcome);
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  };

  return {
    async next() {
      const index = taken++;
      // While the outcome is not there, check the next job no thread has taken.
      for (;;) {
        const ready = outcomes.get(index);
        if (ready) {
          outcomes.delete(index);
          return ready;
        }
        const own = takeJob(shared, jobs.length);
        if (own === null) return new Promise<PoolOutcome>(resolve => (waiting = { index, resolve }));
        settle(own, checkHere(own));
        // The workers' outcomes that came in meanwhile taken before this thread checks another.
        await new Promise(resolve => setImmediate(resolve));
      }
    },
    async close() {
      closing = true;
      await Promise.all([...workers].map(w => w.terminate()));
    },
  };
}
