/**
 * Benchmarks: figures, not assertions (issue 11). Every figure is set beside a baseline measured in
 * the same run on the same input, so that a slower or busier machine slows both; each comparison is
 * repeated (rounds, or hundreds of samples) and the spread is printed with it.
 *
 *   npm run bench                 every figure; writes bench/results.json
 *   BENCH_QUICK=1 npm run bench   fewer rounds and samples (a quick look, not for the README)
 *   BENCH_ONLY=server,soak npm run bench   only those sections (engine, editor, folder, server, large, soak)
 *
 * Baselines: a linear pass that splits the text into lines and scans every character; textlint with
 * one trivial rule on the same text (in this process, through its JS API); a language server that
 * does no analysis (scripts/bench-noop-server.ts, same library and transport); a whole-process pass
 * that reads and decodes every file of the folder and scans it.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as esbuild from 'esbuild';
import * as iconv from 'iconv-lite';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkReport } from '../server/src/service/check';
import { createLanguageService } from '../server/src/service/languageService';
import { analyseSet, setSummary, type SetMember } from '../server/src/service/across';
import { parseReport } from '../server/src/service/parse';
import { startServer, type TestClient } from '../test/helpers/lsp';
import { SAMPLE_READING } from '../test/helpers/sample-values';
import type { CorpusId } from '../test/helpers/corpus';
import { soak, soakFigures, soakReport } from '../test/helpers/soak';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const QUICK = !!process.env.BENCH_QUICK;
const ROUNDS = QUICK ? 2 : 5;
const SAMPLES = QUICK ? 60 : 300;
const FOLDER_REPORTS = 1000;
const OPEN_REPORTS = 100;
const samples = readdirSync(path.join(ROOT, 'samples')).filter(f => f.endsWith('.txt')).sort();
/** The 20 KB report: the largest sample (19.3 KB). */
const REPORT = readFileSync(path.join(ROOT, 'samples', samples[0]), 'utf8');

// ------------------------------------------------------------------ measuring

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
function quantile(xs: number[], q: number): number {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]) => quantile(xs, 0.5);

/** Warm-up before timing: long enough for the JIT to settle (5 calls left round 1 measuring it). */
const WARM_UP_MS = 150;

/** Median milliseconds of fn over enough runs to take ~`ms`, after a warm-up. */
function time(fn: () => unknown, ms = 300): number {
  for (let i = 0, end = performance.now() + WARM_UP_MS; i < 5 || performance.now() < end; i++) fn();
  const runs: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until || runs.length < 10) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

/** The least any reader of the text must do: split it into lines and scan every character once. */
function linearPass(text: string): number {
  let n = 0;
  for (const line of text.split(/\r?\n/)) for (let i = 0; i < line.length; i++) n += line.charCodeAt(i) & 1;
  return n;
}

interface Figure {
  id: string;
  figure: string;
  value: number;
  unit: string;
  baseline: number | null;
  baselineName: string;
  /** value ÷ baseline (or baseline ÷ value where `inverse`). */
  ratio: number | null;
  /** min–max of the ratio (or the value) over the rounds. */
  spread: [number, number] | null;
  target: string;
  met: boolean;
}

const figures: Figure[] = [];
function add(f: Figure): void {
  figures.push(f);
  const r = f.ratio === null ? '' : `  ${f.ratio.toFixed(2)}×`;
  const s = f.spread ? `  [${f.spread[0].toFixed(2)}–${f.spread[1].toFixed(2)}]` : '';
  const b = f.baseline === null ? '' : `  vs ${fmt(f.baseline)} ${f.unit} (${f.baselineName})`;
  console.log(`   ${f.met ? '✓' : '✗'} ${f.figure}: ${fmt(f.value)} ${f.unit}${b}${r}${s}   target ${f.target}`);
}
function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}
const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

// ------------------------------------------------------------------ 1, 2: the engine

async function textlintLinter(): Promise<(text: string) => Promise<unknown>> {
  const { createLinter } = await import('textlint');
  const { TextlintKernelDescriptor } = await import('@textlint/kernel');
  const interop = <T>(m: T): T => ((m as { default?: T }).default ?? m);
  const text = interop((await import('@textlint/textlint-plugin-text')).default);
  // @ts-expect-error the rule ships without type declarations
  const noTodo = interop((await import('textlint-rule-no-todo')).default);
  const descriptor = new TextlintKernelDescriptor({
    rules: [{ ruleId: 'no-todo', rule: noTodo as never }],
    plugins: [{ pluginId: 'text', plugin: text as never }],
    filterRules: [],
  });
  const linter = createLinter({ descriptor });
  return t => linter.lintText(t, path.join(OUT, 'report.txt'));
}

