/**
 * The npm package and the extension manifest as published: what `npm pack` ships and that the CLI
 * in it runs alone; every localized string, enum description and setting scope; the walkthrough;
 * the capabilities declared for Restricted Mode and virtual workspaces.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { corpusPath, ROOT } from '../helpers/corpus';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = {
  zh: JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(readFileSync(path.join(ROOT, 'package.nls.en.json'), 'utf8')) as Record<string, string>,
};

describe('the npm package', () => {
  it('is publishable: not private, a bin that exists, a files list, a repository', () => {
    assert.strictEqual(pkg.private, undefined);
    assert.deepStrictEqual(pkg.bin, { nianbao: 'dist/cli.js' });
    assert.ok(Array.isArray(pkg.files) && pkg.files.includes('dist/cli.js'));
    assert.match(pkg.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    assert.strictEqual(pkg.dependencies, undefined, 'every runtime dependency is in the bundles');
  });

  it('npm pack ships the CLI, schemas and docs, not the sources, samples or tests; the CLI runs from it alone', function () {
    this.timeout(120000);
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('run `npm run build` first');
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-pack-'));
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    for (const f of ['dist/cli.js', 'dist/cli-worker.js', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'schemas/check-output.schema.json', 'schemas/nianbaorc.schema.json', 'docs/rules/review-total.md']) {
      assert.ok(files.includes(f), `${f} in the package`);
    }
    for (const f of files) assert.doesNotMatch(f, /^(server|client|test|samples|scripts)\/|\.map$|^dist\/sea\//, `${f} should not be published`);
    // Unpacked with no node_modules at all: the bundle needs nothing else.
    execFileSync('tar', ['xzf', path.join(dir, packed.filename), '-C', dir]);
    const r = spawnSync(process.execPath, [path.join(dir, 'package', 'dist', 'cli.js'), corpusPath('002')], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /:403:2 {2}错误 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/);
  });
});

describe('the packaged extension (nianbao.vsix)', () => {
  it('has the PDF reader as a bundle of its own with its CMaps, not in the servers’ start-up bundles; it stays under 4 MB', function () {
    const vsix = path.join(ROOT, 'nianbao.vsix');
    if (!existsSync(vsix)) {
      if (process.env.NIANBAO_E2E_REQUIRED === '1') throw new Error('nianbao.vsix is missing: run `npm run package`');
      this.skip();
    }
    // Per file: its size, and whether it holds pdfjs's worker (its message handler).
    const script = [
      'import sys, json, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'out = {i.filename: [i.file_size, b"WorkerMessageHandler" in z.read(i.filename)] for i in z.infolist() if i.filename.endswith((".js", ".bcmap"))}',
      'sys.stdout.write(json.dumps(out))',
    ].join('\n');
    const files = JSON.parse(execFileSync('python3', ['-c', script, vsix], { encoding: 'utf8' })) as Record<string, [number, boolean]>;
    assert.strictEqual(files['extension/dist/pdf.js']?.[1], true, 'dist/pdf.js is the PDF reader');
    for (const f of ['extension/dist/server.js', 'extension/dist/web/server.js', 'extension/dist/extension.js', 'extension/dist/web/extension.js']) {
      assert.strictEqual(files[f]?.[1], false, `${f} is there, without pdfjs`);
    }
    assert.ok(files['extension/dist/cmaps/UniGB-UCS2-H.bcmap'] && files['extension/dist/cmaps/Adobe-GB1-UCS2.bcmap'], 'the CMaps of Chinese fonts');
    const size = statSync(vsix).size;
    assert.ok(size <= 4 * 1024 * 1024, `nianbao.vsix is ${size} bytes`);
  });
});

describe('the extension manifest', () => {
  const settings = pkg.contributes.configuration.properties as Record<string, { enum?: string[]; enumDescriptions?: string[]; scope?: string; properties?: Record<string, { enum?: string[]; enumDescriptions?: string[] }> }>;

  it('every %key% has a Chinese and an English text, and no text is left unused', () => {
    const keys = new Set([...JSON.stringify(pkg.contributes).matchAll(/"%([^%"]+)%"/g)].map(m => m[1]));
    for (const k of keys) {
      assert.ok(nls.zh[k], `package.nls.json: ${k}`);
      assert.ok(nls.en[k], `package.nls.en.json: ${k}`);
    }
    assert.deepStrictEqual(Object.keys(nls.zh).filter(k => !keys.has(k)), []);
    assert.deepStrictEqual(Object.keys(nls.en).sort(), Object.keys(nls.zh).sort());
    assert.match(nls.zh['configuration.rules.review-total'], /^四表每组/);
    assert.match(nls.en['configuration.rules.review-total'], /^Section 四 groups/);
  });

  it('every enum has a description per value; settings a folder can set are resource-scoped; nianbao.locale defaults to zh', () => {
    const enums = Object.entries(settings).flatMap(([id, s]) => [[id, s] as const, ...Object.entries(s.properties ?? {}).map(([r, p]) => [`${id}.${r}`, p] as const)]);
    for (const [id, s] of enums) {
      if (s.enum) assert.strictEqual(s.enumDescriptions?.length, s.enum.length, `${id}: enumDescriptions`);
    }
    for (const id of ['nianbao.rules', 'nianbao.template', 'nianbao.run', 'nianbao.autoDetect']) assert.strictEqual(settings[id].scope, 'resource', id);
    assert.deepStrictEqual(settings['nianbao.locale'], { ...settings['nianbao.locale'], enum: ['zh', 'en', 'auto'], default: 'zh', scope: 'window' });
  });

  it('declares Restricted Mode and virtual workspaces as supported (no workspace code is run)', () => {
    assert.deepStrictEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it('guesses the encoding of nianbao files (GBK reports) and needs VS Code 1.100 for workspace.decode', () => {
    assert.strictEqual(pkg.contributes.configurationDefaults['[nianbao]']['files.autoGuessEncoding'], true);
    assert.strictEqual(pkg.engines.vscode, '^1.100.0');
    assert.strictEqual(pkg.devDependencies['@types/vscode'], '1.100.0', '@types/vscode matches the engine');
  });

  it('the walkthrough: six steps, writing a report first, each with its page; every command link names a command that exists', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.deepStrictEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['write', 'open', 'finding', 'fix', 'preview', 'folder']);
    assert.match(nls.zh['walkthrough.write.description'], /\(command:nianbao\.newReport\)/);
    const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const builtIn = new Set(['workbench.action.files.openFile', 'workbench.panel.markers.view.focus']);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
      for (const lang of ['zh', 'en'] as const) {
        const text = nls[lang][step.description.replace(/%/g, '')];
        for (const [, command] of text.matchAll(/\(command:([\w.]+)\)/g)) {
          assert.ok(declared.has(command) || builtIn.has(command), `${step.id} (${lang}): ${command}`);
        }
      }
    }
  });
});

describe('the task and the editor', () => {
  it('the task’s markers are owned by the name the client removes them by for an open report', () => {
    const owner = /export const TASK_MARKER_OWNER = '([^']+)'/.exec(readFileSync(path.join(ROOT, 'client', 'src', 'tasks.ts'), 'utf8'))?.[1];
    assert.ok(owner);
    for (const m of pkg.contributes.problemMatchers as { name: string; owner: string; source: string }[]) {
      assert.deepStrictEqual([m.name, m.owner, m.source], [m.name, owner, 'nianbao']);
    }
  });
});

describe('the README as the Marketplace shows it', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('opens with the two commands that work on a fresh machine, then shows what a user sees', () => {
    assert.ok(readme.startsWith('# Nianbao 年报\n\n```sh\nnpm install && npm run build && node dist/cli.js check samples'), readme.slice(0, 200));
    assert.match(readme.split('\n').slice(0, 6).join('\n'), /^npm test\b/m);
    const firstScreen = readme.slice(0, readme.indexOf('## 安装 Install'));
    assert.match(firstScreen, /!\[[^\]]*\]\(docs\/images\/squiggle\.png\)/);
    assert.match(firstScreen, /!\[[^\]]*\]\(docs\/images\/quick-fix\.png\)/);
    assert.match(readme, /离线安装 Offline \(\.vsix\)/);
    assert.ok(readme.indexOf('## 开发 Development') > readme.indexOf('## 命令行 CLI'), 'Development comes after what users need');
  });

  it('every relative link and image points to a file in the repository', () => {
    const targets = [...readme.matchAll(/\]\(((?![a-z]+:)[^)#\s]+)(#[^)]*)?\)/g)].map(m => m[1]);
    assert.ok(targets.length >= 8, targets.join(' '));
    for (const t of targets) assert.ok(existsSync(path.join(ROOT, t)), t);
  });

  it('in the packaged .vsix those links point to the repository, so they work on the Marketplace page', function () {
    const vsix = path.join(ROOT, 'nianbao.vsix');
    if (!existsSync(vsix)) {
      if (process.env.NIANBAO_E2E_REQUIRED === '1') throw new Error('nianbao.vsix is missing: run `npm run package`');
      this.skip();
    }
    const packed = execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/readme.md").decode())', vsix], { encoding: 'utf8' });
    const base = pkg.repository.url.replace(/\.git$/, '');
    assert.ok(packed.includes(`](${base}/raw/HEAD/docs/images/squiggle.png)`), 'images from the repository');
    assert.ok(packed.includes(`](${base}/blob/HEAD/schemas/check-output.schema.json)`), 'links to the repository');
    assert.doesNotMatch(packed, /\]\((docs|schemas)\//, 'no relative link left');
  });
});
