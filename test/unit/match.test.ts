/**
 * The bit-parallel matcher (Myers' algorithm in blocks of 32) gives exactly what the dynamic
 * programming table gives: the same edit distances, the same best-suffix scores and the same starts,
 * for patterns shorter and longer than a word, so that labels and headings are read as before.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import {
  compilePattern, compileSet, editDistance, matchSuffix, similarity, similarityTo, suffixScore, suffixStart, suffixStartIn, suffixDistance,
  symbolsOf, tableDistance,
} from '../../server/src/service/parse/match';

/** Strings over a few characters (so that they share many), CJK and ASCII, up to `max` long. */
const text = (max: number) => fc.array(fc.constantFrom('一', '二', '（', '）', '公', '开', 'a', '1', '.'), { maxLength: max }).map(a => a.join(''));

describe('match: bit-parallel edit distance against the table', () => {
  it('edit distance and similarity, patterns up to 100 characters', () => {
    fc.assert(fc.property(text(100), text(100), (a, b) => {
      assert.strictEqual(editDistance(a, b), tableDistance(a, b));
      assert.strictEqual(similarityTo(compilePattern(a), b), similarity(a, b));
    }), { numRuns: 2000 });
  });

  it('best suffix: score and start, as matchSuffix computes them by the table', () => {
    fc.assert(fc.property(text(80), text(120), (p, t) => {
      const expected = matchSuffix(p, t);
      const pattern = compilePattern(p);
      assert.strictEqual(suffixScore(pattern, t), expected.score);
      assert.strictEqual(suffixStart(pattern, t), expected.start);
    }), { numRuns: 2000 });
  });

  it('a set of patterns shares one alphabet: each pattern matches as it would alone', () => {
    fc.assert(fc.property(fc.array(text(70), { minLength: 1, maxLength: 6 }), text(90), (patterns, t) => {
      const set = compileSet(patterns);
      const symbols = symbolsOf(set, t);
      patterns.forEach((p, k) => {
        const expected = matchSuffix(p, t);
        if (p.length) assert.strictEqual(Math.max(0, 1 - suffixDistance(set, k, symbols) / p.length), expected.score);
        assert.strictEqual(suffixStartIn(set, k, symbols), expected.start);
      });
    }), { numRuns: 500 });
  });

  it('reads the official labels as before: the longest 三 labels (over 32 characters) against a wrapped line', () => {
    const label = '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请';
    const line = '（六）其他处理2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申';
    assert.ok(label.length > 32);
    const m = matchSuffix(label, line);
    assert.strictEqual(suffixScore(compilePattern(label), line), m.score);
    assert.strictEqual(suffixStart(compilePattern(label), line), m.start);
    assert.strictEqual(line.slice(m.start, m.start + 2), '2.', 'the label starts at its numbering');
  });
});
