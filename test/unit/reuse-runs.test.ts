/**
 * Where a passage of 内容雷同 is in the document. The comparison works on each report's text normalized
 * (spaces and punctuation left out, boilerplate sentences removed, a separator between what does not
 * follow on); a position of it is found in the document through runs of characters that follow each
 * other there, not through an offset kept per character. Held here to the per-character offsets the
 * comparison used before (built below as it built them), on random pieces and random removed sentences.
 * And the index of a report's shingles (a hash table of typed arrays) held to a Map of each hash's places.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { firstPlace, indexShingles, layout, offsetAt, Scratch, sectionAt, type ReuseInput, type TextPiece } from '../../server/src/service/across/reuse';

const SENTENCE_END = '。！？；!?;';

/** The character the comparison reads (digits as 0, Latin letters lower case), or null for a character it leaves out. */
function normal(ch: string): string | null {
  if (/[0-9０-９]/.test(ch)) return '0';
  if (/[A-Za-z]/.test(ch)) return ch.toLowerCase();
  if (/[\u4e00-\u9fff\u3400-\u4dbf]/.test(ch)) return ch;
  return null;
}

/**
 * The normalized text, each position's document offset (-1 for a separator) and section, one entry per
 * character: the sentences `keep` keeps, a separator before a sentence that does not follow a kept one
 * of the same piece (as long as something came before).
 */
function perCharacter(pieces: TextPiece[], keep: (sentence: number, size: number) => boolean) {
  const text: string[] = [];
  const offsets: number[] = [];
  const sections: number[] = [];
  let sentence = 0;
  for (const piece of pieces) {
    const sentences: { ch: string; at: number }[][] = [[]];
    [...piece.text].forEach((ch, i) => {
      const n = normal(ch);
      if (n !== null) sentences[sentences.length - 1].push({ ch: n, at: piece.start + i });
      else if (SENTENCE_END.includes(ch) && sentences[sentences.length - 1].length) sentences.push([]);
    });
    let joined = false;
    for (const s of sentences) {
      if (!s.length) continue;
      if (!keep(sentence++, s.length)) {
        joined = false;
        continue;
      }
      if (!joined && text.length) {
        text.push('\0');
        offsets.push(-1);
        sections.push(piece.section);
      }
      for (const c of s) {
        text.push(c.ch);
        offsets.push(c.at);
        sections.push(piece.section);
      }
      joined = true;
    }
  }
  return { text: text.join(''), offsets, sections };
}

// Text as reports have it: CJK, digits (ASCII and full-width), Latin letters, spaces, line breaks,
// punctuation that ends a sentence and punctuation that does not.
const char = fc.constantFrom('政', '府', '信', '息', '公', '开', '年', '度', '㐀', '2', '０', 'A', 'x', ' ', '\u3000', '\n', '，', '、', '（', '）', '-', '。', '；', '！', '?', ';');
// No surrogate pairs in the pieces: one UTF-16 unit per character, as the comparison counts them.
const piece = fc.record({ section: fc.constantFrom(1, 5, 6), start: fc.nat(5000), text: fc.array(char, { maxLength: 120 }).map(a => a.join('')) });
const pieces = fc.array(piece, { maxLength: 5 }).map(ps => {
  // Pieces in document order without overlapping, as a report's are.
  let at = 0;
  return ps.map(p => {
    const placed = { ...p, start: at + (p.start % 50) };
    at = placed.start + p.text.length;
    return placed;
  });
});

describe('reuse: where a position of the compared text is in the document', () => {
  it('the runs give every position the offset and section the per-character arrays gave, and so the same document ranges', () => {
    const scratch = new Scratch();
    fc.assert(
      fc.property(pieces, fc.array(fc.boolean(), { maxLength: 60 }), (ps, dropped) => {
        const keep = (sentence: number, size: number) => size > 0 && !dropped[sentence];
        const input: ReuseInput = { id: 'r', body: null, pieces: ps };
        const expected = perCharacter(ps, keep);
        const { runs, total } = layout(input, keep, scratch);
        const text = String.fromCharCode(...scratch.text.data.subarray(0, scratch.text.length));
        assert.strictEqual(text, expected.text);
        assert.strictEqual(total, expected.offsets.filter(o => o >= 0).length);
        const n = expected.offsets.length;
        assert.deepStrictEqual(Array.from({ length: n }, (_, i) => offsetAt(runs, i)), expected.offsets);
        assert.deepStrictEqual(Array.from({ length: n }, (_, i) => sectionAt(runs, i)), expected.sections);
        // A passage from position i to position j covers the document from i's offset to j's, the characters
        // between them that were left out included: what a user sees underlined.
        for (let i = 0; i < n; i += 3) {
          for (let j = i; j < n; j += 5) {
            if (expected.offsets[i] < 0 || expected.offsets[j] < 0) continue;
            assert.deepStrictEqual({ start: offsetAt(runs, i), end: offsetAt(runs, j) + 1 }, { start: expected.offsets[i], end: expected.offsets[j] + 1 });
          }
        }
      }),
      { numRuns: 500, seed: 21 },
    );
  });

  it('a passage across a skipped character, a removed sentence and a piece boundary', () => {
    // 「信息公开，年度」: the comma is left out, so 年 is at 5; the sentence 「删除的句子」 is removed;
    // the next piece starts at 100, in section 5, its space left out.
    const input: ReuseInput = {
      id: 'r', body: null,
      pieces: [
        { section: 1, start: 0, text: '信息公开，年度。删除的句子。政府' },
        { section: 5, start: 100, text: 'Ab 2' },
      ],
    };
    const { runs, total } = layout(input, s => s !== 1, new Scratch());
    assert.strictEqual(total, 11);
    // Seven runs for thirteen positions: 信息公开, 年度, a separator, 政府, a separator, ab, 0.
    assert.strictEqual(runs.starts.length, 7);
    assert.deepStrictEqual(Array.from({ length: 13 }, (_, i) => offsetAt(runs, i)), [0, 1, 2, 3, 5, 6, -1, 14, 15, -1, 100, 101, 103]);
    assert.deepStrictEqual([0, 6, 7, 9, 10, 12].map(i => sectionAt(runs, i)), [1, 1, 1, 5, 5, 5]);
    // 「开年度政」 as a passage: from 开 (3) to 政 (14), the comma and the removed sentence inside it.
    assert.deepStrictEqual({ start: offsetAt(runs, 3), end: offsetAt(runs, 7) + 1 }, { start: 3, end: 15 });
  });
});

describe('reuse: where each shingle of a report is', () => {
  it('the index gives each hash its places in order, and -1 for a hash the report does not have', () => {
    fc.assert(
      // Few distinct hashes (many repeated), or many (the table grown): -1 where a separator is.
      fc.property(fc.oneof(fc.array(fc.integer({ min: -1, max: 20 }), { maxLength: 300 }), fc.array(fc.integer({ min: -1, max: 2147483628 }), { maxLength: 300 })), fc.array(fc.integer({ min: 0, max: 2147483628 }), { maxLength: 20 }), (list, absent) => {
        const hashes = Int32Array.from(list);
        const index = indexShingles(hashes);
        const expected = new Map<number, number[]>();
        list.forEach((h, i) => {
          if (h >= 0) expected.set(h, [...(expected.get(h) ?? []), i]);
        });
        for (const [h, places] of expected) {
          const found: number[] = [];
          for (let p = firstPlace(index, h); p >= 0; p = index.next[p]) found.push(p);
          assert.deepStrictEqual(found, places, `hash ${h}`);
        }
        for (const h of absent) if (!expected.has(h)) assert.strictEqual(firstPlace(index, h), -1);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});
