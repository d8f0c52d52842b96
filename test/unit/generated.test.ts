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

  it('every rule page states the default severity, and whether there are safe fixes and suggestions, as the metadata says', () => {
    const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;
    for (const r of RULES) {
      const page = readFileSync(path.join(ROOT, 'docs', 'rules', `${r.meta.id}.md`), 'utf8');
      const { severity, fixable, hasSuggestions = false } = r.meta;
      // 「- 默认级别：错误（error）；可自动修正：是（…）；修正建议：有（…）」, each part with an optional note in brackets.
      const zh = `^- 默认级别：${SEVERITY_ZH[severity]}（${severity}）[^；\\n]*；可自动修正：${fixable ? '是' : '否'}[^；\\n]*；修正建议：${hasSuggestions ? '有' : '无'}`;
      assert.match(page, new RegExp(zh, 'm'), `${r.meta.id}: the 默认级别 line`);
      const en = `Default: ${severity}\\b[^;\\n]*; fixable: ${fixable ? 'yes' : 'no'}\\b[^;\\n]*; suggestions: ${hasSuggestions ? 'yes' : 'no'}\\b`;
      assert.match(page.slice(page.indexOf('## English')), new RegExp(en), `${r.meta.id}: the English Default line`);
    }
  });

  it('rule ids are kebab-case and unique', () => {
    const ids = RULES.map(r => r.meta.id);
    assert.deepStrictEqual([...new Set(ids)], ids);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });
});
