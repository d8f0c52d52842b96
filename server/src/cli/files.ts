/** Reports on disk for the CLI: which files a command line names, reading them and writing them back. */
import { promises as fs, type BigIntStats } from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { glob, isDynamicPattern } from 'tinyglobby';
import { decodeReport, type Encoding } from '../protocol/decode';
import { readRegularFile } from '../node/readFile';
import { REPORT_LIMITS } from './reportBytes';

export type { Encoding };

/** The bytes of a report in the encoding it was read in, BOM included (iconv-lite: Node has no GB18030 encoder). */
export function encodeReport(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8': return iconv.encode(text, 'utf-8');
    case 'utf-8-bom': return iconv.encode(text, 'utf-8', { addBOM: true });
    case 'utf-16le': return iconv.encode(text, 'utf-16le', { addBOM: true });
    case 'utf-16be': return iconv.encode(text, 'utf-16be', { addBOM: true });
    case 'gb18030': return iconv.encode(text, 'gb18030');
  }
}

export { REPORT_LIMITS };

export interface ReadReport {
  text: string;
  encoding: Encoding;
  bytes: Uint8Array;
  /** The file as it was when read: `--fix` writes only if it is still so. */
  stats: BigIntStats;
}

export async function readReport(file: string): Promise<ReadReport> {
  const { bytes, stats } = await readRegularFile(file, REPORT_LIMITS);
  return { ...decodeReport(bytes), bytes, stats };
}

const REPORT_EXT = /\.(txt|md|markdown|nianbao|html?|xhtml|shtml|docx|pdf)$/i;

export interface ExpandedPaths {
  files: string[];
  /** Paths named that do not exist. */
  missing: string[];
  /** Patterns named that match no report file. */
  unmatched: string[];
  /** Folders that could not be listed, with the reason: the files beside them are still checked. */
  unreadable: { folder: string; message: string }[];
  /**
   * For each file, the path named on the command line that it was found under (the folder, the
   * glob's fixed part, or the file itself): `--fix` writes only inside it, links resolved.
   */
  roots: Map<string, string>;
}

/**
 * Expand files, folders (recursively: .txt, .md, .nianbao, .html, .docx, .pdf) and globs (`*`, `?`,
 * `**`, `{a,b}`, `[01]`) into a file list. A path that exists is taken as it is, even with `[` or `{` in its name.
 */
export async function expandPaths(args: string[]): Promise<ExpandedPaths> {
  const files: string[] = [];
  const missing: string[] = [];
  const unmatched: string[] = [];
  const unreadable: ExpandedPaths['unreadable'] = [];
  const roots = new Map<string, string>();
  const add = (file: string, root: string) => {
    files.push(file);
    if (!roots.has(file)) roots.set(file, root);
  };
  const walk = async (dir: string, root: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ folder: dir, message: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p, root);
      // A link is listed too: if it is broken, reading it reports the error.
      else if (REPORT_EXT.test(e.name) && (e.isFile() || e.isSymbolicLink())) add(p, root);
    }
  };
  for (const arg of args) {
    let st;
    try {
      st = await fs.stat(arg);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) await walk(arg, arg);
    else if (st) add(arg, arg);
    else if (isDynamicPattern(globPattern(arg))) {
      const matched = await expandGlob(arg);
      for (const m of matched) add(m, globBase(arg));
      if (!matched.length) unmatched.push(arg);
    } else missing.push(arg);
  }
  return { files: [...new Set(files)], missing, unmatched, unreadable, roots };
}

/** The folder a glob searches in: its segments before the first one with a wildcard. */
function globBase(arg: string): string {
  const segments = globPattern(arg).split('/');
  const fixed: string[] = [];
  for (const s of segments) {
    if (isDynamicPattern(s)) break;
    fixed.push(s);
  }
  return fixed.length ? fixed.join('/') || '/' : '.';
}

/** Globs take `/`; on Windows a path's `\` is a separator, not an escape. */
function globPattern(arg: string): string {
  return path.sep === '\\' ? arg.split(path.sep).join('/') : arg;
}

/** Every file a glob matches, hidden ones included (as before tinyglobby), sorted; paths absolute when the glob is. */
async function expandGlob(arg: string): Promise<string[]> {
  const found = await glob(globPattern(arg), { absolute: path.isAbsolute(arg), dot: true, expandDirectories: false, onlyFiles: true });
  return found.map(f => path.normalize(f)).sort();
}
