/**
 * The 三 table read from the order of its numbers alone. A PDF's text layer, as `pdftotext` without
 * `-layout`, pdfminer, PyMuPDF or a viewer's copy give it, prints the table's cells in the order the
 * PDF drew them: row after row for a while, then a block of rows column after column, labels before,
 * after or far from their numbers. The labels cannot be trusted there; the numbers can, and the table's
 * own arithmetic tells which order they are in:
 *
 * - the numbers must be exactly the format's rows × 7 (so nothing is missing or extra);
 * - the rows are cut into consecutive blocks, each printed row by row or column by column;
 * - of all such cuts, the reading taken is the one that keeps the most of the table's sums (row totals,
 *   column totals, the balance), then the simplest (fewest runs of one order); a second reading as good
 *   with other values is ambiguous, and a reading that breaks more sums than one wrong number would is
 *   no reading.
 *
 * A dynamic programme over the rows, from the last: its state is what the column totals and the balance
 * still lack, so readings that differ only where zeros stand are counted once.
 */
import { APPLICATION_WIDTH, FORMATS, relationHolds, type ReportFormat, type Relation } from '../format';
import type { Meter } from './mapped';
import type { Cell } from './model';

/** A real error breaks a row total, its column total and maybe the balance: more than this is not one error. */
export const MAX_BROKEN_SUMS = 3;
/** The longest block of rows printed column by column that is tried (a page of the table). */
const MAX_BLOCK_ROWS = 30;
/** States kept per row: beyond this many partial readings the order is not one a table is printed in. */
const MAX_STATES = 4000;

export interface SequenceReading {
  format: ReportFormat;
  /** Each of the format's rows, in order, with its 7 cells. */
  rows: { key: string; cells: Cell[] }[];
  /** Relations of the format (row totals, column totals, balance) broken on this reading. */
  broken: number;
  /** Rows printed column by column (0: the numbers were in row order). */
  byColumns: number;
}

export type SequenceOutcome =
  | { kind: 'read'; reading: SequenceReading }
  /** The count fits a format, but more than one reading keeps the table's sums equally well. */
  | { kind: 'ambiguous'; format: ReportFormat }
  /** The count fits a format, but no reading keeps the table's sums (not one real error's worth). */
  | { kind: 'inconsistent'; format: ReportFormat }
  /** The count of numbers is not a format's rows × 7. */
  | { kind: 'count'; count: number };

interface Partial {
  /** Row totals broken in rows r… */
  broken: number;
  /** Runs of one order: rows in row order one after another are one run; each block by columns is one. */
  runs: number;
  byColumns: number;
  /** For each relation across rows (column totals, balance): its terms minus its totals over rows r…; NaN when a cell is not a number. */
  lack: number[];
  /** The cells of the first block (indexes into the number list), and the reading of the rows after it. */
  block: number[];
  rest: Partial | null;
  /** A hash of the values of rows r…, in order: two readings with other values differ here. */
  hash: number;
  ambiguous: boolean;
}

/** The cells of a partial reading, in row order. */
function orderOf(p: Partial): number[] {
  const out: number[] = [];
  for (let q: Partial | null = p; q; q = q.rest) out.push(...q.block);
  return out;
}

/** A hash of a block's values followed by the rest's. */
function hashOf(values: (number | null)[], rest: number): number {
  let h = rest;
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    h = (Math.imul(h ^ (v === null ? 0x9e3779b9 : Math.round(v * 1000)), 0x01000193) + 0x7f4a7c15) | 0;
  }
  return h;
}

/**
 * Read the numbers (the table's cells in text order: numbers, dashes, explicit blanks) as the 三
 * table of a format whose rows × 7 they make up.
 */
