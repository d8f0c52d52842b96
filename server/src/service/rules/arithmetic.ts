/**
 * The arithmetic of the section 三 and 四 tables, and which cell is wrong.
 *
 * One wrong cell breaks every relation it takes part in (its row, its column, the balance). We look
 * for the smallest set of cells whose correction satisfies every broken relation without breaking a
 * good one: first single cells, then pairs. What no cell explains is pinned on the relation's total.
 */
import type { Cell, ReportModel } from '../parse';
import {
  APPLICATION_COLUMNS, REVIEW_GROUPS, REVIEW_GROUP_COLUMNS, applicationRow, relations as templateRelations,
  type CellRef, type Relation, type RelationId, type TemplateVersion,
} from '../template';

export interface RelationState {
  relation: Relation;
  sumTerms: number;
  sumTotals: number;
  /** All cells hold numbers. */
  evaluable: boolean;
  broken: boolean;
}

export interface Pin {
  /** The id of a relation the cell breaks (see AS_TOTAL_ORDER / AS_TERM_ORDER). */
  ruleId: RelationId;
  ref: CellRef;
  cell: Cell;
  current: number;
  expected: number;
  /** The broken relations this correction satisfies. */
  explains: RelationState[];
  /** True when the data cannot tell which cell is wrong and the finding sits on the total. */
  onTotal: boolean;
}

export interface Arithmetic {
  relations: RelationState[];
  pins: Pin[];
  /** For a blank, `/` or text cell: the one value every relation it is in agrees on. */
  inferred: Map<Cell, number>;
  cellAt(ref: CellRef): Cell | undefined;
}

/** Which id a pinned cell takes: a cell of the （七）总计 row is a column total first; any other cell is its row's. */
const AS_TOTAL_ORDER: RelationId[] = ['column-total', 'row-total', 'balance', 'review-total'];
const AS_TERM_ORDER: RelationId[] = ['row-total', 'column-total', 'balance', 'review-total'];

export function refKey(ref: CellRef): string {
  return `${ref.table}:${ref.row ?? ''}:${ref.col}`;
}

