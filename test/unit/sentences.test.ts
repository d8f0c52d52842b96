import * as assert from 'assert';
import { readFileSync } from 'fs';
import fc from 'fast-check';
import { parseReport, type MappedText, type ReportModel } from '../../server/src/service/parse';
import { readSentences } from '../../server/src/service/facts/prose';
import { CORPUS, corpusPath, type CorpusId } from '../helpers/corpus';

/**
 * The sentences as their definition says them, written plainly (what readSentences computed before it was
 * made cheaper): cut at 。！？, at each table range, and before a heading number that opens a line after a
 * wrap (a gap in the offsets holding a line break).
 */
function definition(model: ReportModel): MappedText[] {
  const out: MappedText[] = [];
  const { prose } = model;
  let from = 0;
  const flush = (to: number) => {
    const text = prose.text.slice(from, to);
    if (to > from && text.trim()) out.push({ text, offsets: Array.from(prose.offsets).slice(from, to) });
    from = to;
  };
  for (let i = 0; i < prose.text.length; i++) {
    const at = prose.offsets[i];
    if (model.tableRanges.some(r => r.start <= at && at < r.end)) {
      flush(i);
      from = i + 1;
      continue;
    }
    const prev = lastOutside(model, i);
    if (prev >= 0 && at - prev > 1 && '（(一二三四五六七八九十'.includes(prose.text[i]) && model.text.slice(prev + 1, at).includes('\n')
      && /^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/.test(prose.text.slice(i, i + 5))) flush(i);
    if ('。！？'.includes(prose.text[i])) flush(i + 1);
  }
  flush(prose.text.length);
  return out;
}

/** The offset of the last prose character before i that is outside every table (-2: none). */
function lastOutside(model: ReportModel, i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const at = model.prose.offsets[j];
    if (!model.tableRanges.some(r => r.start <= at && at < r.end)) return at;
  }
  return -2;
}

const plain = (xs: MappedText[]) => xs.map(s => ({ text: s.text, offsets: Array.from(s.offsets) }));

describe('readSentences: the sentences its definition gives', () => {
  it('on every sample report', () => {
    for (const id of Object.keys(CORPUS) as CorpusId[]) {
      const model = parseReport(readFileSync(corpusPath(id), 'utf8'));
      assert.ok(readSentences(model).length > 10, id);
      assert.deepStrictEqual(plain(readSentences(model)), plain(definition(model)), id);
    }
  });

  const piece = fc.constantFrom('一、', '（二）', '(三)', '十', '四、', '办理', '申请', '12件', '。', '！', '？', '，', ' ', '\u3000', '\n', '\n\n', '\r\n', '\r', '  \n', '## ');
  const text = fc.array(piece, { maxLength: 40 }).map(a => a.join(''));
  it('on random prose with headings, wraps, sentence ends and table ranges anywhere', () => {
    fc.assert(fc.property(text, fc.array(fc.tuple(fc.nat(80), fc.nat(20)), { maxLength: 4 }), (t, spans) => {
      const parsed = parseReport(t);
      const model = { ...parsed, tableRanges: spans.map(([start, n]) => ({ start, end: start + n })) } as ReportModel;
      assert.deepStrictEqual(plain(readSentences(model)), plain(definition(model)));
    }), { numRuns: 3000 });
  });
});
