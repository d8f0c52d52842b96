import { normalizeFormatWord, normalizeLabel } from '../parse/normalize';
import type { Row } from '../parse';
import { msg, type RuleContext, type Rule } from './types';

/** A label on one line matched this well is a typo the fix can mend by itself; below it, a person decides. */
const SAFE_LABEL_SCORE = 0.85;

function checkLabel(ctx: RuleContext, row: Row, official: string | undefined, table: { zh: string; en: string }): void {
  if (!row.labelRange || row.label === null) return;
  if (!official) {
    ctx.report({
      range: row.labelRange,
      message: msg(`“${row.label}”不是${table.zh}格式中的行名`, `“${row.label}” is not a row of the ${table.en} in the format`),
    });
    return;
  }
  const written = normalizeLabel(row.label);
  const standard = normalizeFormatWord(official);
  if (written === standard) return;
  // The start of the official label, its rest wrapped onto another line (as pdftotext prints it), is
  // not a wrong label: say nothing rather than "correct" it into a duplicate of that rest.
  if (standard.startsWith(written)) return;
  // A label wrapped over lines with a neighbour's piece between them (a group label in the next column,
  // `他处理` of （六）其他处理): without that whole piece it is the official label, not a wrong one.
  if (withoutAPiece(ctx.model.text, row.labelPieces).some(t => t === standard || standard.startsWith(t))) return;
  const fix = { title: msg(`改为“${official}”`, `Change to “${official}”`), edits: [{ range: row.labelRange, newText: official }] };
  const oneLine = ctx.lines.lineOf(row.labelRange.start) === ctx.lines.lineOf(Math.max(row.labelRange.start, row.labelRange.end - 1));
  const certain = oneLine && row.labelScore >= SAFE_LABEL_SCORE;
  ctx.report({
    range: row.labelRange,
    message: msg(`行名与格式不一致，格式中为“${official}”`, `The row label differs from the format: “${official}”`),
    ...(certain ? { fix } : { suggestions: [fix] }),
  });
}

/** The label's text with one of its pieces (not the first) left out, for each piece. */
function withoutAPiece(text: string, pieces: { start: number; end: number }[] | undefined): string[] {
  if (!pieces || pieces.length < 2) return [];
  const parts = pieces.map(p => normalizeLabel(text.slice(p.start, p.end)));
  return parts.slice(1).map((_, k) => parts.filter((__, i) => i !== k + 1).join(''));
}

export const rowLabel: Rule = {
  meta: {
    id: 'row-label',
    description: msg('行名不是格式中的标准行名（错字、旧措辞）', 'A row label is not the format’s (typo, old wording)'),
    severity: 'warning',
    fixable: true,
    hasSuggestions: true,
    tags: ['tables', 'wording'],
  },
  check(ctx) {
    for (const row of ctx.model.applications?.rows ?? []) checkLabel(ctx, row, row.key ? row.officialLabel : undefined, { zh: '三表', en: 'section 三 table' });
    const blocks = ctx.proactiveFormat.proactive.blocks;
    for (const b of ctx.model.proactive) {
      for (const row of b.rows) {
        const t = blocks.flatMap(x => x.rows).find(r => r.key === row.key);
        // A row of the other format's 二 table keeps its own label; template-mismatch says why.
        checkLabel(ctx, row, t ? t.label : row.officialLabel, { zh: '二表', en: 'section 二 tables' });
      }
    }
  },
};
