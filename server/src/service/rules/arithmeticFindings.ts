/** Turning solved arithmetic into findings: the message shows the sums with the real numbers. */
import type { Cell } from '../parse';
import { APPLICATION_WIDTH, type CellRef, type RelationId } from '../template';
import { cellName, relationName, type Pin, type RelationState } from './arithmetic';
import { msg, type FindingInput, type Fix, type RuleContext } from './types';

/** Write a number the way the cell was written: full-width digits stay full-width. */
export function formatLike(cell: Cell, value: number, source: string): string {
  const written = source.slice(cell.digits.start, cell.digits.end);
  const plain = String(value);
  return /[\uff10-\uff19]/.test(written) ? plain.replace(/[0-9]/g, d => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : plain;
}

export function cellFix(ctx: RuleContext, cell: Cell, value: number): Fix {
  return {
    title: msg(`改为 ${value}`, `Change to ${value}`),
    edits: [{ range: cell.digits, newText: formatLike(cell, value, ctx.model.text) }],
  };
}

/** A sum of a row's terms is shown in full; a column's many result rows are shown without their zeros. */
const MAX_TERMS_SHOWN = APPLICATION_WIDTH;

function sumText(values: number[]): string {
  if (values.length <= MAX_TERMS_SHOWN) return values.join(' + ');
  const nonzero = values.filter(v => v !== 0);
  return nonzero.length ? `${nonzero.join(' + ')}（其余为 0）` : '0';
}
function sumTextEn(values: number[]): string {
  if (values.length <= MAX_TERMS_SHOWN) return values.join(' + ');
  const nonzero = values.filter(v => v !== 0);
  return nonzero.length ? `${nonzero.join(' + ')} (the rest 0)` : '0';
}

function valuesOf(ctx: RuleContext, refs: CellRef[]): number[] {
  const a = ctx.arithmetic();
  return refs.map(r => a.cellAt(r)?.value ?? 0);
}

/** 「行政复议：14 + 4 + 0 + 0 = 18，总计为 9」 */
export function relationArithmetic(ctx: RuleContext, s: RelationState): { zh: string; en: string } {
  const r = s.relation;
  const name = relationName(r, ctx.format);
  const terms = valuesOf(ctx, r.terms);
  if (r.id === 'balance') {
    const [t, f] = valuesOf(ctx, r.totals);
    return {
      zh: `${name.zh}：一 + 二 = ${terms.join(' + ')} = ${s.sumTerms}，三（七）+ 四 = ${t} + ${f} = ${s.sumTotals}`,
      en: `${name.en}: new + carried over = ${terms.join(' + ')} = ${s.sumTerms}, total + carried forward = ${t} + ${f} = ${s.sumTotals}`,
    };
  }
  const what = r.id === 'column-total' ? '各办理结果之和 ' : '';
  return {
    zh: `${name.zh}：${what}${sumText(terms)} = ${s.sumTerms}，总计为 ${s.sumTotals}`,
    en: `${name.en}: ${r.id === 'column-total' ? 'results ' : ''}${sumTextEn(terms)} = ${s.sumTerms}, total is ${s.sumTotals}`,
  };
}

export function pinFinding(ctx: RuleContext, pin: Pin): FindingInput {
  const name = cellName(pin.ref, ctx.format);
  const sameRef = (r: CellRef) => r.col === pin.ref.col && (r.row ?? '') === (pin.ref.row ?? '') && r.table === pin.ref.table;
  // The relation whose single total this cell is: lead with its sum, as reviewers write it.
  const lead = pin.explains.find(s => s.relation.id === pin.ruleId && s.relation.totals.length === 1 && sameRef(s.relation.totals[0]))
    ?? pin.explains.find(s => s.relation.totals.length === 1 && sameRef(s.relation.totals[0]));
  let message;
  if (lead) {
    // 「行政复议总计应为 18：14 + 4 + 0 + 0 = 18，表中为 9」
    const terms = valuesOf(ctx, lead.relation.terms);
    const rel = relationName(lead.relation, ctx.format);
    const others = pin.explains.filter(s => s !== lead).map(s => relationArithmetic(ctx, s));
    message = msg(
      `${rel.zh}${lead.relation.id === 'column-total' ? '（七）' : ''}总计应为 ${pin.expected}：${sumText(terms)} = ${pin.expected}，表中为 ${pin.current}` +
        (others.length ? `（同时不符：${others.map(o => o.zh).join('；')}）` : ''),
      `${capital(rel.en)}: the total should be ${pin.expected}: ${sumTextEn(terms)} = ${pin.expected}, the table has ${pin.current}` +
        (others.length ? ` (also off: ${others.map(o => o.en).join('; ')})` : ''),
    );
  } else {
    const parts = pin.explains.map(s => relationArithmetic(ctx, s));
    message = msg(
      `${name.zh}应为 ${pin.expected}，表中为 ${pin.current}（${parts.map(p => p.zh).join('；')}）`,
      `${capital(name.en)} should be ${pin.expected}, the table has ${pin.current} (${parts.map(p => p.en).join('; ')})`,
    );
  }
  const related = pin.explains.flatMap(s => {
    const total = ctx.arithmetic().cellAt(s.relation.totals[0]);
    if (!total || total === pin.cell) return [];
    const a = relationArithmetic(ctx, s);
    return [{ range: total.range, message: msg(`不相符的合计：${a.zh}`, `Relation that does not hold: ${a.en}`) }];
  });
  return { range: pin.cell.range, message, fix: cellFix(ctx, pin.cell, pin.expected), related };
}

export function reportPins(ctx: RuleContext, id: RelationId): void {
  for (const pin of ctx.arithmetic().pins) if (pin.ruleId === id) ctx.report(pinFinding(ctx, pin));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
