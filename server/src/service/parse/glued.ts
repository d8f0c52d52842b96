/**
 * Tables whose cell separators were lost (a page saved by a crawler, tags stripped with nothing in
 * their place): each row's digits glued into one run after its label,
 * `一、本年新收政府信息公开申请数量51300256二、上年结转…`.
 *
 * The text is cut into label text and digit runs; a run is split back into the row's cells with the
 * table's own arithmetic as the checksum (the format's relations: row totals, column totals, the
 * balance, the 四 group totals). A row is read when every split that keeps every relation gives it
 * the same cells; when several splits keep them and differ on a row, that row stays unread (and is
 * named); a run that splits one way only (as many digits as cells) is read whatever the sums say.
 *
 * The search is bounded: a budget of steps proportional to the run's length, pruned by the
 * relations (a total is not searched for, it is the sum of its terms written out), so the work stays
 * linear in the text however long and however many digits.
 */
import { relationHolds, type CellRef, type Relation } from '../format';
import type { Meter } from './mapped';
import type { Cell } from './model';
import type { Line } from './text';
import { CELL_UNIT } from './units';

// ---------------------------------------------------------------- runs of glued digits

/** A number as glued into a run: sign, integer digits, decimals, unit; cells may be cut inside its digits only. */
export interface GluedNumber {
  start: number;
  sign: string;
  digits: string;
  /** `.76` with its point, or ''. */
  fraction: string;
  /** A unit written after the number (万元, 个), which ends a cell. */
  unit: string;
  end: number;
}

export interface Run {
  chunks: GluedNumber[];
  start: number;
  end: number;
  /** How many digits the run's integer parts hold: a run cannot fill more cells than that. */
  digits: number;
}

export type GluedPiece = { kind: 'text'; text: string; start: number; end: number } | { kind: 'run'; run: Run };

const CHUNK = new RegExp(`[+-]?\\d+(?:\\.\\d+)?(?:[ \\u3000]*(?:${CELL_UNIT}))?`, 'y');
const UNIT_TAIL = new RegExp(`(${CELL_UNIT})$`);
/** A label's numbering glued after a run: `…00000002.其他法律…` ends with the 2 of `2.`. */
const NUMBERING_AFTER = /^[.．、][^\d]/;

function chunkAt(text: string, at: number, offset: number): GluedNumber | null {
  CHUNK.lastIndex = at;
  const m = CHUNK.exec(text);
  if (!m) return null;
  const raw = m[0];
  const unit = UNIT_TAIL.exec(raw)?.[1] ?? '';
  const number = unit ? raw.slice(0, raw.length - unit.length).trimEnd() : raw;
  const sign = /^[+-]/.test(number) ? number[0] : '';
  const body = number.slice(sign.length);
  const point = body.indexOf('.');
  return {
    start: offset + at, sign, digits: point < 0 ? body : body.slice(0, point), fraction: point < 0 ? '' : body.slice(point),
    unit, end: offset + at + raw.length,
  };
}

/**
 * A line cut into label text and runs of glued numbers. A sign starts a new number; a unit ends one;
 * the digit before `.其他` is the next label's numbering, not a cell.
 */