/** Warm-up of the engine section, before its first round: every function it times runs this long first, so that
 * round 1 does not measure the JIT (with only `time`'s own 150 ms, round 1 read 3× the later rounds under load). */
const ENGINE_WARM_UP_MS = QUICK ? 500 : 1500;

/** CPU milliseconds a call (user + system, this process: `process.cpuUsage` over the whole timing window ÷ calls),
 * beside the median wall time of the calls in that window. CPU time does not count the moments another process
 * held the core, which wall time does under load. */
interface Timed { wall: number; cpu: number }
async function timeBoth(fn: () => unknown, ms = 300): Promise<Timed> {
  for (let i = 0, end = performance.now() + WARM_UP_MS; i < 5 || performance.now() < end; i++) await fn();
  const runs: number[] = [];
  const c0 = process.cpuUsage();
  const until = performance.now() + ms;
  while (performance.now() < until || runs.length < 10) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  return { wall: median(runs), cpu: (c.user + c.system) / 1000 / runs.length };
}

/** A full garbage collection, when V8 lets the script ask for one (it does on Node 20), else nothing. */
function fullCollection(): () => void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch { /* no collection: the rounds are then measured as before */ }
  return () => undefined;
}

async function engine(): Promise<void> {
  console.log(`\n1. Engine: parse + every rule on one ${(Buffer.byteLength(REPORT) / 1024).toFixed(1)} KB report (${samples[0]}), ${ROUNDS} rounds after a ${ENGINE_WARM_UP_MS} ms warm-up of each function`);
  const lint = await textlintLinter();
  const big = Array(Math.ceil(10e6 / Buffer.byteLength(REPORT))).fill(REPORT).join('\n');
  const bytes = Buffer.byteLength(REPORT);
  const bigBytes = Buffer.byteLength(big);
  // The same warm-up for the engine and both baselines, so that every round compares settled code.
  for (const fn of [() => linearPass(REPORT), () => checkReport(REPORT), () => lint(REPORT)]) {
    for (const end = performance.now() + ENGINE_WARM_UP_MS; performance.now() < end;) await fn();
  }
  // A full collection before each timing, and the 10 MB runs after every 20 KB round: the garbage of a 10 MB
  // check (hundreds of MB) was still being collected, on both cores, during the round that followed it.
  const collect = fullCollection();
  const small: { base: Timed; ours: Timed; textlint: Timed }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    collect();
    const base = await timeBoth(() => linearPass(REPORT));
    collect();
    const ours = await timeBoth(() => checkReport(REPORT));
    collect();
    const tl = await timeBoth(() => lint(REPORT));
    small.push({ base, ours, textlint: tl });
    console.log(`   round ${r + 1}: wall (CPU) linear pass ${base.wall.toFixed(3)} (${base.cpu.toFixed(3)}) ms, check ${ours.wall.toFixed(3)} (${ours.cpu.toFixed(3)}) ms, textlint ${tl.wall.toFixed(3)} (${tl.cpu.toFixed(3)}) ms`);
  }
  // 10 MB: a few whole runs (each takes seconds), the best of them, one per round, after a first unmeasured run.
  checkReport(big);
  const rows = small.map(x => {
    let bigMs = Infinity;
    for (let k = 0; k < (QUICK ? 1 : 2); k++) {
      collect();
      const t = performance.now();
      checkReport(big);
      bigMs = Math.min(bigMs, performance.now() - t);
    }
    console.log(`   10 MB: ${(bigMs / 1000).toFixed(2)} s`);
    return { ...x, perByte: (x.ours.wall * 1e6) / bytes, bigPerByte: (bigMs * 1e6) / bigBytes };
  });
  const ratios = rows.map(x => x.ours.wall / x.base.wall);
  const ours = median(rows.map(x => x.ours.wall));
  const base = median(rows.map(x => x.base.wall));
  add({ id: 'engine', figure: 'engine, one 20 KB report', value: ours, unit: 'ms', baseline: base, baselineName: 'linear pass', ratio: median(ratios), spread: range(ratios), target: '≤ 5×', met: median(ratios) <= 5 });
  const cpuRatios = rows.map(x => x.ours.cpu / x.base.cpu);
  add({ id: 'engine-cpu', figure: 'engine, one 20 KB report, CPU time', value: median(rows.map(x => x.ours.cpu)), unit: 'ms', baseline: median(rows.map(x => x.base.cpu)), baselineName: 'linear pass, CPU time', ratio: median(cpuRatios), spread: range(cpuRatios), target: '≤ 5×', met: median(cpuRatios) <= 5 });
  const tl = median(rows.map(x => x.textlint.wall));
  const faster = rows.map(x => x.textlint.wall / x.ours.wall);
  add({ id: 'engine-textlint', figure: 'textlint (one rule) ÷ engine, same text', value: ours, unit: 'ms', baseline: tl, baselineName: 'textlint + no-todo', ratio: median(faster), spread: range(faster), target: '≥ 5× (textlint slower)', met: median(faster) >= 5 });
  const fasterCpu = rows.map(x => x.textlint.cpu / x.ours.cpu);
  add({ id: 'engine-textlint-cpu', figure: 'textlint (one rule) ÷ engine, same text, CPU time', value: median(rows.map(x => x.ours.cpu)), unit: 'ms', baseline: median(rows.map(x => x.textlint.cpu)), baselineName: 'textlint + no-todo, CPU time', ratio: median(fasterCpu), spread: range(fasterCpu), target: '≥ 5× (textlint slower)', met: median(fasterCpu) >= 5 });
  const growth = rows.map(x => x.bigPerByte / x.perByte);
  add({ id: 'engine-10mb', figure: `engine, ${(bigBytes / 1e6).toFixed(1)} MB: time per byte`, value: median(rows.map(x => x.bigPerByte)), unit: 'ns/B', baseline: median(rows.map(x => x.perByte)), baselineName: '20 KB per byte', ratio: median(growth), spread: range(growth), target: '≤ 1.5×', met: median(growth) <= 1.5 });
}

