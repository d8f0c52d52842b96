/**
 * The arithmetic of the section 三 and 四 tables, and which cell is wrong.
 *
 * One wrong cell breaks every relation it takes part in (its row, its column, the balance). In named
 * steps: collect the cells, evaluate the relations (`relationSides`), find each cell that alone repairs
 * every relation it is in (`singleRepairs`), pin it when that is certain (`pinCertain`: the only such
 * cell of each relation it breaks, or the one whose value the prose states); what is left is an
 * `Ambiguity` per group of broken relations, with its candidates and repairs (single cells, or the one
 * pair `pairRepair` finds), never a pin (`describeAmbiguities`); blank cells get the value the sums
 * agree on (`inferBlanks`).
 *
 * The relations themselves are data: `relations` of the format object (format/relations.ts).
 */
import type { Cell, ReportModel } from '../parse';
import {
  APPLICATION_WIDTH, REVIEW_WIDTH, applicationRowLabel, relationSides, relationsForTable, reviewPlace,
  type CellRef, type Relation, type RelationId, type ReportFormat,
} from '../format';
import type { FactsMemo } from './memo';

export interface RelationState {
  relation: Relation;
  sumTerms: number;
  sumTotals: number;
  /** All cells hold numbers. */
  evaluable: boolean;
  broken: boolean;
}

/** A cell and the value that would repair the relations it breaks. */
export interface Candidate {
  ref: CellRef;
  cell: Cell;
  current: number;
  expected: number;
}

/** A cell known to be wrong: the only cell that alone explains every relation it breaks. */
export interface Pin extends Candidate {
  /**
   * The relation the finding is reported under (see AS_TOTAL_ORDER / AS_TERM_ORDER): a relation the
   * cell breaks, whose id is also the id of the rule that reports it.
   */
  relationId: RelationId;
  /** The broken relations this correction satisfies. */
  explains: RelationState[];
  /** Why it is certain: the tables alone (two or more relations meet in this one cell), or the prose restating the value. */
  because: 'tables' | 'prose';
}

/**
 * Broken relations whose wrong cell cannot be told: a 四 group (a wrong term and a wrong total look
 * the same), two wrong cells that could be either of two pairs, a row whose column is not readable.
 * The finding sits on the relations and names the candidates, each a suggestion.
 */
export interface Ambiguity {
  /** The relation the finding is reported under (its id is the rule's). */
  relationId: RelationId;
  states: RelationState[];
  /** Cells that could be the wrong one, with the value each would need (valid counts only). */
  candidates: Candidate[];
  /** Each way to repair the relations: one cell, or (when no single cell does) the one pair that does. */
  repairs: Candidate[][];
}

export interface Arithmetic {
  relations: RelationState[];
  /** Cells known to be wrong, each with its right value. */
  pins: Pin[];
  ambiguities: Ambiguity[];
  /** For a blank, `/` or text cell: the one value every relation it is in agrees on, and in how many relations. */
  inferred: Map<Cell, { value: number; relations: number }>;
  cellAt(ref: CellRef): Cell | undefined;
}

/** Values the report's own prose states for a cell (「结转下年度 1 件」 → forward·总计 = 1). */
export type ProseEvidence = Map<string, number[]>;

/** Which id a pinned cell takes: a cell of the （七）总计 row is a column total first; any other cell is its row's. */
const AS_TOTAL_ORDER: RelationId[] = ['column-total', 'row-total', 'balance', 'review-total'];
const AS_TERM_ORDER: RelationId[] = ['row-total', 'column-total', 'balance', 'review-total'];
/** Pairs are tried only for small groups of broken relations, among the first cells. */
const MAX_BROKEN_FOR_PAIRS = 12;
const MAX_PAIR_CANDIDATES = 80;
const EPSILON = 1e-9;

function cellKey(table: CellRef['table'], row: string | undefined, col: number): string {
  return `${table}:${row ?? ''}:${col}`;
}

/** Each reference's key, made once: the relations are the format's data, shared by every analysis. */
const KEYS = new WeakMap<CellRef, string>();

export function refKey(ref: CellRef): string {
  let key = KEYS.get(ref);
  if (key === undefined) KEYS.set(ref, (key = cellKey(ref.table, ref.row, ref.col)));
  return key;
}

