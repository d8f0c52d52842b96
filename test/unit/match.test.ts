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
import { APPLICATION_CANDIDATES } from '../../server/src/service/parse/applications';
import { EPSILON, LABEL_WINDOW, matchLabel, type LabelCandidate } from '../../server/src/service/parse/labels';
import { normalizeLabel } from '../../server/src/service/parse/normalize';

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

describe('match: a row label the text ends with exactly', () => {
  /** The choice of matchLabel by comparing every candidate (its rule written out): best score, ties to the longer label. */
  function chosenByEveryDistance<T>(norm: string, candidates: LabelCandidate<T>[], after: number): { entry: T; score: number } | null {
    const text = norm.slice(Math.max(0, norm.length - LABEL_WINDOW));
    let best: { c: LabelCandidate<T>; score: number } | null = null;
    for (const c of candidates) {
      const m = c.norm.length;
      const score = (m ? Math.max(0, matchSuffix(c.norm, text).score) : 0) - (c.order <= after ? 0.02 : 0);
      if (!best || score > best.score + EPSILON || (Math.abs(score - best.score) <= EPSILON && m > best.c.norm.length)) best = { c, score };
    }
    return best && text.length ? { entry: best.c.entry, score: best.score } : null;
  }

  it('matchLabel picks what comparing every candidate picks, when the text ends with a label, a part of one or a typo of one', () => {
    const labels = APPLICATION_CANDIDATES.map(c => c.norm);
    const tail = fc.oneof(
      fc.constantFrom(...labels),
      fc.tuple(fc.constantFrom(...labels), fc.nat()).map(([l, k]) => l.slice(k % Math.max(1, l.length))),
      fc.tuple(fc.constantFrom(...labels), fc.nat(), fc.constantFrom('公', '申', '1', '')).map(([l, k, c]) => { const i = k % Math.max(1, l.length); return l.slice(0, i) + c + l.slice(i + 1); }),
    );
    fc.assert(fc.property(text(30), tail, fc.integer({ min: -1, max: APPLICATION_CANDIDATES.length }), (before, label, after) => {
      const pending = [{ text: before + label, start: 0 }];
      const got = matchLabel(pending, APPLICATION_CANDIDATES, after);
      const want = chosenByEveryDistance(normalizeLabel(before + label), APPLICATION_CANDIDATES, after);
      assert.deepStrictEqual(got && { entry: got.entry, score: got.score }, want);
    }), { numRuns: 3000 });
  });

  it('a label text matched before (in another row, another report) gives the match of its own pieces, as matching it afresh does', () => {
    const labels = APPLICATION_CANDIDATES.map(c => c.norm);
    fc.assert(fc.property(text(20), fc.constantFrom(...labels), fc.nat(5000), fc.nat(8), fc.integer({ min: -1, max: APPLICATION_CANDIDATES.length }), (before, label, start, cut, after) => {
      const whole = before + label;
      const at = Math.min(cut, whole.length);
      // The same text in one piece and in two (a label wrapped over lines), each at its own place.
      const one = [{ text: whole, start }];
      const two = [{ text: whole.slice(0, at), start: start + 3 }, { text: whole.slice(at), start: start + 3 + at + 2 }].filter(p => p.text);
      for (const pending of [one, two, one]) {
        const afresh = matchLabel(pending, APPLICATION_CANDIDATES, after, { units: 0 });
        assert.deepStrictEqual(matchLabel(pending, APPLICATION_CANDIDATES, after), afresh);
      }
    }), { numRuns: 1500 });
  });
});