// ------------------------------------------------------------------ 3–5: the language server

/** Single-character edits of a report, as typing does: a table digit changed and put back, a character typed in the prose and deleted. */
function edits(text: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  const row = text.indexOf('51 3 0 0 0 2 56');
  const digit = row + '51 3 0 0 0 2 5'.length;
  const prose = text.indexOf('。', text.indexOf('总体情况')) + 1;
  if (row < 0 || prose <= 0) throw new Error('the bench report changed: pick new edit positions');
  const d = at(digit);
  const p = at(prose);
  return [
    { range: { start: d, end: { ...d, character: d.character + 1 } }, text: '7' },
    { range: { start: d, end: { ...d, character: d.character + 1 } }, text: text[digit] },
    { range: { start: p, end: p }, text: '年' },
    { range: { start: p, end: { ...p, character: p.character + 1 } }, text: '' },
  ];
}

interface Pair {
  real: TestClient;
  noop: TestClient;
  versions: Map<TestClient, number>;
}

async function pair(options: { pull: boolean }, noopServer: string): Promise<Pair> {
  const real = await startServer({ pull: options.pull });
  const noop = await startServer({ pull: options.pull, server: noopServer });
  const p = { real, noop, versions: new Map([[real, 1], [noop, 1]]) };
  for (const c of [real, noop]) c.open('file:///bench/report.txt', REPORT);
  if (!options.pull) await Promise.all([real, noop].map(c => c.waitForDiagnostics('file:///bench/report.txt', undefined, 30000)));
  return p;
}

const URI = 'file:///bench/report.txt';
function change(p: Pair, c: TestClient, edit: ReturnType<typeof edits>[number]): number {
  const v = p.versions.get(c)! + 1;
  p.versions.set(c, v);
  void c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: v }, contentChanges: [edit] });
  return v;
}

/** Each sample: one edit, then `after` on the real server and on the no-analysis one, in alternating order. */
async function sampled(p: Pair, n: number, after: (c: TestClient, version: number) => Promise<unknown>): Promise<{ real: number[]; noop: number[] }> {
  const list = edits(REPORT);
  const out = { real: [] as number[], noop: [] as number[] };
  for (let i = 0; i < n; i++) {
    const order: ('real' | 'noop')[] = i % 2 ? ['real', 'noop'] : ['noop', 'real'];
    for (const which of order) {
      const c = p[which];
      const t = performance.now();
      const v = change(p, c, list[i % list.length]);
      await after(c, v);
      out[which].push(performance.now() - t);
    }
  }
  return out;
}

function latency(id: string, figure: string, s: { real: number[]; noop: number[] }, q: number, limit: number): void {
  const real = quantile(s.real, q);
  const noop = quantile(s.noop, q);
  add({ id, figure, value: real, unit: 'ms', baseline: noop, baselineName: 'no-analysis server', ratio: real / noop, spread: null, target: `≤ ${limit}×`, met: real / noop <= limit });
}

/**
 * The editor's analysis after one edit (the language service keeps the document's last parse and reuses
 * what the edit did not touch, issue 21) beside a full analysis of the same text (a fresh service): each
 * sample alternates the edited text and the original, so every analysis is of a changed text.
 */
