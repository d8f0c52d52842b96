/**
 * Writing files without losing any: `--fix` replaces a report only by a complete copy (a temporary
 * file in the same folder, flushed to disk, then renamed over it), only if nobody changed the report
 * since it was read, and only inside the paths the user asked to check. `--output` is checked before
 * anything is written.
 */
import { closeSync, constants, promises as fs, unlinkSync, type BigIntStats } from 'fs';
import * as path from 'path';
import { inLocale, type Locale, type Message } from '../service/message';

/** A reason, in the user's language, why a file was not written. */
export type WriteProblem = string;


/** Temporary files being written: removed if the run is interrupted (Ctrl-C, SIGTERM). */
const pending = new Map<string, number | null>();
let cleanupInstalled = false;

function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const [temp, fd] of pending) {
        try {
          if (fd !== null) closeSync(fd);
        } catch {
          // closing is best effort
        }
        try {
          unlinkSync(temp);
        } catch {
          // already gone
        }
      }
      // The report itself is untouched until the rename: it holds the old text or the new.
      process.kill(process.pid, signal);
    });
  }
}

/** The same file, unchanged since `before` was taken: same inode, size and modification time. */
function unchanged(before: BigIntStats, now: BigIntStats): boolean {
  return before.dev === now.dev && before.ino === now.ino && before.size === now.size && before.mtimeNs === now.mtimeNs;
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function errorText(e: unknown, locale: Locale): string {
  const code = (e as NodeJS.ErrnoException).code;
  const known: Record<string, Message> = {
    ENOSPC: { zh: '磁盘已满', en: 'no space left on the disk' },
    EDQUOT: { zh: '超出磁盘配额', en: 'disk quota exceeded' },
    EFBIG: { zh: '文件超出允许的大小', en: 'file too large for the file system or limits' },
    EROFS: { zh: '文件系统只读', en: 'read-only file system' },
    EACCES: { zh: '没有写入权限', en: 'permission denied' },
    EPERM: { zh: '不允许写入', en: 'operation not permitted' },
    EIO: { zh: '磁盘读写错误', en: 'I/O error' },
  };
  const k = code ? known[code] : undefined;
  return k ? `${k[locale]} (${code})` : code ?? (e as Error).message;
}

/**
 * Replace `file` by `bytes`, atomically. `before` is the file's status when it was read; `root` the
 * path named on the command line it was found under. Returns why it was not written, or null.
 */
export async function replaceFile(file: string, bytes: Uint8Array, before: BigIntStats, root: string, locale: Locale): Promise<WriteProblem | null> {
  let target: string;
  try {
    // Write where the link points, so that the link stays a link; but only inside what was checked.
    target = await fs.realpath(file);
    const realRoot = await fs.realpath(root);
    if (!inside(target, realRoot)) {
      return inLocale(locale, `是指向检查范围以外的链接（${target}），未写入`, `is a link to ${target}, outside the paths checked; not written`);
    }
  } catch (e) {
    return errorText(e, locale);
  }
  let current: BigIntStats;
  try {
    current = await fs.stat(target, { bigint: true });
  } catch (e) {
    return errorText(e, locale);
  }
  if (!unchanged(before, current)) return changedSinceRead(locale);
  if ((Number(current.mode) & 0o222) === 0) return inLocale(locale, '文件只读，未写入', 'the file is read-only; not written');
  if (current.nlink > 1n) {
    return inLocale(locale, '文件有多个硬链接，替换会使它们不再相同，未写入', 'the file has other hard links, which replacing it would separate; not written');
  }
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.nianbao-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  installCleanup();
  let handle: fs.FileHandle | undefined;
  pending.set(temp, null);
  try {
    handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, Number(current.mode) & 0o777);
    pending.set(temp, handle.fd);
    await handle.writeFile(bytes);
    // The mode asked for at open is masked by the umask: give the copy the report's own.
    await handle.chmod(Number(current.mode) & 0o7777);
    if (process.getuid?.() === 0) await handle.chown(Number(current.uid), Number(current.gid)).catch(() => undefined);
    await handle.sync();
    await handle.close();
    handle = undefined;
    pending.set(temp, null);
    // Last look before the switch: a paragraph added while we worked must not be lost.
    const last = await fs.stat(target, { bigint: true });
    if (!unchanged(before, last)) {
      await fs.unlink(temp).catch(() => undefined);
      return changedSinceRead(locale);
    }
    await fs.rename(temp, target);
    pending.delete(temp);
    await syncFolder(dir);
    return null;
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    return errorText(e, locale);
  } finally {
    pending.delete(temp);
  }
}

function changedSinceRead(locale: Locale): string {
  return inLocale(locale, '读取后文件已被修改，未写入修正（请重新运行）', 'the file changed after it was read; fixes not written (run again)');
}

/** So that the rename itself survives a power cut. Some systems cannot open a folder: that is fine. */
async function syncFolder(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, constants.O_RDONLY);
    await h.sync();
  } catch {
    // best effort
  } finally {
    await h?.close().catch(() => undefined);
  }
}

/**
 * Why `--output FILE` cannot be written, found before anything is: its folder is missing, it is a
 * folder, or it is one of the reports being checked (writing would replace the report by findings).
 */
export async function outputProblem(output: string, inputs: string[], locale: Locale): Promise<string | null> {
  const dir = path.dirname(path.resolve(output));
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) return inLocale(locale, `--output 的文件夹不存在：${dir}`, `--output: no such folder: ${dir}`);
  const st = await fs.stat(output, { bigint: true }).catch(() => null);
  if (!st) return null;
  if (st.isDirectory()) return inLocale(locale, `--output 是文件夹：${output}`, `--output is a folder: ${output}`);
  for (const input of inputs) {
    const other = await fs.stat(input, { bigint: true }).catch(() => null);
    if (other && other.dev === st.dev && other.ino === st.ino) {
      return inLocale(locale, `--output 是被检查的报告 ${input}，不能覆盖`, `--output is ${input}, a report being checked: it would be overwritten`);
    }
  }
  return null;
}

/** Write the run's output: a regular file atomically, anything else (a FIFO, /dev/stdout) as it is. */
export async function writeOutput(output: string, text: string): Promise<void> {
  const st = await fs.stat(output).catch(() => null);
  if (st && !st.isFile()) {
    await fs.writeFile(output, text);
    return;
  }
  const target = st ? await fs.realpath(output) : path.resolve(output);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.nianbao-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  installCleanup();
  pending.set(temp, null);
  try {
    await fs.writeFile(temp, text, { mode: st ? st.mode & 0o7777 : 0o666, flag: 'wx' });
    await fs.rename(temp, target);
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  } finally {
    pending.delete(temp);
  }
}
