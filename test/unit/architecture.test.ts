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
});