function editAnalysis(edited: string): { incremental: number; full: number } {
  const service = createLanguageService({ locale: 'zh' });
  const uri = 'file:///bench/edited.txt';
  let version = 0;
  const doc = () => TextDocument.create(uri, 'nianbao', ++version, version % 2 ? edited : REPORT);
  const incremental: number[] = [];
  const full: number[] = [];
  // Interleaved, one of each in turn, so that a busy moment of the machine falls on both.
  for (let i = 0, end = performance.now() + WARM_UP_MS + 600; i < 60 || performance.now() < end; i++) {
    const next = doc();
    let t = performance.now();
    service.diagnostics(next);
    const a = performance.now() - t;
    t = performance.now();
    createLanguageService({ locale: 'zh' }).diagnostics(next);
    const b = performance.now() - t;
    if (i >= 20) {
      incremental.push(a);
      full.push(b);
    }
  }
  return { incremental: median(incremental), full: median(full) };
}

async function editor(noopServer: string): Promise<void> {
  console.log(`\n3a. An edit's analysis in the editor (in process) beside a full analysis of the same text, ${ROUNDS} rounds`);
  const digit = REPORT.indexOf('51 3 0 0 0 2 56') + '51 3 0 0 0 2 5'.length;
  const prose = REPORT.indexOf('。', REPORT.indexOf('总体情况')) + 1;
  const inTable: { incremental: number; full: number }[] = [];
  const inProse: { incremental: number; full: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    inTable.push(editAnalysis(REPORT.slice(0, digit) + '7' + REPORT.slice(digit + 1)));
    inProse.push(editAnalysis(REPORT.slice(0, prose) + '年' + REPORT.slice(prose)));
  }
  const tableRatios = inTable.map(x => x.incremental / x.full);
  add({
    id: 'edit-table', figure: 'an edit inside one table (三 digit): analysis', value: median(inTable.map(x => x.incremental)), unit: 'ms',
    baseline: median(inTable.map(x => x.full)), baselineName: 'full analysis', ratio: median(tableRatios), spread: range(tableRatios), target: '≤ 0.2×', met: median(tableRatios) <= 0.2,
  });
  const proseRatios = inProse.map(x => x.incremental / x.full);
  console.log(`   (a character typed in the prose of 一: ${fmt(median(inProse.map(x => x.incremental)))} ms vs ${fmt(median(inProse.map(x => x.full)))} ms full, ${median(proseRatios).toFixed(2)}× [${range(proseRatios).map(x => x.toFixed(2)).join('–')}])`);

  console.log(`\n3b. Edit → diagnostics (pull): a textDocument/diagnostic right after each single-character didChange, ${SAMPLES} edits`);
  let p = await pair({ pull: true }, noopServer);
  const pulled = await sampled(p, SAMPLES, c => c.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }));
  latency('pull-p50', 'edit → diagnostics (pull), p50', pulled, 0.5, 2);
  latency('pull-p99', 'edit → diagnostics (pull), p99', pulled, 0.99, 3);

  console.log(`\n4. Completion, hover, symbols, folding right after each edit (the document changed: parsed again, the tables the edit did not touch reused), ${SAMPLES} each`);
  const features: [string, string, (c: TestClient) => Promise<unknown>][] = [
    ['completion', 'completion', c => c.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: positionOf('（七）总计', 0) })],
    ['hover', 'hover (a row label)', c => c.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: positionOf('（七）总计', 2) })],
    ['symbols', 'document symbols', c => c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })],
    ['folding', 'folding ranges', c => c.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } })],
  ];
  for (const [id, name, request] of features) {
    const s = await sampled(p, SAMPLES, c => request(c));
    latency(`${id}-p99`, `${name}, p99`, s, 0.99, 2);
  }
  // Hover on a number shows its finding: the analysis of the version the diagnostics were pulled for.
  const hoverNumber = await sampled(p, Math.min(SAMPLES, 100), async c => {
    await c.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } });
    return c.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: positionOf('51 3 0 0 0 2 56', 0) });
  });
  console.log(`   (hover on a number after the pull: p99 ${quantile(hoverNumber.real, 0.99).toFixed(2)} ms vs ${quantile(hoverNumber.noop, 0.99).toFixed(2)} ms, diagnostics included)`);
  await Promise.all([p.real.close(), p.noop.close()]);

  console.log(`\n5. Push diagnostics: didChange → publishDiagnostics of that version, ${Math.min(SAMPLES, 100)} edits, one at a time`);
  p = await pair({ pull: false }, noopServer);
  const pushed = await sampled(p, Math.min(SAMPLES, 100), (c, v) => c.waitForDiagnostics(URI, d => d.version === v, 30000));
  const engineMs = figures.find(f => f.id === 'engine')?.value ?? 0;
  for (const [q, name] of [[0.5, 'p50'], [0.99, 'p99']] as const) {
    const real = quantile(pushed.real, q);
    const noop = quantile(pushed.noop, q);
    add({
      id: `push-${name}`, figure: `edit → published diagnostics (push), ${name}`, value: real, unit: 'ms', baseline: noop, baselineName: 'no-analysis server',
      ratio: null, spread: null, target: '≤ 50 ms + one analysis', met: real - noop <= 50 + engineMs * 2,
    });
  }
  await Promise.all([p.real.close(), p.noop.close()]);
}

