/**
 * The extension in desktop VS Code's extension host, through @vscode/test-electron. It needs to
 * download VS Code; where that is impossible (no network to the VS Code update site) it skips and
 * says so. The real-editor proof on such machines is code-server.test.ts and neovim.test.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { copyFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { corpusPath, ROOT } from '../helpers/corpus';

describe('VS Code extension host (@vscode/test-electron)', function () {
  this.timeout(10 * 60 * 1000);

  it('runs the in-editor suite', async function () {
    let executable: string;
    try {
      executable = await downloadAndUnzipVSCode({ version: 'stable', timeout: 30000 });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      console.log(`      (skipped: VS Code cannot be downloaded on this machine — ${why.split('\n')[0]}. ` +
        'The real-editor tests here are code-server.test.ts, vscode-web.test.ts (VS Code for the Web) and neovim.test.ts.)');
      this.skip();
    }
    const suite = path.join(ROOT, 'out', 'vscode-suite.js');
    await esbuild.build({ entryPoints: [path.join(ROOT, 'test', 'vscode', 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'] });
    const workspace = mkdtempSync(path.join(tmpdir(), 'nianbao-vscode-'));
    copyFileSync(corpusPath('002'), path.join(workspace, '002.nianbao.txt'));
    const args = { vscodeExecutablePath: executable!, extensionDevelopmentPath: ROOT, extensionTestsPath: suite, launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'] };
    // Electron needs a display on Linux: start a virtual one (Debian's xvfb) when there is none.
    let xvfb: ChildProcess | null = null;
    if (process.platform === 'linux' && !process.env.DISPLAY && spawnSync('which', ['Xvfb']).status === 0) {
      xvfb = spawn('Xvfb', [':99', '-screen', '0', '1280x1024x24'], { stdio: 'ignore' });
      process.env.DISPLAY = ':99';
    }
    try {
      await runTests(args);
    } finally {
      xvfb?.kill();
    }
  });
});
