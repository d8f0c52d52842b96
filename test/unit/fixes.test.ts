/** The one function that applies fixes: quick fix, fix-all, --fix and the tests all go through it. */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { applyEdits, applyFixes, composeEdits, fixUntilStable } from '../../server/src/service/fixes';
import type { Fix, TextEdit } from '../../server/src/service/rules';

const fix = (start: number, end: number, newText: string): Fix => ({ title: { zh: newText, en: newText }, edits: [{ range: { start, end }, newText }] });

describe('applyFixes', () => {
  const text = '行政复议 14 4 0 0 9';
  it('applies independent fixes together, whatever their order', () => {
    assert.strictEqual(applyFixes(text, [fix(14, 15, '18'), fix(5, 7, '13')]).text, '行政复议 13 4 0 0 18');
  });
  it('leaves out a fix that overlaps one applied before it', () => {
    const r = applyFixes(text, [fix(14, 15, '18'), fix(13, 15, ' 19')]);
    assert.strictEqual(r.text, '行政复议 14 4 0 0 18');
    assert.strictEqual(r.skipped.length, 1);
  });
  it('keeps insertions at one point in the order given', () => {
    assert.strictEqual(applyFixes('B', [fix(0, 0, '一、'), fix(0, 0, '二、')]).text, '一、二、B');
  });
  it('does not insert inside a range another fix replaces', () => {
    const r = applyFixes('0123456789', [fix(2, 6, 'x'), fix(4, 4, 'y')]);
    assert.deepStrictEqual([r.text, r.skipped.length], ['01x6789', 1]);
  });
});

/** Non-overlapping random edits against a text (some insertions, some deletions, some replacements). */
const editsOn = (text: string) => fc.array(
  fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })),
  { maxLength: 5 },
).map(raw => {
  const sorted = raw.map(([s, len, t]) => ({ range: { start: s, end: Math.min(text.length, s + len) }, newText: t }))
    .sort((a, b) => a.range.start - b.range.start);
  const out: TextEdit[] = [];
  for (const e of sorted) if (!out.length || e.range.start > out[out.length - 1].range.end) out.push(e);
  return out;
});

describe('composeEdits and fixUntilStable', () => {
  it('two rounds of edits, composed against the original, give the same text as applying them in turn', () => {
    fc.assert(fc.property(
      fc.string({ maxLength: 20 }).chain(original => editsOn(original).chain(earlier => {
        const middle = applyEdits(original, earlier);
        return editsOn(middle).map(later => ({ original, earlier, later, middle }));
      })),
      ({ original, earlier, later, middle }) => {
        const composed = composeEdits(original, earlier, later);
        assert.strictEqual(applyEdits(original, composed), applyEdits(middle, later));
        // The composed edits do not overlap one another.
        const sorted = [...composed].sort((a, b) => a.range.start - b.range.start);
        for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].range.start >= sorted[i - 1].range.end);
      },
    ), { numRuns: 2000 });
  });

  it('leaves the text between edits untouched: a later edit elsewhere does not widen an earlier one', () => {
    const composed = composeEdits('aaa 9 bbb 7 ccc', [{ range: { start: 4, end: 5 }, newText: '18' }], [{ range: { start: 11, end: 12 }, newText: '6' }]);
    assert.deepStrictEqual(composed, [{ range: { start: 4, end: 5 }, newText: '18' }, { range: { start: 10, end: 11 }, newText: '6' }]);
  });

  it('fixUntilStable runs rounds until nothing changes and returns the change as edits on the original', () => {
    // A toy analysis: each round, every `x` next to a `y` becomes `y` (so a run of x fills in one per round).
    const analyse = (t: string) => t;
    const fixesOf = (t: string): Fix[] => {
      const out: Fix[] = [];
      for (let i = 0; i < t.length; i++) if (t[i] === 'x' && (t[i - 1] === 'y' || t[i + 1] === 'y')) out.push(fix(i, i + 1, 'y'));
      return out;
    };
    const r = fixUntilStable('ab yxx cd', analyse, fixesOf, 10);
    assert.strictEqual(r.text, 'ab yyy cd');
    assert.strictEqual(r.fixed, 2);
    assert.strictEqual(applyEdits('ab yxx cd', r.edits), 'ab yyy cd');
    assert.ok(r.edits.every(e => e.range.start >= 4 && e.range.end <= 6), JSON.stringify(r.edits));
  });
});