function positionOf(needle: string, plus: number): { line: number; character: number } {
  const offset = REPORT.indexOf(needle) + plus;
  const before = REPORT.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

// ------------------------------------------------------------------ 6: a folder; 7: many reports open

const STEMS = '甲乙丙丁戊己庚辛壬癸';

/** 1,000 reports from the samples, each body renamed (so carry-overs compare within a body), one in ten in GB18030. */
function makeFolder(): { dir: string; texts: string[]; bytes: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));
  const texts: string[] = [];
  let bytes = 0;
  for (let i = 0; i < FOLDER_REPORTS; i++) {
    const file = samples[i % samples.length];
    const agency = SAMPLE_READING[file.slice(0, 3) as CorpusId].agency;
    const k = Math.floor(i / samples.length);
    const name = `${STEMS[Math.floor(k / 100) % 10]}${STEMS[Math.floor(k / 10) % 10]}${STEMS[k % 10]}`;
    const text = readFileSync(path.join(ROOT, 'samples', file), 'utf8').split(agency).join(agency.replace(/(局|中心|办公室|政府)$/, `${name}$1`));
    const sub = path.join(dir, `batch-${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    const data = i % 10 === 9 ? iconv.encode(text, 'gb18030') : Buffer.from(text);
    writeFileSync(path.join(sub, `${String(i).padStart(4, '0')}-${file}`), data);
    texts.push(text);
    bytes += data.length;
  }
  return { dir, texts, bytes };
}

/** Preloaded into a measured process: its peak RSS and CPU time, written to stderr at exit. */
const USAGE_PRELOAD = `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, '\\nBENCH_USAGE ' + JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\\n'); });`;

/** The whole-process floor for a folder: read and decode every file, scan its lines. */
const FOLDER_PASS = `
const fs = require('fs'), path = require('path');
const walk = d => fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
let n = 0;
const utf8 = new TextDecoder('utf-8', { fatal: true }), gb = new TextDecoder('gb18030');
for (const f of walk(process.argv[1])) {
  const b = fs.readFileSync(f);
  let t; try { t = utf8.decode(b); } catch { t = gb.decode(b); }
  for (const line of t.split(/\\r?\\n/)) for (let i = 0; i < line.length; i++) n += line.charCodeAt(i) & 1;
}
process.stdout.write(String(n));
`;

function runMeasured(args: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; maxRssMB: number; cpuSeconds: number; code: number | null } {
  const preload = path.join(OUT, 'usage-preload.js');
  writeFileSync(preload, USAGE_PRELOAD);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', preload, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t) / 1000;
  const m = /BENCH_USAGE (\{.*\})/.exec(String(r.stderr));
  if (!m) throw new Error(`no usage from ${args.join(' ')}: ${String(r.stderr).slice(0, 2000)}`);
  const u = JSON.parse(m[1]) as { maxRSS: number; cpu: number };
  return { seconds, maxRssMB: u.maxRSS / 1024, cpuSeconds: u.cpu / 1000, code: r.status };
}

async function folder(): Promise<{ dir: string; texts: string[]; checkSeconds: number }> {
  const { dir, texts, bytes } = makeFolder();
  const mb = bytes / 1e6;
  console.log(`\n6. A folder of ${FOLDER_REPORTS} reports (${mb.toFixed(1)} MB, one in ten GB18030): nianbao check --format json, whole process, ${QUICK ? 1 : 3} rounds`);
  const runs: { cli: ReturnType<typeof runMeasured>; pass: ReturnType<typeof runMeasured>; one: ReturnType<typeof runMeasured> | null }[] = [];
  for (let r = 0; r < (QUICK ? 1 : 3); r++) {
    const pass = runMeasured(['-e', FOLDER_PASS, dir]);
    const cli = runMeasured([CLI, 'check', '--format', 'json', dir]);
    const one = r === 0 ? runMeasured([CLI, 'check', '--format', 'json', dir], { NIANBAO_WORKERS: '0' }) : null;
    if (cli.code !== 1) throw new Error(`check exited ${cli.code} (expected 1: the samples have errors)`);
    runs.push({ cli, pass, one });
    console.log(`   round ${r + 1}: check ${cli.seconds.toFixed(2)} s (CPU ${cli.cpuSeconds.toFixed(2)} s, peak RSS ${cli.maxRssMB.toFixed(0)} MB), read-and-scan ${pass.seconds.toFixed(2)} s` +
      (one ? `; without worker threads ${one.seconds.toFixed(2)} s (peak RSS ${one.maxRssMB.toFixed(0)} MB)` : ''));
  }
  const speeds = runs.map(x => mb / x.cli.seconds);
  const floors = runs.map(x => mb / x.pass.seconds);
  const speed = median(speeds);
  add({ id: 'folder-speed', figure: `folder of ${FOLDER_REPORTS} reports: throughput`, value: speed, unit: 'MB/s', baseline: median(floors), baselineName: 'read-and-scan process', ratio: median(floors) / speed, spread: range(speeds), target: '≥ 20 MB/s', met: speed >= 20 });
  const cores = median(runs.map(x => x.cli.cpuSeconds / x.cli.seconds));
  add({ id: 'folder-cores', figure: 'folder: CPU time ÷ wall time (cores used)', value: cores, unit: '', baseline: null, baselineName: '', ratio: null, spread: range(runs.map(x => x.cli.cpuSeconds / x.cli.seconds)), target: `both cores (> 1.5 of ${os.availableParallelism()})`, met: cores > 1.5 });
  // The engine alone on the same texts, in this process: what the check of a report cannot do without.
  for (const t of texts.slice(0, 100)) checkReport(t, {});
  const engineMs: number[] = [];
  for (let r = 0; r < (QUICK ? 1 : 3); r++) {
    const c0 = process.cpuUsage();
    for (const t of texts) checkReport(t, {});
    const c = process.cpuUsage(c0);
    engineMs.push((c.user + c.system) / 1000 / texts.length);
  }
  const cpuMs = runs.map(x => (x.cli.cpuSeconds * 1000) / texts.length);
  add({ id: 'folder-cpu', figure: 'folder: CPU time per report, whole process (every thread)', value: median(cpuMs), unit: 'ms', baseline: median(engineMs), baselineName: 'the engine alone on the same texts, this process', ratio: median(cpuMs) / median(engineMs), spread: range(cpuMs.map(x => x / median(engineMs))), target: '(information)', met: true });
  const one = runs[0].one!;
  add({ id: 'folder-one-thread', figure: 'folder without worker threads (NIANBAO_WORKERS=0): throughput', value: mb / one.seconds, unit: 'MB/s', baseline: median(floors), baselineName: 'read-and-scan process', ratio: median(floors) / (mb / one.seconds), spread: null, target: `(information; peak RSS ${one.maxRssMB.toFixed(0)} MB)`, met: true });
  const rss = median(runs.map(x => x.cli.maxRssMB));
  add({ id: 'folder-rss', figure: 'folder: peak RSS', value: rss, unit: 'MB', baseline: median(runs.map(x => x.pass.maxRssMB)), baselineName: 'read-and-scan process', ratio: null, spread: range(runs.map(x => x.cli.maxRssMB)), target: '≤ 200 MB', met: rss <= 200 });
  return { dir, texts, checkSeconds: median(runs.map(x => x.cli.seconds)) };
}

// ------------------------------------------------------------------ 6b: reuse across a batch

/**
 * `n` reports' sections 一, 五 and 六 made from the samples, every sentence varied per report (a
 * character in seven replaced), so that no two share text by construction; then one in ten gets two
 * paragraphs of another report pasted in, and one in ten is its body's report of the year before
 * with a third of its sentences rewritten: the reuse the check is there to find.
 */
function reuseBatch(n: number): SetMember[] {
  const base = samples.map(f => setSummary(parseReport(readFileSync(path.join(ROOT, 'samples', f), 'utf8'))));
  const vary = (text: string, seed: number) => text.replace(/[\u4e00-\u9fff]/g, (c, at: number) => ((at + seed) % 7 === 0 ? String.fromCharCode(0x4e00 + ((seed * 131 + at * 17) % 20000)) : c));
  const members: SetMember[] = [];
  for (let i = 0; i < n; i++) {
    const s = base[i % base.length];
    const previous = i % 10 === 5 ? members[i - 1] : undefined;
    const pieces = previous
      ? previous.summary.pieces.map((p, k) => ({ ...p, text: p.text.split('。').map((x, j) => ((j + k) % 3 === 0 ? vary(x, i * 31 + j) : x)).join('。') }))
      : s.pieces.map(p => ({ ...p, text: vary(p.text, i) }));
    if (i % 10 === 7 && members.length > 3) {
      const from = members[(i * 37) % members.length].summary.pieces.find(p => p.section === 1);
      if (from && pieces.length) pieces[pieces.length - 1] = { ...pieces[pieces.length - 1], text: pieces[pieces.length - 1].text + from.text.slice(0, 400) };
    }
    members.push({ id: `r${i}`, summary: { agency: previous ? previous.summary.agency : `某县第${i}局`, year: previous ? 2024 : 2023, pieces } });
  }
  return members;
}

function reuse(checkSeconds: number | null): void {
  console.log(`\n6b. Reuse (内容雷同) across a batch: ${FOLDER_REPORTS} reports made from the samples, every sentence varied, pasted paragraphs and years before mixed in`);
  const batch = reuseBatch(FOLDER_REPORTS);
  const twice = reuseBatch(FOLDER_REPORTS * 2);
  const chars = batch.reduce((n, m) => n + m.summary.pieces.reduce((k, p) => k + p.text.length, 0), 0);
  const texts = batch.map(m => m.summary.pieces.map(p => p.text).join('\n'));
  const rounds = QUICK ? 3 : 7;
  const times: number[] = [];
  const passes: number[] = [];
  const growth: number[] = [];
  let found = 0;
  let compared = 0;
  for (let r = 0; r < rounds; r++) {
    passes.push(time(() => texts.reduce((n, t) => n + linearPass(t), 0), 100));
    let t = performance.now();
    const set = analyseSet(batch);
    times.push(performance.now() - t);
    t = performance.now();
    analyseSet(twice);
    growth.push((performance.now() - t) / times[times.length - 1]);
    found = [...set.reuse.matches.values()].reduce((n, ms) => n + ms.filter(m => m.share >= 0.15).length, 0);
    compared = set.reuse.compared;
  }
  const ms = median(times);
  console.log(`   ${(chars / 1e6).toFixed(2)} M characters of 一、五、六; ${compared} pairs compared shingle by shingle of ${(FOLDER_REPORTS * (FOLDER_REPORTS - 1)) / 2}; ${found} reports with ≥ 15 % reused`);
  if (checkSeconds !== null) {
    const ratios = times.map(t => t / (checkSeconds * 1000));
    add({ id: 'reuse-batch', figure: `reuse across ${FOLDER_REPORTS} reports (pairing + shingles + index)`, value: ms, unit: 'ms', baseline: checkSeconds * 1000, baselineName: `check of a ${FOLDER_REPORTS}-report folder, same run`, ratio: median(ratios), spread: range(ratios), target: '≤ 0.10× of the folder check', met: median(ratios) <= 0.1 });
  }
  const overPass = times.map((t, i) => t / passes[i]);
  add({ id: 'reuse-linear', figure: 'reuse ÷ a linear pass over the same texts', value: ms, unit: 'ms', baseline: median(passes), baselineName: 'linear pass', ratio: median(overPass), spread: range(overPass), target: '(information)', met: true });
  add({ id: 'reuse-scaling', figure: `reuse: ${FOLDER_REPORTS * 2} reports ÷ ${FOLDER_REPORTS}`, value: median(growth), unit: '', baseline: 2, baselineName: 'linear growth', ratio: median(growth) / 2, spread: range(growth), target: '≤ 2.5 (quadratic: 4)', met: median(growth) <= 2.5 });
}

function rssOf(c: TestClient): number {
  const status = readFileSync(`/proc/${c.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function manyOpen(texts: string[], noopServer: string): Promise<void> {
  console.log(`\n7. A language server with ${OPEN_REPORTS} reports open (push diagnostics, each published), RSS after they settle`);
  const real = await startServer();
  const noop = await startServer({ server: noopServer });
  for (const c of [real, noop]) {
    texts.slice(0, OPEN_REPORTS).forEach((t, i) => c.open(`file:///bench/many/${i}.txt`, t));
    for (let i = 0; i < OPEN_REPORTS; i++) await c.waitForDiagnostics(`file:///bench/many/${i}.txt`, undefined, 60000);
  }
  await new Promise(r => setTimeout(r, 1000));
  const ours = rssOf(real);
  const base = rssOf(noop);
  add({ id: 'server-rss', figure: `server with ${OPEN_REPORTS} reports open: RSS`, value: ours, unit: 'MB', baseline: base, baselineName: 'no-analysis server', ratio: ours / base, spread: null, target: '≤ 150 MB', met: ours <= 150 });
  await Promise.all([real.close(), noop.close()]);
}

/**
 * A long editing day (issue 24): the soak run, push and pull, and the server's memory at its end beside
 * a fresh server's given the same open documents. Seed fixed, so that runs compare.
 */
async function soakMemory(): Promise<void> {
  const ops = QUICK ? 1000 : 5000;
  console.log(`\n8. A long editing day: ${ops} soak operations (push, then pull), the server's memory beside a fresh server with the same documents`);
  for (const pull of [false, true]) {
    const seed = 1000 + (pull ? 1 : 0);
    const started = Date.now();
    const result = await soak(pull, seed, { ops });
    for (const line of soakReport(pull, seed, ops, Math.round((Date.now() - started) / 1000), result)) console.log(`   ${line}`);
    if (result.problems.length) console.log(`   problems: ${result.problems.slice(0, 5).join(' | ')}`);
    const f = soakFigures(result);
    if (!f) continue;
    const mode = pull ? 'pull' : 'push';
    add({ id: `soak-heap-${mode}`, figure: `after ${ops} soak operations (${mode}): heap used after a full collection`, value: f.heapMB, unit: 'MB', baseline: f.freshHeapMB, baselineName: 'fresh server, same documents', ratio: f.heapRatio, spread: null, target: '≤ 1.5×', met: f.heapRatio <= 1.5 });
    add({ id: `soak-rss-${mode}`, figure: `after ${ops} soak operations (${mode}): RSS once idle`, value: f.rssIdleMB, unit: 'MB', baseline: f.freshRssIdleMB, baselineName: 'fresh server, same documents', ratio: f.rssIdleMB / f.freshRssIdleMB, spread: null, target: '≤ 200 MB', met: f.rssIdleMB <= 200 });
  }
}

// ------------------------------------------------------------------ the run

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: os.availableParallelism(), memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, os: `${os.type()} ${os.release()}`, loadAverage: os.loadavg().map(x => x.toFixed(2)).join(' '),
  };
}

