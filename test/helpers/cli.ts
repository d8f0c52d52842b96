import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { ROOT } from './corpus';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Run the bundled CLI as a user would. */
export function runCli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', input: opts.input, env: opts.env ?? { ...process.env, LANG: 'zh_CN.UTF-8' }, ...(opts.timeout ? { timeout: opts.timeout } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
