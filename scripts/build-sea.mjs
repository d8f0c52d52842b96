// The CLI as one executable file for machines without Node (Node's single executable applications):
// dist/cli.js is already one CommonJS bundle with every dependency, so it becomes the SEA's main
// script as it is; postject (from npm) injects it into a copy of the Node binary that runs this script.
//
// Usage: npm run build:sea   → dist/sea/nianbao-<platform>-<arch>[.exe]
// Build on the platform you ship for (Node does not generate a SEA for another platform): on Windows
// the result is nianbao-win32-x64.exe; it is unsigned (sign it with signtool to quiet SmartScreen).
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { inject } = require('postject');

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'sea');
const MAIN = path.join(ROOT, 'dist', 'cli.js');
/** The fuse Node's binary carries, flipped by postject when a blob is injected (Node's SEA documentation). */
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) throw new Error(`Node ${process.versions.node}: single executable applications need Node 20 or later`);
if (!existsSync(MAIN)) throw new Error('dist/cli.js is missing: run `npm run build` first');

const exe = path.join(OUT_DIR, `nianbao-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
const blob = path.join(OUT_DIR, 'sea-prep.blob');
const config = path.join(OUT_DIR, 'sea-config.json');
mkdirSync(OUT_DIR, { recursive: true });
rmSync(exe, { force: true });

// The CLI bundle starts with `#!/usr/bin/env node`; a SEA main script is plain CommonJS.
const main = path.join(OUT_DIR, 'main.js');
writeFileSync(main, readFileSync(MAIN, 'utf8').replace(/^#!.*\n/, ''));
writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false }, null, 2));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });

copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: FUSE,
  ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
});
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
rmSync(main);
rmSync(blob);
rmSync(config);
console.log(`wrote ${path.relative(ROOT, exe)}`);