export function gluedPieces(line: Line, meter?: Meter): GluedPiece[] {
  const text = line.text;
  if (meter) meter.units += text.length;
  const out: GluedPiece[] = [];
  let textStart = 0;
  let i = 0;
  const flushText = (end: number) => {
    const t = text.slice(textStart, end);
    if (t.trim()) {
      const lead = t.length - t.trimStart().length;
      const s = t.trim();
      out.push({ kind: 'text', text: s, start: line.start + textStart + lead, end: line.start + textStart + lead + s.length });
    }
  };
  while (i < text.length) {
    const c = text[i];
    const signed = (c === '+' || c === '-') && /\d/.test(text[i + 1] ?? '') && (i === 0 || !/[\d.]/.test(text[i - 1]) || /\d/.test(text[i - 1]));
    if (!(/\d/.test(c) || signed)) {
      i++;
      continue;
    }
    const chunks: GluedNumber[] = [];
    let at = i;
    for (;;) {
      const chunk = chunkAt(text, at, line.start);
      if (!chunk) break;
      chunks.push(chunk);
      at = chunk.end - line.start;
      if (!/[\d+-]/.test(text[at] ?? '') || ((text[at] === '+' || text[at] === '-') && !/\d/.test(text[at + 1] ?? ''))) break;
    }
    if (!chunks.length) {
      i++;
      continue;
    }
    let end = at;
    // The numbering of the next label (`2.其他…`) glued to the run.
    const last = chunks[chunks.length - 1];
    if (NUMBERING_AFTER.test(text.slice(end, end + 2)) && !last.fraction && !last.unit) {
      if (last.digits.length + last.sign.length <= 1) {
        chunks.pop();
      } else {
        chunks[chunks.length - 1] = { ...last, digits: last.digits.slice(0, -1), end: last.end - 1 };
      }
      end -= 1;
    }
    if (!chunks.length) {
      i = end + 1;
      continue;
    }
    flushText(i);
    out.push({ kind: 'run', run: { chunks, start: chunks[0].start, end: chunks[chunks.length - 1].end, digits: chunks.reduce((n, k) => n + k.digits.length, 0) } });
    textStart = end;
    i = end;
  }
  flushText(text.length);
  return out;
}

/** How many label-then-run joins a line holds (`…数量5130002…`, `…公开3415800057（二）…`). */
export function gluedJoins(line: Line): number {
  let n = 0;
  const re = /[\u3400-\u9fff）)”](?=[+-]?\d)/g;
  while (re.exec(line.text) !== null) n++;
  return n;
}

// ---------------------------------------------------------------- splitting runs with the arithmetic

/** Counts are written with at most this many digits; longer parts are not considered. */
const MAX_DIGITS = 8;
/** Steps allowed per digit of a run, and for the whole table's search per digit of all its runs. */
export const STEPS_PER_DIGIT = 400;
const MIN_STEPS = 4000;
/** Solutions of the whole table looked at before giving up telling rows apart. */
const MAX_SOLUTIONS = 64;
/** Splits of one run kept for the table-wide search. */
const MAX_SPLITS = 256;

/** A run cut into cells: each cell's value and where its characters stand. */
export interface Split {
  values: number[];
  cells: Cell[];
}

export interface GluedVar {
  /** Which cells the run fills: `applications:new`, `reviews`. */
  id: string;
  run: Run;
  width: number;
}

export type SplitOutcome =
  | { kind: 'read'; split: Split; forced: boolean }
  | { kind: 'ambiguous' }
  | { kind: 'no-split' };

function idOf(ref: CellRef): string {
  return ref.table === 'applications' ? `applications:${ref.row}` : 'reviews';
}

interface LocalRelation {
  terms: number[];
  total: number;
}

/**
 * Every way of cutting `run` into its cells, up to a budget. With relations of its own (a 三 row
 * total, the 四 group totals) each way must keep them. Without (a 二 row), cells lost in the glueing
 * cannot be told from digits that belong together (`016`: 0 1 6, or 0 16 and a cell missing), so
 * every count of cells up to the width is tried, and the run is read only when one way is left.
 */
function splitsOf(v: GluedVar, local: LocalRelation[], meter?: Meter): { splits: Split[]; complete: boolean; forced: boolean } {
  if (local.length) return splitsInto(v, v.width, local, meter);
  const all: Split[] = [];
  let complete = true;
  for (let n = Math.max(1, v.run.chunks.length); n <= v.width && all.length < 2; n++) {
    const r = splitsInto(v, n, [], meter, 2);
    all.push(...r.splits);
    complete &&= r.complete;
  }
  return all.length === 1 && complete ? { splits: all, complete: true, forced: true } : { splits: all.length ? all : [], complete, forced: false };
}

