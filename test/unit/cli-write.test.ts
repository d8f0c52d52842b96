/**
 * `nianbao check` when things go wrong: killed mid-write, files changed under it, links, read-only
 * files, full disks, bad --output, closed pipes, unreadable folders, FIFOs and devices. Each case is
 * one the reliability issue reproduced; the report on disk is checked byte for byte.
 */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import {
  appendFileSync, chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync,
  readlinkSync, rmSync, statSync, symlinkSync, watch, writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CLI, runCli } from '../helpers/cli';
import { corpusPath, oneFinding002 } from '../helpers/corpus';
import { replaceFile } from '../../server/src/cli/write';

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'nianbao-write-'));
}
/** 002 (its one finding the 四 group) with one 三 cell changed (自然人 new 108 → 109, line 123): a wrong cell the tables pin for certain. */
const original = oneFinding002().replace('\t108\n', '\t109\n');
/** What --fix writes: the cell restored. */
const fixed = oneFinding002();
const isRoot = process.getuid?.() === 0;

/**
 * The CLI copied where `user` can read it: the checkout may sit in a folder only its owner can enter
 * (CI clones into `mktemp -d`, mode 700). Skips, saying why, when `user` cannot run Node itself.
 */
function cliCopyFor(user: { uid?: number; gid?: number }, test: Mocha.Context): string {
  const node = spawnSync(process.execPath, ['-e', '0'], { ...user, cwd: '/', encoding: 'utf8' });
  if (node.status !== 0) {
    // Said in the test's title, which the reporter prints beside the skip.
    test.test!.title += ` — skipped: user ${user.uid} cannot run ${process.execPath} (${(node.stderr || node.error?.message || '').trim().split('\n')[0]})`;
    test.skip();
  }
  const dir = tmp();
  chmodSync(dir, 0o755);
  const copy = path.join(dir, 'cli.js');
  copyFileSync(CLI, copy);
  chmodSync(copy, 0o644);
  return copy;
}

