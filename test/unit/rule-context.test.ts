import * as assert from 'assert';
import { checkReport } from '../../server/src/service/check';
import type { NianbaoConfig } from '../../server/src/service/config';
import { RULES, type Finding } from '../../server/src/service/rules';
import { CORPUS, corpusText, type CorpusId } from '../helpers/corpus';

/**
 * The rules share one context whose `report` files a finding under the rule being run: the findings must be
 * those of each rule run alone, each under its own rule and setting.
 */
describe('runRules: one context for every rule, each finding filed under the rule that reported it', () => {
  const ids = RULES.map(r => r.meta.id);
  for (const id of Object.keys(CORPUS) as CorpusId[]) {
    it(`sample ${id}: the findings of all the rules are those of each rule run alone`, () => {
      const text = corpusText(id);
      // A setting of its own for every other rule, so that a finding filed under the wrong rule shows in its severity too.
      const settings = Object.fromEntries(ids.map((r, i) => [r, i % 2 ? 'info' : 'warning'])) as NianbaoConfig['rules'];
      const all = checkReport(text, { rules: settings }).findings;
      const alone = ids.flatMap(rule => checkReport(text, { rules: { ...settings, ...Object.fromEntries(ids.filter(r => r !== rule).map(r => [r, 'off'])) } }).findings);
      const key = (f: Finding) => `${f.range.start}:${f.range.end} ${f.ruleId} ${f.severity} ${JSON.stringify(f.message)} ${JSON.stringify(f.fix ?? null)}`;
      assert.deepStrictEqual(all.map(key).sort(), alone.map(key).sort());
      if (id !== '004') assert.ok(all.length > 0, 'the sample has findings');
    });
  }
});
