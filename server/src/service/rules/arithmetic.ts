/**
 * The arithmetic of the section 三 and 四 tables, and which cell is wrong.
 *
 * One wrong cell breaks every relation it takes part in (its row, its column, the balance). We look
 * for the smallest set of cells whose correction satisfies every broken relation without breaking a
 * good one, in named steps: collect the cells, evaluate the relations, pin single cells, then pairs;
 * what no cell explains is pinned on the relation's total; blank cells get the value the sums agree on.
 *
 * The relations themselves are data: `relations` of the format object (template/relations.ts).
 */
import type { Cell, ReportModel } from '../parse';
import {
  APPLICATION_WIDTH, REVIEW_WIDTH, applicationRowLabel, reviewPlace,
  type CellRef, type Relation, type RelationId, type ReportFormat,
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
/** Pairs are tried only when few relations are left broken, among the first candidates. */
const MAX_BROKEN_FOR_PAIRS = 12;
const MAX_PAIR_CANDIDATES = 80;
const EPSILON = 1e-9;

export function refKey(ref: CellRef): string {
  return `${ref.table}:${ref.row ?? ''}:${ref.col}`;
}

const refsOf = (r: Relation): CellRef[] => [...r.terms, ...r.totals];
const isCount = (v: number) => Number.isInteger(v) && v >= 0;

/** The cells of the 三 and 四 tables by reference, for rows whose every column is known. */
function collectCells(model: ReportModel): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const row of model.applications?.rows ?? []) {
    // A row with too few or too many numbers: which column each belongs to is unknown (cell-count says so).
    if (!row.key || row.cells.length !== APPLICATION_WIDTH) continue;
    row.cells.forEach((cell, col) => {
      const key = refKey({ table: 'applications', row: row.key!, col });
      if (!cells.has(key)) cells.set(key, cell);
    });
  }
  if (model.reviews?.cells.length === REVIEW_WIDTH) {
    model.reviews.cells.forEach((cell, col) => cells.set(refKey({ table: 'reviews', col }), cell));
  }
  return cells;
}

function evaluate(relation: Relation, values: Map<string, number | null>): RelationState {
  let sumTerms = 0;
  let sumTotals = 0;
  let evaluable = true;
  for (const ref of relation.terms) {
    const v = values.get(refKey(ref));
    if (v === null || v === undefined) evaluable = false;
    else sumTerms += v;
  }
  for (const ref of relation.totals) {
    const v = values.get(refKey(ref));
    if (v === null || v === undefined) evaluable = false;
    else sumTotals += v;
  }
  return { relation, sumTerms, sumTotals, evaluable, broken: evaluable && Math.abs(sumTerms - sumTotals) > EPSILON };
}

/** The state of the solver between steps. */
class Solver {
  readonly states: RelationState[];
  readonly values = new Map<string, number | null>();
  /** The evaluable relations each cell is in. */
  readonly byCell = new Map<string, RelationState[]>();
  readonly pins: Pin[] = [];
  remaining: Set<RelationState>;

  constructor(readonly cells: Map<string, Cell>, readonly relations: Relation[]) {
    for (const [k, c] of cells) this.values.set(k, c.kind === 'number' && c.value !== null ? c.value : null);
    this.states = relations.map(r => evaluate(r, this.values));
    for (const s of this.states) {
      if (!s.evaluable) continue;
      for (const ref of refsOf(s.relation)) {
        const k = refKey(ref);
        if (!this.byCell.has(k)) this.byCell.set(k, []);
        this.byCell.get(k)!.push(s);
      }
    }
    this.remaining = new Set(this.states.filter(s => s.broken));
  }

  isTotalIn(ref: CellRef, s: RelationState): boolean {
    return s.relation.totals.some(t => refKey(t) === refKey(ref));
  }

  /** The value `ref` must have for relation `s` to hold, the other cells as they are. */
  needed(ref: CellRef, s: RelationState): number {
    const cur = this.values.get(refKey(ref))!;
    return this.isTotalIn(ref, s) ? cur + (s.sumTerms - s.sumTotals) : cur + (s.sumTotals - s.sumTerms);
  }