describe('nianbao check --fix never loses a report', function () {
  this.timeout(120000);

  it('leaves the old text or the new, never anything else, when killed (SIGKILL) at random points of a large write', async () => {
    assert.notStrictEqual(fixed, original);
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    // 4 MB: the write takes long enough to be hit; the padding is one line of spaces, cheap to check.
    const pad = ' '.repeat(4 * 1024 * 1024 - original.length) + '\n';
    const before = Buffer.from(original + pad);
    const after = Buffer.from(fixed + pad);
    const outcomes = { old: 0, new: 0 };
    const RUNS = 12;
    for (let run = 0; run < RUNS; run++) {
      writeFileSync(file, before);
      const child = spawn(process.execPath, [CLI, 'check', '--fix', file], { stdio: 'ignore' });
      const exited = new Promise<void>(resolve => child.on('exit', () => resolve()));
      // Kill as soon as the folder changes (the write begins), after a random delay of 0–30 ms.
      const watcher = watch(dir, () => {
        watcher.close();
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 30);
      });
      await exited;
      watcher.close();
      const now = readFileSync(file);
      if (now.equals(before)) outcomes.old++;
      else if (now.equals(after)) outcomes.new++;
      else assert.fail(`run ${run}: the report is neither the old nor the new text (${now.length} bytes)`);
      // Left-over temporary copies are hidden (dot files) and are never taken for reports.
      for (const f of readdirSync(dir)) if (f !== 'r.txt') rmSync(path.join(dir, f));
    }
    assert.strictEqual(outcomes.old + outcomes.new, RUNS);
  });

  it('does not overwrite a report changed after it was read: the change is kept, the run says so', async () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    writeFileSync(file, original);
    const stats = statSync(file, { bigint: true });
    appendFileSync(file, '\n（补充）本段在检查时加入。\n');
    const changed = readFileSync(file);
    const problem = await replaceFile(file, Buffer.from(fixed), stats, dir, 'zh');
    assert.strictEqual(problem, '读取后文件已被修改，未写入修正（请重新运行）');
    assert.deepStrictEqual(readFileSync(file), changed, 'the added paragraph is still there');
    assert.deepStrictEqual(readdirSync(dir), ['r.txt'], 'no temporary file left');
  });

  it('keeps a paragraph added while --fix runs on a large report', async () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    const pad = ' '.repeat(8 * 1024 * 1024) + '\n';
    writeFileSync(file, original + pad);
    const added = '（补充）本段在检查时加入。\n';
    const child = spawn(process.execPath, [CLI, 'check', '--fix', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', d => (out += d));
    // The report is read at start; checking 8 MB takes a second or more; the paragraph comes in between.
    await new Promise(r => setTimeout(r, 400));
    appendFileSync(file, added);
    const code = await new Promise<number | null>(resolve => child.on('exit', c => resolve(c)));
    const now = readFileSync(file, 'utf8');
    assert.ok(now.endsWith(pad + added), 'the paragraph is not lost');
    if (now === original + pad + added) {
      assert.strictEqual(code, 2);
      assert.match(out, /r\.txt {2}无法写回 {2}读取后文件已被修改，未写入修正/);
    } else {
      // The CLI started late and read the report with the paragraph: then it fixed that text.
      assert.strictEqual(now, fixed + pad + added);
    }
  });

  it('refuses to write through a link to a file outside the checked folder; a link inside it stays a link', () => {
    const dir = tmp();
    const outside = path.join(tmp(), 'elsewhere.txt');
    writeFileSync(outside, original);
    mkdirSync(path.join(dir, 'reports'));
    symlinkSync(outside, path.join(dir, 'reports', 'link.txt'));
    writeFileSync(path.join(dir, 'reports', 'real.txt'), original);
    symlinkSync('real.txt', path.join(dir, 'reports', 'alias.txt'));
    const r = runCli(['check', '--fix', path.join(dir, 'reports')]);
    assert.strictEqual(r.code, 2, r.stdout + r.stderr);
    assert.strictEqual(readFileSync(outside, 'utf8'), original, 'the file outside is untouched');
    assert.match(r.stdout, /link\.txt {2}无法写回 {2}是指向检查范围以外的链接（.*elsewhere\.txt），未写入/);
    assert.strictEqual(readFileSync(path.join(dir, 'reports', 'real.txt'), 'utf8'), fixed, 'fixed through the link inside');
    assert.ok(lstatSync(path.join(dir, 'reports', 'alias.txt')).isSymbolicLink(), 'the link is still a link');
    assert.strictEqual(readlinkSync(path.join(dir, 'reports', 'alias.txt')), 'real.txt');
    assert.match(r.stdout, /，已自动修正 1 处，1 个文件未能写回$/m);
  });

  it('reports a read-only report as not written, with the findings of the file as it is', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    writeFileSync(file, original);
    chmodSync(file, 0o444);
    const r = runCli(['check', '--fix', file]);
    assert.strictEqual(r.code, 2, 'an I/O problem, not "errors found"');
    assert.strictEqual(readFileSync(file, 'utf8'), original);
    assert.match(r.stdout, /r\.txt {2}无法写回 {2}文件只读，未写入/);
    assert.match(r.stdout, /r\.txt:123:2 {2}错误 {2}三表 · 一、本年新收政府信息公开申请数量 · 自然人 {2}“一、本年新收政府信息公开申请数量”行自然人应为 108/, 'the finding is still in the file');
    assert.doesNotMatch(r.stdout, /已自动修正/);
    assert.match(r.stdout, /共检查 1 个文件，1 个文件未能写回$/m);
  });

  it('reports a write that the file system refuses (file size limit) as not written, and the report is intact', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    const text = original + ' '.repeat(200000) + '\n';
    writeFileSync(file, text);
    // A 100 KB file size limit: the fixed copy cannot be written (EFBIG), as on a full or capped disk.
    const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 100; exec "${process.execPath}" "${CLI}" check --fix "${file}"`], { encoding: 'utf8' });
    assert.strictEqual(r.status, 2, r.stdout + r.stderr);
    assert.strictEqual(readFileSync(file, 'utf8'), text);
    assert.match(r.stdout, /r\.txt {2}无法写回 {2}文件超出允许的大小 \(EFBIG\)/);
    assert.doesNotMatch(r.stdout, /已自动修正/);
    assert.deepStrictEqual(readdirSync(dir), ['r.txt'], 'the partial copy is removed');
  });

  it('reports a full disk as not written, and the report is intact', function () {
    if (!isRoot) this.skip(); // mounting a small file system needs root
    const dir = tmp();
    const mnt = path.join(dir, 'disk');
    mkdirSync(mnt);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt]);
    if (mounted.status !== 0) this.skip(); // no permission to mount here (a container without it)
    try {
      const file = path.join(mnt, 'r.txt');
      const text = original + ' '.repeat(100000) + '\n';
      writeFileSync(file, text);
      // Fill the rest of the disk.
      spawnSync('sh', ['-c', `head -c 1000000 /dev/zero > "${path.join(mnt, 'filler')}"`]);
      const r = runCli(['check', '--fix', file]);
      assert.strictEqual(r.code, 2, r.stdout + r.stderr);
      assert.strictEqual(readFileSync(file, 'utf8'), text);
      assert.match(r.stdout, /r\.txt {2}无法写回 {2}磁盘已满 \(ENOSPC\)/);
      assert.deepStrictEqual(readdirSync(mnt).sort(), ['filler', 'r.txt']);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });

  it('leaves a GBK report with a lone 0x80 byte exactly as it is', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    // 0x80 alone is € in Windows' GBK (cp936); decoders read it so, GB18030 encoders write € as A2 E3.
    const gbk = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(require.resolve('iconv-lite'))}).encode(${JSON.stringify(original)}, 'gb18030'))`]).stdout;
    const bytes = Buffer.concat([gbk, Buffer.from([0x80, 0x0a])]);
    writeFileSync(file, bytes);
    const r = runCli(['check', '--fix', file]);
    assert.strictEqual(r.code, 2, r.stdout + r.stderr);
    assert.deepStrictEqual(readFileSync(file), bytes, 'not a byte changed');
    assert.match(r.stdout, /r\.txt {2}无法写回 {2}含有无法按原编码（gb18030）写回的字节，未修正/);
  });
});

