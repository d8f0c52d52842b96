import * as assert from 'assert';
import fc from 'fast-check';
import { SECTIONS } from '../../server/src/service/format';
import { BLANK, DIGIT, HEADING_START, SIGNED, SUBSECTION_START, classifyLines, signatureMask } from '../../server/src/service/parse/lines';
import { normalizeLabel } from '../../server/src/service/parse/normalize';
import { identifySection, stripMarkup } from '../../server/src/service/parse/sections';
import { similarity } from '../../server/src/service/parse/match';
import { isRule } from '../../server/src/service/parse/ruled';
import { isFooter, readSource } from '../../server/src/service/parse/text';

/**
 * Lines made of what the classes are about: markup, spaces of several kinds, quotes, numerals, brackets,
 * digits, and the signature words' characters (whole words, and words broken by spaces or quotes).
 */
const piece = fc.constantFrom(
  '#', '*', '>', ' ', '\u3000', '\t', '\u00a0', '\ufeff', '“', '”', '「', '_', '一', '三', '十', '第', '、', '（', '(', '）', '1', '9', '０',
  '申', '请', '行政', '复议', '诉讼', '收到和处理', '收到 和处理', '依申请公开', '申“请', '主动公开', '主 动公开', '问题', '改进', '整改',
  '其他需要报告', '总体情况', '概述', '基本情', '况', '公', '开', 'A', '。',
);
const line = fc.array(piece, { maxLength: 14 }).map(a => a.join(''));

/** The classes as their definitions say them, on the line's text. */
function expected(text: string): { flags: number; signatures: number } {
  const stripped = stripMarkup(text).text;
  const norm = normalizeLabel(text);
  let signatures = 0;
  let signed = false;
  SECTIONS.forEach((s, k) => {
    let bits = 0;
    let bit = signatureMask(k) & -signatureMask(k);
    for (const any of s.signature) {
      if (any.some(w => norm.includes(w))) bits |= bit;
      bit <<= 1;
    }
    signatures |= bits;
    if (bits === signatureMask(k)) signed = true;
  });
  const flags = (text.trim() === '' ? BLANK : 0)
    | (/^[一二三四五六七八九十第]/.test(stripped) ? HEADING_START : 0)
    | (/^[（(]/.test(stripped) ? SUBSECTION_START : 0)
    | (/[0-9]/.test(text) ? DIGIT : 0)
    | (signed ? SIGNED : 0);
  return { flags, signatures };
}

describe('the line classifier: each class says of a line what its definition says', () => {
  it('blank, heading start, subsection start, digit, and the signature words its normal form holds', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), texts => {
      const src = readSource(texts.join('\n'));
      src.lines.forEach((l, i) => {
        const want = expected(l.text);
        assert.deepStrictEqual({ flags: src.classes.flags[i], signatures: src.classes.signatures[i] }, want, JSON.stringify(l.text));
      });
    }), { numRuns: 2000 });
  });

  it('a signature word broken by spaces or quotes still signs its section; one missing group does not', () => {
    const c = classifyLines(['收到 和“处理”政府信息公开申请情况', '收到和处理情况', '  ## 三、', '（一）做好', '依 申请 公开'].map((text, index) => ({ index, start: 0, end: text.length, text, blanked: false })));
    assert.ok(c.flags[0] & SIGNED);
    assert.ok(!(c.flags[1] & SIGNED), 'without 申请, section 三 is not signed');
    assert.ok(c.flags[2] & HEADING_START);
    assert.ok(c.flags[3] & SUBSECTION_START);
    assert.ok(c.flags[4] & SIGNED, '依申请公开 holds 申请 too');
  });
});

describe('reading the source: footers and line breaks', () => {
  /** The footer pattern of text.ts, as it is applied to the trimmed line (the cheap first-character test must not change it). */
  const FOOTER = /^(?:[-—–－―]+\s*\d{1,4}\s*(?:of\s*\d{1,4}\s*)?[-—–－―]+|第\s*\d{1,4}\s*页(?:(?:\s*[，,])?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
  const footerish = fc.array(fc.constantFrom('-', '—', '–', '－', '―', ' ', '\u3000', '\t', '3', '12', 'of', '第', '页', '共', '，', '/', 'a', '一'), { maxLength: 10 }).map(a => a.join(''));

  it('isFooter is the footer pattern on the trimmed line, short lines only', () => {
    fc.assert(fc.property(footerish, t => {
      const trimmed = t.trim();
      assert.strictEqual(isFooter(t), trimmed.length > 0 && trimmed.length <= 40 && FOOTER.test(trimmed), JSON.stringify(t));
    }), { numRuns: 5000 });
  });

  it('lines are the same split on \\n alone as on \\r\\n (each line at its offsets, no break inside)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('公开', ' ', '1', '— 3 —', ''), { maxLength: 8 }), parts => {
      const lf = readSource(parts.join('\n'));
      const crlf = readSource(parts.join('\r\n'));
      assert.deepStrictEqual(lf.lines.map(l => [l.text, l.blanked]), crlf.lines.map(l => [l.text, l.blanked]));
      lf.lines.forEach(l => assert.strictEqual(l.text, lf.clean.slice(l.start, l.end)));
      assert.strictEqual(lf.lines.length, parts.length || 1);
    }), { numRuns: 1000 });
  });
});

describe('section headings: the wordings compared', () => {
  /** identifySection's rule written out, every wording of every section compared. */
  function byEveryWording(body: string, numbered: boolean): { no: number; score: number; standard: boolean } | null {
    const norm = normalizeLabel(body);
    if (body.length > 80 || !norm || norm.length > 40) return null;
    let best: { no: number; score: number; standard: boolean } | null = null;
    for (const s of SECTIONS) {
      const signed = s.signature.every(any => any.some(w => norm.includes(w)));
      if (!signed && !numbered) continue;
      const score = Math.max(...[s.title, ...s.variants].map(w => similarity(normalizeLabel(w), norm)));
      if (!signed && score < 0.75) continue;
      const effective = signed ? Math.max(score, 0.5) : score;
      if (!best || effective > best.score) best = { no: s.no, score: effective, standard: norm === normalizeLabel(s.title) };
    }
    if (!numbered && !SECTIONS.some(s => s.signature.every(any => any.some(w => norm.includes(w))))) return null;
    return best;
  }
  const words = fc.constantFrom('总体情况', '基本', '主动公开', '政府信息', '情况', '收到和处理', '申请', '行政复议', '、', '行政诉讼', '存在的主要问题', '及', '改进', '其他需要报告的事项', '公开', ' ', '的');

  it('identifySection gives what comparing every wording gives, numbered or not', () => {
    fc.assert(fc.property(fc.array(words, { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, numbered) => {
      const body = parts.join('');
      assert.deepStrictEqual(identifySection(body, numbered), byEveryWording(body, numbered), body);
    }), { numRuns: 3000 });
  });
});

describe('ruled tables: a rule line', () => {
  it('isRule is three or more runs of three or more dashes, spaces between (the first-character test changes nothing)', () => {
    const rule = fc.array(fc.constantFrom('---', '-', '--', ' ', '  ', '\t', '\u3000', 'a', '—', '|', '+'), { maxLength: 10 }).map(a => a.join(''));
    fc.assert(fc.property(rule, t => {
      const runs = t.trim().split(/\s+/);
      assert.strictEqual(isRule(t), runs.length >= 3 && runs.every(r => r.length >= 3 && /^-+$/.test(r)), JSON.stringify(t));
    }), { numRuns: 5000 });
  });
});