/** Each relation's cells, terms then totals, listed once (the format's relations are shared by every analysis). */
const REFS = new WeakMap<Relation, CellRef[]>();
function refsOf(r: Relation): CellRef[] {
  let refs = REFS.get(r);
  if (!refs) REFS.set(r, (refs = [...r.terms, ...r.totals]));
  return refs;
}
const isCount = (v: number) => Number.isInteger(v) && v >= 0;

/** The keys of a 三 row's cells, made once per row of the formats (like `refKey`'s). */
const ROW_KEYS = new Map<string, string[]>();
function rowKeys(row: string): string[] {
  let keys = ROW_KEYS.get(row);
  if (!keys) ROW_KEYS.set(row, (keys = Array.from({ length: APPLICATION_WIDTH }, (_, col) => cellKey('applications', row, col))));
  return keys;
}

/** The keys of the 四 cells, made once. */
const REVIEW_KEYS = Array.from({ length: REVIEW_WIDTH }, (_, col) => cellKey('reviews', undefined, col));

/** The cells of the 三 and 四 tables by reference, for rows whose every column is known. */
function collectCells(model: ReportModel): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const row of model.applications?.rows ?? []) {
    // A row with too few or too many numbers: which column each belongs to is unknown (cell-count says so).
    // A row not read with confidence (row.unread) is not checked at all (table-unreadable says so).
    if (!row.key || row.unread || row.cells.length !== APPLICATION_WIDTH) continue;
    const keys = rowKeys(row.key);
    row.cells.forEach((cell, col) => {
      const key = keys[col];
      if (!cells.has(key)) cells.set(key, cell);
    });
  }
  if (model.reviews && !model.reviews.unread && model.reviews.cells.length === REVIEW_WIDTH) {
    model.reviews.cells.forEach((cell, col) => cells.set(REVIEW_KEYS[col], cell));
  }
  return cells;
}

function evaluate(relation: Relation, values: Map<string, number | null>): RelationState {
  const { terms: sumTerms, totals: sumTotals, evaluable } = relationSides(relation, ref => values.get(refKey(ref)));
  return { relation, sumTerms, sumTotals, evaluable, broken: evaluable && Math.abs(sumTerms - sumTotals) > EPSILON };
}

/** The state of the solver between steps. */
class Solver {
  readonly states: RelationState[];
  readonly values = new Map<string, number | null>();
  readonly pins: Pin[] = [];
  /** Broken relations not yet explained by a pin. */
  remaining: Set<RelationState>;
  private cellRelations: Map<string, RelationState[]> | null = null;
  private missingRow: Relation[] | null = null;

  constructor(readonly cells: Map<string, Cell>, readonly relations: Relation[]) {
    for (const [k, c] of cells) this.values.set(k, c.kind === 'number' && c.value !== null ? c.value : null);
    this.states = relations.map(r => evaluate(r, this.values));
    this.remaining = new Set(this.states.filter(s => s.broken));
  }

  /** The evaluable relations each cell is in (asked only where a relation is broken: made on first use). */
  get byCell(): Map<string, RelationState[]> {
    if (!this.cellRelations) {
      const byCell = (this.cellRelations = new Map<string, RelationState[]>());
      for (const s of this.states) {
        if (!s.evaluable) continue;
        for (const ref of refsOf(s.relation)) {
          const k = refKey(ref);
          const list = byCell.get(k);
          if (list) list.push(s);
          else byCell.set(k, [s]);
        }
      }
    }
    return this.cellRelations;
  }

  /**
   * The column totals of a 三 table that lacks one result row: that row's cells follow from them (each
   * column's total less the rows present) and must be counts whose own row total holds. A repair that
   * would make them otherwise is no repair: this is how a wrong cell is still told with a row missing.
   * (Asked only by a repair: made on first use.)
   */
  private get missingRowColumns(): Relation[] {
    if (!this.missingRow) {
      this.missingRow = [];
      const columns = this.relations.filter(r => r.id === 'column-total');
      const absent = columns.map(r => r.terms.filter(t => !this.cells.has(refKey(t))));
      const rows = new Set(absent.flat().map(t => t.row));
      if (rows.size === 1 && absent.every(a => a.length === 1)) this.missingRow = columns;
    }
    return this.missingRow;
  }

  /** Whether a 三 row is missing whose cells the column totals give (`missingRowHolds` is true without one). */
  hasMissingRow(): boolean {
    return this.missingRowColumns.length > 0;
  }

