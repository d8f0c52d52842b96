/**
 * The CLI as a single executable (Node's single executable applications, scripts/build-sea.mjs) for
 * machines without Node: built here from the current dist/cli.js, then run with no Node on PATH,
 * on real files, as a reviewer would on an office PC. Linux here and in CI; the script builds the
 * same way on Windows and macOS (not tested here).
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CLI, runCli } from '../helpers/cli';
import { corpusPath, ROOT } from '../helpers/corpus';

const EXE = path.join(ROOT, 'dist', 'sea', `nianbao-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);

describe('single executable (no Node needed)', function () {
  this.timeout(180000);

  before(function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    // Built from the bundle under test, unless it already is.
    if (!existsSync(EXE) || statSync(EXE).mtimeMs < statSync(CLI).mtimeMs) {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-sea.mjs')], { cwd: ROOT, stdio: 'pipe' });
    }
  });

  /** Run the executable with a PATH that has no node in it. */
  const run = (args: string[], opts: { cwd?: string; input?: string | Buffer } = {}) => {
    const r = spawnSync(EXE, args, { cwd: opts.cwd ?? ROOT, input: opts.input, encoding: 'utf8', env: { PATH: '/nonexistent', LANG: 'C.UTF-8', HOME: tmpdir() } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
  };

  it('is one file that runs without Node on PATH', () => {
    assert.notStrictEqual(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: '/nonexistent' } }).status, 0, 'no node on this PATH');
    const r = run(['--version']);
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.stdout, `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    assert.strictEqual(r.stderr, '', 'no experimental-feature warning');
  });

  it('checks the samples exactly as `node dist/cli.js` does', () => {
    const sea = run(['check', 'samples']);
    const node = runCli(['check', 'samples']);
    assert.strictEqual(sea.code, 1);
    assert.strictEqual(sea.stdout, node.stdout);
    assert.match(sea.stdout, /^samples\/002_da27b6d9f425ca71\.txt:403:2 {2}错误 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/m);
  });

  it('reads a GBK report from standard input, fixes a GB18030 file in place, writes SARIF with rule help', () => {
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: readFileSync(corpusPath('002')) });
    let r = run(['-', '--stdin-filename', '002.txt'], { input: gb });
    assert.match(r.stdout, /^002\.txt:403:2 {2}错误 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/m);
    // One 三 cell changed (自然人 new 108 → 109): a certain fix, which --fix writes back in GB18030.
    const wrong = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(readFileSync(corpusPath('002'), 'utf8').replace('\t108\n', '\t109\n')) });
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-sea-'));
    writeFileSync(path.join(dir, '002.txt'), wrong);
    r = run(['--fix', '002.txt'], { cwd: dir });
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.deepStrictEqual(readFileSync(path.join(dir, '002.txt')), gb, 'restored to 002, byte for byte, in GB18030');
    const sarif = JSON.parse(run(['--format', 'sarif', corpusPath('002')]).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'review-total');
    // The page, its relative links made absolute.
    const base = rule.helpUri.slice(0, rule.helpUri.lastIndexOf('/') + 1);
    assert.strictEqual(rule.help.markdown.split(base).join(''), readFileSync(path.join(ROOT, 'docs', 'rules', 'review-total.md'), 'utf8'), 'the rule pages are inside the executable');
  });
});