export function readSequence(cells: Cell[], meter?: Meter): SequenceOutcome {
  const formats = FORMATS.filter(f => f.applications.rows.length * APPLICATION_WIDTH === cells.length);
  if (!formats.length) return { kind: 'count', count: cells.length };
  // Two formats with the same count would share their rows' order; the latest is asked first.
  const format = formats[formats.length - 1];
  const keys = format.applications.rows.map(r => r.key);
  const R = keys.length;
  const W = APPLICATION_WIDTH;
  const tableRelations = format.relations.filter(r => r.id !== 'review-total');
  const rowTotal = new Map<string, Relation>(tableRelations.filter(r => r.id === 'row-total').map(r => [r.row!, r]));
  const across = tableRelations.filter(r => r.id !== 'row-total');
  // Where each cell counts in the relations across rows: (relation, +1 as a term / −1 as a total).
  const signs = new Map<string, { rel: number; sign: number }[]>();
  across.forEach((rel, n) => {
    for (const ref of rel.terms) push(signs, `${ref.row}:${ref.col}`, { rel: n, sign: 1 });
    for (const ref of rel.totals) push(signs, `${ref.row}:${ref.col}`, { rel: n, sign: -1 });
  });
  const value = (i: number) => cells[i].value;

  // The numbers in row order, as they stand: what any other reading must beat. No partial reading that
  // already breaks more sums than it is kept (nor more than one wrong number would break).
  const bound = Math.min(MAX_BROKEN_SUMS, brokenInRowOrder(cells, keys, tableRelations));
  // After a row in row order (slot 0) or a block by columns (slot 1), the partial readings of rows r…, by state.
  const states: Map<string, Partial>[][] = Array.from({ length: R + 1 }, () => [new Map(), new Map()]);
  states[R][1].set('', { broken: 0, runs: 0, byColumns: 0, lack: new Array(across.length).fill(0), block: [], rest: null, hash: 0, ambiguous: false });
  let overflow = false;
  for (let r = R - 1; r >= 0; r--) {
    const base = r * W;
    for (let k = 1; k <= Math.min(MAX_BLOCK_ROWS, R - r); k++) {
      // k = 1: one row in order; k > 1: k rows printed column by column (row i, column j at j·k + i).
      const order: number[] = [];
      let broken = 0;
      const add = new Array(across.length).fill(0);
      for (let i = 0; i < k; i++) {
        const idx: number[] = [];
        for (let j = 0; j < W; j++) {
          const at = base + (k === 1 ? j : j * k + i);
          idx.push(at);
          for (const s of signs.get(`${keys[r + i]}:${j}`) ?? []) add[s.rel] += s.sign * (value(at) ?? NaN);
        }
        const rel = rowTotal.get(keys[r + i]);
        if (rel && relationHolds(rel, ref => value(idx[ref.col])) === false) broken++;
        order.push(...idx);
      }
      const slot = k === 1 ? 0 : 1;
      const blockValues = order.map(value);
      for (const [restSlot, rests] of states[r + k].entries()) {
        for (const rest of rests.values()) {
          if (meter) meter.units += 1;
          // A reading that already breaks more row totals than one wrong number would is never taken.
          if (rest.broken + broken > bound) continue;
          const lack = rest.lack.map((v, n) => v + add[n]);
          const candidate: Partial = {
            broken: rest.broken + broken,
            runs: rest.runs + (k === 1 && restSlot === 0 ? 0 : 1),
            byColumns: rest.byColumns + (k > 1 ? k : 0),
            lack, block: order, rest, hash: hashOf(blockValues, rest.hash), ambiguous: rest.ambiguous,
          };
          offer(states[r][slot], lack.join(','), candidate);
        }
      }
      if (states[r][slot].size > MAX_STATES) overflow = true;
    }
    if (overflow) return { kind: 'ambiguous', format };
  }
  // The complete readings: each state's relations across rows now stand or fall.
  let best: { p: Partial; broken: number } | null = null;
  let ambiguous = false;
  for (const slot of states[0]) {
    for (const p of slot.values()) {
      const broken = p.broken + p.lack.filter(v => !Number.isNaN(v) && Math.abs(v) > 1e-9).length;
      const cmp = best ? compare(broken, p.runs, best.broken, best.p.runs) : 1;
      if (cmp > 0) {
        best = { p, broken };
        ambiguous = p.ambiguous;
      } else if (cmp === 0 && best && (p.ambiguous || best.p.hash !== p.hash)) {
        ambiguous = true;
      }
    }
  }
  if (!best) return { kind: 'inconsistent', format };
  if (ambiguous) return { kind: 'ambiguous', format };
  if (best.broken > MAX_BROKEN_SUMS) return { kind: 'inconsistent', format };
  const order = orderOf(best.p);
  const rows = keys.map((key, r) => ({ key, cells: order.slice(r * W, r * W + W).map(i => cells[i]) }));
  return { kind: 'read', reading: { format, rows, broken: best.broken, byColumns: best.p.byColumns } };
}