  /** Whether the missing row's cells, as the column totals give them, are counts that add up (true when there is none). */
  missingRowHolds(values: Map<string, number | null>): boolean {
    if (!this.missingRowColumns.length) return true;
    const byCol: [number, number][] = [];
    for (const r of this.missingRowColumns) {
      // The column's total less the rows present (the missing row's cells count as nothing).
      const sides = relationSides(r, ref => (r.totals.includes(ref) || this.cells.has(refKey(ref)) ? values.get(refKey(ref)) : 0));
      if (!sides.evaluable) return true;
      const x = sides.totals - sides.terms;
      if (!isCount(x)) return false;
      byCol.push([r.col!, x]);
    }
    byCol.sort((a, b) => a[0] - b[0]);
    const total = byCol[byCol.length - 1][1];
    return byCol.slice(0, -1).reduce((a, [, x]) => a + x, 0) === total;
  }

  isTotalIn(ref: CellRef, s: RelationState): boolean {
    return s.relation.totals.some(t => refKey(t) === refKey(ref));
  }

  /** The value `ref` must have for relation `s` to hold, the other cells as they are. */
  needed(ref: CellRef, s: RelationState): number {
    const cur = this.values.get(refKey(ref))!;
    return this.isTotalIn(ref, s) ? cur + (s.sumTerms - s.sumTotals) : cur + (s.sumTotals - s.sumTerms);
  }

  candidate(ref: CellRef, expected: number): Candidate {
    return { ref, cell: this.cells.get(refKey(ref))!, current: this.values.get(refKey(ref))!, expected };
  }

  pin(ref: CellRef, expected: number, explains: RelationState[], because: Pin['because']): Pin {
    return { ...this.candidate(ref, expected), relationId: pinRelationId(explains, s => this.isTotalIn(ref, s)), explains, because };
  }

  involves(s: RelationState, key: string): boolean {
    return refsOf(s.relation).some(ref => refKey(ref) === key);
  }
}

/** Which id a pinned cell's finding takes: as a total first its column's, as a term its row's. */
function pinRelationId(explains: RelationState[], isTotalIn: (s: RelationState) => boolean): RelationId {
  const asTotal = explains.filter(isTotalIn).map(s => s.relation.id);
  const pool = asTotal.length ? asTotal : explains.map(s => s.relation.id);
  const order = asTotal.length ? AS_TOTAL_ORDER : AS_TERM_ORDER;
  return order.find(id => pool.includes(id)) ?? explains[0].relation.id;
}

/** A cell that alone would repair every relation it is in: all of them broken, all agreeing on one count. */
interface SingleRepair {
  ref: CellRef;
  value: number;
  rels: RelationState[];
}

/** 1. Every cell of a broken relation that alone could be the wrong one. */
function singleRepairs(solver: Solver): Map<string, SingleRepair> {
  const out = new Map<string, SingleRepair>();
  for (const s of solver.remaining) {
    for (const ref of refsOf(s.relation)) {
      const k = refKey(ref);
      if (out.has(k)) continue;
      const rels = solver.byCell.get(k) ?? [];
      if (!rels.length || !rels.every(r => r.broken)) continue;
      const vs = rels.map(r => solver.needed(ref, r));
      if (!vs.every(v => Math.abs(v - vs[0]) < EPSILON) || !isCount(vs[0])) continue;
      if (solver.hasMissingRow()) {
        const trial = new Map(solver.values);
        trial.set(k, vs[0]);
        if (!solver.missingRowHolds(trial)) continue;
      }
      out.set(k, { ref, value: vs[0], rels });
    }
  }
  return out;
}

/**
 * 2. Certain cells. Where two or more broken relations meet in a cell that is the only single repair of
 * each, that cell is the wrong one (two relations cross in one cell only). Where a relation has several
 * single repairs, the prose decides when it states the value of exactly one of them.
 */
function pinCertain(solver: Solver, repairs: Map<string, SingleRepair>, evidence: ProseEvidence): void {
  const repairsIn = (s: RelationState) => [...repairs.values()].filter(r => r.rels.includes(s));
  for (const r of repairs.values()) {
    // The only cell that alone repairs each relation it is in: where two relations cross, or where every
    // other cell of the relation is confirmed by a relation that holds (or by the missing row's counts).
    if (!r.rels.every(s => solver.remaining.has(s) && repairsIn(s).length === 1)) continue;
    solver.pins.push(solver.pin(r.ref, r.value, r.rels, 'tables'));
  }
  for (const p of solver.pins) for (const s of p.explains) solver.remaining.delete(s);
  for (const s of [...solver.remaining]) {
    if (!solver.remaining.has(s)) continue;
    const stated = repairsIn(s).filter(r => {
      const said = evidence.get(refKey(r.ref)) ?? [];
      return said.includes(r.value) && !said.includes(solver.values.get(refKey(r.ref))!) && r.rels.every(x => solver.remaining.has(x));
    });
    if (stated.length !== 1) continue;
    const r = stated[0];
    solver.pins.push(solver.pin(r.ref, r.value, r.rels, 'prose'));
    for (const x of r.rels) solver.remaining.delete(x);
  }
}