describe('nianbao check --output', () => {
  it('checks a missing --output folder before anything is written: the reports stay as they were', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    writeFileSync(file, original);
    const r = runCli(['check', '--fix', '--output', path.join(dir, 'nowhere', 'out.txt'), file]);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(readFileSync(file, 'utf8'), original, '--fix did not run');
    assert.strictEqual(r.stderr, `nianbao check: --output 的文件夹不存在：${path.join(dir, 'nowhere')}\n`, 'one line, no stack trace');
  });

  it('refuses an --output that is one of the reports checked (also by another name)', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.txt');
    writeFileSync(file, original);
    symlinkSync('r.txt', path.join(dir, 'same.txt'));
    for (const output of [file, path.join(dir, 'same.txt')]) {
      const r = runCli(['check', '--output', output, file]);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(readFileSync(file, 'utf8'), original);
      assert.match(r.stderr, /--output 是被检查的报告 .*r\.txt，不能覆盖/);
    }
    const r = runCli(['check', '--output', dir, file]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--output 是文件夹/);
  });

  it('writes the output file whole', () => {
    const dir = tmp();
    const out = path.join(dir, 'out.txt');
    writeFileSync(out, 'old findings\n');
    const report = path.join(tmp(), 'r.txt');
    writeFileSync(report, original);
    const r = runCli(['check', '--output', out, report]);
    assert.strictEqual(r.code, 1);
    assert.match(readFileSync(out, 'utf8'), /:123:2 {2}错误 {2}三表 · 一、本年新收政府信息公开申请数量 · 自然人 {2}“一、本年新收政府信息公开申请数量”行自然人应为 108[^]*✖ 2 个问题/);
    assert.deepStrictEqual(readdirSync(dir), ['out.txt']);
  });
});