export function solveArithmetic(model: ReportModel, version: TemplateVersion): Arithmetic {
  const cells = new Map<string, Cell>();
  if (model.applications) {
    for (const row of model.applications.rows) {
      // A row with too few or too many numbers: which column each belongs to is unknown (cell-count says so).
      if (!row.key || row.cells.length !== APPLICATION_COLUMNS.length) continue;
      row.cells.forEach((cell, col) => {
        const key = refKey({ table: 'applications', row: row.key!, col });
        if (col < APPLICATION_COLUMNS.length && !cells.has(key)) cells.set(key, cell);
      });
    }
  }
  if (model.reviews?.cells.length === REVIEW_GROUPS.length * REVIEW_GROUP_COLUMNS.length) {
    model.reviews.cells.forEach((cell, col) => cells.set(refKey({ table: 'reviews', col }), cell));
  }

  const relations = templateRelations(version).filter(r => [...r.terms, ...r.totals].some(ref => cells.has(refKey(ref))));
  const values = new Map<string, number | null>();
  for (const [k, c] of cells) values.set(k, c.kind === 'number' && c.value !== null ? c.value : null);

  const evaluate = (relation: Relation, vals: Map<string, number | null>): RelationState => {
    let sumTerms = 0;
    let sumTotals = 0;
    let evaluable = true;
    for (const ref of relation.terms) {
      const v = vals.get(refKey(ref));
      if (v === null || v === undefined) evaluable = false;
      else sumTerms += v;
    }
    for (const ref of relation.totals) {
      const v = vals.get(refKey(ref));
      if (v === null || v === undefined) evaluable = false;
      else sumTotals += v;
    }
    return { relation, sumTerms, sumTotals, evaluable, broken: evaluable && Math.abs(sumTerms - sumTotals) > 1e-9 };
  };

  const states = relations.map(r => evaluate(r, values));
  const byCell = new Map<string, RelationState[]>();
  for (const s of states) {
    if (!s.evaluable) continue;
    for (const ref of [...s.relation.terms, ...s.relation.totals]) {
      const k = refKey(ref);
      if (!byCell.has(k)) byCell.set(k, []);
      byCell.get(k)!.push(s);
    }
  }
  const isTotalIn = (ref: CellRef, s: RelationState) => s.relation.totals.some(t => refKey(t) === refKey(ref));
  /** The value `ref` must have for relation `s` to hold, the other cells as they are. */
  const needed = (ref: CellRef, s: RelationState): number => {
    const cur = values.get(refKey(ref))!;
    return isTotalIn(ref, s) ? cur + (s.sumTerms - s.sumTotals) : cur + (s.sumTotals - s.sumTerms);
  };
  const valid = (v: number) => Number.isInteger(v) && v >= 0;

  const pins: Pin[] = [];
  let remaining = new Set(states.filter(s => s.broken));

  const pinFor = (ref: CellRef, expected: number, explains: RelationState[], onTotal: boolean): Pin => {
    const asTotal = explains.filter(s => isTotalIn(ref, s)).map(s => s.relation.id);
    const pool = asTotal.length ? asTotal : explains.map(s => s.relation.id);
    const order = asTotal.length ? AS_TOTAL_ORDER : AS_TERM_ORDER;
    const ruleId = order.find(id => pool.includes(id)) ?? explains[0].relation.id;
    return { ruleId, ref, cell: cells.get(refKey(ref))!, current: values.get(refKey(ref))!, expected, explains, onTotal };
  };

  // 1. Single cells whose relations are all broken and agree on one value.
  const candidates = (): CellRef[] => {
    const seen = new Map<string, CellRef>();
    for (const s of remaining) for (const ref of [...s.relation.terms, ...s.relation.totals]) seen.set(refKey(ref), ref);
    return [...seen.values()];
  };
  for (;;) {
    let best: { ref: CellRef; v: number; explains: RelationState[]; total: boolean } | null = null;
    for (const ref of candidates()) {
      const rels = byCell.get(refKey(ref)) ?? [];
      if (!rels.length || !rels.every(s => s.broken && remaining.has(s))) continue;
      const vs = rels.map(s => needed(ref, s));
      if (!vs.every(v => Math.abs(v - vs[0]) < 1e-9) || !valid(vs[0])) continue;
      const total = rels.some(s => isTotalIn(ref, s));
      // Most relations explained first; on a tie the total cell, since a total is computed, not counted.
      if (!best || rels.length > best.explains.length || (rels.length === best.explains.length && total && !best.total)) {
        best = { ref, v: vs[0], explains: rels, total };
      }
    }
    if (!best) break;
    pins.push(pinFor(best.ref, best.v, best.explains, best.explains.length === 1 && best.total && candidatesAllAlike(best.explains[0])));
    for (const s of best.explains) remaining.delete(s);
  }

  // 2. Pairs of cells, e.g. two wrong numbers in one row.
  if (remaining.size > 0 && remaining.size <= 12) {
    const refs = candidates().slice(0, 80);
    let bestPair: { a: CellRef; va: number; b: CellRef; vb: number; explains: RelationState[] } | null = null;
    for (let i = 0; i < refs.length; i++) {
      for (let j = i + 1; j < refs.length; j++) {
        const a = refs[i];
        const b = refs[j];
        const ka = refKey(a);
        const kb = refKey(b);
        const onlyA = (byCell.get(ka) ?? []).filter(s => !involves(s, kb));
        const onlyB = (byCell.get(kb) ?? []).filter(s => !involves(s, ka));
        if (!onlyA.length || !onlyB.length) continue;
        const va = needed(a, onlyA[0]);
        const vb = needed(b, onlyB[0]);
        if (!valid(va) || !valid(vb) || (va === values.get(ka) && vb === values.get(kb))) continue;
        const trial = new Map(values);
        trial.set(ka, va);
        trial.set(kb, vb);
        const touched = [...new Set([...(byCell.get(ka) ?? []), ...(byCell.get(kb) ?? [])])];
        if (!touched.every(s => !evaluate(s.relation, trial).broken)) continue;
        const explains = touched.filter(s => s.broken && remaining.has(s));
        if (explains.length !== touched.filter(s => s.broken).length) continue;
        if (!bestPair || explains.length > bestPair.explains.length) bestPair = { a, va, b, vb, explains };
      }
    }
    if (bestPair && bestPair.explains.length === remaining.size) {
      for (const [ref, v] of [[bestPair.a, bestPair.va], [bestPair.b, bestPair.vb]] as [CellRef, number][]) {
        const own = bestPair.explains.filter(s => involves(s, refKey(ref)));
        if (v !== values.get(refKey(ref))) pins.push(pinFor(ref, v, own, false));
      }
      remaining = new Set();
    }
  }

  // 3. What no cell explains: on the relation's total, with the computed value.
  for (const s of remaining) {
    const ref = s.relation.totals[s.relation.totals.length - 1];
    const v = needed(ref, s);
    if (!cells.has(refKey(ref))) continue;
    pins.push({ ...pinFor(ref, v, [s], true), ruleId: s.relation.id });
  }

  // Blank, `/` and text cells: the value every complete-but-for-this-cell relation agrees on.
  const inferred = new Map<Cell, number>();
  for (const [k, cell] of cells) {
    if (values.get(k) !== null) continue;
    const proposals: number[] = [];
    for (const r of relations) {
      const refs = [...r.terms, ...r.totals];
      if (!refs.some(ref => refKey(ref) === k)) continue;
      const others = refs.filter(ref => refKey(ref) !== k);
      if (others.some(ref => values.get(refKey(ref)) === null || values.get(refKey(ref)) === undefined)) continue;
      const sumOf = (list: CellRef[]) => list.filter(ref => refKey(ref) !== k).reduce((acc, ref) => acc + (values.get(refKey(ref)) as number), 0);
      const inTotals = r.totals.some(ref => refKey(ref) === k);
      proposals.push(inTotals ? sumOf(r.terms) - sumOf(r.totals) : sumOf(r.totals) - sumOf(r.terms));
    }
    if (proposals.length && proposals.every(p => p === proposals[0]) && valid(proposals[0])) inferred.set(cell, proposals[0]);
  }

  return { relations: states, pins, inferred, cellAt: ref => cells.get(refKey(ref)) };

  function involves(s: RelationState, key: string): boolean {
    return [...s.relation.terms, ...s.relation.totals].some(ref => refKey(ref) === key);
  }
  function candidatesAllAlike(s: RelationState): boolean {
    return [...s.relation.terms, ...s.relation.totals].every(ref => (byCell.get(refKey(ref)) ?? []).length === 1);
  }
}

