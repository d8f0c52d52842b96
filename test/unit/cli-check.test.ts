/** `nianbao check` as a reviewer runs it: real files, folders, encodings, exit codes, formats. */
import * as assert from 'assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../helpers/cli';
import { corpusPath, fixturePath, oneFinding002Path, ROOT, SAMPLES } from '../helpers/corpus';
import { RULES } from '../../server/src/service/rules';
import { runCli as runInProcess } from '../../server/src/cli/cli';

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'nianbao-check-'));
}
const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');

/** Sample 002 with one 三 cell changed (自然人 new 108 → 109): a wrong cell the tables pin for certain, so --fix restores it. */
function wrongCell(text: string): string {
  const out = text.replace(/\t108(\r?\n)/, '\t109$1');
  assert.notStrictEqual(out, text);
  return out;
}

describe('nianbao check', () => {
  it('checks the sample folder: file:line:col  severity  message  [rule], a summary, exit 1', () => {
    const r = runCli(['check', 'samples'], { cwd: ROOT });
    assert.strictEqual(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('samples/002_da27b6d9f425ca71.txt:403:2  错误  四表 · 行政复议  行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实  [review-total]'), r.stdout);
    assert.ok(lines.some(l => /^samples\/001_7ffb10b0611b3e96\.txt:27:2  错误  二表 · 第二十条第（一）项 · 行政规范性文件  “行政规范性文件”行有 2 个数.*\[cell-count\]$/.test(l)));
    assert.match(lines[lines.length - 1], /^✖ 9 个问题（2 个错误，3 个警告，4 条提示），共检查 5 个文件$/);
    // Before it, a line per report, real errors first (the samples' README: 002's 行政复议 total is the one
    // broken total, 001's 二 row has two numbers of three; the others have no error), then each status's count.
    assert.ok(lines.some(l => /^samples\/002_da27b6d9f425ca71\.txt:20:167  警告  .*111 ÷ 120 = 92\.500%，应为 92\.5%，此处为 92\.3%.*\[prose-percentage\]$/.test(l)), r.stdout);
    const summary = lines.indexOf('各报告结果（错误多的在前）：');
    assert.deepStrictEqual(lines.slice(summary + 1, summary + 7), [
      '  合计不符  samples/002_da27b6d9f425ca71.txt  张店区人民政府 2020  1 个错误，2 个警告',
      '  格式不符  samples/001_7ffb10b0611b3e96.txt  临淄区人民政府办公室 2023  1 个错误',
      '  通过      samples/003_1779a4e6d47991d0.txt  淄博市张店区机关事务服务中心 2020  1 个警告',
      '  通过      samples/000_568bfc5d02716736.txt  张店区人民政府办公室 2023  4 条提示',
      '  通过      samples/004_7666543767a12903.txt  张店区发展和改革局 2023',
      '5 份报告：合计不符 1 份，格式不符 1 份，通过 3 份',
    ]);
    assert.ok(summary > lines.findIndex(l => l.includes('[review-total]')), 'after the findings');
  });

  it('exits 0 on a report without errors, and says so', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'ok.txt'), valid);
    const r = runCli(['check', dir]);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /✔ 共检查 1 个文件，没有发现问题/);
  });

  it('reports an unreadable file, a missing path and a pattern that matches nothing, each in its own words; checks the others, exits 2', () => {
    const dir = tmp();
    copyFileSync(corpusPath('002'), path.join(dir, 'a.txt'));
    symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'broken.txt'));
    const args = ['check', dir, path.join(dir, 'missing.md'), path.join(dir, '*.pdf')];
    const r = runCli(args);
    assert.strictEqual(r.code, 2);
    assert.match(r.stdout, /a\.txt:403:2 {2}错误 {2}四表 · 行政复议 {2}行政复议：14 \+ 4 \+ 0 \+ 0 = 18，总计为 9/);
    assert.match(r.stdout, /broken\.txt {2}无法读取 {2}文件不存在（或是指向不存在文件的链接）（ENOENT）/);
    assert.match(r.stdout, /missing\.md {2}找不到 {2}没有这个文件或文件夹/);
    assert.match(r.stdout, /\*\.pdf {2}找不到 {2}通配符没有匹配到报告文件/);
    assert.match(r.stdout, /共检查 1 个文件，2 个路径找不到，1 个文件无法读取/);
    const en = runCli([...args, '--locale', 'en']);
    assert.match(en.stdout, /broken\.txt {2}cannot read {2}no such file \(or a link to a missing file\) \(ENOENT\)/);
    assert.match(en.stdout, /missing\.md {2}not found {2}no such file or folder/);
    assert.match(en.stdout, /\*\.pdf {2}not found {2}the pattern matches no report file/);
    assert.deepStrictEqual(JSON.parse(runCli([...args, '--format', 'json']).stdout).errors.map((e: { notFound?: true }) => !!e.notFound), [true, true, false]);
  });

  it('counts columns in UTF-16 code units', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'r.txt'), valid.replace('0 1 0 0 1 0 0 0 0 0 0 0 0 0 0', '𠀀 0 1 0 0 9 0 0 0 0 0 0 0 0 0 0'));
    const r = runCli(['check', '--format', 'json', dir]);
    const f = JSON.parse(r.stdout).files[0].findings[0];
    // 𠀀 is two UTF-16 units: the group 「0 1 0 0 9」 runs from column 4 to the 9 at column 12.
    assert.deepStrictEqual([f.ruleId, f.line, f.column, f.endColumn], ['review-total', 79, 4, 13]);
  });

  it('--locale en writes English messages', () => {
    const r = runCli(['check', '--locale', 'en', oneFinding002Path()]);
    assert.match(r.stdout, /:403:2 {2}error {2}table 四 · 行政复议 {2}Administrative reconsideration: 14 \+ 4 \+ 0 \+ 0 = 18, total is 9: the total or one of its terms is wrong; check the source records {2}\[review-total\]/);
    assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\) in 1 file/);
  });

  it('--format json gives positions, messages and fixes', () => {
    const r = runCli(['check', '--format', 'json', oneFinding002Path()]);
    const j = JSON.parse(r.stdout);
    assert.strictEqual(j.files[0].template, '2019');
    assert.deepStrictEqual(j.files[0].findings[0], {
      ruleId: 'review-total', severity: 'error', message: '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实',
      line: 403, column: 2, endLine: 407, endColumn: 3,
      // Where it is in words: the 四 table's 行政复议 group (no one column: the total or a term is wrong).
      place: { table: '四', row: '行政复议', text: '四表 · 行政复议' },
      // No safe fix: which of the five cells is wrong cannot be told. Two suggestions a person may choose.
      suggestions: [
        { title: '行政复议总计改为 18', edits: [{ line: 407, column: 2, endLine: 407, endColumn: 3, newText: '18' }] },
        { title: '行政复议结果维持改为 5', edits: [{ line: 403, column: 2, endLine: 403, endColumn: 4, newText: '5' }] },
      ],
    });
  });

  it('--format sarif is valid SARIF 2.1.0 with rules, regions and fixes', () => {
    const r = runCli(['check', '--format', 'sarif', 'samples'], { cwd: ROOT });
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The SARIF schema has a language-tag pattern that is only valid without the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid: boolean = validate(JSON.parse(r.stdout));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.deepStrictEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), RULES.map(x => x.meta.id));
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'review-total');
    assert.strictEqual(result.level, 'error');
    assert.strictEqual(result.message.text, '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实');
    assert.deepStrictEqual(result.locations[0].physicalLocation.region, { startLine: 403, startColumn: 2, endLine: 407, endColumn: 3 });
    assert.strictEqual(result.locations[0].physicalLocation.artifactLocation.uri, 'samples/002_da27b6d9f425ca71.txt');
    assert.deepStrictEqual(result.fixes[0].artifactChanges[0].replacements, [
      { deletedRegion: { startLine: 407, startColumn: 2, endLine: 407, endColumn: 3 }, insertedContent: { text: '18' } },
    ]);
    assert.deepStrictEqual(result.fixes.map((x: { properties: { kind: string } }) => x.properties.kind), ['suggestion', 'suggestion'], 'suggestions, not safe fixes');
    assert.deepStrictEqual(new Set(run.results.map((x: { level: string }) => x.level)), new Set(['error', 'warning', 'note']));
  });

  it('--fix writes the fix back in the file’s own encoding and line ends (GB18030, CRLF)', () => {
    const dir = tmp();
    const file = path.join(dir, '002.txt');
    const crlf = readFileSync(corpusPath('002'), 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(file, Buffer.from(new TextEncoderGb().encode(wrongCell(crlf))));
    const r = runCli(['check', '--fix', file]);
    // The 四 group that does not add up stays: it has suggestions only.
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /已自动修正 1 处/);
    const bytes = readFileSync(file);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'still GB18030, not UTF-8');
    assert.strictEqual(new TextDecoder('gb18030').decode(bytes), crlf, 'the wrong cell is restored, and nothing else changed');
  });

  it('finds .nianbaorc.json above the report, or takes --config; a bad config is a usage error', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'reports', '2020'), { recursive: true });
    copyFileSync(corpusPath('002'), path.join(dir, 'reports', '2020', 'r.txt'));
    writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'warning', 'fee-statement': 'off' } }));
    let r = runCli(['check', path.join(dir, 'reports')]);
    assert.strictEqual(r.code, 0, 'review-total lowered to a warning');
    assert.match(r.stdout, /:403:2 {2}警告 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/);
    assert.doesNotMatch(r.stdout, /fee-statement/);
    const other = path.join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ rules: { 'review-total': 'info' } }));
    r = runCli(['check', '--config', other, path.join(dir, 'reports')]);
    assert.match(r.stdout, /:403:2 {2}提示 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/, 'the named config, not the nearest one');
    writeFileSync(other, JSON.stringify({ rules: { 'no-such-rule': 'off' }, template: '2030' }));
    r = runCli(['check', '--config', other, path.join(dir, 'reports')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /未知规则 unknown rule: no-such-rule/);
    assert.match(r.stderr, /template 应为/);
  });

  it('expands globs and recurses into .txt and .md', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    copyFileSync(corpusPath('002'), path.join(dir, 'a', 'b', 'x.txt'));
    copyFileSync(fixturePath('markdown-2022.md'), path.join(dir, 'a', 'y.md'));
    writeFileSync(path.join(dir, 'a', 'z.json'), '{}');
    let r = runCli(['check', '--format', 'json', `${dir}/**/*.txt`]);
    assert.deepStrictEqual(JSON.parse(r.stdout).files.map((f: { file: string }) => path.basename(f.file)), ['x.txt']);
    r = runCli(['check', '--format', 'json', dir]);
    assert.deepStrictEqual(JSON.parse(r.stdout).files.map((f: { file: string }) => path.basename(f.file)).sort(), ['x.txt', 'y.md']);
  });

  it('says how to use it on a bad option', () => {
    const r = runCli(['check', '--format', 'xml', SAMPLES]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--format 应为 text、json、sarif 或 html/);
  });

  it('expands {a,b} and [01] globs (once reported as unreadable), and takes a path with brackets as it is', () => {
    const dir = tmp();
    for (const sub of ['a', 'b', 'c']) mkdirSync(path.join(dir, sub));
    for (const f of ['a/r0.txt', 'a/r1.txt', 'a/r2.txt', 'b/r1.txt', 'c/r1.txt']) writeFileSync(path.join(dir, f), valid);
    const names = (r: { stdout: string }) => JSON.parse(r.stdout).files.map((f: { file: string }) => path.relative(dir, f.file));
    let r = runCli(['check', '--format', 'json', `${dir}/{a,b}/r1.txt`]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.deepStrictEqual(names(r), ['a/r1.txt', 'b/r1.txt']);
    r = runCli(['check', '--format', 'json', `${dir}/a/r[01].txt`]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.deepStrictEqual(names(r), ['a/r0.txt', 'a/r1.txt']);
    assert.deepStrictEqual(JSON.parse(r.stdout).errors, []);
    // Relative globs give relative paths, as the user wrote them.
    r = runCli(['check', '--format', 'json', '{a,c}/*1.txt'], { cwd: dir });
    assert.deepStrictEqual(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file), ['a/r1.txt', 'c/r1.txt']);
    writeFileSync(path.join(dir, '年报[2022].txt'), valid);
    r = runCli(['check', path.join(dir, '年报[2022].txt')]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ 共检查 1 个文件，没有发现问题/);
    r = runCli(['check', `${dir}/a/r[89].txt`]);
    assert.strictEqual(r.code, 2, 'a glob that matches nothing is reported');
    assert.match(r.stdout, /r\[89\]\.txt {2}找不到 {2}通配符没有匹配到报告文件/);
  });

  it('--fix writes back a GB18030 report with a 4-byte character (•), and the • stays', () => {
    const dir = tmp();
    const file = path.join(dir, '002.txt');
    const original = readFileSync(corpusPath('002'), 'utf8').replace('本报告是根据', '• 本报告是根据');
    const gb = Buffer.from(new TextEncoderGb().encode(original));
    assert.ok(gb.includes(Buffer.from([0x81, 0x36, 0xa6, 0x31])), '• is the four bytes 81 36 A6 31 in GB18030');
    writeFileSync(file, Buffer.from(new TextEncoderGb().encode(wrongCell(original))));
    const r = runCli(['check', '--fix', file]);
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /，已自动修正 1 处$/m);
    assert.doesNotMatch(r.stdout, /无法/);
    assert.deepStrictEqual(readFileSync(file), gb, 'the file is the GB18030 of the fixed text, byte for byte');
  });

  it('--fix leaves a file alone when its bytes would not survive being written back, and says so', () => {
    const dir = tmp();
    const file = path.join(dir, '002.txt');
    // A byte that is not GB18030: decoding makes it U+FFFD, which would be written back as other bytes.
    const bytes = Buffer.concat([Buffer.from(new TextEncoderGb().encode(wrongCell(readFileSync(corpusPath('002'), 'utf8')))), Buffer.from([0xff, 0x0a])]);
    writeFileSync(file, bytes);
    const r = runCli(['check', '--fix', file]);
    assert.strictEqual(r.code, 2, r.stdout + r.stderr);
    assert.deepStrictEqual(readFileSync(file), bytes, 'not a byte changed');
    assert.match(r.stdout, /002\.txt {2}无法写回 {2}含有无法按原编码（gb18030）写回的字节，未修正/);
    assert.match(r.stdout, /:123:2 {2}错误 {2}三表 · 一、本年新收政府信息公开申请数量 · 自然人 {2}“一、本年新收政府信息公开申请数量”行自然人应为 108，表中为 109/, 'the findings are those of the file as it is');
    assert.doesNotMatch(r.stdout, /已自动修正/);
    assert.match(r.stdout, /，1 个文件未能写回$/m);
  });

  it('--fix keeps UTF-16 reports (either byte order, with BOM) in UTF-16', () => {
    const dir = tmp();
    const fixed = readFileSync(corpusPath('002'), 'utf8');
    const text = wrongCell(fixed);
    const le = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
    const be = (t: string) => Buffer.from(le(t).map((_, i, b) => b[i ^ 1]));
    writeFileSync(path.join(dir, 'le.txt'), le(text));
    writeFileSync(path.join(dir, 'be.txt'), be(text));
    const r = runCli(['check', '--fix', '--format', 'json', dir]);
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).files.map((f: { encoding: string; fixed: number }) => [f.encoding, f.fixed]), [['utf-16be', 1], ['utf-16le', 1]]);
    assert.deepStrictEqual(readFileSync(path.join(dir, 'le.txt')), le(fixed));
    assert.deepStrictEqual(readFileSync(path.join(dir, 'be.txt')), be(fixed));
  });

  it('reads .nianbaorc.json with comments and trailing commas; a syntax error names the line and column', () => {
    const dir = tmp();
    copyFileSync(corpusPath('002'), path.join(dir, 'r.txt'));
    const config = path.join(dir, '.nianbaorc.json');
    writeFileSync(config, '{\n  // 总计错误先作为警告\n  "rules": {\n    "review-total": "warning", /* 收费说明不查 */\n    "fee-statement": "off",\n  },\n}\n');
    let r = runCli(['check', dir]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /:403:2 {2}警告 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/);
    assert.doesNotMatch(r.stdout, /fee-statement/);
    writeFileSync(config, '{\n  "rules": {\n    "review-total" "warning"\n  }\n}\n');
    r = runCli(['check', dir]);
    assert.strictEqual(r.code, 2);
    assert.ok(r.stderr.includes(`nianbao: 配置错误 config error: ${config}: 第 3 行第 20 列 JSON 语法错误 / JSON syntax error at line 3, column 20: ColonExpected`), r.stderr);
    assert.match(r.stdout, /:403:2 {2}错误 {2}四表 · 行政复议 {2}行政复议：14 \+ 4/, 'a broken config applies nothing');
  });

  it('reads options as parseArgs does (--opt=value, -o FILE, --) and keeps its own messages', () => {
    const dir = tmp();
    const out = path.join(dir, 'out.json');
    let r = runCli(['check', '--format=json', '-o', out, '--', oneFinding002Path()]);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(JSON.parse(readFileSync(out, 'utf8')).files[0].findings[0].ruleId, 'review-total');
    r = runCli(['check', '--bogus', corpusPath('002')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^nianbao check: 未知选项 unknown option: --bogus\n\n用法 Usage:/);
    r = runCli(['check', corpusPath('002'), '--config']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--config 需要文件名 \/ --config needs a file/);
    r = runCli(['check', '--locale', 'fr', corpusPath('002')]);
    assert.match(r.stderr, /--locale 应为 zh 或 en/);
    r = runCli(['check']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /缺少要检查的路径 \/ no PATH to check/);
  });

  it('--help prints the usage and exits 0, for the tool and for each command', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = runCli(args);
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^用法 Usage:\n {2}nianbao \[check\] \[选项 options\] PATH\.\.\./, args.join(' '));
      assert.match(r.stdout, /nianbao parse --json FILE/);
    }
    for (const args of [['check', '--help'], ['check', '-h'], ['help', 'check'], ['--help', 'check'], ['check', 'samples', '--help']]) {
      const r = runCli(args);
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^用法 Usage:\n {2}nianbao check \[选项 options\] PATH\.\.\./, args.join(' '));
      for (const option of ['--format', '--fix-dry-run, --diff', '--quiet', '--max-warnings N', '--color, --no-color', '--stdin-filename NAME', '--no-ignore', '默认向上查找 .nianbaorc.json']) {
        assert.ok(r.stdout.includes(option), `${args.join(' ')}: ${option}`);
      }
    }
    for (const args of [['parse', '-h'], ['parse', '--help'], ['help', 'parse']]) {
      const r = runCli(args);
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^用法 Usage:\n {2}nianbao parse --json FILE\.\.\./, args.join(' '));
    }
    const none = runCli([]);
    assert.strictEqual(none.code, 2, 'no arguments at all is a usage error, with the usage');
    assert.match(none.stdout, /^用法 Usage:/);
  });

  it('`nianbao help <command>` and `<command> --help` print the same help, listing the options the command takes (issue 18)', async function () {
    this.timeout(60000);
    const commands = ['check', 'parse', 'export'];
    const main = runCli(['help']).stdout;
    for (const command of commands) {
      assert.match(main, new RegExp(`nianbao (?:\\[)?${command}`), `the main help names ${command}`);
      const help = runCli(['help', command]);
      assert.strictEqual(help.code, 0, command);
      assert.match(help.stdout, new RegExp(`^用法 Usage:\n {2}nianbao ${command} `), `help ${command} is ${command}'s help, not the main help`);
      for (const args of [[command, '--help'], [command, '-h'], ['--help', command]]) {
        const r = runCli(args);
        assert.deepStrictEqual([r.code, r.stdout], [0, help.stdout], args.join(' '));
      }
      // Every option the help lists is taken (none is unknown to the parser), with a value where it shows one:
      // the first of its choices (text|json), or one for its placeholder (N, FILE, NAME).
      const example = (shown: string | undefined) => (!shown ? undefined : shown === 'N' ? '0' : /^[A-Z]+$/.test(shown) ? 'x' : shown.split('|')[0]);
      const listed = [...help.stdout.matchAll(/(?:^|, | {2,})(--[a-z-]+)(?: ([A-Za-z|]+))?/gm)].map(m => [m[1], example(m[2])] as const);
      assert.ok(listed.length >= 2, `${command}: ${listed.join(' ')}`);
      for (const [option, value] of listed) {
        if (option === '--help') continue;
        let err = '';
        const code = await runInProcess([command, option, ...(value ? [value] : []), '--help'], { out: () => undefined, err: s => void (err += s) });
        assert.deepStrictEqual([code, err], [0, ''], `${command} ${option}`);
      }
    }
    // An option of another command is not taken, and says so in the same words for every command.
    for (const [command, option] of [['export', '--fix'], ['parse', '--sum'], ['check', '--sum'], ['export', '--bogus']]) {
      const r = runCli([command, option, corpusPath('002')]);
      assert.strictEqual(r.code, 2, `${command} ${option}`);
      assert.match(r.stderr, new RegExp(`^nianbao ${command}: 未知选项 unknown option: ${option}\n\n用法 Usage:\n {2}nianbao ${command} `), `${command} ${option}`);
    }
    // export's options are read by the same parser: --opt=value, our messages for a missing value.
    let r = runCli(['export', corpusPath('002'), '--config']);
    assert.match(r.stderr, /^nianbao export: --config 需要文件名 \/ --config needs a file/);
    r = runCli(['export', '--locale=fr', corpusPath('002')]);
    assert.match(r.stderr, /^nianbao export: --locale 应为 zh 或 en/);
    const unknown = runCli(['help', 'exprot']);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /没有这个命令 no such command: exprot/);
  });
});

