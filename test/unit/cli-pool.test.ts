/**
 * A folder checked in worker threads and the main thread (cli/pool.ts) reports exactly what one thread reports: the
 * same findings for each file, files in the same order, the comparison across reports (a body's
 * carry-over against its report of the year before) made from what the workers sent back, files that
 * cannot be read named, and a web page read by the main thread as before.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { CLI, runCli } from '../helpers/cli';
import { CORPUS, corpusPath, fixturePath, type CorpusId } from '../helpers/corpus';

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-pool-'));
  for (const id of Object.keys(CORPUS) as CorpusId[]) copyFileSync(corpusPath(id), path.join(dir, `${id}.txt`));
  const y2022 = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
  mkdirSync(path.join(dir, 'county'));
  writeFileSync(path.join(dir, 'county', '2021.txt'), y2022.replace(/2022/g, '2021'));
  // The later year in GB18030, as many offices still save their text.
  writeFileSync(path.join(dir, 'county', '2022.txt'), iconv.encode(y2022, 'gb18030'));
  // A link to nowhere: listed in the folder, not readable.
  symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'county', 'broken.txt'));
  writeFileSync(path.join(dir, 'page.html'), `<html><body><p>${y2022.split('\n').join('</p><p>')}</p></body></html>`);
  return dir;
}

const env = (workers: string) => ({ ...process.env, LANG: 'zh_CN.UTF-8', NIANBAO_WORKERS: workers });

describe('CLI: a folder checked in worker threads', function () {
  this.timeout(120000);
  const dir = folder();

  it('reports exactly what one thread reports, in the same order, in every format', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const one = runCli(['check', '--format', format, dir], { env: env('0') });
      const pooled = runCli(['check', '--format', format, dir], { env: env('2') });
      assert.strictEqual(pooled.code, one.code, format);
      assert.strictEqual(pooled.stdout, one.stdout, format);
      assert.strictEqual(pooled.stderr, one.stderr, format);
    }
    // Two workers beside the main thread, which checks reports too.
    const one = runCli(['check', '--format', 'json', dir], { env: env('0') });
    const three = runCli(['check', '--format', 'json', dir], { env: env('3') });
    assert.strictEqual(three.stdout, one.stdout);
    assert.strictEqual(three.stderr, one.stderr);
  });

  it('compares the reports with each other from what the workers sent back', () => {
    const r = runCli(['check', '--format', 'json', dir], { env: env('2') });
    const { files } = JSON.parse(r.stdout) as { files: { file: string; findings: { ruleId: string; message: { zh: string } | string }[] }[] };
    const later = files.find(f => f.file.endsWith(path.join('county', '2022.txt')));
    assert.ok(later, 'the GB18030 report is checked');
    assert.deepStrictEqual(later!.findings.filter(f => f.ruleId === 'carryover-continuity').map(f => (typeof f.message === 'string' ? f.message : f.message.zh)),
      [`“二、上年结转”与 2021 年度报告（${path.join(dir, 'county', '2021.txt')}）的“四、结转下年度继续办理”不一致：自然人 3 ≠ 1，总计 3 ≠ 1`]);
    assert.deepStrictEqual(files.map(f => path.relative(dir, f.file)), ['000.txt', '001.txt', '002.txt', '003.txt', '004.txt', path.join('county', '2021.txt'), path.join('county', '2022.txt'), 'page.html'],
      'files in the order of the folder walk, the unreadable one left out');
  });

  it('settles a comparison’s finding on a report checked in a worker with that report’s own text: its suppression comments, its place', () => {
    // The workers send back no text; the report the finding is on is read again for it.
    const quiet = mkdtempSync(path.join(tmpdir(), 'nianbao-pool-'));
    for (const id of ['000', '001', '002'] as CorpusId[]) copyFileSync(corpusPath(id), path.join(quiet, `${id}.txt`));
    const y2022 = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
    writeFileSync(path.join(quiet, '2021.txt'), y2022.replace(/2022/g, '2021'));
    writeFileSync(path.join(quiet, '2022.txt'), y2022);
    writeFileSync(path.join(quiet, 'quiet-2021.txt'), y2022.replace(/2022/g, '2021').replace(/某县/g, '某市'));
    writeFileSync(path.join(quiet, 'quiet-2022.txt'), '【nianbao-disable-file carryover-continuity】\n' + y2022.replace(/某县/g, '某市'));
    const one = runCli(['check', '--format', 'json', quiet], { env: env('0') });
    const pooled = runCli(['check', '--format', 'json', quiet], { env: env('2') });
    assert.strictEqual(pooled.stdout, one.stdout);
    const { files } = JSON.parse(pooled.stdout) as { files: { file: string; findings: { ruleId: string; line: number; place?: { text: string } }[] }[] };
    const rule = (name: string) => files.find(f => f.file.endsWith(name))!.findings.filter(f => f.ruleId === 'carryover-continuity');
    assert.deepStrictEqual(rule('quiet-2022.txt'), [], 'suppressed by the comment in the report');
    const found = rule(`${path.sep}2022.txt`);
    assert.strictEqual(found.length, 1, 'the other body’s carry-over still found');
    assert.match(y2022.split('\n')[found[0].line - 1], /^二、上年结转政府信息公开申请数量 3/, 'on the line of the 上年结转 row in the file');
  });

  it('names a file it cannot read and goes on', () => {
    const r = runCli(['check', dir], { env: env('2') });
    assert.strictEqual(r.code, 2);
    assert.match(r.stdout, /broken\.txt {2}无法读取 {2}文件不存在（或是指向不存在文件的链接）（ENOENT）/);
  });

  it('refuses a file over 10 MB at once, as one thread does, instead of reading and checking all of it', () => {
    const withLarge = folder();
    writeFileSync(path.join(withLarge, 'large.txt'), readFileSync(corpusPath('002'), 'utf8').repeat(800));
    const r = runCli(['check', withLarge], { env: env('2'), timeout: 60000 });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stdout, /large\.txt {2}无法读取 {2}文件过大（\d+ MB，上限 10 MB）/);
    assert.match(r.stdout, /002\.txt:403:2 {2}错误/, 'the reports beside it are checked');
  });

  describe('a worker that dies in the middle of a job', () => {
    // Reports that can all be read (the one lost is the only error).
    const many = mkdtempSync(path.join(tmpdir(), 'nianbao-pool-'));
    for (const id of Object.keys(CORPUS) as CorpusId[]) copyFileSync(corpusPath(id), path.join(many, `${id}.txt`));
    for (let i = 0; i < 30; i++) copyFileSync(corpusPath('002'), path.join(many, `more-${String(i).padStart(2, '0')}.txt`));
    type Out = { files: { file: string }[]; errors: { file: string; message: string }[] };
    const run = (cli: string, workers: string, paths = [many]) => {
      const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...paths], { encoding: 'utf8', env: env(workers), timeout: 60000 });
      return { code: r.status, out: JSON.parse(r.stdout) as Out, stderr: r.stderr };
    };
    const walked = run(CLI, '0').out.files.map(f => f.file);
    /**
     * The CLI beside a worker that dies in the middle of its first job (once, `marker` says: the worker
     * that replaces it is the real one), wherever the pool gives it work; `dies` is the code that kills it,
     * `marker` the path it writes the file it was on to.
     */
    const withDyingWorker = (dies: (marker: string) => string) => {
      const bin = mkdtempSync(path.join(tmpdir(), 'nianbao-pool-bin-'));
      copyFileSync(CLI, path.join(bin, 'cli.js'));
      copyFileSync(path.join(path.dirname(CLI), 'cli-worker.js'), path.join(bin, 'real-worker.js'));
      const marker = path.join(bin, 'died-on');
      writeFileSync(path.join(bin, 'cli-worker.js'), `${dies(JSON.stringify(marker))}\nrequire('./real-worker.js');\n`);
      return { cli: path.join(bin, 'cli.js'), marker };
    };
    const expectOneLost = (cli: string, marker: string, message: string) => {
      const pooled = run(cli, '2');
      assert.ok(existsSync(marker), 'a worker took a job and died');
      const lost = readFileSync(marker, 'utf8');
      assert.strictEqual(pooled.code, 2, pooled.stderr);
      assert.deepStrictEqual(pooled.out.errors, [{ file: lost, message }]);
      // The others as one thread checks them without the lost one (which is compared with none of them).
      const others = run(CLI, '0', walked.filter(f => f !== lost));
      assert.deepStrictEqual(pooled.out.files, others.out.files, 'every other file checked, as one thread checks it, in order');
    };

    it('reports the one file a worker was on when it stopped, and checks every other, in order', () => {
      const { cli, marker } = withDyingWorker(m => `
        const fs = require('fs');
        const open = fs.openSync;
        fs.openSync = (...args) => {
          if (!fs.existsSync(${m})) {
            fs.writeFileSync(${m}, String(args[0]));
            process.exit(3);
          }
          return open(...args);
        };`);
      expectOneLost(cli, marker, '检查此文件的线程意外退出（退出码 3）');
    });

    it('reports the one file a worker was on when it threw an error it did not catch, with that error', () => {
      // Sending the outcome fails, and so does sending that failure: the error escapes the worker.
      const { cli, marker } = withDyingWorker(m => `
        const fs = require('fs');
        const { parentPort, workerData } = require('worker_threads');
        const post = parentPort.postMessage.bind(parentPort);
        const first = !fs.existsSync(${m});
        parentPort.postMessage = message => {
          if (first) {
            fs.writeFileSync(${m}, workerData.jobs[message.index].file);
            throw new Error('cannot send');
          }
          post(message);
        };`);
      expectOneLost(cli, marker, 'cannot send');
    });
  });

  it('refuses a FIFO and a device named like reports at once, as one thread does (the threads read without the thread pool)', () => {
    const withSpecial = folder();
    const pipe = path.join(withSpecial, 'pipe.txt');
    spawnSync('mkfifo', [pipe]);
    symlinkSync('/dev/zero', path.join(withSpecial, 'zero.txt'));
    // A FIFO is not listed in a folder: named after it, it is the last job.
    const pooled = runCli(['check', withSpecial, pipe], { env: env('2'), timeout: 60000 });
    const one = runCli(['check', withSpecial, pipe], { env: env('0'), timeout: 60000 });
    assert.strictEqual(pooled.code, 2, pooled.stdout + pooled.stderr);
    assert.match(pooled.stdout, /pipe\.txt {2}无法读取 {2}不是普通文件，是管道（FIFO） \/ not a regular file but a FIFO/);
    assert.match(pooled.stdout, /zero\.txt {2}无法读取 {2}不是普通文件，是设备/);
    assert.strictEqual(pooled.stdout, one.stdout);
  });
});
