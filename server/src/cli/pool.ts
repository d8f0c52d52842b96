/**
 * A folder checked on every core: worker threads each read, decode and check one report at a time,
 * and the results come back in the order of the files, as soon as each is ready (a few jobs ahead,
 * so that memory stays flat however many files). A worker sends back what the output needs — the
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
import { outcomeOf, readBytes } from './poolCheck';

/** The worker's bundle (worker.ts), beside the CLI's. */
const WORKER_SCRIPT = 'cli-worker.js';
/**
 * Jobs sent or checked ahead of the one the caller takes, per thread that checks. An outcome waiting
 * here is kept anyway once taken (its findings and summaries, to the end of the run), so a wide window
 * costs no memory; a narrow one (4) stopped both threads whenever one of them was late — a report
 * longer than most, a thread that lost its core for a moment on a busy machine — while the other waited
 * for the outcome the caller takes next.
 */
const AHEAD_PER_WORKER = 32;
/**
 * Jobs a worker holds at once: the one it checks and the next ones, so that it never waits for the main
 * thread, which sends more only between two of its own checks (each as long as one of the worker's, or
 * longer: with two jobs held the worker sat idle a tenth of its time). It still checks them one at a time:
 * the first of its jobs is the one it is on.
 */
const IN_FLIGHT_PER_WORKER = 4;
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

/**
 * Check `jobs` on `size` worker threads and in this thread, while it waits for the next outcome; take
 * the outcomes with `next()`, one per job, in order.
 */
export function checkInWorkers(jobs: PoolJob[], size: number, locale: Locale, keepTexts: boolean): CheckPool {
  const script = workerScript()!;
  const outcomes = new Map<number, PoolOutcome>();
  let waiting: { index: number; resolve: (o: PoolOutcome) => void } | null = null;
  let sent = 0;
  let taken = 0;
  /** Each worker's jobs, in the order it takes them (it checks one at a time): the first is the one it is on. */
  const queues = new Map<Worker, number[]>();
  /** Jobs a worker that died had not started: sent again to another, or checked here. */
  const again: number[] = [];
  /** Jobs sent or checked ahead of the one the caller takes: the workers' and this thread's. */
  const ahead = (size + 1) * AHEAD_PER_WORKER;

  const settle = (index: number, outcome: PoolOutcome) => {
    if (waiting && waiting.index === index) {
      const w = waiting;
      waiting = null;
      w.resolve(outcome);
    } else {
      outcomes.set(index, outcome);
    }
  };
  const dispatch = () => {
    for (;;) {
      const fresh = !again.length;
      if (fresh && (sent >= jobs.length || sent >= taken + ahead)) return;
      // The worker with the fewest jobs, if it has room for one more.
      let worker: Worker | null = null;
      for (const [w, q] of queues) if (q.length < IN_FLIGHT_PER_WORKER && (!worker || q.length < queues.get(worker)!.length)) worker = w;
      if (!worker) return;
      const index = fresh ? sent++ : again.shift()!;
      queues.get(worker)!.push(index);
      worker.postMessage({ index, ...jobs[index] });
    }
  };
  const start = () => {
    const worker = new Worker(script, { workerData: { locale, keepTexts } });
    queues.set(worker, []);
    worker.on('message', (m: { index: number; outcome: PoolOutcome }) => {
      queues.get(worker)!.shift();
      settle(m.index, m.outcome);
      dispatch();
    });
    // A worker that dies loses the job it was on (reported as not read); the jobs it had not begun go
    // to the others, and a new worker takes its place.
    worker.on('error', e => {
      const [index, ...rest] = queues.get(worker) ?? [];
      queues.delete(worker);
      if (index !== undefined) settle(index, { kind: 'error', message: e instanceof Error ? e.message : String(e) });
      again.push(...rest);
      if (sent < jobs.length || again.length || [...queues.values()].some(q => q.length)) start();
      dispatch();
    });
  };
  for (let i = 0; i < size; i++) start();
  dispatch();

  /** A job for this thread: one a dead worker left, or the first not sent, within the jobs ahead. */
  const claim = (): number | null => {
    if (again.length) return again.shift()!;
    return sent < jobs.length && sent < taken + ahead ? sent++ : null;
  };
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
      dispatch();
      // While the outcome is not there, check the next job no worker has (never more than `ahead`).
      for (;;) {
        const ready = outcomes.get(index);
        if (ready) {
          outcomes.delete(index);
          return ready;
        }
        const own = claim();
        if (own === null) return new Promise<PoolOutcome>(resolve => (waiting = { index, resolve }));
        outcomes.set(own, checkHere(own));
        // The workers' outcomes that came in meanwhile taken, and their next jobs sent, before this thread checks another.
        await new Promise(resolve => setImmediate(resolve));
        dispatch();
      }
    },
    async close() {
      await Promise.all([...queues.keys()].map(w => w.terminate()));
    },
  };
}
