import { isMainThread, workerData } from 'worker_threads';
import { runCli } from './cli';
import { POOL, serveChecks } from './pool';

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[POOL]) {
  // A worker thread of the folder pool (pool.ts): it checks the files it is sent.
  serveChecks();
} else {
  runCli(process.argv.slice(2)).then(
    code => {
      process.exitCode = code;
    },
    err => {
      process.stderr.write(`nianbao: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
