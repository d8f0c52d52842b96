/**
 * The prose claim scanner searches a sentence for a kind of statement only when the sentence holds one
 * of the kind's anchor words: each anchor list must be a necessary condition of the kind's pattern, or
 * a statement would go unread. Checked on every sentence of the samples and on sentences made of the
 * patterns' own words.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseReport } from '../../server/src/service/parse';
import { readSentences } from '../../server/src/service/facts/prose';
import { claimKinds, type ClaimKind } from '../../server/src/service/facts/proseClaims';
import { FORMATS } from '../../server/src/service/template';
import { SAMPLES } from '../helpers/corpus';

/** Each match of the kind's pattern in the text holds one of its anchors. */
function anchorsHold(k: ClaimKind, text: string): void {
  if (!k.anchors) return;
  k.pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = k.pattern.exec(text)) !== null) {
    const found = m[0];
    assert.ok(k.anchors.some(a => found.includes(a)), `${k.what.zh}: ${JSON.stringify(found)} holds none of ${k.anchors.join(' ')}`);
  }
}

const WORDS = ['收到', '受理', '接到', '政府信息', '公开申请', '依申请公开', '申请', '申', '请', '共', '无', '没有', '未收到', '自然人', '商业企业', '法律服务机构', '提出',
  '上年', '2023年', '结转', '至', '下年度', '继续办理', '办结', '办理完毕', '答复完毕', '予以公开', '同意公开', '部分公开', '不予公开', '不同意公开', '及', '、',
  '无法提供', '不予处理', '答复', '数', '被申请', '行政复议', '行政诉讼', '案件', '起', ' ', '，', '。', '其中', '5', '12', '件', '条'];

describe('prose claims: a kind is searched only where its anchor words are', () => {
  const kinds = FORMATS.flatMap(f => claimKinds(f));

  it('every kind has anchors (so no kind is searched in every sentence)', () => {
    assert.deepStrictEqual(kinds.filter(k => !k.anchors).map(k => k.what.zh), []);
  });

  it('on every sentence of the samples', () => {
    for (const name of readdirSync(SAMPLES).filter(n => n.endsWith('.txt'))) {
      const model = parseReport(readFileSync(path.join(SAMPLES, name), 'utf8'));
      for (const s of readSentences(model)) for (const k of kinds) anchorsHold(k, s.text);
    }
  });

  it('on sentences made of the patterns\' words', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 16 }), parts => {
      const text = parts.join('');
      for (const k of kinds) anchorsHold(k, text);
    }), { numRuns: 5000 });
  });
});
