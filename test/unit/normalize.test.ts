import * as assert from 'assert';
import fc from 'fast-check';
import { FORMATS } from '../../server/src/service/format';
import { normalizeFormatWord, normalizeLabel, normalizePieces } from '../../server/src/service/parse/normalize';

/** Label-like strings: Chinese, spaces of several kinds, quotes, digits with their separators, brackets, ASCII letters. */
const label = fc.array(fc.constantFrom('公', '开', '申', '请', ' ', '\u3000', '\t', '“', '”', '*', '1', '2', '、', '，', '.', '．', '（', '）', '(', ')', 'A', 'b'), { maxLength: 40 }).map(a => a.join(''));

describe('normalize: a label alone reads as the same label mapped to its offsets', () => {
  it('normalizeLabel(t) is the text of normalizePieces([t]) (its shortcuts for plain text and text with spaces only)', () => {
    fc.assert(fc.property(label, t => {
      assert.strictEqual(normalizeLabel(t), normalizePieces([{ text: t, start: 0 }]).text);
    }), { numRuns: 3000 });
  });

  it('takes spaces and quotes out, maps brackets, reads 1、 and （1） as 1.', () => {
    assert.strictEqual(normalizeLabel('“公开” 申请'), '公开申请');
    assert.strictEqual(normalizeLabel('（1）属于 国家秘密'), '1.属于国家秘密');
    assert.strictEqual(normalizeLabel('2、(一)'), '2.（一）');
  });
});

describe('normalizeFormatWord: the formats\' words normalized once, the same as normalizeLabel', () => {
  it('every row label, alias and header word of every format, asked twice, in any order', () => {
    const words = new Set<string>();
    for (const f of FORMATS) {
      for (const r of f.applications.rows) words.add(r.label);
      for (const b of f.proactive.blocks) for (const r of b.rows) [r.label, ...(r.aliases ?? [])].forEach(w => words.add(w));
      f.proactive.ownHeaderWords.forEach(w => words.add(w));
    }
    assert.ok(words.size > 40, `${words.size} words`);
    // One whose normal form differs from the word (a quote), so that a memo handing back the word itself shows.
    assert.ok([...words].some(w => normalizeLabel(w) !== w));
    fc.assert(fc.property(fc.shuffledSubarray([...words, ...words]), ws => {
      for (const w of ws) assert.strictEqual(normalizeFormatWord(w), normalizeLabel(w), w);
    }), { numRuns: 50 });
  });
});

describe('normalizePieces: its scratch arrays (texts up to 4,096 characters) give what arrays of its own give', () => {
  // 5,000 spaces more (skipped: the same normal form and offsets) send a text through arrays of its own.
  const spaces = ' '.repeat(5000);
  const pieces = fc.array(fc.tuple(label, fc.nat(50)), { minLength: 1, maxLength: 4 }).map(ps => {
    let at = 0;
    return ps.map(([text, gap]) => ({ text, start: (at += gap + text.length) - text.length }));
  });
  it('each of several calls in a row, and what an earlier call handed out is not changed by a later one', () => {
    fc.assert(fc.property(fc.array(pieces, { minLength: 2, maxLength: 5 }), calls => {
      const results = calls.map(ps => normalizePieces(ps));
      calls.forEach((ps, i) => {
        const own = normalizePieces([...ps, { text: spaces, start: 1e6 }]);
        assert.deepStrictEqual({ text: results[i].text, offsets: Array.from(results[i].offsets) }, { text: own.text, offsets: Array.from(own.offsets) });
      });
    }), { numRuns: 1000 });
  });
});
