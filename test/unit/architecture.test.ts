/** The analysis core stays pure: no editor, no connection, no file system — so it runs in a web worker. */
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/corpus';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN = /from\s+['"](vscode|vscode-languageserver|vscode-languageserver\/.*|vscode-languageclient.*|fs|path|os|child_process|node:.*)['"]|require\(/;

describe('architecture', () => {
  it('server/src/service imports nothing from vscode, the LSP connection or Node', () => {
    const offenders = files(path.join(ROOT, 'server', 'src', 'service'))
      .flatMap(f => readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const))
      .filter(([, , l]) => FORBIDDEN.test(l))
      .map(([f, n, l]) => `${path.relative(ROOT, f)}:${n}: ${l.trim()}`);
    assert.deepStrictEqual(offenders, []);
  });

  it('one rule per file: every registered rule lives in rules/<id>.ts', () => {
    const { RULES } = require('../../server/src/service/rules') as typeof import('../../server/src/service/rules');
    for (const r of RULES) {
      const file = path.join(ROOT, 'server', 'src', 'service', 'rules', `${r.meta.id}.ts`);
      assert.match(readFileSync(file, 'utf8'), new RegExp(`id: '${r.meta.id}'`), `${r.meta.id} is defined in its own file`);
    }
  });

  it('the formats live in template/: no version literal or column count elsewhere', () => {
    const FORMAT_KNOWLEDGE: [RegExp, string][] = [
      [/\b20(19|21)\b/, 'a format version'],
      [/(?<![\w.])(7|15|23|25)(?![\w.])/, 'a table width or row count'],
      [/%\s*5\b|(cells|values|reviews|totals)\??\.?\[(4|6|9|14)\]/, 'a 四 group or 三 total column by number'],
    ];
    const template = path.join(ROOT, 'server', 'src', 'service', 'template');
    const offenders = [...files(path.join(ROOT, 'server', 'src')), ...files(path.join(ROOT, 'client', 'src'))]
      .filter(f => !f.startsWith(template))
      .flatMap(f => codeLines(readFileSync(f, 'utf8')).map(([n, l]) => [f, n, l] as const))
      // A named constant beside its reason is not format knowledge.
      .filter(([, , l]) => !/^\s*(export )?const [A-Z_]+ = \d+;/.test(l))
      .flatMap(([f, n, l]) => FORMAT_KNOWLEDGE.filter(([re]) => re.test(l)).map(([, what]) => `${path.relative(ROOT, f)}:${n}: ${what}: ${l.trim()}`));
    assert.deepStrictEqual(offenders, []);
  });
});

/** The lines of a TypeScript file with comments blanked out, numbered from 1. */
function codeLines(source: string): [number, string][] {
  const noBlocks = source.replace(/\/\*[\s\S]*?\*\//g, m => m.replace(/[^\n]/g, ' '));
  return noBlocks.split('\n').map((l, i) => [i + 1, l.replace(/(^|\s)\/\/\s.*$/, '$1')] as [number, string]);
}

