/** Turning solved arithmetic into findings: the message shows the sums with the real numbers. */
import type { Cell, OffsetRange } from '../parse';
import { APPLICATION_WIDTH, type CellRef, type RelationId } from '../format';
import { cellName, refKey, relationName, type Ambiguity, type Candidate, type Pin, type RelationState } from './arithmetic';
import { msg, type Message } from '../message';
import type { FindingInput, Fix, RuleContext } from '../rules/types';

/** Write a number the way the cell was written: full-width digits stay full-width. */
export function formatLike(cell: Cell, value: number, source: string): string {
  const written = source.slice(cell.digits.start, cell.digits.end);
  const plain = String(value);
  return /[\uff10-\uff19]/.test(written) ? plain.replace(/[0-9]/g, d => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : plain;
}

/** A fix of one cell; its title names the cell (「“1.本机关不掌握相关政府信息”行总计改为 10」), so it never reads as if another number changed. */
export function cellFix(ctx: RuleContext, cell: Cell, value: number, name: Message | null): Fix {
  return {
    title: name ? msg(`${name.zh}改为 ${value}`, `Set ${name.en} to ${value}`) : msg(`改为 ${value}`, `Change to ${value}`),
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
  const lead = pin.explains.find(s => s.relation.id === pin.relationId && s.relation.totals.length === 1 && sameRef(s.relation.totals[0]))
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
  if (pin.because === 'prose') {
    message = msg(`${message.zh}（正文写的也是 ${pin.expected}）`, `${message.en} (the prose also says ${pin.expected})`);
  }
  const related = pin.explains.flatMap(s => {
    const total = ctx.arithmetic().cellAt(s.relation.totals[0]);
    if (!total || total === pin.cell) return [];
    const a = relationArithmetic(ctx, s);
    return [{ range: total.range, message: msg(`不相符的合计：${a.zh}`, `Relation that does not hold: ${a.en}`) }];
  });
  const fix = cellFix(ctx, pin.cell, pin.expected, name);
  if (totalsUnwritten(ctx, pin)) {
    // An item typed while every total it meets is still 0: a slip back to 0, or totals not yet computed.
    message = msg(`${message.zh}；如果是合计还没有填写，用“年报: 计算合计”填好`, `${message.en}; if the totals are not filled in yet, use “Compute Totals”`);
    return { range: pin.cell.range, message, suggestions: [fix], related };
  }
  return { range: pin.cell.range, message, fix, related };
}

/**
 * Whether a pin back to 0 is an item in a table none of whose totals is written yet (all 0), as when a
 * clerk types items into a zero-filled table before computing its totals. The tables cannot tell that
 * from a slip, so the correction is only a suggestion.
 */
function totalsUnwritten(ctx: RuleContext, pin: Pin): boolean {
  if (pin.expected !== 0 || pin.because !== 'tables') return false;
  const a = ctx.arithmetic();
  // Every total of the pin's table is 0 (none written yet), and the pin is none of them.
  const table = pin.ref.table;
  const totals = a.relations.filter(s => s.relation.id !== 'balance' && s.relation.totals.every(ref => ref.table === table)).flatMap(s => s.relation.totals);
  return totals.length > 0 && totals.every(ref => {
    const total = a.cellAt(ref);
    return !total || total !== pin.cell && (total.value ?? 0) === 0;
  });
}

/** Where a broken relation is shown: a 四 group or a 三 row as the stretch of its numbers; a column or the balance at its total. */
function relationRange(ctx: RuleContext, st: RelationState): OffsetRange {
  const a = ctx.arithmetic();
  const cells = (st.relation.id === 'row-total' || st.relation.id === 'review-total' ? [...st.relation.terms, ...st.relation.totals] : st.relation.totals)
    .map(r => a.cellAt(r))
    .filter((c): c is Cell => !!c);
  if (!cells.length) return { start: 0, end: 0 };
  return { start: Math.min(...cells.map(c => c.range.start)), end: Math.max(...cells.map(c => c.range.end)) };
}

/** Up to this many candidate cells are named in the message; more are listed in the related information. */
const MAX_CANDIDATES_NAMED = 4;

function repairTitle(ctx: RuleContext, repair: Candidate[]): Message {
  const parts = repair.map(c => ({ name: cellName(c.ref, ctx.format), v: c.expected }));
  return msg(parts.map(p => `${p.name.zh}改为 ${p.v}`).join('，'), parts.map(p => `Set ${p.name.en} to ${p.v}`).join(', '));
}

/**
 * Broken relations whose wrong cell the tables cannot tell: the finding shows the sums and names the
 * candidates; each candidate is a suggestion, never applied by fix-all or --fix.
 */
export function ambiguityFinding(ctx: RuleContext, amb: Ambiguity): FindingInput {
  const sums = amb.states.map(s => relationArithmetic(ctx, s));
  const single = amb.states.length === 1 ? amb.states[0] : null;
  const totalAmong = !!single && amb.candidates.some(c => single.relation.totals.some(t => refKey(t) === refKey(c.ref)));
  const names = amb.candidates.map(c => cellName(c.ref, ctx.format));
  // Name the cells when there are few; a 四 group's five are implied by 「总计或其中一项」.
  const which = single && totalAmong && amb.candidates.length > 1
    ? msg('总计或其中一项有误', 'the total or one of its terms is wrong')
    : amb.repairs.length === 1 && amb.repairs[0].length > 1
      ? msg(`可能是${names.map(n => n.zh).join('与')}两格都有误`, `perhaps both ${names.map(n => n.en).join(' and ')} are wrong`)
      : names.length && names.length <= MAX_CANDIDATES_NAMED
        ? msg(`无法确定是哪一格有误（可能是${names.map(n => n.zh).join('、')}）`, `which cell is wrong cannot be told (perhaps ${names.map(n => n.en).join(', ')})`)
        : msg('无法确定是哪一格有误', 'which cell is wrong cannot be told from the tables');
  const message = msg(
    `${sums.map(x => x.zh).join('；')}；${which.zh}，请对照原始台账核实`,
    capital(`${sums.map(x => x.en).join('; ')}: ${which.en}; check the source records`),
  );
  const range = relationRange(ctx, amb.states[0]);
  const related = [
    ...amb.states.slice(1).map(st => ({ range: relationRange(ctx, st), message: msg(`不相符的合计：${relationArithmetic(ctx, st).zh}`, `Relation that does not hold: ${relationArithmetic(ctx, st).en}`) })),
    ...amb.candidates.map(c => ({ range: c.cell.range, message: msg(`可能有误：${cellName(c.ref, ctx.format).zh}（若是它，应为 ${c.expected}）`, `Perhaps wrong: ${cellName(c.ref, ctx.format).en} (if so, ${c.expected})`) })),
  ];
  const suggestions: Fix[] = amb.repairs.map(r => ({
    title: repairTitle(ctx, r),
    edits: r.map(c => ({ range: c.cell.digits, newText: formatLike(c.cell, c.expected, ctx.model.text) })),
  }));
  // What a table marks: each broken relation's totals and the candidates, not every term of the row.
  const a = ctx.arithmetic();
  const totals = amb.states.flatMap(st => st.relation.totals.map(t => a.cellAt(t)).filter((c): c is Cell => !!c));
  const cells = [...new Set([...totals, ...amb.candidates.map(c => c.cell)])].map(c => c.range);
  return { range, message, suggestions, related, cells };
}

export function reportPins(ctx: RuleContext, id: RelationId): void {
  const a = ctx.arithmetic();
  for (const pin of a.pins) if (pin.relationId === id) ctx.report(pinFinding(ctx, pin));
  for (const amb of a.ambiguities) if (amb.relationId === id) ctx.report(ambiguityFinding(ctx, amb));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
