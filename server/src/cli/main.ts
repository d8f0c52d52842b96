import { runCli } from './cli';

// Output piped into a reader that stops early (`| head`), or a full disk: exit 2 (an I/O problem,
// not "errors found"), without a stack trace.
let outputFailed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (outputFailed) return;
  outputFailed = true;
  process.exitCode = 2;
  if (e.code !== 'EPIPE') {
    try {
      process.stderr.write(`nianbao: 无法写出结果 cannot write the output: ${e.code ?? e.message}\n`);
    } catch {
      // stderr is gone too
    }
  }
});

runCli(process.argv.slice(2)).then(
  code => {
    process.exitCode = outputFailed ? 2 : code;
  },
  err => {
    process.stderr.write(`nianbao: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
