/**
 * Reading a file the user did not promise is sane: regular files only, size-capped, with a timeout.
 * A `.nianbaorc.json` that is a link to /dev/zero, a FIFO named like a report, a hung network share:
 * each gives one clear error instead of running out of memory or blocking (a FIFO opened without
 * O_NONBLOCK blocks a libuv thread until a writer comes; four of them stop every file operation).
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, type BigIntStats } from 'fs';
import { MAX_CONFIG_BYTES, MB } from '../protocol/names';

export interface ReadLimits {
  /** Larger files are refused before they are read. */
  maxBytes: number;
  /** The whole read (open, stat, read) must end within this. */
  timeoutMs: number;
}

/** For `.nianbaorc.json`: a config file is a few hundred bytes. */
export const CONFIG_LIMITS: ReadLimits = { maxBytes: MAX_CONFIG_BYTES, timeoutMs: 5000 };

/** An error with a `code` (ENOENT …, or ours: ENOTREG, EFBIG, ETIMEDOUT) and a message for users. */
export class ReadError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export function megabytes(bytes: number | bigint): string {
  const mb = Number(bytes) / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

function kindOf(st: BigIntStats): [zh: string, en: string] {
  if (st.isDirectory()) return ['文件夹', 'a folder'];
  if (st.isFIFO()) return ['管道（FIFO）', 'a FIFO'];
  if (st.isCharacterDevice() || st.isBlockDevice()) return ['设备', 'a device'];
  if (st.isSocket()) return ['套接字', 'a socket'];
  return ['特殊文件', 'a special file'];
}

/** A file that is not a regular file, or is larger than `maxBytes`, is refused (the same words for both readers). */
function refuseUnlessRegular(stats: BigIntStats, maxBytes: number): void {
  if (!stats.isFile()) {
    const [zh, en] = kindOf(stats);
    throw new ReadError('ENOTREG', `不是普通文件，是${zh} / not a regular file but ${en}`);
  }
  if (stats.size > BigInt(maxBytes)) throw tooLarge(stats.size, maxBytes);
}

/** The bytes of a regular file and its status as it was when read (for the write-back check). */
export async function readRegularFile(file: string, limits: ReadLimits): Promise<{ bytes: Buffer; stats: BigIntStats }> {
  let timedOut = false;
  let handle: fs.FileHandle | undefined;
  const work = (async () => {
    // Non-blocking: opening a FIFO returns at once (and is refused below) instead of waiting for a writer.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (timedOut) throw new ReadError('ETIMEDOUT', '');
    const stats = await handle.stat({ bigint: true });
    refuseUnlessRegular(stats, limits.maxBytes);
    // Read at most one byte past the limit: a file that grows while it is read is refused too.
    const bytes = Buffer.alloc(Number(stats.size) + 1);
    let length = 0;
    for (;;) {
      if (length === bytes.length) break;
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, null);
      if (!bytesRead) break;
      length += bytesRead;
    }
    if (length > limits.maxBytes) throw tooLarge(length, limits.maxBytes);
    if (length === bytes.length) {
      // It grew while being read: read the rest, still bounded.
      const rest = await readRest(handle, limits.maxBytes - length);
      return { bytes: Buffer.concat([bytes, rest]), stats };
    }
    return { bytes: bytes.subarray(0, length), stats };
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new ReadError('ETIMEDOUT', `${limits.timeoutMs / 1000} 秒内未能读完 / not read within ${limits.timeoutMs / 1000} s`));
    }, limits.timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // A read that timed out still holds its handle: close it whenever it ends.
    void work.catch(() => undefined).finally(() => handle?.close().catch(() => undefined));
  }
}

/**
 * `readRegularFile` without the thread pool: the same refusals (not a regular file, too large, grew
 * past the limit), in one call. For the folder check's threads, which read one report of a dozen
 * kilobytes between two checks: each step of a promised read is a hand-over to a pool thread and back,
 * and on a busy machine the checking thread loses its core at each one. Without the timeout: a read
 * that hangs (a network share gone away) holds its thread until the system gives up on it.
 */
export function readRegularFileSync(file: string, limits: Pick<ReadLimits, 'maxBytes'>): { bytes: Buffer; stats: BigIntStats } {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd, { bigint: true });
    refuseUnlessRegular(stats, limits.maxBytes);
    const bytes = Buffer.alloc(Number(stats.size) + 1);
    let length = 0;
    for (;;) {
      if (length === bytes.length) break;
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (!read) break;
      length += read;
    }
    if (length > limits.maxBytes) throw tooLarge(length, limits.maxBytes);
    if (length < bytes.length) return { bytes: bytes.subarray(0, length), stats };
    // It grew while being read: read the rest, still bounded.
    const chunks = [bytes];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (!read) return { bytes: Buffer.concat(chunks), stats };
      total += read;
      if (total > limits.maxBytes - length) throw new ReadError('EFBIG', '读取时文件仍在变大 / the file kept growing while it was read');
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

async function readRest(handle: fs.FileHandle, budget: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (!bytesRead) return Buffer.concat(chunks);
    total += bytesRead;
    if (total > budget) throw new ReadError('EFBIG', '读取时文件仍在变大 / the file kept growing while it was read');
    chunks.push(chunk.subarray(0, bytesRead));
  }
}

function tooLarge(size: number | bigint, max: number): ReadError {
  return new ReadError('EFBIG', `文件过大（${megabytes(size)}，上限 ${megabytes(max)}） / too large (${megabytes(size)}, limit ${megabytes(max)})`);
}
