/**
 * Label normalization for tolerant matching: whitespace, quotes and bracket widths do not matter,
 * and `1．` `1、` `（1）` all read as `1.`. Every normalized character remembers its source offset.
 */

import type { MappedText, Meter, TextPiece } from './mapped';

export type { TextPiece } from './mapped';

const SKIP = new Set(Array.from(' \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000“”"\'‘’「」『』《》〈〉*#_`'));
const MAP: Record<string, string> = {
  '(': '（', ')': '）', '[': '（', ']': '）', '【': '（', '】': '）', '〔': '（', '〕': '）',
  '．': '.', '。': '.', ',': '，', ':': '：', ';': '；',
};

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && c >= '0' && c <= '9';
}

export function normalizePieces(pieces: TextPiece[], meter?: Meter): MappedText {
  const chars: string[] = [];
  const offsets: number[] = [];
  for (const p of pieces) {
    if (meter) meter.units += p.text.length;
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text[i];
      if (SKIP.has(c)) continue;
      const code = c.charCodeAt(0);
      chars.push(MAP[c] ?? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c));
      offsets.push(p.start + i);
    }
  }
  // Numbering: `1、` `1，` `1.` → `1.`; `（1）` → `1.`
  for (let i = 0; i < chars.length; i++) {
    if (!isDigit(chars[i]) || isDigit(chars[i - 1])) continue;
    let j = i;
    while (isDigit(chars[j + 1])) j++;
    const next = chars[j + 1];
    if (next === '、' || next === '，' || next === '.') {
      chars[j + 1] = '.';
    } else if (next === '）' && i > 0 && chars[i - 1] === '（') {
      // The number takes the bracket's place, so a label written （1）… starts at its bracket.
      chars[i - 1] = '';
      offsets[i] = offsets[i - 1];
      chars[j + 1] = '.';
    }
  }
  const outChars: string[] = [];
  const outOffsets: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '') continue;
    outChars.push(chars[i]);
    outOffsets.push(offsets[i]);
  }
  return { text: outChars.join(''), offsets: outOffsets };
}

export function normalizeLabel(text: string): string {
  return normalizePieces([{ text, start: 0 }]).text;
}
