import { promises as fs } from 'fs';
import * as path from 'path';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Decode a report as users save it: UTF-8 with or without BOM, UTF-16 with BOM, or GB18030/GBK. */
export function decodeReport(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export function encodeReport(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case 'gb18030': return encodeGb18030(text);
  }
}

/** Node has a GB18030 decoder but no encoder: build the reverse table once, lazily. */
let gbTable: Map<string, number[]> | null = null;
function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`字符 ${ch} 无法以 GB18030 双字节编码写回`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

export async function readReport(file: string): Promise<{ text: string; encoding: Encoding }> {
  return decodeReport(await fs.readFile(file));
}

const REPORT_EXT = /\.(txt|md|markdown|nianbao|html?|xhtml|shtml|docx|pdf)$/i;

/** Expand files, folders (recursively: .txt, .md, .nianbao, .html, .docx, .pdf) and simple globs into a sorted file list. */
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
    if (/[*?]/.test(arg)) {
      const matched = await glob(arg);
      if (matched.length) files.push(...matched);
      else missing.push(arg);
      continue;
    }
    try {
      const st = await fs.stat(arg);
      if (st.isDirectory()) await walk(arg);
      else files.push(arg);
    } catch {
      missing.push(arg);
    }
  }
  return { files: [...new Set(files)], missing };
}

/** `*`, `?` and `**` globs, without a dependency. */
async function glob(pattern: string): Promise<string[]> {
  const norm = pattern.split(path.sep).join('/');
  const firstWild = norm.search(/[*?]/);
  const baseEnd = norm.lastIndexOf('/', firstWild);
  const base = baseEnd >= 0 ? norm.slice(0, baseEnd) || '/' : '.';
  const rest = baseEnd >= 0 ? norm.slice(baseEnd + 1) : norm;
  const re = globToRegExp(rest);
  const out: string[] = [];
  const walk = async (dir: string, rel: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p, r);
      else if (re.test(r)) out.push(p);
    }
  };
  await walk(base, '');
  return out.sort();
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
