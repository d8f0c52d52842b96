/**
 * A batch the size of a busy January: 500 reports made from the five samples (each body renamed,
 * one in ten saved as GB18030), checked and rendered in one command each. Figures, not assertions;
 * the baseline is `check --format json` on the same folder in the same run (reading and checking
 * without drawing anything). Progress shows on stderr when it is a terminal.
 *
 *   npm run bench:review            (N=… to change the number of reports)
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { SAMPLE_READING } from '../test/helpers/sample-values';
import type { CorpusId } from '../test/helpers/corpus';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const N = Number(process.env.N ?? 500);
const STEMS = '甲乙丙丁戊己庚辛壬癸';

function makeFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-batch-'));
  const samples = readdirSync(path.join(ROOT, 'samples')).filter(f => f.endsWith('.txt')).sort();
  for (let i = 0; i < N; i++) {
    const file = samples[i % samples.length];
    const id = file.slice(0, 3) as CorpusId;
    const agency = SAMPLE_READING[id].agency;
    const name = `${STEMS[Math.floor(i / samples.length / STEMS.length) % STEMS.length]}${STEMS[Math.floor(i / samples.length) % STEMS.length]}`;
    // A body of its own: the agency renamed wherever the report names it.
    const text = readFileSync(path.join(ROOT, 'samples', file), 'utf8').split(agency).join(agency.replace(/(局|中心|办公室|政府)$/, `${name}$1`));
    const sub = path.join(dir, `batch-${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    const out = path.join(sub, `${String(i).padStart(3, '0')}-${file}`);
    writeFileSync(out, i % 10 === 9 ? iconv.encode(text, 'gb18030') : text);
  }
  return dir;
}

function run(label: string, args: string[]): { label: string; seconds: number; code: number | null; bytes: number } {
  process.stderr.write(`\n${label}: nianbao ${args.join(' ')}\n`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  const output = args.includes('-o') ? args[args.indexOf('-o') + 1] : null;
  return { label, seconds, code: r.status, bytes: output ? statSync(output).size : r.stdout.length };
}

async function openInChromium(file: string): Promise<string> {
  const chromium = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) return 'Chromium not installed';
  const { chromium: pw } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'nianbao-chromium-'));
  const browser = await pw.launch({
    executablePath: chromium,
    env: { ...process.env, HOME: profile },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    const t = performance.now();
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120000 });
    const loaded = (performance.now() - t) / 1000;
    const reports = await page.locator('section.report').count();
    const cells = await page.locator('td.v').count();
    const t2 = performance.now();
    await page.locator('#filter').fill('甲乙');
    const filtered = (performance.now() - t2) / 1000;
    return `${reports} reports, ${cells} cells: loaded in ${loaded.toFixed(2)} s, filtered in ${filtered.toFixed(2)} s`;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
  const dir = makeFolder();
  const out = mkdtempSync(path.join(tmpdir(), 'nianbao-batch-out-'));
  try {
    const html = path.join(out, 'review.html');
    const results = [
      run('baseline: check, JSON', ['check', '--format', 'json', '-o', path.join(out, 'check.json'), dir]),
      run('check, review page', ['check', '--format', 'html', '-o', html, dir]),
      run('export, CSV', ['export', '-o', path.join(out, 'export.csv'), dir]),
      run('export --sum, JSON', ['export', '--sum', '--format', 'json', '-o', path.join(out, 'sum.json'), dir]),
    ];
    const base = results[0].seconds;
    console.log(`\n${N} reports (${readdirSync(dir).length} folders), node ${process.version}`);
    console.log('command'.padEnd(26) + 'seconds'.padStart(9) + '  × baseline' + '   per report' + '      output' + '  exit');
    for (const r of results) {
      console.log(r.label.padEnd(26) + r.seconds.toFixed(2).padStart(9) + (r.seconds / base).toFixed(2).padStart(12)
        + `${((r.seconds / N) * 1000).toFixed(1)} ms`.padStart(13) + `${(r.bytes / 1024 / 1024).toFixed(1)} MB`.padStart(12) + String(r.code).padStart(6));
    }
    console.log(`review page in Chromium: ${await openInChromium(html)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
