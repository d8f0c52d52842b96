/**
 * Files a run leaves out: `.nianbaoignore` in the working folder (gitignore syntax, as ESLint's
 * `.eslintignore` and markdownlint-cli2's `.markdownlintignore` were) and `ignores` in `.nianbaorc.json`
 * (the same syntax, relative to the config file's folder, or to the working folder for `--config`).
 * Both apply to the files that folders and globs expand to; a file named on the command line is
 * always checked, as the person asked for it.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import type { FoundConfig } from '../service/config';

export const IGNORE_FILE = '.nianbaoignore';

/** `file` relative to `base` with `/`, or null when it is not below `base` (the patterns cannot reach it). */
function below(base: string, file: string): string | null {
  const rel = path.relative(path.resolve(base), path.resolve(file));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

export function matcher(patterns: string[]): Ignore {
  return ignore({ allowRelativePaths: true }).add(patterns);
}

/** Whether `patterns`, written relative to `base`, leave `file` out. */
export function ignoredBy(patterns: Ignore, base: string, file: string): boolean {
  const rel = below(base, file);
  return rel !== null && patterns.ignores(rel);
}

/** The working folder's `.nianbaoignore`, or null when there is none. An unreadable one is an error. */
export async function loadIgnoreFile(cwd: string): Promise<Ignore | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(cwd, IGNORE_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return matcher(text.replace(/^\uFEFF/, '').split(/\r?\n/));
}

/** Files named on the command line as they are (not expanded from a folder or a glob), resolved. */
export async function namedFiles(args: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const a of args) {
    const st = await fs.stat(a).catch(() => null);
    if (st?.isFile()) out.add(path.resolve(a));
  }
  return out;
}

/** One run's ignoring: `.nianbaoignore`, then each report's config `ignores`, never a named file. */
export class IgnoreFilter {
  private readonly configMatchers = new Map<string, Ignore>();

  private constructor(
    private readonly enabled: boolean,
    private readonly named: Set<string>,
    private readonly cwd: string,
    private readonly ignoreFile: Ignore | null,
  ) {}

  static async create(enabled: boolean, args: string[], cwd: string): Promise<IgnoreFilter> {
    if (!enabled) return new IgnoreFilter(false, new Set(), cwd, null);
    return new IgnoreFilter(true, await namedFiles(args), cwd, await loadIgnoreFile(cwd));
  }

  private named_(file: string): boolean {
    return this.named.has(path.resolve(file));
  }

  /** The files `.nianbaoignore` leaves in. */
  keep(files: string[]): string[] {
    const ig = this.ignoreFile;
    if (!this.enabled || !ig) return files;
    return files.filter(f => this.named_(f) || !ignoredBy(ig, this.cwd, f));
  }

  /**
   * Whether the report's config leaves it out: its `ignores` are relative to the config file's
   * folder, or to the working folder for a config given with `--config`.
   */
  skips(file: string, found: FoundConfig, forced: boolean): boolean {
    const patterns = found.config.ignores;
    if (!this.enabled || !patterns?.length || !found.file || this.named_(file)) return false;
    let ig = this.configMatchers.get(found.file);
    if (!ig) {
      ig = matcher(patterns);
      this.configMatchers.set(found.file, ig);
    }
    return ignoredBy(ig, forced ? this.cwd : path.dirname(found.file), file);
  }
}
