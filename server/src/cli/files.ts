/** Reports on disk for the CLI: which files a command line names, reading them and writing them back. */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { glob, isDynamicPattern } from 'tinyglobby';
import { decodeReport, type Encoding } from '../protocol/decode';

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

export async function readReport(file: string): Promise<{ text: string; encoding: Encoding; bytes: Uint8Array }> {
  const bytes = await fs.readFile(file);
  return { ...decodeReport(bytes), bytes };
}

const REPORT_EXT = /\.(txt|md|markdown|nianbao|html?|xhtml|shtml|docx|pdf)$/i;

/**
 * Expand files, folders (recursively: .txt, .md, .nianbao, .html, .docx, .pdf) and globs (`*`, `?`,
 * `**`, `{a,b}`, `[01]`) into a file list. A path that exists is taken as it is, even with `[` or `{` in its name.
 */
export async function expandPaths(args: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      // A link is listed too: if it is broken, reading it reports the error.
      else if (REPORT_EXT.test(e.name) && (e.isFile() || e.isSymbolicLink())) files.push(p);
    }
  };
  for (const arg of args) {
    let st;
    try {
      st = await fs.stat(arg);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) await walk(arg);
    else if (st) files.push(arg);
    else if (isDynamicPattern(globPattern(arg))) {
      const matched = await expandGlob(arg);
      if (matched.length) files.push(...matched);
      else missing.push(arg);
    } else missing.push(arg);
  }
  return { files: [...new Set(files)], missing };
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
