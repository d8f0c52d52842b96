/**
 * Benchmarks: figures, not assertions. Each figure is set beside a baseline measured in the same
 * run on the same text, so that a slower machine slows both.
 *
 *   npm run bench
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { checkReport } from '../server/src/service/check';
import { parseReport } from '../server/src/service/parse';
import { startServer } from '../test/helpers/lsp';

const ROOT = path.resolve(__dirname, '..');
const samples = readdirSync(path.join(ROOT, 'samples')).filter(f => f.endsWith('.txt')).sort();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median milliseconds of fn over enough runs to take ~300 ms, after a warm-up. */
function time(fn: () => void): number {
  for (let i = 0; i < 5; i++) fn();
  const runs: number[] = [];
  const until = performance.now() + 300;
  while (performance.now() < until || runs.length < 10) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

/** The least any reader of the text must do: split it into lines and scan every character once. */
function baseline(text: string): number {
  let n = 0;
  for (const line of text.split(/\r?\n/)) for (let i = 0; i < line.length; i++) n += line.charCodeAt(i) & 1;
  return n;
}

async function main() {
  console.log('Nianbao benchmarks (median of repeated runs)\n');
  console.log('1. Parse + all rules per sample, against a baseline that splits and scans the same text');
  console.log('   sample                         KB    baseline ms   parse ms   check ms   check/baseline');
  for (const f of samples) {
    const text = readFileSync(path.join(ROOT, 'samples', f), 'utf8');
    const b = time(() => baseline(text));
    const p = time(() => parseReport(text));
    const c = time(() => checkReport(text));
    console.log(`   ${f.padEnd(30)} ${(Buffer.byteLength(text) / 1024).toFixed(1).padStart(5)} ${b.toFixed(3).padStart(12)} ${p.toFixed(2).padStart(10)} ${c.toFixed(2).padStart(10)} ${(c / b).toFixed(0).padStart(12)}×`);
  }

  console.log('\n2. Growth with size: 000 repeated k times (time per KB should stay flat)');
  const base = readFileSync(path.join(ROOT, 'samples', samples[0]), 'utf8');
  console.log('    k      KB   check ms   ms per KB   baseline ms per KB');
  for (const k of [1, 4, 16, 64]) {
    const text = Array(k).fill(base).join('\n');
    const kb = Buffer.byteLength(text) / 1024;
    const c = time(() => checkReport(text));
    const b = time(() => baseline(text));
    console.log(`   ${String(k).padStart(2)} ${kb.toFixed(0).padStart(7)} ${c.toFixed(1).padStart(10)} ${(c / kb).toFixed(4).padStart(11)} ${(b / kb).toFixed(5).padStart(20)}`);
  }

  console.log('\n3. Language server (dist/server.js over stdio): edit → published diagnostics, against a hover round trip');
  const client = await startServer();
  const uri = 'file:///bench/000.txt';
  client.open(uri, base);
  await client.waitForDiagnostics(uri);
  const edits: number[] = [];
  const hovers: number[] = [];
  for (let v = 2; v < 32; v++) {
    const t0 = performance.now();
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: base.replace('51 3 0 0 0 2 56', `51 3 0 0 0 2 ${56 + (v % 2)}`) }] });
    await client.waitForDiagnostics(uri, p => p.version === v);
    edits.push(performance.now() - t0);
    const t1 = performance.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    hovers.push(performance.now() - t1);
  }
  await client.close();
  console.log(`   edit → diagnostics: median ${median(edits).toFixed(1)} ms (of which 200 ms is the typing debounce)`);
  console.log(`   hover round trip:   median ${median(hovers).toFixed(1)} ms`);

  console.log('\n4. Large documents in the server: peak memory (VmHWM) and time to diagnostics, against an idle server');
  let five = '';
  while (Buffer.byteLength(five) < 5 * 1024 * 1024) five += base + '\n';
  const oneLine = five.replace(/\r?\n/g, ' ');
  const peak = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  const idle = await startServer({ settings: {} });
  await new Promise(r => setTimeout(r, 500));
  console.log(`   idle server: ${peak(idle.process.pid!).toFixed(0)} MB`);
  await idle.close();
  console.log('   document                 maxFileSize    first diagnostics ms   peak MB');
  for (const [name, text] of [['5 MB report', five], ['5 MB single line', oneLine]] as const) {
    for (const maxFileSize of [1, 0]) {
      const c = await startServer({ settings: { maxFileSize } });
      const t0 = performance.now();
      c.open('file:///bench/big.txt', text);
      await c.waitForDiagnostics('file:///bench/big.txt', undefined, 600000);
      const ms = performance.now() - t0;
      console.log(`   ${name.padEnd(24)} ${(maxFileSize ? `${maxFileSize} MB` : 'no limit').padEnd(14)} ${ms.toFixed(0).padStart(20)} ${peak(c.process.pid!).toFixed(0).padStart(9)}`);
      await c.close();
    }
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
