/** The marks that write a finding's expected place in the text (test/helpers/marked.ts). */
import * as assert from 'assert';
import { markFindings, readMarked } from '../helpers/marked';

describe('expectations marked in the text', () => {
  it('reads and strips the marks, with UTF-16 offsets in the stripped text', () => {
    const { text, marks } = readMarked('（一）予以公开 8 1 0 0 0 0 {row-total}10{/row-total}\n{section-missing}{/section-missing}六、');
    assert.strictEqual(text, '（一）予以公开 8 1 0 0 0 0 10\n六、');
    assert.deepStrictEqual(marks, [{ rule: 'row-total', start: 20, end: 22 }, { rule: 'section-missing', start: 23, end: 23 }]);
    assert.strictEqual(text.slice(20, 22), '10');
  });

  it('writes findings back as the same marks, so a case compares two texts', () => {
    const source = '{review-total}0 1 0 0 9{/review-total} 0 0 {row-total}{/row-total}0';
    const { text, marks } = readMarked(source);
    assert.strictEqual(markFindings(text, marks.map(m => ({ ruleId: m.rule, range: m }))), source);
  });

  it('a finding elsewhere, or another rule, makes the texts differ', () => {
    const { text } = readMarked('8 1 {row-total}10{/row-total}');
    assert.notStrictEqual(markFindings(text, [{ ruleId: 'row-total', range: { start: 2, end: 3 } }]), '8 1 {row-total}10{/row-total}');
    assert.notStrictEqual(markFindings(text, [{ ruleId: 'column-total', range: { start: 4, end: 6 } }]), '8 1 {row-total}10{/row-total}');
  });

  it('refuses a mark that names no rule, or is not closed', () => {
    assert.throws(() => readMarked('{row-totl}10{/row-totl}'), /no rule has this id/);
    assert.throws(() => readMarked('{row-total}10'), /not closed/);
    assert.throws(() => readMarked('10{/row-total}'), /closes no/);
  });
});