  /** Cells of the relations still broken. */
  candidates(): CellRef[] {
    const seen = new Map<string, CellRef>();
    for (const s of this.remaining) for (const ref of refsOf(s.relation)) seen.set(refKey(ref), ref);
    return [...seen.values()];
  }

  pin(ref: CellRef, expected: number, explains: RelationState[], onTotal: boolean): Pin {
    const asTotal = explains.filter(s => this.isTotalIn(ref, s)).map(s => s.relation.id);
    const pool = asTotal.length ? asTotal : explains.map(s => s.relation.id);
    const order = asTotal.length ? AS_TOTAL_ORDER : AS_TERM_ORDER;
    const ruleId = order.find(id => pool.includes(id)) ?? explains[0].relation.id;
    return { ruleId, ref, cell: this.cells.get(refKey(ref))!, current: this.values.get(refKey(ref))!, expected, explains, onTotal };
  }

  /** Every cell of the relation is in no other evaluable relation: nothing tells them apart. */
  allAlike(s: RelationState): boolean {
    return refsOf(s.relation).every(ref => (this.byCell.get(refKey(ref)) ?? []).length === 1);
  }

  involves(s: RelationState, key: string): boolean {
    return refsOf(s.relation).some(ref => refKey(ref) === key);
  }
}

/** 1. Single cells whose relations are all broken and agree on one value, most relations first. */
function pinSingles(solver: Solver): void {
  for (;;) {
    let best: { ref: CellRef; v: number; explains: RelationState[]; total: boolean } | null = null;
    for (const ref of solver.candidates()) {
      const rels = solver.byCell.get(refKey(ref)) ?? [];
      if (!rels.length || !rels.every(s => s.broken && solver.remaining.has(s))) continue;
      const vs = rels.map(s => solver.needed(ref, s));
      if (!vs.every(v => Math.abs(v - vs[0]) < EPSILON) || !isCount(vs[0])) continue;
      const total = rels.some(s => solver.isTotalIn(ref, s));
      // On a tie the total cell, since a total is computed, not counted.
      if (!best || rels.length > best.explains.length || (rels.length === best.explains.length && total && !best.total)) {
        best = { ref, v: vs[0], explains: rels, total };
      }
    }
    if (!best) return;
    const onTotal = best.explains.length === 1 && best.total && solver.allAlike(best.explains[0]);
    solver.pins.push(solver.pin(best.ref, best.v, best.explains, onTotal));
    for (const s of best.explains) solver.remaining.delete(s);
  }
}

/** 2. Pairs of cells (e.g. two wrong numbers in one row) that together explain every relation left. */
function pinPairs(solver: Solver): void {
  if (solver.remaining.size === 0 || solver.remaining.size > MAX_BROKEN_FOR_PAIRS) return;
  const refs = solver.candidates().slice(0, MAX_PAIR_CANDIDATES);
  let bestPair: { a: CellRef; va: number; b: CellRef; vb: number; explains: RelationState[] } | null = null;
  for (let i = 0; i < refs.length; i++) {
    for (let j = i + 1; j < refs.length; j++) {
      const a = refs[i];
      const b = refs[j];
      const ka = refKey(a);
      const kb = refKey(b);
      const onlyA = (solver.byCell.get(ka) ?? []).filter(s => !solver.involves(s, kb));
      const onlyB = (solver.byCell.get(kb) ?? []).filter(s => !solver.involves(s, ka));
      if (!onlyA.length || !onlyB.length) continue;
      const va = solver.needed(a, onlyA[0]);
      const vb = solver.needed(b, onlyB[0]);
      if (!isCount(va) || !isCount(vb) || (va === solver.values.get(ka) && vb === solver.values.get(kb))) continue;
      const trial = new Map(solver.values);
      trial.set(ka, va);
      trial.set(kb, vb);
      const touched = [...new Set([...(solver.byCell.get(ka) ?? []), ...(solver.byCell.get(kb) ?? [])])];
      if (!touched.every(s => !evaluate(s.relation, trial).broken)) continue;
      const explains = touched.filter(s => s.broken && solver.remaining.has(s));
      if (explains.length !== touched.filter(s => s.broken).length) continue;
      if (!bestPair || explains.length > bestPair.explains.length) bestPair = { a, va, b, vb, explains };
    }
  }
  if (!bestPair || bestPair.explains.length !== solver.remaining.size) return;
  for (const [ref, v] of [[bestPair.a, bestPair.va], [bestPair.b, bestPair.vb]] as [CellRef, number][]) {
    const own = bestPair.explains.filter(s => solver.involves(s, refKey(ref)));
    if (v !== solver.values.get(refKey(ref))) solver.pins.push(solver.pin(ref, v, own, false));
  }
  solver.remaining = new Set();
}