function splitsInto(v0: GluedVar, width: number, local: LocalRelation[], meter?: Meter, limit = MAX_SPLITS, slack = 0): { splits: Split[]; complete: boolean; forced: boolean } {
  const v = { ...v0, width };
  const { chunks } = v.run;
  const budget = Math.max(MIN_STEPS, STEPS_PER_DIGIT * v.run.digits);
  let steps = 0;
  let complete = true;
  const splits: Split[] = [];
  const values: number[] = new Array(v.width).fill(0);
  const cuts: { chunk: number; from: number; to: number }[] = [];
  // For each cell index that totals a local relation: its terms (all before it).
  const totalAt = new Map<number, number[]>();
  for (const r of local) if (r.terms.every(t => t < r.total)) totalAt.set(r.total, r.terms);
  const walk = (cell: number, chunk: number, at: number, slackLeft = slack): void => {
    if (!complete) return;
    if (++steps > budget) {
      complete = false;
      return;
    }
    if (cell === v.width) {
      if (chunk !== chunks.length) return;
      if (local.filter(r => r.terms.reduce((s, t) => s + values[t], 0) !== values[r.total]).length !== slack - slackLeft) return;
      splits.push(makeSplit(v.run, cuts, values));
      if (splits.length >= limit) complete = false;
      return;
    }
    if (chunk >= chunks.length) return;
    const k = chunks[chunk];
    const left = k.digits.length - at;
    const cellsLeft = v.width - cell;
    const chunksLeft = chunks.length - chunk;
    if (cellsLeft < chunksLeft) return;
    // The digits left must fill the cells left, one digit at least each.
    let digitsLeft = left;
    for (let c = chunk + 1; c < chunks.length; c++) digitsLeft += chunks[c].digits.length;
    if (digitsLeft < cellsLeft) return;
    const terms = totalAt.get(cell);
    const wanted = terms ? String(terms.reduce((s, t) => s + values[t], 0)) : null;
    for (let len = 1; len <= Math.min(MAX_DIGITS, left); len++) {
      // With slack, a total may be other than its terms' sum (a relation the split leaves broken).
      const free = wanted === null || slackLeft > 0;
      if (!free && len !== wanted!.length) continue;
      const digits = k.digits.slice(at, at + len);
      if (digits.length > 1 && digits[0] === '0') break;
      const ends = len === left;
      const sign = at === 0 ? k.sign : '';
      const fraction = ends ? k.fraction : '';
      // A cut inside a number never leaves a sign or a fraction in the middle of a cell.
      const value = Number(sign + digits + fraction);
      const keeps = wanted === null || (!sign && !fraction && digits === wanted);
      if (!keeps && !free) continue;
      values[cell] = value;
      cuts.push({ chunk, from: at, to: at + len });
      const next = keeps ? slackLeft : slackLeft - 1;
      if (ends) walk(cell + 1, chunk + 1, 0, next);
      else walk(cell + 1, chunk, at + len, next);
      cuts.pop();
      if (!complete) return;
    }
  };
  walk(0, 0, 0);
  if (meter) meter.units += steps;
  return { splits, complete, forced: false };
}

function makeSplit(run: Run, cuts: { chunk: number; from: number; to: number }[], values: number[]): Split {
  const cells: Cell[] = cuts.map((c, i) => {
    const k = run.chunks[c.chunk];
    const signLength = c.from === 0 ? k.sign.length : 0;
    const digitsStart = k.start + k.sign.length + c.from - signLength;
    const ends = c.to === k.digits.length;
    const digitsEnd = k.start + k.sign.length + c.to + (ends ? k.fraction.length : 0);
    const end = ends ? k.end : digitsEnd;
    const raw = (c.from === 0 ? k.sign : '') + k.digits.slice(c.from, c.to) + (ends ? k.fraction : '');
    return {
      raw: ends && k.unit ? raw + k.unit : raw, value: values[i], kind: 'number' as const, unit: ends && k.unit ? k.unit : undefined,
      range: { start: digitsStart, end }, digits: { start: digitsStart, end: digitsEnd },
    };
  });
  return { values: [...values], cells };
}