/** Two cells that together repair exactly `group` (e.g. two wrong numbers in one row), if one pair does. */
function pairRepair(solver: Solver, group: RelationState[]): Candidate[] | null {
  if (group.length > MAX_BROKEN_FOR_PAIRS) return null;
  const seen = new Map<string, CellRef>();
  for (const s of group) for (const ref of refsOf(s.relation)) seen.set(refKey(ref), ref);
  const refs = [...seen.values()].slice(0, MAX_PAIR_CANDIDATES);
  const inGroup = new Set(group);
  let found: Candidate[] | null = null;
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
      if (!isCount(va) || !isCount(vb) || va === solver.values.get(ka) || vb === solver.values.get(kb)) continue;
      const trial = new Map(solver.values);
      trial.set(ka, va);
      trial.set(kb, vb);
      const touched = [...new Set([...(solver.byCell.get(ka) ?? []), ...(solver.byCell.get(kb) ?? [])])];
      if (!touched.every(s => !evaluate(s.relation, trial).broken)) continue;
      const broken = touched.filter(s => s.broken);
      if (broken.length !== group.length || !broken.every(s => inGroup.has(s))) continue;
      // More than one pair repairs the group: no pair is a better guess than another.
      if (found) return null;
      found = [solver.candidate(a, va), solver.candidate(b, vb)];
    }
  }
  return found;
}

/**
 * 3. What is left, as ambiguities: broken relations joined when they share a cell, each group with its
 * repairs (single cells, else the one pair that repairs it all, else none).
 */
function describeAmbiguities(solver: Solver, repairs: Map<string, SingleRepair>): Ambiguity[] {
  const left = [...solver.remaining];
  const parent = new Map(left.map(s => [s, s]));
  const find = (s: RelationState): RelationState => (parent.get(s) === s ? s : find(parent.get(s)!));
  const usable = [...repairs.values()].filter(r => r.rels.every(s => solver.remaining.has(s)));
  // Broken relations that share a cell are one problem: one finding, its repairs together.
  const firstWith = new Map<string, RelationState>();
  for (const s of left) {
    for (const ref of refsOf(s.relation)) {
      const k = refKey(ref);
      const other = firstWith.get(k);
      if (other) parent.set(find(s), find(other));
      else firstWith.set(k, s);
    }
  }
  const groups = new Map<RelationState, RelationState[]>();
  for (const s of left) {
    const root = find(s);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(s);
  }
  return [...groups.values()].map(states => {
    const singles = usable.filter(r => r.rels.some(s => states.includes(s)));
    // A total first: a total is computed, a term is counted, so a total is the likelier slip.
    const isTotal = (r: SingleRepair) => states.some(s => solver.isTotalIn(r.ref, s));
    singles.sort((a, b) => Number(isTotal(b)) - Number(isTotal(a)));
    let repairsOf: Candidate[][] = singles.map(r => [solver.candidate(r.ref, r.value)]);
    if (!repairsOf.length) {
      const pair = pairRepair(solver, states);
      if (pair) repairsOf = [pair];
    }
    const ids = states.map(s => s.relation.id);
    const relationId = AS_TERM_ORDER.find(id => ids.includes(id)) ?? ids[0];
    return { relationId, states, candidates: repairsOf.flat(), repairs: repairsOf };
  });
}

/** Each cell's relations, each relation once, in the order of `relations`. */
function relationsByCell(relations: Relation[]): Map<string, Relation[]> {
  const out = new Map<string, Relation[]>();
  for (const r of relations) {
    for (const ref of refsOf(r)) {
      const k = refKey(ref);
      const list = out.get(k);
      if (!list) out.set(k, [r]);
      else if (list[list.length - 1] !== r) list.push(r);
    }
  }
  return out;
}

