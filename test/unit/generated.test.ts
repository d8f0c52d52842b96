/** Docs index, config schema and settings are generated from the rule registry: they must be current. */
import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { generatedFiles } from '../../scripts/generate';
import { RULES } from '../../server/src/service/rules';
import { ROOT } from '../helpers/corpus';

describe('generated files', () => {
  for (const [rel, content] of Object.entries(generatedFiles())) {
    it(`${rel} is up to date (npm run generate)`, () => {
      assert.strictEqual(readFileSync(path.join(ROOT, rel), 'utf8'), content, `${rel} is stale: run npm run generate`);
    });
  }

  it('every rule has a docs page that names it', () => {
    for (const r of RULES) {
      const page = path.join(ROOT, 'docs', 'rules', `${r.meta.id}.md`);
      assert.ok(existsSync(page), `docs/rules/${r.meta.id}.md exists`);
      assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${r.meta.id}\\b`));
    }
  });

  it('rule ids are kebab-case and unique', () => {
    const ids = RULES.map(r => r.meta.id);
    assert.deepStrictEqual([...new Set(ids)], ids);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });
});