/**
 * The one way to cut a run that keeps all its own sums but one, when there is exactly one such way (a
 * glued 四 row whose report has a wrong total): what the finding can say of it. Null when none, several,
 * or the search ran out of steps.
 */
export function nearSplit(v: GluedVar, relations: Relation[], meter?: Meter): { values: (number | null)[]; broken: number } | null {
  const local = relations.filter(r => r.totals.length === 1 && [...r.terms, ...r.totals].every(ref => idOf(ref) === v.id && ref.col < v.width))
    .map(r => ({ terms: r.terms.map(t => t.col), total: r.totals[0].col }));
  if (!local.length) return null;
  const found = splitsInto(v, v.width, local, meter, MAX_NEAR_SPLITS, 1);
  if (!found.complete || !found.splits.length) return null;
  const brokenOf = (values: number[]) => local.findIndex(r => r.terms.reduce((s, t) => s + values[t], 0) !== values[r.total]);
  const broken = brokenOf(found.splits[0].values);
  // Every such split must leave the same relation broken; a cell they disagree on is not known (null).
  if (broken < 0 || found.splits.some(sp => brokenOf(sp.values) !== broken)) return null;
  const values = found.splits[0].values.map((x, i) => (found.splits.every(sp => sp.values[i] === x) ? x : null));
  const own = new Set([...local[broken].terms, local[broken].total]);
  // The cells outside the broken relation must all be known: else nothing can be said of it.
  if (values.some((x, i) => x === null && !own.has(i))) return null;
  return { values, broken };
}
/** Splits that keep all sums but one looked at, at the most. */
const MAX_NEAR_SPLITS = 64;

/**
 * Split every run of a table at once: each run's splits that keep its own relations (a row total,
 * the 四 group totals), then the relations across runs (column totals, the balance) choose among
 * them. `relations` are the format's; those naming a cell no run fills are not used.
 */
export function splitRuns(vars: GluedVar[], relations: Relation[], meter?: Meter): Map<string, SplitOutcome> {
  const out = new Map<string, SplitOutcome>();
  const byId = new Map(vars.map(v => [v.id, v]));
  const usable = relations.filter(r => [...r.terms, ...r.totals].every(ref => byId.has(idOf(ref)) && ref.col < byId.get(idOf(ref))!.width));
  const isLocal = (r: Relation) => new Set([...r.terms, ...r.totals].map(idOf)).size === 1 && r.totals.length === 1;
  const cands = new Map<string, { splits: Split[]; complete: boolean; forced: boolean }>();
  for (const v of vars) {
    const local = usable.filter(r => isLocal(r) && idOf(r.totals[0]) === v.id).map(r => ({ terms: r.terms.map(t => t.col), total: r.totals[0].col }));
    cands.set(v.id, splitsOf(v, local, meter));
  }
  // A run that cannot be cut another way is read whatever the sums say.
  const settle = (v: GluedVar, search: { solutions: number; complete: boolean; seen: Map<string, Set<number>> } | null) => {
    const c = cands.get(v.id)!;
    if (c.forced) return out.set(v.id, { kind: 'read', split: c.splits[0], forced: true });
    if (!c.complete) return out.set(v.id, { kind: 'ambiguous' });
    if (!c.splits.length) return out.set(v.id, { kind: 'no-split' });
    if (!search || search.solutions === 0) return out.set(v.id, { kind: search?.complete ? 'no-split' : 'ambiguous' });
    // Every way found that keeps every relation gives this run the same cells.
    const chosen = search.seen.get(v.id)!;
    if (c.splits.length === 1 || (search.complete && chosen.size === 1)) return out.set(v.id, { kind: 'read', split: c.splits[[...chosen][0] ?? 0], forced: false });
    return out.set(v.id, { kind: 'ambiguous' });
  };

  const cross = usable.filter(r => !isLocal(r));
  // Runs whose splits are all known take part in the search; the others leave their relations out.
  const known = vars.filter(v => cands.get(v.id)!.complete && cands.get(v.id)!.splits.length > 0);
  const knownIds = new Set(known.map(v => v.id));
  const relationsUsed = cross.filter(r => [...r.terms, ...r.totals].every(ref => knownIds.has(idOf(ref))));
  const search = searchSolutions(known, cands, relationsUsed, vars.reduce((n, v) => n + v.run.digits, 0), meter);
  for (const v of vars) settle(v, knownIds.has(v.id) ? search : null);
  return out;
}