/** How many of the table's sums the numbers break when read in row order. */
function brokenInRowOrder(cells: Cell[], keys: string[], relations: Relation[]): number {
  const at = new Map(keys.map((k, r) => [k, r]));
  return relations.filter(rel => relationHolds(rel, ref => cells[at.get(ref.row!)! * APPLICATION_WIDTH + ref.col]?.value) === false).length;
}

/** > 0 when (broken, runs) is the better reading: fewer sums broken, then fewer runs. */
function compare(broken: number, runs: number, otherBroken: number, otherRuns: number): number {
  return broken !== otherBroken ? otherBroken - broken : otherRuns - runs;
}

/** Keep the better of two partial readings in the same state; two as good with other values are ambiguous. */
function offer(map: Map<string, Partial>, state: string, c: Partial): void {
  const cur = map.get(state);
  if (!cur) {
    map.set(state, c);
    return;
  }
  const cmp = compare(c.broken, c.runs, cur.broken, cur.runs);
  if (cmp > 0) map.set(state, c);
  else if (cmp === 0 && (c.ambiguous || cur.hash !== c.hash)) cur.ambiguous = true;
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

// ---------------------------------------------------------------- section 二

/** A 二 block read by the order of its numbers: rows of the format's block, each with its cells. */
export interface ProactiveSequenceBlock {
  clause: string;
  rows: { key: string; cells: Cell[]; label?: { text: string; range: { start: number; end: number } } }[];
  itemRange?: { start: number; end: number };
}

/** What the 二 reader needs of the item stream: text with where it stands, and cells. */
export type OrderItem = { kind: 'text'; text: string; start: number; end: number } | { kind: 'cell'; cell: Cell };

/** Whether a value can stand in a column of this kind (a count is a whole number ≥ 0). */
function fitsKind(cell: Cell, kind: 'count' | 'signed' | 'amount'): boolean {
  if (cell.value === null) return true;
  if (kind === 'count') return Number.isInteger(cell.value) && cell.value >= 0;
  if (kind === 'signed') return Number.isInteger(cell.value);
  return cell.value >= 0;
}

/**
 * The 二 tables read from the order of their numbers, for text whose labels stand apart from their
 * numbers (a PDF's text layer): the numbers must be exactly the format's blocks' cells, in the
 * format's order of blocks. A block of several rows and columns is printed row by row when its row
 * labels stand between its numbers, column by column when both labels come before them; when the
 * labels do not say and the two orders give other values, there is no reading. `normalize` is the
 * parser's label normalisation (passed in, so this module needs nothing else of the parser).
 */
export function readProactiveSequence(items: OrderItem[], normalize: (s: string) => string, meter?: Meter): ProactiveSequenceBlock[] | null {
  const cellAt: number[] = [];
  items.forEach((it, i) => {
    if (it.kind === 'cell') cellAt.push(i);
  });
  for (const format of [...FORMATS].reverse()) {
    const blocks = format.proactive.blocks;
    if (blocks.reduce((n, b) => n + b.rows.length * b.columns.length, 0) !== cellAt.length) continue;
    const out = readBlocks(items, cellAt, blocks, normalize, meter);
    if (out) return out;
  }
  return null;
}

function readBlocks(items: OrderItem[], cellAt: number[], blocks: ReportFormat['proactive']['blocks'], normalize: (s: string) => string, meter?: Meter): ProactiveSequenceBlock[] | null {
  const labelItems = items.map((it, i) => (it.kind === 'text' ? { i, norm: normalize(it.text), it } : null)).filter(x => x !== null);
  /** The first text item that is exactly this row's label (or an alias of it). */
  const labelOf = (row: { label: string; aliases?: string[] }) => {
    const names = [row.label, ...(row.aliases ?? [])].map(normalize);
    return labelItems.find(l => names.includes(l.norm)) ?? null;
  };
  const out: ProactiveSequenceBlock[] = [];
  let at = 0;
  for (const b of blocks) {
    if (meter) meter.units += b.rows.length * b.columns.length;
    const R = b.rows.length;
    const C = b.columns.length;
    const idx = cellAt.slice(at, at + R * C);
    at += R * C;
    const byRows = (r: number) => Array.from({ length: C }, (_, c) => cell(idx[r * C + c]));
    const byColumns = (r: number) => Array.from({ length: C }, (_, c) => cell(idx[c * R + r]));
    // A block's numbers stand together: between them only its own row labels and column headers. Numbers
    // broken up by another block's heading came in some other order (pdftotext printing a column apart).
    // (All alike, as a block of zeros often is, they read the same in any order.)
    const cell = (i: number) => (items[i] as Extract<OrderItem, { kind: 'cell' }>).cell;
    const alike = idx.every(i => cell(i).value === cell(idx[0]).value);
    if (idx.length > 1 && !alike) {
      const own = new Set([...b.rows.flatMap(r => [r.label, ...(r.aliases ?? [])]), ...b.columns.map(c => c.label)].map(normalize));
      for (let i = idx[0] + 1; i < idx[idx.length - 1]; i++) {
        const it = items[i];
        if (it.kind === 'text' && !own.has(normalize(it.text))) return null;
      }
    }
    let rowsOf = byRows;
    if (R > 1 && C > 1) {
      // Row labels between the numbers say row by row. Otherwise the two orders are weighed by what the
      // columns mean (in force ≥ made this year); both possible with other values is no reading.
      const first = labelOf(b.rows[0]);
      const second = labelOf(b.rows[1]);
      const interleaved = first && second && idx.some(i => i > first.i && i < second.i);
      const rows = Array.from({ length: R }, (_, r) => r);
      const same = rows.every(r => byRows(r).every((c, k) => c.value === byColumns(r)[k].value));
      const plausible = (of: (r: number) => Cell[]) => rows.every(r => (b.atLeast ?? []).every(([hi, lo]) => {
        const [h, l] = [of(r)[hi].value, of(r)[lo].value];
        return h === null || l === null || h >= l;
      }));
      if (!interleaved && !same) {
        const byRowsFits = plausible(byRows);
        const byColumnsFits = plausible(byColumns);
        if (byRowsFits === byColumnsFits) return null;
        rowsOf = byRowsFits ? byRows : byColumns;
      }
    }
    const rows = b.rows.map((t, r) => {
      const cells = rowsOf(r);
      const l = labelOf(t);
      return { key: t.key, cells, ...(l ? { label: { text: l.it.text.trim(), range: { start: l.it.start, end: l.it.end } } } : {}) };
    });
    if (!rows.every(r => r.cells.every((c, k) => fitsKind(c, b.columns[k].kind)))) return null;
    const mark = labelItems.find(l => l.norm.includes(normalize(b.item)));
    out.push({ clause: b.clause, rows, ...(mark ? { itemRange: { start: mark.it.start, end: mark.it.end } } : {}) });
  }
  return out;
}