// ------------------------------------------------------------------ naming cells in messages

const COLUMN_EN = ['natural persons', 'commercial enterprises', 'research institutions', 'public-interest organizations', 'legal service agencies', 'others', 'total'];
const REVIEW_GROUP_EN = ['administrative reconsideration', 'litigation without reconsideration', 'litigation after reconsideration'];
const REVIEW_COLUMN_EN = ['upheld', 'corrected', 'other result', 'pending', 'total'];

export function rowName(key: string): string {
  const t = applicationRow(key);
  if (!t) return key;
  // Long labels read better cut at their first bracket: （二）部分公开（区分处理的…）→ （二）部分公开
  const cut = t.label.indexOf('（', 2);
  return cut > 0 ? t.label.slice(0, cut) : t.label.length > 18 ? t.label.slice(0, 16) + '…' : t.label;
}

export function cellName(ref: CellRef): { zh: string; en: string } {
  if (ref.table === 'applications') {
    return {
      zh: `“${rowName(ref.row!)}”行${APPLICATION_COLUMNS[ref.col]}`,
      en: `row “${rowName(ref.row!)}”, ${COLUMN_EN[ref.col]}`,
    };
  }
  const g = Math.floor(ref.col / 5);
  return {
    zh: `${REVIEW_GROUPS[g].label}${REVIEW_GROUP_COLUMNS[ref.col % 5]}`,
    en: `${REVIEW_GROUP_EN[g]}, ${REVIEW_COLUMN_EN[ref.col % 5]}`,
  };
}

export function relationName(r: Relation): { zh: string; en: string } {
  switch (r.id) {
    case 'row-total':
      return { zh: `“${rowName(r.row!)}”行`, en: `row “${rowName(r.row!)}”` };
    case 'column-total':
      return { zh: `${APPLICATION_COLUMNS[r.col!]}列`, en: `column ${COLUMN_EN[r.col!]}` };
    case 'balance':
      return { zh: `${APPLICATION_COLUMNS[r.col!]}列勾稽关系`, en: `balance of column ${COLUMN_EN[r.col!]}` };
    case 'review-total':
      return { zh: REVIEW_GROUPS[r.group!].label, en: REVIEW_GROUP_EN[r.group!] };
  }
}
