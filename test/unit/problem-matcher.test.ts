/**
 * The problem matchers `$nianbao`, `$nianbao-warning` and `$nianbao-info` (package.json) on the CLI's
 * real text output, in Chinese and English, read the way VS Code reads a matched line: its severity
 * word if VS Code knows it (error, warning, warn, info, hint, note, E, W, I), else the matcher's own.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { ROOT } from '../helpers/corpus';

interface Matcher {
  name: string;
  severity: string;
  pattern: { regexp: string; file: number; line: number; column: number; severity?: number; message: number; code: number };
}
const matchers = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.problemMatchers as Matcher[]);

/** VS Code's reading of a severity word (problemMatcher.ts getSeverity, Severity.fromValue). */
function vscodeSeverity(word: string | undefined, fallback: string): string {
  if (word) {
    const w = word.toLowerCase();
    if (w === 'error' || word === 'E') return 'error';
    if (w === 'warning' || w === 'warn' || word === 'W') return 'warning';
    if (w === 'info' || w === 'hint' || w === 'note' || word === 'I') return 'info';
  }
  return fallback;
}

function problems(output: string, names: string[]) {
  const out: { file: string; line: number; column: number; severity: string; message: string; code: string; matcher: string }[] = [];
  for (const text of output.split('\n')) {
    for (const m of matchers.filter(x => names.includes(`$${x.name}`))) {
      const g = new RegExp(m.pattern.regexp).exec(text);
      if (!g) continue;
      const p = m.pattern;
      out.push({ file: g[p.file], line: +g[p.line], column: +g[p.column], severity: vscodeSeverity(p.severity ? g[p.severity] : undefined, m.severity), message: g[p.message], code: g[p.code], matcher: m.name });
    }
  }
  return out;
}

describe('problem matchers $nianbao, $nianbao-warning, $nianbao-info', () => {
  const all = ['$nianbao', '$nianbao-warning', '$nianbao-info'];
  const json = JSON.parse(runCli(['check', '--format', 'json', 'samples']).stdout);
  const expected = json.files.flatMap((f: { file: string; findings: { line: number; column: number; severity: string; ruleId: string }[] }) =>
    f.findings.map(x => `${f.file}:${x.line}:${x.column} ${x.severity} ${x.ruleId}`)).sort();

  for (const locale of ['zh', 'en']) {
    it(`the three together read every finding of the ${locale} output once, with its severity`, () => {
      const found = problems(runCli(['check', '--locale', locale, 'samples']).stdout, all);
      assert.deepStrictEqual(found.map(p => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`).sort(), expected);
      assert.strictEqual(expected.length, 9);
    });
  }

  it('$nianbao alone reads all of the English output, and never gives a Chinese line a wrong severity', () => {
    const en = problems(runCli(['check', '--locale', 'en', 'samples']).stdout, ['$nianbao']);
    assert.deepStrictEqual(en.map(p => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`).sort(), expected);
    const zh = problems(runCli(['check', 'samples']).stdout, ['$nianbao']);
    assert.deepStrictEqual(zh.map(p => p.severity), ['error', 'error'], 'the two errors; warnings and infos are left to the other two');
    // The message as Problems shows it: where in the tables, then what.
    assert.strictEqual(zh[0].message, '二表 · 第二十条第（一）项 · 行政规范性文件  “行政规范性文件”行有 2 个数，第二十条第（一）项表应有 3 列（本年制发件数、本年废止件数、现行有效件数）');
  });

  it('the summary and read errors are not problems', () => {
    const found = problems('\n✖ 9 个问题（2 个错误，4 个警告，3 条提示），共检查 5 个文件\nmissing.txt  无法读取  ENOENT\n', all);
    assert.deepStrictEqual(found, []);
    // Nor is the line per report at the end of a batch.
    const summary = runCli(['check', 'samples']).stdout.split('\n各报告结果')[1];
    assert.ok(summary.includes('合计不符'));
    assert.deepStrictEqual(problems(summary, all), []);
  });
});
