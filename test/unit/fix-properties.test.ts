/**
 * What `--fix` (and fix-all) may do, as properties over the samples and random changes to them:
 * only certain, local fixes; never a guess; nothing outside the tokens it corrects.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { checkReport } from '../../server/src/service/check';
import { fixUntilStable } from '../../server/src/service/fixes';
import { parseReport, type Cell } from '../../server/src/service/parse';
import type { Finding, Fix } from '../../server/src/service/rules';
import { REVIEW_GROUP_WIDTH, reviewPlace } from '../../server/src/service/format';
import { CORPUS, corpusText, type CorpusId } from '../helpers/corpus';

const IDS = Object.keys(CORPUS) as CorpusId[];
const safeFixes = (r: { findings: Finding[] }): Fix[] => r.findings.flatMap(f => (f.fix ? [f.fix] : []));
const fixAll = (text: string) => fixUntilStable(text, t => checkReport(t), safeFixes);

/** The numbers of a sample's 三 and 四 tables. */
function numbers(id: CorpusId): { cell: Cell; table: 'applications' | 'reviews'; col: number }[] {
  const m = parseReport(corpusText(id));
  return [
    ...(m.applications?.rows ?? []).flatMap(r => r.cells.map((cell, col) => ({ cell, table: 'applications' as const, col }))),
    ...(m.reviews?.cells ?? []).map((cell, col) => ({ cell, table: 'reviews' as const, col })),
  ].filter(x => x.cell.kind === 'number');
}

function change(text: string, cells: { cell: Cell; value: number }[]): string {
  return [...cells].sort((a, b) => b.cell.digits.start - a.cell.digits.start)
    .reduce((t, { cell, value }) => t.slice(0, cell.digits.start) + String(value) + t.slice(cell.digits.end), text);
}

/** Where two texts differ, as [start, end) in `a` and [start, end) in `b` after the common prefix and suffix. */
function differing(a: string, b: string): { a: [number, number]; b: [number, number] } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { a: [p, a.length - s], b: [p, b.length - s] };
}

describe('fixes: properties over the samples', function () {
  this.timeout(300000);

  it('on an unmodified sample, --fix changes nothing: every finding there is advice or needs a person', () => {
    for (const id of IDS) {
      const r = fixAll(corpusText(id));
      assert.strictEqual(r.fixed, 0, `${id}: ${r.edits.map(e => e.newText).join(', ')}`);
      assert.strictEqual(r.text, corpusText(id));
    }
  });

  it('with random numbers changed, the safe fixes touch only the digits they replace: the text outside is byte-identical', () => {
    const pools = Object.fromEntries(IDS.map(id => [id, numbers(id)]));
    fc.assert(fc.property(
      fc.constantFrom(...IDS).chain(id => fc.tuple(
        fc.constant(id),
        fc.uniqueArray(fc.nat({ max: pools[id].length - 1 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat({ max: 999 }), { minLength: 3, maxLength: 3 }),
      )),
      ([id, picks, values]) => {
        const text = corpusText(id);
        const mutant = change(text, picks.map((k, i) => ({ cell: pools[id][k].cell, value: values[i] })));
        const result = checkReport(mutant);
        const edits = safeFixes(result).flatMap(f => f.edits);
        // Every edit replaces the digits of one number by digits.
        for (const e of edits) {
          assert.match(mutant.slice(e.range.start, e.range.end), /^[0-9０-９]+$/, `${id}: edit of 「${mutant.slice(e.range.start, e.range.end)}」`);
          assert.match(e.newText, /^[0-9０-９]+$/);
        }
        const fixed = fixAll(mutant);
        // Outside the edited digits, nothing changed.
        let at = 0;
        let outside = '';
        for (const e of [...fixed.edits].sort((x, y) => x.range.start - y.range.start)) {
          outside += mutant.slice(at, e.range.start) + '\u0000';
          at = e.range.end;
        }
        outside += mutant.slice(at);
        let fat = 0;
        let fixedOutside = '';
        let shift = 0;
        for (const e of [...fixed.edits].sort((x, y) => x.range.start - y.range.start)) {
          fixedOutside += fixed.text.slice(fat, e.range.start + shift) + '\u0000';
          fat = e.range.start + shift + e.newText.length;
          shift += e.newText.length - (e.range.end - e.range.start);
        }
        fixedOutside += fixed.text.slice(fat);
        assert.strictEqual(fixedOutside, outside);
      },
    ), { numRuns: 150 });
  });

  it('after one 四 term is changed, --fix leaves every number as it was (or restores the original where the tables allow only one cell)', () => {
    for (const id of IDS) {
      const text = corpusText(id);
      const broken = checkReport(text).findings.filter(f => f.ruleId === 'review-total');
      for (const { cell, col } of numbers(id).filter(x => x.table === 'reviews')) {
        // Terms only (the total is each group's last column), and not in a group the report already breaks.
        if (reviewPlace(col).column === REVIEW_GROUP_WIDTH - 1 || broken.some(f => f.range.start <= cell.range.start && cell.range.end <= f.range.end)) continue;
        for (const v of [cell.value! + 1, cell.value! + 7]) {
          const mutant = change(text, [{ cell, value: v }]);
          const out = fixAll(mutant).text;
          assert.ok(out === mutant || out === text, `${id} 四 column ${col} ${cell.value}→${v}: --fix wrote ${JSON.stringify(differing(mutant, out))}`);
        }
      }
    }
  });
});