describe('nianbao check: reading what is there', function () {
  this.timeout(60000);

  it('checks the four readable reports beside an unreadable subfolder, and counts each apart', function () {
    const dir = tmp();
    chmodSync(dir, 0o755);
    for (const id of ['000', '001', '003', '004'] as const) copyFileSync(corpusPath(id), path.join(dir, `${id}.txt`));
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked', 'hidden.txt'), original);
    chmodSync(path.join(dir, 'locked'), 0o000);
    // Root reads any folder: run as `nobody` then, as a reviewer without the permission would.
    const asUser = isRoot ? { uid: 65534, gid: 65534 } : {};
    for (const f of readdirSync(dir)) if (f !== 'locked') chmodSync(path.join(dir, f), 0o644);
    const cli = isRoot ? cliCopyFor(asUser, this) : CLI;
    const r = spawnSync(process.execPath, [cli, 'check', dir], { encoding: 'utf8', ...asUser, cwd: '/' });
    assert.strictEqual(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /locked {2}无法读取文件夹 {2}EACCES/);
    assert.match(r.stdout, /000\.txt:\d+:\d+ {2}/, 'the reports beside it are checked');
    assert.match(r.stdout, /共检查 4 个文件，1 个文件夹无法读取$/m);
  });

  it('refuses a FIFO and a device named like reports at once, and checks the rest', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), original);
    spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    // In a folder a FIFO is not listed (only files and links are); named, it is refused.
    const r = spawnSync(process.execPath, [CLI, 'check', dir, path.join(dir, 'pipe.txt')], { encoding: 'utf8', timeout: 20000 });
    assert.strictEqual(r.status, 2, `exit ${r.status} ${r.signal ?? ''}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /pipe\.txt {2}无法读取 {2}不是普通文件，是管道（FIFO） \/ not a regular file but a FIFO/);
    assert.match(r.stdout, /zero\.txt {2}无法读取 {2}不是普通文件，是设备/);
    assert.match(r.stdout, /a\.txt:123:2 {2}错误/);
    assert.match(r.stdout, /共检查 1 个文件，2 个文件无法读取$/m);
  });

  it('gives one clear message for a .nianbaorc.json that is a link to /dev/zero or a FIFO, within seconds', () => {
    for (const make of ['zero', 'fifo', '--config'] as const) {
      const dir = tmp();
      writeFileSync(path.join(dir, 'r.txt'), original);
      const config = path.join(dir, '.nianbaorc.json');
      if (make === 'fifo') spawnSync('mkfifo', [config]);
      else if (make === 'zero') symlinkSync('/dev/zero', config);
      const args = make === '--config' ? ['check', '--config', '/dev/zero', path.join(dir, 'r.txt')] : ['check', path.join(dir, 'r.txt')];
      const started = Date.now();
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20000 });
      assert.ok(Date.now() - started < 15000, `${make}: took ${Date.now() - started} ms`);
      assert.strictEqual(r.status, 2, `${make}: exit ${r.status} ${r.signal ?? ''} ${r.stderr}`);
      const shown = make === '--config' ? '/dev/zero' : config;
      const kind = make === 'fifo' ? '管道（FIFO） / not a regular file but a FIFO' : '设备 / not a regular file but a device';
      assert.strictEqual(r.stderr, `nianbao: 配置错误 config error: ${shown}: 不是普通文件，是${kind}\n`, make);
      assert.match(r.stdout, /r\.txt:123:2 {2}错误/, `${make}: the report is still checked, with the defaults`);
    }
  });

  it('reads a .nianbaorc.json saved with a UTF-8 BOM', () => {
    const dir = tmp();
    copyFileSync(corpusPath('002'), path.join(dir, 'r.txt'));
    writeFileSync(path.join(dir, '.nianbaorc.json'), '\ufeff{ "rules": { "review-total": "warning" } }\n');
    const r = runCli(['check', dir]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /:403:2 {2}警告 {2}四表 · 行政复议 {2}行政复议：14/);
  });

  it('refuses a 50 MB file at once instead of spending minutes and gigabytes on it', () => {
    const dir = tmp();
    const file = path.join(dir, 'huge.txt');
    writeFileSync(file, original + ' '.repeat(50 * 1024 * 1024) + '\n');
    writeFileSync(path.join(dir, 'r.txt'), original);
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'check', '--fix', dir], { encoding: 'utf8', timeout: 30000 });
    assert.ok(Date.now() - started < 20000, `took ${Date.now() - started} ms`);
    assert.strictEqual(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /huge\.txt {2}无法读取 {2}文件过大（50 MB，上限 10 MB） \/ too large \(50 MB, limit 10 MB\)/);
    assert.strictEqual(statSync(file).size, Buffer.byteLength(original) + 50 * 1024 * 1024 + 1, 'not touched');
    assert.strictEqual(readFileSync(path.join(dir, 'r.txt'), 'utf8'), fixed, 'the report beside it is fixed');
  });

  it('checks a file whose name starts with a dash, after --', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '-x.txt'), original);
    const r = runCli(['check', '--', '-x.txt'], { cwd: dir });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /^-x\.txt:123:2 {2}错误/m);
  });

  it('exits 2 without a stack trace when its output pipe is closed', async () => {
    const child = spawn(process.execPath, [CLI, 'check', path.dirname(corpusPath('002'))], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy();
    let err = '';
    child.stderr!.on('data', d => (err += d));
    const code = await new Promise<number | null>(resolve => child.on('close', c => resolve(c)));
    assert.strictEqual(code, 2, 'an I/O failure is 2, never 1 ("errors found")');
    assert.strictEqual(err, '');
  });
});
