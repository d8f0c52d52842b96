/** The one function that applies fixes: quick fix, fix-all, --fix and the tests all go through it. */
import * as assert from 'assert';
import { applyFixes } from '../../server/src/service/fixes';
import type { Fix } from '../../server/src/service/rules';

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