/** Choose one split per run so that every relation across runs holds: how many ways, and which splits each run took. */
function searchSolutions(
  vars: GluedVar[], cands: Map<string, { splits: Split[] }>, relations: Relation[], digits: number, meter?: Meter,
): { solutions: number; complete: boolean; seen: Map<string, Set<number>> } {
  const budget = Math.max(MIN_STEPS, STEPS_PER_DIGIT * digits);
  let steps = 0;
  const seen = new Map(vars.map(v => [v.id, new Set<number>()]));
  const allowed = new Map(vars.map(v => [v.id, cands.get(v.id)!.splits.map((_, i) => i)]));
  const value = (ref: CellRef, choice: Map<string, number>) => {
    const id = idOf(ref);
    const i = choice.get(id);
    return i === undefined ? null : cands.get(id)!.splits[i].values[ref.col];
  };
  const holds = (r: Relation, choice: Map<string, number>): boolean | null => relationHolds(r, ref => value(ref, choice));
  // Narrow each run's splits by the relations where it is the only run with several splits.
  let changed = true;
  while (changed && steps < budget) {
    changed = false;
    const fixed = new Map<string, number>();
    for (const [id, list] of allowed) if (list.length === 1) fixed.set(id, list[0]);
    for (const r of relations) {
      const ids = [...new Set([...r.terms, ...r.totals].map(idOf))];
      const open = ids.filter(id => !fixed.has(id));
      if (open.length !== 1) continue;
      const id = open[0];
      const before = allowed.get(id)!;
      const after = before.filter(i => {
        steps++;
        return holds(r, new Map([...fixed, [id, i]])) !== false;
      });
      if (after.length < before.length) {
        allowed.set(id, after);
        changed = true;
      }
    }
  }
  const order = vars.map(v => v.id).sort((a, b) => allowed.get(a)!.length - allowed.get(b)!.length);
  const byRun = new Map<string, Relation[]>(order.map(id => [id, []]));
  // Each relation is checked when the last of its runs is chosen.
  const position = new Map(order.map((id, k) => [id, k]));
  for (const r of relations) {
    const last = [...new Set([...r.terms, ...r.totals].map(idOf))].sort((a, b) => position.get(b)! - position.get(a)!)[0];
    byRun.get(last)?.push(r);
  }
  let solutions = 0;
  let complete = true;
  const choice = new Map<string, number>();
  const walk = (k: number): void => {
    if (!complete) return;
    if (k === order.length) {
      solutions++;
      for (const [id, i] of choice) seen.get(id)!.add(i);
      if (solutions >= MAX_SOLUTIONS) complete = false;
      return;
    }
    const id = order[k];
    for (const i of allowed.get(id)!) {
      if (++steps > budget) {
        complete = false;
        return;
      }
      choice.set(id, i);
      if (byRun.get(id)!.every(r => holds(r, choice) !== false)) walk(k + 1);
      choice.delete(id);
      if (!complete) return;
    }
  };
  walk(0);
  if (meter) meter.units += steps;
  return { solutions, complete, seen };
}