/** 3. What no cell explains: on the relation's total, with the computed value. */
function pinLeftovers(solver: Solver): void {
  for (const s of solver.remaining) {
    const ref = s.relation.totals[s.relation.totals.length - 1];
    if (!solver.cells.has(refKey(ref))) continue;
    solver.pins.push({ ...solver.pin(ref, solver.needed(ref, s), [s], true), ruleId: s.relation.id });
  }
}

/** Blank, `/` and text cells: the value every complete-but-for-this-cell relation agrees on. */
function inferBlanks(solver: Solver): Map<Cell, number> {
  const inferred = new Map<Cell, number>();
  const known = (ref: CellRef) => solver.values.get(refKey(ref));
  for (const [k, cell] of solver.cells) {
    if (solver.values.get(k) !== null) continue;
    const proposals: number[] = [];
    for (const r of solver.relations) {
      const refs = refsOf(r);
      if (!refs.some(ref => refKey(ref) === k)) continue;
      const others = refs.filter(ref => refKey(ref) !== k);
      if (others.some(ref => known(ref) === null || known(ref) === undefined)) continue;
      const sumOf = (list: CellRef[]) => list.filter(ref => refKey(ref) !== k).reduce((acc, ref) => acc + (known(ref) as number), 0);
      const inTotals = r.totals.some(ref => refKey(ref) === k);
      proposals.push(inTotals ? sumOf(r.terms) - sumOf(r.totals) : sumOf(r.totals) - sumOf(r.terms));
    }
    if (proposals.length && proposals.every(p => p === proposals[0]) && isCount(proposals[0])) inferred.set(cell, proposals[0]);
  }
  return inferred;
}

export function solveArithmetic(model: ReportModel, format: ReportFormat): Arithmetic {
  const cells = collectCells(model);
  const relations = format.relations.filter(r => refsOf(r).some(ref => cells.has(refKey(ref))));
  const solver = new Solver(cells, relations);
  pinSingles(solver);
  pinPairs(solver);
  pinLeftovers(solver);
  const inferred = inferBlanks(solver);
  return { relations: solver.states, pins: solver.pins, inferred, cellAt: ref => cells.get(refKey(ref)) };
}

// ------------------------------------------------------------------ naming cells in messages

export function rowName(key: string): string {
  const label = applicationRowLabel(key);
  if (!label) return key;
  // Long labels read better cut at their first bracket: （二）部分公开（区分处理的…）→ （二）部分公开
  const cut = label.indexOf('（', 2);
  return cut > 0 ? label.slice(0, cut) : label.length > 18 ? label.slice(0, 16) + '…' : label;
}

export function cellName(ref: CellRef, format: ReportFormat): { zh: string; en: string } {
  if (ref.table === 'applications') {
    const column = format.applications.columns[ref.col];
    return { zh: `“${rowName(ref.row!)}”行${column.label}`, en: `row “${rowName(ref.row!)}”, ${column.en}` };
  }
  const { group, column } = reviewPlace(ref.col);
  const g = format.reviews.groups[group];
  const c = format.reviews.columns[column];
  return { zh: `${g.label}${c.label}`, en: `${g.en}, ${c.en}` };
}

export function relationName(r: Relation, format: ReportFormat): { zh: string; en: string } {
  const columns = format.applications.columns;
  switch (r.id) {
    case 'row-total':
      return { zh: `“${rowName(r.row!)}”行`, en: `row “${rowName(r.row!)}”` };
    case 'column-total':
      return { zh: `${columns[r.col!].label}列`, en: `column ${columns[r.col!].en}` };
    case 'balance':
      return { zh: `${columns[r.col!].label}列勾稽关系`, en: `balance of column ${columns[r.col!].en}` };
    case 'review-total': {
      const g = format.reviews.groups[r.group!];
      return { zh: g.label, en: g.en };
    }
  }
}