function gitCommit(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT });
  return String(r.stdout).trim() + (String(dirty.stdout).trim() ? '+changes' : '');
}

/**
 * Large documents in the server (the reliability issue): peak memory (VmHWM) and time to diagnostics,
 * with the size limit (not analysed live) and without it, against an idle server.
 */
async function largeDocuments(): Promise<void> {
  console.log('\nLarge documents in the server: peak memory and time to diagnostics');
  let five = '';
  while (Buffer.byteLength(five) < 5 * 1024 * 1024) five += REPORT + '\n';
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

async function main() {
  mkdirSync(OUT, { recursive: true });
  const m = machine();
  const commit = gitCommit();
  console.log(`Nianbao benchmarks — ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, load ${m.loadAverage}`);
  const noopServer = path.join(OUT, 'noop-server.js');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'scripts', 'bench-noop-server.ts')], outfile: noopServer, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const only = (process.env.BENCH_ONLY ?? 'engine,editor,folder,server,large,soak').split(',');
  if (only.includes('engine')) await engine();
  if (only.includes('editor')) await editor(noopServer);
  let folderDir: string | null = null;
  if (only.includes('folder') || only.includes('server')) {
    const f = only.includes('folder') ? await folder() : { ...makeFolder(), checkSeconds: null };
    folderDir = f.dir;
    if (only.includes('folder')) reuse(f.checkSeconds);
    if (only.includes('server')) await manyOpen(f.texts, noopServer);
  }
  if (folderDir) rmSync(folderDir, { recursive: true, force: true });
  if (only.includes('large')) await largeDocuments();
  if (only.includes('soak')) await soakMemory();

  const results = { date: new Date().toISOString(), commit, machine: { ...m, loadAverageAtEnd: os.loadavg().map(x => x.toFixed(2)).join(' ') }, quick: QUICK, figures };
  writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('\nTable (for the README):\n');
  console.log('| figure | ours | baseline | ratio | target | met |');
  console.log('|---|---|---|---|---|---|');
  for (const f of figures) {
    const v = `${fmt(f.value)}${f.unit ? ' ' + f.unit : ''}`;
    const b = f.baseline === null ? '—' : `${fmt(f.baseline)}${f.unit ? ' ' + f.unit : ''} (${f.baselineName})`;
    const r = f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×${f.spread && f.unit !== '' && f.id.startsWith('engine') ? ` (${f.spread[0].toFixed(2)}–${f.spread[1].toFixed(2)})` : ''}`;
    console.log(`| ${f.figure} | ${v} | ${b} | ${r} | ${f.target} | ${f.met ? 'yes' : 'no'} |`);
  }
  console.log(`\n${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}; load average ${m.loadAverage} at the start, ${results.machine.loadAverageAtEnd} at the end; ${results.commit}`);
  console.log(`Written: ${path.relative(ROOT, path.join(OUT, 'results.json'))}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
