/**
 * One upward search for `.nianbaorc.json`, the same for the CLI, the Node server and the VS Code
 * client (desktop and web): from the report's folder up to the root of its URI, nearest file wins.
 * Pure: the caller says how to read a file; locations are URIs (`file:` for the CLI and Node).
 */
import { CONFIG_FILE } from './names';
import { decodeReport } from './decode';

/** The bytes of a file, or `undefined` when there is no such file. Any other failure throws. */
export type ReadFile = (uri: string) => Promise<Uint8Array | undefined>;

/** The config file found: its URI and text, or why it could not be read. */
export type ConfigFile = { file: string; text: string } | { file: string; error: string };

const URI = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)/i;
/** A Windows drive is the root of its path: `/c:/` (or `/c%3A/` as VS Code writes it). */
const DRIVE_ROOT = /^\/[a-z](?::|%3a)\//i;

/**
 * The folders a report's config is looked for in, nearest first, each ending in `/`:
 * `file:///a/b/r.txt` → `file:///a/b/`, `file:///a/`, `file:///`. None for a URI without a path
 * (`untitled:Untitled-1`).
 */
export function foldersUpward(report: string): string[] {
  const m = URI.exec(report);
  if (!m) return [];
  const [, prefix, path] = m;
  let dir = path.slice(0, path.lastIndexOf('/') + 1);
  if (!dir.startsWith('/')) return [];
  const root = DRIVE_ROOT.exec(dir)?.[0] ?? '/';
  const out: string[] = [];
  for (;;) {
    out.push(prefix + dir);
    if (dir.length <= root.length) return out;
    dir = dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1);
  }
}

/** The nearest `.nianbaorc.json` in the report's folder or above it, decoded; `null` when there is none. */
export async function findConfigUpward(report: string, readFile: ReadFile): Promise<ConfigFile | null> {
  for (const dir of foldersUpward(report)) {
    const file = dir + CONFIG_FILE;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readFile(file);
    } catch (e) {
      return { file, error: e instanceof Error ? e.message : String(e) };
    }
    if (bytes) return { file, text: decodeReport(bytes).text };
  }
  return null;
}

/**
 * A report's path relative to its config file's folder, with `/` (what `ignore[].file` holds), or null
 * when the report is not under that folder. Both are URIs.
 */
export function relativeToConfig(configUri: string, reportUri: string): string | null {
  const dir = configUri.slice(0, configUri.lastIndexOf('/') + 1);
  if (!reportUri.startsWith(dir)) return null;
  try {
    return decodeURIComponent(reportUri.slice(dir.length));
  } catch {
    return reportUri.slice(dir.length);
  }
}

/** Where a new `.nianbaorc.json` for a report goes: its own folder. Null for a URI without a folder. */
export function configBeside(reportUri: string): string | null {
  const dirs = foldersUpward(reportUri);
  return dirs.length ? dirs[0] + CONFIG_FILE : null;
}
