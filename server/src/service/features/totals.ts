/**
 * 「计算合计」: every total that the items of its relation determine, written where the total is still
 * blank, `/` or 0 — each 三 row's 总计, the （七）总计 row, each 四 group's 总计. Items are never written,
 * and a total the clerk already wrote is never changed (if it disagrees with its items, the findings
 * say so). The relations are the format's (format/relations.ts), as the report's rows give them.
 */
import type { Cell, OffsetRange } from '../parse';
import { refKey, type Arithmetic } from '../facts/arithmetic';
import { formatLike } from '../facts/arithmeticFindings';
import { msg, type Message } from '../rules/types';
import type { CellRef, Relation } from '../format';

export interface FilledTotal {
  ref: CellRef;
  cell: Cell;
  value: number;
}

export interface ComputedTotals {
  /** The totals written: each replaces the cell's digits, or fills a blank cell. */
  edits: { range: OffsetRange; newText: string }[];
  filled: FilledTotal[];
  /** Totals still to be filled whose items are not all numbers yet: left as they are. */
  undetermined: number;
  /** Totals still to be filled that two relations give different values (a column and its row): left. */
  conflicting: number;
  /** What was done, for the user. */
  summary: Message;
}

/** Relations that give a total from items: row totals, the column totals into （七）, the 四 groups (not the balance). */
const SUMS = new Set<Relation['id']>(['row-total', 'column-total', 'review-total']);

/** A total the clerk has not written yet: blank, a dash, or the 0 of a zero-filled table. */
function toFill(cell: Cell): boolean {
  return cell.kind === 'blank' || cell.kind === 'dash' || (cell.kind === 'number' && cell.value === 0);
}

export function computeTotals(arithmetic: Arithmetic, text: string): ComputedTotals {
  const relations = arithmetic.relations.map(s => s.relation).filter(r => SUMS.has(r.id) && r.totals.length === 1);
  const open = new Map<string, { ref: CellRef; cell: Cell }>();
  for (const r of relations) {
    const ref = r.totals[0];
    const cell = arithmetic.cellAt(ref);
    if (cell && toFill(cell)) open.set(refKey(ref), { ref, cell });
  }
  /** Known values: every number cell except the totals still to fill, and those once computed. */
  const computed = new Map<string, number>();
  const valueOf = (ref: CellRef): number | null => {
    const k = refKey(ref);
    if (open.has(k)) return computed.get(k) ?? null;
    const c = arithmetic.cellAt(ref);
    return c?.kind === 'number' && c.value !== null ? c.value : null;
  };
  const conflicts = new Set<string>();
  // A total can be the term of another sum (a row's 总计 in the 总计 column): rounds until nothing new.
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of open.keys()) {
      if (computed.has(k) || conflicts.has(k)) continue;
      const proposals: number[] = [];
      for (const r of relations) {
        if (refKey(r.totals[0]) !== k) continue;
        const values = r.terms.map(valueOf);
        if (values.some(v => v === null)) continue;
        proposals.push((values as number[]).reduce((s, v) => s + v, 0));
      }
      if (!proposals.length) continue;
      if (proposals.some(p => p !== proposals[0])) {
        conflicts.add(k);
        continue;
      }
      computed.set(k, proposals[0]);
      changed = true;
    }
  }
  const filled: FilledTotal[] = [];
  for (const [k, { ref, cell }] of open) {
    const v = computed.get(k);
    if (v === undefined || (cell.kind === 'number' && cell.value === v)) continue;
    filled.push({ ref, cell, value: v });
  }
  filled.sort((a, b) => a.cell.range.start - b.cell.range.start);
  const edits = filled.map(f => f.cell.kind === 'number'
    ? { range: f.cell.digits, newText: formatLike(f.cell, f.value, text) }
    : { range: f.cell.range, newText: String(f.value) });
  const undetermined = [...open.keys()].filter(k => !computed.has(k) && !conflicts.has(k)).length;
  return { edits, filled, undetermined, conflicting: conflicts.size, summary: summarize(filled, undetermined, conflicts.size) };
}

/** 「已填入 9 个合计：三表 5 行的总计、（七）总计行 3 格、四表 1 组的总计」, and what was left. */
function summarize(filled: FilledTotal[], undetermined: number, conflicting: number): Message {
  const rows = filled.filter(f => f.ref.table === 'applications' && f.ref.row !== 'total').length;
  const seventh = filled.filter(f => f.ref.table === 'applications' && f.ref.row === 'total').length;
  const groups = filled.filter(f => f.ref.table === 'reviews').length;
  const zh: string[] = [];
  const en: string[] = [];
  if (rows) {
    zh.push(`三表 ${rows} 行的总计`);
    en.push(`the total of ${rows} row${rows === 1 ? '' : 's'} of table 三`);
  }
  if (seventh) {
    zh.push(`（七）总计行 ${seventh} 格`);
    en.push(`${seventh} cell${seventh === 1 ? '' : 's'} of the （七）总计 row`);
  }
  if (groups) {
    zh.push(`四表 ${groups} 组的总计`);
    en.push(`the total of ${groups} group${groups === 1 ? '' : 's'} of table 四`);
  }
  const head = filled.length
    ? msg(`已填入 ${filled.length} 个合计：${zh.join('、')}`, `Filled in ${filled.length} total${filled.length === 1 ? '' : 's'}: ${en.join(', ')}`)
    : msg('没有需要填入的合计', 'No total to fill in');
  const left: Message[] = [];
  if (undetermined) left.push(msg(`${undetermined} 个合计的各项还不全是数字，未填`, `${undetermined} total${undetermined === 1 ? '' : 's'} left: not all of its items are numbers yet`));
  if (conflicting) left.push(msg(`${conflicting} 个合计按行和按列算出的值不同，未填（请核对各项）`, `${conflicting} total${conflicting === 1 ? '' : 's'} left: its row and its column give different values (check the items)`));
  return msg([head.zh, ...left.map(l => l.zh)].join('；'), [head.en, ...left.map(l => l.en)].join('; '));
}
