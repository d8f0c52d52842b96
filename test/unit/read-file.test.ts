/**
 * A report read at once in a folder check's thread (node/readFile.ts `readRegularFileSync`) is refused
 * for the same reasons, with the same words, as one read through the thread pool (`readRegularFile`):
 * not a regular file, too large, missing.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readRegularFile, readRegularFileSync } from '../../server/src/node/readFile';

const LIMITS = { maxBytes: 1000, timeoutMs: 5000 };

async function both(file: string): Promise<[unknown, unknown]> {
  const settle = async (read: () => unknown) => {
    try {
      const { bytes } = (await read()) as { bytes: Buffer };
      return bytes.toString('utf8');
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message };
    }
  };
  return [await settle(() => readRegularFile(file, LIMITS)), await settle(() => readRegularFileSync(file, LIMITS))];
}

describe('readRegularFileSync: a file read at once, refused as the pooled read refuses it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-read-'));

  it('reads a regular file whole, through a link too', async () => {
    writeFileSync(path.join(dir, 'a.txt'), '一、总体情况\n'.repeat(20));
    symlinkSync(path.join(dir, 'a.txt'), path.join(dir, 'link.txt'));
    for (const name of ['a.txt', 'link.txt']) {
      const [pooled, sync] = await both(path.join(dir, name));
      assert.strictEqual(sync, '一、总体情况\n'.repeat(20));
      assert.deepStrictEqual(sync, pooled);
    }
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    assert.strictEqual(readRegularFileSync(empty, LIMITS).bytes.length, 0);
  });

  it('refuses a FIFO at once instead of waiting for a writer, and a device', async () => {
    const pipe = path.join(dir, 'pipe.txt');
    spawnSync('mkfifo', [pipe]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    const [pooledPipe, syncPipe] = await both(pipe);
    assert.deepStrictEqual(syncPipe, { code: 'ENOTREG', message: '不是普通文件，是管道（FIFO） / not a regular file but a FIFO' });
    assert.deepStrictEqual(syncPipe, pooledPipe);
    const [pooledZero, syncZero] = await both(path.join(dir, 'zero.txt'));
    assert.deepStrictEqual(syncZero, { code: 'ENOTREG', message: '不是普通文件，是设备 / not a regular file but a device' });
    assert.deepStrictEqual(syncZero, pooledZero);
    assert.deepStrictEqual((await both(dir))[1], { code: 'ENOTREG', message: '不是普通文件，是文件夹 / not a regular file but a folder' });
  });

  it('refuses a file over the limit without reading it, and a missing file with its code', async () => {
    const large = path.join(dir, 'large.txt');
    writeFileSync(large, 'x'.repeat(1001));
    const [pooled, sync] = await both(large);
    assert.strictEqual((sync as { code: string }).code, 'EFBIG');
    assert.deepStrictEqual(sync, pooled);
    writeFileSync(large, 'x'.repeat(1000));
    assert.strictEqual(readRegularFileSync(large, LIMITS).bytes.length, 1000, 'the limit itself is allowed');
    const [, missing] = await both(path.join(dir, 'nowhere.txt'));
    assert.strictEqual((missing as { code: string }).code, 'ENOENT');
  });
});
