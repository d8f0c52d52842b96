/**
 * What users of lint CLIs (ESLint, markdownlint-cli2) expect of `nianbao`: the default command,
 * standard input, --quiet, --max-warnings, --fix-dry-run/--diff, colour flags, ignore files, a
 * versioned JSON output with a published schema, SARIF that code scanning can show and track.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { runCli } from '../helpers/cli';
import { corpusPath, fixturePath, oneFinding002, oneFinding002Path, ROOT } from '../helpers/corpus';
import { RULES } from '../../server/src/service/rules';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'nianbao-conv-'));
const text002 = oneFinding002();
const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
/** 002 with one 三 cell changed (自然人 new 108 → 109, line 123): a wrong cell the tables pin for certain, so --fix restores 002. */
const wrong002 = text002.replace('\t108\n', '\t109\n');
const GROUP_002 = '行政复议：14 \\+ 4 \\+ 0 \\+ 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实';
const gb18030 = (text: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
/** The environment without colour variables, so each test sets the ones it means. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LANG: 'zh_CN.UTF-8', ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'NIANBAO_LOCALE']) if (!(k in extra)) delete e[k];
  return e;
}
const ANSI = /\u001b\[\d+m/;

describe('nianbao CLI conventions', () => {
  it('check is the default command: `nianbao DIR` is `nianbao check DIR`', () => {
    const a = runCli(['check', 'samples']);
    const b = runCli(['samples']);
    assert.strictEqual(b.code, 1);
    assert.strictEqual(b.stdout, a.stdout);
    const j = runCli(['--format', 'json', oneFinding002Path()]);
    assert.strictEqual(JSON.parse(j.stdout).files[0].findings[0].ruleId, 'review-total');
    const unknown = runCli(['chek', 'samples']);
    assert.strictEqual(unknown.code, 2, 'an unknown word is a path that is not there');
  });

  describe('standard input', () => {
    it('reads `-` (UTF-8 or GB18030) and lists the findings under <stdin>', () => {
      for (const input of [Buffer.from(text002), gb18030(text002)]) {
        const r = runCli(['check', '-'], { input });
        assert.strictEqual(r.code, 1, r.stderr);
        assert.match(r.stdout, new RegExp(`^<stdin>:403:2 {2}错误 {2}四表 · 行政复议 {2}${GROUP_002} {2}\\[review-total\\]$`, 'm'));
        assert.match(r.stdout, /共检查 1 个文件/);
      }
    });

    it('--stdin-filename names it and finds the .nianbaorc.json of its folder', () => {
      const dir = tmp();
      mkdirSync(path.join(dir, 'reports'));
      writeFileSync(path.join(dir, 'reports', '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'warning' } }));
      const r = runCli(['-', '--stdin-filename', 'reports/002.txt'], { cwd: dir, input: text002 });
      assert.strictEqual(r.code, 0, 'review-total lowered to a warning by reports/.nianbaorc.json');
      assert.match(r.stdout, /^reports\/002\.txt:403:2 {2}警告 {2}四表 · 行政复议 {2}行政复议：14/m);
    });

    it('--fix cannot write back to standard input; --diff shows the fix instead', () => {
      let r = runCli(['check', '--fix', '-'], { input: text002 });
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /--fix 不能写回标准输入，请用 --fix-dry-run 或 --diff/);
      r = runCli(['check', '--diff', '--stdin-filename', '002.txt', '-'], { input: wrong002 });
      assert.match(r.stdout, /^--- a\/002\.txt\n\+\+\+ b\/002\.txt\n@@ -120,7 \+120,7 @@\n/m);
      r = runCli(['check', '--stdin-filename', 'x.txt', corpusPath('002')]);
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /--stdin-filename 需要以 - 读取标准输入/);
    });
  });

  it('--quiet reports errors only', () => {
    const r = runCli(['check', '--quiet', 'samples']);
    assert.strictEqual(r.code, 1);
    const findings = r.stdout.split('\n').filter(l => /\[[a-z-]+\]$/.test(l));
    assert.strictEqual(findings.length, 2, r.stdout);
    for (const l of findings) assert.match(l, / {2}错误 {2}/);
    assert.match(r.stdout, /✖ 2 个问题（2 个错误，0 个警告，0 条提示），共检查 5 个文件/);
  });

  it('--max-warnings N: exit 1 past N warnings, counted even when --quiet hides them', () => {
    const dir = tmp();
    copyFileSync(oneFinding002Path(), path.join(dir, 'r.txt'));
    // One warning: the 四 group, lowered from an error.
    writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'warning' } }));
    assert.strictEqual(runCli(['check', dir]).code, 0);
    assert.strictEqual(runCli(['check', '--max-warnings', '1', dir]).code, 0);
    let r = runCli(['check', '--max-warnings', '0', dir]);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stderr, 'nianbao: 1 个警告，超过 --max-warnings 0\n');
    r = runCli(['check', '--quiet', '--max-warnings=0', '--locale', 'en', dir]);
    assert.strictEqual(r.code, 1);
    assert.doesNotMatch(r.stdout, /review-total/);
    assert.strictEqual(r.stderr, 'nianbao: 1 warnings, more than --max-warnings 0\n');
    r = runCli(['check', '--max-warnings', 'some', dir]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--max-warnings 应为不小于 0 的整数/);
  });

  describe('--fix-dry-run / --diff', () => {
    it('writes nothing, and shows a diff that, applied, gives what --fix writes', () => {
      const dir = tmp();
      const file = path.join(dir, '002.txt');
      const gb = gb18030(wrong002);
      writeFileSync(file, gb);
      for (const flag of ['--fix-dry-run', '--diff']) {
        const r = runCli(['check', flag, '002.txt'], { cwd: dir });
        // The 四 group stays (suggestions only): an error either way.
        assert.strictEqual(r.code, 1, r.stdout + r.stderr);
        assert.deepStrictEqual(readFileSync(file), gb, `${flag}: not a byte written`);
        assert.ok(r.stdout.startsWith('--- a/002.txt\n+++ b/002.txt\n@@ -120,7 +120,7 @@\n'), r.stdout.slice(0, 200));
        assert.match(r.stdout, /^-\t109\n\+\t108$/m);
        assert.match(r.stdout, /^002\.txt:403:2 {2}错误 .*\[review-total\]$/m, 'the findings that would remain');
        assert.match(r.stdout, /，--fix 可修正 1 处（未写入）$/m);
      }
      // The diff is a patch: git applies it to a UTF-8 copy, and the result is what --fix writes.
      const repo = tmp();
      writeFileSync(path.join(repo, '002.txt'), wrong002);
      writeFileSync(path.join(repo, 'fix.patch'), JSON.parse(runCli(['check', '--diff', '--format', 'json', '002.txt'], { cwd: repo }).stdout).files[0].diff);
      execFileSync('git', ['apply', 'fix.patch'], { cwd: repo });
      assert.strictEqual(readFileSync(path.join(repo, '002.txt'), 'utf8'), text002);
      runCli(['check', '--fix', file]);
      assert.strictEqual(new TextDecoder('gb18030').decode(readFileSync(file)), text002);
    });

    it('in JSON: dryRun, the diff and the count per file', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, '002.txt'), wrong002);
      const r = runCli(['check', '--fix-dry-run', '--format', 'json', path.join(dir, '002.txt')]);
      const j = JSON.parse(r.stdout);
      assert.strictEqual(j.dryRun, true);
      assert.strictEqual(j.files[0].fixed, 1);
      assert.match(j.files[0].diff, /^-\t109\n\+\t108$/m);
      assert.deepStrictEqual(j.files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['review-total']);
    });

    it('cannot be combined with --fix', () => {
      const r = runCli(['check', '--fix', '--diff', corpusPath('002')]);
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /--fix 与 --fix-dry-run \/ --diff 不能同时使用/);
    });
  });

  it('colour: --color and --no-color first, then NO_COLOR and FORCE_COLOR, else only on a terminal', () => {
    const colored = (args: string[], extra: Record<string, string> = {}) => ANSI.test(runCli([...args, corpusPath('002')], { env: env(extra) }).stdout);
    assert.strictEqual(colored([]), false, 'a pipe gets no colour');
    assert.strictEqual(colored(['--color']), true);
    assert.strictEqual(colored([], { FORCE_COLOR: '1' }), true);
    assert.strictEqual(colored([], { FORCE_COLOR: '' }), true, 'FORCE_COLOR set but empty means on, as in Node');
    assert.strictEqual(colored([], { FORCE_COLOR: '0' }), false);
    assert.strictEqual(colored([], { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
    assert.strictEqual(colored(['--no-color'], { FORCE_COLOR: '1' }), false);
    assert.strictEqual(colored(['--color'], { NO_COLOR: '1' }), true, 'the flag wins over the environment');
    assert.strictEqual(colored(['--format', 'json', '--color']), false, 'JSON is never coloured');
  });

  describe('ignoring files', () => {
    function tree(): string {
      const dir = tmp();
      for (const d of ['a', 'drafts', 'old']) mkdirSync(path.join(dir, 'reports', d), { recursive: true });
      for (const f of ['a/x.txt', 'drafts/y.txt', 'old/z.txt', 'a/w.bak.txt']) writeFileSync(path.join(dir, 'reports', f), valid);
      return dir;
    }
    const checked = (r: { stdout: string }) => JSON.parse(r.stdout).files.map((f: { file: string }) => f.file.split(path.sep).join('/')).sort();

    it('.nianbaoignore in the working folder, gitignore syntax; a named file is still checked; --no-ignore', () => {
      const dir = tree();
      writeFileSync(path.join(dir, '.nianbaoignore'), '# 草稿不查\ndrafts/\n*.bak.txt\n');
      assert.deepStrictEqual(checked(runCli(['--format', 'json', 'reports'], { cwd: dir })), ['reports/a/x.txt', 'reports/old/z.txt']);
      assert.deepStrictEqual(checked(runCli(['--format', 'json', 'reports/**/*.txt'], { cwd: dir })), ['reports/a/x.txt', 'reports/old/z.txt'], 'globs too');
      assert.deepStrictEqual(checked(runCli(['--format', 'json', 'reports', 'reports/drafts/y.txt'], { cwd: dir })), ['reports/a/x.txt', 'reports/drafts/y.txt', 'reports/old/z.txt']);
      assert.deepStrictEqual(checked(runCli(['--format', 'json', '--no-ignore', 'reports'], { cwd: dir })).length, 4);
    });

    it('"ignores" in .nianbaorc.json, relative to the config file’s folder (or the working folder for --config)', () => {
      const dir = tree();
      writeFileSync(path.join(dir, 'reports', '.nianbaorc.json'), JSON.stringify({ ignores: ['old/**', 'drafts/'] }));
      const elsewhere = tmp();
      assert.deepStrictEqual(checked(runCli(['--format', 'json', path.join(dir, 'reports')], { cwd: elsewhere })).map((f: string) => path.relative(dir, f)), ['reports/a/w.bak.txt', 'reports/a/x.txt']);
      const config = path.join(dir, 'other.json');
      writeFileSync(config, JSON.stringify({ ignores: ['reports/a/'] }));
      assert.deepStrictEqual(checked(runCli(['--format', 'json', '--config', config, 'reports'], { cwd: dir })), ['reports/drafts/y.txt', 'reports/old/z.txt']);
      writeFileSync(config, JSON.stringify({ ignores: 'old' }));
      const r = runCli(['--config', config, 'reports'], { cwd: dir });
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /ignores 应为字符串数组/);
    });
  });

  describe('--format json', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'check-output.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const check = (out: string): any => {
      const j = JSON.parse(out);
      assert.ok(validate(j), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      return j;
    };

    it('follows schemas/check-output.schema.json, with a version, the tool and counts per file and in all', () => {
      const j = check(runCli(['check', '--format', 'json', 'samples']).stdout);
      assert.strictEqual(j.version, 1);
      assert.deepStrictEqual(j.tool, { name: 'nianbao', version: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version });
      assert.deepStrictEqual(j.counts, {
        error: 2, warning: 3, info: 4, files: 5, fixed: 0,
        // As the text's line per report says: 002 合计不符, 001 格式不符, the other three 通过.
        statuses: { 'sum-mismatch': 1, format: 1, pass: 3 },
      }, 'as the text summary says: 9 problems, 2 errors, 3 warnings, 4 infos');
      const f002 = j.files.find((f: { file: string }) => f.file.includes('002_'));
      assert.deepStrictEqual(f002.counts, { error: 1, warning: 2, info: 0 });
      assert.deepStrictEqual([f002.status, f002.body, f002.year], ['sum-mismatch', '张店区人民政府', 2020]);
      // Every finding on a table names its table, row and column; the others quote the text.
      for (const f of j.files) for (const x of f.findings) assert.ok(x.place?.text, `${f.file}: ${x.message}`);
      for (const f of j.files) {
        for (const s of ['error', 'warning', 'info']) assert.strictEqual(f.counts[s], f.findings.filter((x: { severity: string }) => x.severity === s).length);
      }
    });

    it('the schema holds for unreadable files, --fix and --fix-dry-run runs too', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'a.txt'), wrong002);
      check(runCli(['check', '--format', 'json', dir, path.join(dir, 'missing.txt')]).stdout);
      check(runCli(['check', '--format', 'json', '--fix-dry-run', dir]).stdout);
      const fixed = check(runCli(['check', '--format', 'json', '--fix', dir]).stdout);
      assert.strictEqual(fixed.counts.fixed, 1);
      assert.ok(!validate({ ...fixed, version: 2 }), 'the schema is not a formality: another version fails');
    });
  });

  describe('--format sarif', () => {
    const sarif = (args: string[], opts = {}) => JSON.parse(runCli(['check', '--format', 'sarif', ...args], opts).stdout).runs[0];

    it('each rule has its page as helpUri and as help.markdown', () => {
      const run = sarif(['samples']);
      for (const rule of run.tool.driver.rules) {
        assert.strictEqual(rule.helpUri, `https://github.com/nianbao/nianbao/blob/main/docs/rules/${rule.id}.md`);
        // The page itself, its relative links to other rule pages made absolute.
        const base = rule.helpUri.slice(0, rule.helpUri.lastIndexOf('/') + 1);
        assert.strictEqual(rule.help.markdown.split(base).join(''), readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8'));
        assert.ok(rule.help.text.includes(rule.helpUri));
      }
      assert.strictEqual(run.tool.driver.rules.length, RULES.length);
      const reviewTotal = run.tool.driver.rules.find((r: { id: string }) => r.id === 'review-total');
      assert.ok(reviewTotal.help.markdown.includes('](https://github.com/nianbao/nianbao/blob/main/docs/rules/row-total.md#'), 'a link to another page works outside the repository');
    });

    it('partialFingerprints follow a finding across moved lines and languages, and tell findings apart', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'r.txt'), text002);
      const before = sarif(['r.txt'], { cwd: dir }).results;
      writeFileSync(path.join(dir, 'r.txt'), '（送审稿）\n\n' + text002);
      const moved = sarif(['r.txt'], { cwd: dir }).results;
      const english = sarif(['--locale', 'en', 'r.txt'], { cwd: dir }).results;
      const prints = (rs: { ruleId: string; partialFingerprints: Record<string, string> }[]) => rs.map(r => [r.ruleId, r.partialFingerprints['findingHash/v1']]);
      assert.strictEqual(moved[0].locations[0].physicalLocation.region.startLine, before[0].locations[0].physicalLocation.region.startLine + 2, 'the finding moved two lines');
      assert.deepStrictEqual(prints(moved), prints(before));
      assert.deepStrictEqual(prints(english), prints(before));
      const all = sarif(['samples']).results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['findingHash/v1']);
      assert.strictEqual(new Set(all).size, all.length, 'no two findings share a fingerprint');
      assert.ok(all.every((p: string) => /^[0-9a-f]{32}$/.test(p)));
    });
  });
});