/** Blank, `/` and text cells: the value every complete-but-for-this-cell relation agrees on. */
function inferBlanks(solver: Solver): Map<Cell, { value: number; relations: number }> {
  const inferred = new Map<Cell, { value: number; relations: number }>();
  const known = (ref: CellRef) => solver.values.get(refKey(ref));
  // The relations each cell is in, in the relations' order: asked only for the cells without a number.
  let holding: Map<string, Relation[]> | null = null;
  for (const [k, cell] of solver.cells) {
    if (solver.values.get(k) !== null) continue;
    holding ??= relationsByCell(solver.relations);
    const proposals: number[] = [];
    for (const r of holding.get(k) ?? []) {
      const refs = refsOf(r);
      const others = refs.filter(ref => refKey(ref) !== k);
      if (others.some(ref => known(ref) === null || known(ref) === undefined)) continue;
      const sumOf = (list: CellRef[]) => list.filter(ref => refKey(ref) !== k).reduce((acc, ref) => acc + (known(ref) as number), 0);
      const inTotals = r.totals.some(ref => refKey(ref) === k);
      proposals.push(inTotals ? sumOf(r.terms) - sumOf(r.totals) : sumOf(r.totals) - sumOf(r.terms));
    }
    if (proposals.length && proposals.every(p => p === proposals[0]) && isCount(proposals[0])) {
      inferred.set(cell, { value: proposals[0], relations: proposals.length });
    }
  }
  return inferred;
}

export function solveArithmetic(model: ReportModel, format: ReportFormat, evidence: ProseEvidence = new Map(), memo?: FactsMemo): Arithmetic {
  const cells = collectCells(model);
  const present = new Set((model.applications?.rows ?? []).flatMap(r => (r.key ? [r.key] : [])));
  // The last analysis's arithmetic when everything it reads is the same (facts/memo.ts), its cells the new model's.
  const key = memo ? arithmeticKey(format, present, cells, evidence) : '';
  const last = memo?.arithmetic;
  if (memo && last && last.key === key) {
    memo.counts.reused++;
    const value = withCells(last.value, last.cells, cells);
    memo.arithmetic = { key, cells, value };
    return value;
  }
  const relations = relationsForTable(format, present).filter(r => refsOf(r).some(ref => cells.has(refKey(ref))));
  const solver = new Solver(cells, relations);
  const repairs = singleRepairs(solver);
  pinCertain(solver, repairs, evidence);
  const ambiguities = describeAmbiguities(solver, repairs);
  const inferred = inferBlanks(solver);
  const value: Arithmetic = { relations: solver.states, pins: solver.pins, ambiguities, inferred, cellAt: ref => cells.get(refKey(ref)) };
  if (memo) {
    memo.counts.computed++;
    memo.arithmetic = { key, cells, value };
  }
  return value;
}

/**
 * Everything the arithmetic reads: the format, the rows present, each cell's key and value (a cell
 * without a number counts as none, whatever it holds), in the order the solver takes them, and the values the prose states.
 */
function arithmeticKey(format: ReportFormat, present: Set<string>, cells: Map<string, Cell>, evidence: ProseEvidence): string {
  let key = `${format.version}|`;
  for (const row of present) key += `${row},`;
  key += '|';
  for (const [k, c] of cells) key += `${k}=${c.kind === 'number' && c.value !== null ? c.value : ''};`;
  key += '|';
  for (const [k, values] of evidence) key += `${k}=${values.join(',')};`;
  return key;
}

/** An arithmetic solved on other cells of the same keys and values, pointing at `cells` instead (shared parts shared alike). */
function withCells(a: Arithmetic, before: Map<string, Cell>, cells: Map<string, Cell>): Arithmetic {
  const cellFor = new Map<Cell, Cell>();
  for (const [k, c] of before) cellFor.set(c, cells.get(k)!);
  const moved = new Map<Candidate, Candidate>();
  const move = <T extends Candidate>(c: T): T => {
    let m = moved.get(c);
    if (!m) moved.set(c, (m = { ...c, cell: cellFor.get(c.cell)! }));
    return m as T;
  };
  const inferred = new Map<Cell, { value: number; relations: number }>();
  for (const [c, v] of a.inferred) inferred.set(cellFor.get(c)!, v);
  return {
    relations: a.relations,
    pins: a.pins.map(move),
    ambiguities: a.ambiguities.map(x => ({ relationId: x.relationId, states: x.states, candidates: x.candidates.map(move), repairs: x.repairs.map(r => r.map(move)) })),
    inferred,
    cellAt: ref => cells.get(refKey(ref)),
  };
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
  return { zh: `${g.label}${c.label}`, en: `${g.en} ${c.en}` };
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
