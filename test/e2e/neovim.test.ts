/**
 * Neovim (Debian's 0.7.2, headless) as the LSP client: it opens a sample report with
 * `dist/server.js --stdio` and reads back what the server published.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { oneFinding002Path, ROOT } from '../helpers/corpus';
import { SERVER } from '../helpers/lsp';

const required = process.env.NIANBAO_E2E_REQUIRED === '1';

interface NvimResult {
  got_diagnostics: boolean;
  diagnostics: { lnum: number; col: number; message: string; severity: number; code: string }[];
  symbols: string[];
  folds: [number, number][];
  actions?: string[];
  fixed_line?: string;
  fixed_lnum?: number;
  doc_message_shown?: boolean;
  doc_offered?: string[];
  doc_messages?: string[];
}

describe('Neovim as the LSP client', function () {
  this.timeout(60000);
  let result: NvimResult;
  let dir: string;

  before(function () {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (nvim.error || nvim.status !== 0) {
      if (required) throw new Error('nvim is not installed (apt-get install neovim); NIANBAO_E2E_REQUIRED=1');
      console.log('      (skipped: nvim is not installed — `apt-get install -y neovim` to run this test)');
      this.skip();
    }
    if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-nvim-'));
    const xdg = Object.fromEntries(['CONFIG', 'DATA', 'STATE', 'CACHE', 'RUNTIME'].map(k => {
      const p = path.join(dir, 'xdg', k.toLowerCase());
      mkdirSync(p, { recursive: true });
      return [`XDG_${k}_HOME`.replace('XDG_RUNTIME_HOME', 'XDG_RUNTIME_DIR'), p];
    }));
    const file = path.join(dir, '002.txt');
    // 002 with one finding, the 四 group (its line-20 shares made right).
    copyFileSync(oneFinding002Path(), file);
    const out = path.join(dir, 'out.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test', 'e2e', 'neovim.lua')}`], {
      env: { ...process.env, ...xdg, HOME: dir, NIANBAO_SERVER: SERVER, NIANBAO_FILE: file, NIANBAO_OUT: out },
      encoding: 'utf8',
      timeout: 50000,
    });
    assert.ok(existsSync(out), `Neovim wrote no result: status ${r.status} ${r.stderr}`);
    result = JSON.parse(readFileSync(out, 'utf8'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the 002 四 行政复议 group as an error from line 403 (the 14) to 407 (the 9)', () => {
    assert.ok(result.got_diagnostics);
    const e = result.diagnostics.find(d => d.severity === 1)!;
    assert.deepStrictEqual([e.lnum + 1, e.col + 1, e.message], [403, 2, '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实']);
    assert.deepStrictEqual(result.diagnostics.map(d => d.severity), [1], "a 2020 report: the 四 group is its only finding");
  });

  it('gets the outline (document symbols) and folding ranges', () => {
    assert.deepStrictEqual(result.symbols, ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
    assert.ok(result.folds.some(([s]) => s === 102), 'section 三 folds from its heading (line 103)');
    assert.ok(result.folds.length >= 10);
  });

  it('runs the rule-doc action from the code-action menu: the server names the rule and its page (Neovim 0.7 opens no documents)', () => {
    assert.ok(result.doc_offered?.includes('查看规则“review-total”的说明'), JSON.stringify(result.doc_offered));
    assert.ok(result.doc_message_shown, 'no message after the action');
    assert.match(result.doc_messages![0], /^规则“review-total”：.+。说明：\/.+\/docs\/rules\/review-total\.md$/);
    assert.ok(existsSync(result.doc_messages![0].replace(/^.*说明：/, '')), 'the page named is there');
  });

  it('applies the first suggestion: the 9 on line 407 becomes 18', () => {
    assert.strictEqual(result.actions?.[0], '建议：行政复议总计改为 18');
    assert.deepStrictEqual([result.fixed_lnum! + 1, result.fixed_line], [407, '\t18']);
  });
});
