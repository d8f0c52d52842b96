/**
 * A folder checked on every core: worker threads each read, decode and check one report at a time,
 * and the results come back in the order of the files, as soon as each is ready (a few jobs ahead,
 * so that memory stays flat however many files). A worker sends back what the output needs — the
 * text, the findings — and what the rules that compare reports need (`acrossSummaries`), never the
 * model. Files that are not plain text (web pages, Word, PDF) are handed back to the main thread,
 * which reads them as before.
 *
 * The worker is this same script (the CLI bundle) started with `workerData[POOL]`; main.ts sends it
 * to `serveChecks`. `NIANBAO_WORKERS` sets how many (0: none, everything in the main thread).
 */
import { availableParallelism } from 'os';
import { parentPort, Worker, workerData } from 'worker_threads';
import { acrossSummaries, checkReport, type AcrossSummaries } from '../service/check';
import type { NianbaoConfig } from '../service/config';
import { tablesView, type FindingPlace } from '../service/render';
import { looksLikeReport } from '../service/rules/not-a-report';
import type { Finding, Locale } from '../service/rules';
import { inputFromBytes, problemText, readErrorText, readInputBytes } from './documents';
import { detectKind } from '../readers/sync';

/** The `workerData` key that makes the CLI bundle a pool worker. */
export const POOL = 'nianbaoCheckPool';
/** Jobs sent ahead per worker: enough to keep it busy, few enough to keep memory flat. */
const AHEAD_PER_WORKER = 4;
/** Below this many files a pool costs more to start than it saves. */
const MIN_FILES = 4;

export interface PoolJob {
  file: string;
  config: NianbaoConfig;
}

export type PoolOutcome =
  | {
    kind: 'checked'; text: string; encoding: string; template: string | null; findings: Finding[];
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

/** How many worker threads to use for `files` jobs: none when it would not pay, or cannot be done. */
export function poolSize(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.NIANBAO_WORKERS === undefined ? NaN : Number(env.NIANBAO_WORKERS);
  const size = Number.isInteger(asked) && asked >= 0 ? asked : availableParallelism();
  if (size < 1 || files < MIN_FILES || !workerScript()) return 0;
  return Math.min(size, files);
}

/** The script a worker runs: the CLI bundle itself (not from TypeScript sources, not inside a single executable). */
function workerScript(): string | null {
  if (typeof __filename !== 'string' || !__filename.endsWith('.js')) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if ((require('node:sea') as { isSea?: () => boolean }).isSea?.()) return null;
  } catch {
    // No SEA module: not a single executable.
  }
  return __filename;
}

export interface CheckPool {
  /** The outcome of the next job, in the order the jobs were given. */
  next(): Promise<PoolOutcome>;
  close(): Promise<void>;
}

/** Check `jobs` on `size` worker threads; take the outcomes with `next()`, one per job, in order. */
export function checkInWorkers(jobs: PoolJob[], size: number, locale: Locale): CheckPool {
  const script = workerScript()!;
  const outcomes = new Map<number, PoolOutcome>();
  let waiting: { index: number; resolve: (o: PoolOutcome) => void } | null = null;
  let sent = 0;
  let taken = 0;
  const idle: Worker[] = [];
  const busy = new Map<Worker, number>();

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
    while (idle.length && sent < jobs.length && sent < taken + size * AHEAD_PER_WORKER) {
      const worker = idle.pop()!;
      busy.set(worker, sent);
      worker.postMessage({ index: sent, ...jobs[sent] });
      sent++;
    }
  };
  const start = (): Worker => {
    const worker = new Worker(script, { workerData: { [POOL]: true, locale } });
    worker.on('message', (m: { index: number; outcome: PoolOutcome }) => {
      busy.delete(worker);
      idle.push(worker);
      settle(m.index, m.outcome);
      dispatch();
    });
    // A worker that dies loses its one job (reported as not read); a new one takes its place.
    worker.on('error', e => {
      const index = busy.get(worker);
      busy.delete(worker);
      if (index !== undefined) settle(index, { kind: 'error', message: e instanceof Error ? e.message : String(e) });
      if (sent < jobs.length || busy.size) idle.push(start());
      dispatch();
    });
    return worker;
  };
  for (let i = 0; i < size; i++) idle.push(start());
  dispatch();

  return {
    next() {
      const index = taken++;
      dispatch();
      const ready = outcomes.get(index);
      if (ready) {
        outcomes.delete(index);
        return Promise.resolve(ready);
      }
      return new Promise(resolve => (waiting = { index, resolve }));
    },
    async close() {
      await Promise.all([...idle, ...busy.keys()].map(w => w.terminate()));
    },
  };
}

/** In a worker thread: check each job sent, and send its outcome back. */
export function serveChecks(): void {
  const locale = (workerData as { locale: Locale }).locale;
  parentPort!.on('message', async (job: PoolJob & { index: number }) => {
    let outcome: PoolOutcome;
    try {
      outcome = await checkFile(job, locale);
    } catch (e) {
      outcome = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    parentPort!.postMessage({ index: job.index, outcome });
  });
}

async function checkFile(job: PoolJob, locale: Locale): Promise<PoolOutcome> {
  let bytes: Uint8Array;
  try {
    // Bounded as in the main thread: a FIFO, a device or an oversized file is refused, never waited on.
    bytes = new Uint8Array((await readInputBytes(job.file)).bytes);
  } catch (e) {
    return { kind: 'error', message: readErrorText(e, locale) };
  }
  if (detectKind(bytes, job.file) !== 'text') return { kind: 'elsewhere' };
  const read = await inputFromBytes(bytes, job.file);
  if (read.problems.length) return { kind: 'unreadable', message: problemText(read, locale) };
  const result = checkReport(read.text, job.config);
  return {
    kind: 'checked', text: read.text, encoding: String(read.encoding), template: result.model.format.version,
    findings: result.findings, failures: result.failures, summaries: acrossSummaries(result.model, result.recognised),
    body: result.model.agency?.value ?? null, year: result.model.year?.value ?? null, places: tablesView(result).places, report: looksLikeReport(result.model),
  };
}