/** GB18030 encoding for the test, through iconv-lite-free means: Node's decoder, reversed. */
class TextEncoderGb {
  encode(text: string): Uint8Array {
    // The CLI's own writer is under test elsewhere; here use the system's iconv for independence.
    const { execFileSync } = require('child_process') as typeof import('child_process');
    return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
  }
}

describe('nianbao check across reports', () => {
  /** The 2022 valid report and its 2021 predecessor, written so that every check within each holds. */
  const y2022 = valid;
  const y2021 = valid
    .replace(/2022/g, '2021')
    .replace('一、本年新收政府信息公开申请数量 20 2 0 0 1 0 23', '一、本年新收政府信息公开申请数量 22 2 0 0 1 0 25')
    .replace('四、结转下年度继续办理 1 0 0 0 0 0 1', '四、结转下年度继续办理 3 0 0 0 0 0 3')
    .replace('全年共收到政府信息公开申请23件', '全年共收到政府信息公开申请25件')
    // In force: 23 + 3 issued − 1 repealed = the 25 of 2022.
    .replace('行政规范性文件 3 1 25', '行政规范性文件 3 1 23');
  /** The 2021 text is the 2022 text with its years changed: its reuse is found by content-reuse and problems-section (across.test.ts). */
  const notReuse = (dir: string) => writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ rules: { 'content-reuse': 'off', 'problems-section': 'off' } }));

  it('finds nothing when this year’s carry-over is last year’s carry-forward', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '2021.txt'), y2021);
    writeFileSync(path.join(dir, '2022.txt'), y2022);
    notReuse(dir);
    const r = runCli(['check', dir]);
    assert.strictEqual(r.code, 0, r.stdout);
    assert.match(r.stdout, /✔ 共检查 2 个文件，没有发现问题/);
  });

  it('reports the carry-over row when the two years disagree, only when both reports are checked', () => {
    const dir = tmp();
    // The 2021 report as it was: 1 carried forward, while 2022 says 3 were carried over.
    const earlier = y2021.replace('四、结转下年度继续办理 3 0 0 0 0 0 3', '四、结转下年度继续办理 1 0 0 0 0 0 1').replace('一、本年新收政府信息公开申请数量 22 2 0 0 1 0 25', '一、本年新收政府信息公开申请数量 20 2 0 0 1 0 23').replace('全年共收到政府信息公开申请25件', '全年共收到政府信息公开申请23件');
    writeFileSync(path.join(dir, '2021.txt'), earlier);
    writeFileSync(path.join(dir, '2022.txt'), y2022);
    const r = runCli(['check', dir]);
    assert.match(r.stdout, new RegExp(`2022\\.txt:45:1 {2}警告 {2}三表 · 二、上年结转政府信息公开申请数量 {2}“二、上年结转”与 2021 年度报告（${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/2021\\.txt）的“四、结转下年度继续办理”不一致：自然人 3 ≠ 1，总计 3 ≠ 1 {2}\\[carryover-continuity\\]`), r.stdout);
    const alone = runCli(['check', path.join(dir, '2022.txt')]);
    assert.doesNotMatch(alone.stdout, /carryover-continuity/);
  });
});
