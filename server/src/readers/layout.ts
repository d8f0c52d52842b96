/**
 * What every reader produces before it is text: paragraphs and tables. A table is written one row
 * a line as `| label | n | n |`, the pipe layout the parser reads exactly, after each cell has been
 * placed on the table's grid (rowspan/colspan in HTML, vMerge/gridSpan in Word):
 *
 * - a cell spanning columns is written once (a value centred over two grid columns is one value);
 * - a place covered by a label spanning rows (（三）不予公开 over its eight rows) is left out, so the
 *   row reads `| 2.其他法律行政法规禁止公开 | 0 | … |`; a place covered by a number spanning rows is
 *   written blank, since that row has no number of its own there;
 * - a blank cell among the numbers stays a blank cell in its column (the parser reports it);
 *   blank cells before a row's label, and in rows without numbers (headers), are left out — except
 *   in a row of one or two labels followed only by blanks: a data row nobody filled in.
 */
import { MappedBuilder, type SourceMappedText, replaceUnits, slice } from './mapped';
import { CELL_UNITS } from '../service/parse/units';

function dropSpaces(m: SourceMappedText): SourceMappedText {
  if (!/\s/.test(m.text)) return m;
  const out = new MappedBuilder();
  for (let i = 0; i < m.text.length; i++) if (!/\s/.test(m.text[i])) out.mapped(slice(m, i, i + 1));
  return out.done();
}

export interface TableCell {
  text: SourceMappedText;
  colspan: number;
  rowspan: number;
  /** A Word cell that continues the merge above it (vMerge without restart). */
  continues?: boolean;
  /** What the cell as a whole maps to (its `<td>`, its Word cell): a blank cell points there. */
  anchor: { a: number; b: number };
}

export type Block =
  | { kind: 'paragraph'; text: SourceMappedText }
  | { kind: 'table'; rows: TableCell[][] };

/** A number, a blank, or what stands where a number belongs (`/`, `—`): not a label. */
/**
 * The cells' units as a document writes them before the parser maps its characters (万, 人次, ％ too).
 * Not yet 亿元 or a bare 次, which the parser takes: adding them would change what a reader calls a value.
 */
const VALUE_UNIT = [...CELL_UNITS.filter(u => u !== '亿元' && u !== '次'), '万', '人次', '％'].join('|');
const VALUE = new RegExp(`^(?:[+\\-−－]?[0-9０-９][0-9０-９,，.．\\s]*(?:${VALUE_UNIT})?|[/／\\\\—–\\-－]+|无)$`);

export function isValueText(text: string): boolean {
  return VALUE.test(text.trim());
}

interface Placed {
  cell: TableCell;
  row: number;
  col: number;
}

/** Place cells on the grid: each at the first column not taken by a cell spanning from above. */
export function placeCells(rows: TableCell[][]): { placed: Placed[][]; covered: Map<string, Placed> } {
  const taken = new Map<string, Placed>();
  const placed: Placed[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const out: Placed[] = [];
    let col = 0;
    for (const cell of rows[r]) {
      while (taken.has(`${r},${col}`)) col++;
      const p = { cell, row: r, col };
      out.push(p);
      const rs = Math.max(1, Math.min(cell.rowspan, rows.length - r));
      const cs = Math.max(1, Math.min(cell.colspan, 1000));
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) if (i || j) taken.set(`${r + i},${col + j}`, p);
      col += cs;
    }
    placed.push(out);
  }
  return { placed, covered: taken };
}

/** Word marks a vertical merge on every cell it covers: turn those into rowspans on the first. */
export function resolveContinuations(rows: TableCell[][]): TableCell[][] {
  const { placed } = placeCells(rows.map(r => r.map(c => ({ ...c, rowspan: 1 }))));
  const byPos = new Map<string, TableCell>();
  for (const row of placed) for (const p of row) byPos.set(`${p.row},${p.col}`, p.cell);
  const out: TableCell[][] = rows.map(() => []);
  placed.forEach((row, r) => {
    for (const p of row) {
      if (p.cell.continues) {
        // Find the cell this one continues: the nearest non-continuing cell above, same column.
        let up = r - 1;
        while (up >= 0 && byPos.get(`${up},${p.col}`)?.continues) up--;
        const head = up >= 0 ? byPos.get(`${up},${p.col}`) : undefined;
        if (head) {
          head.rowspan = Math.max(head.rowspan, r - up + 1);
          continue;
        }
      }
      out[r].push(p.cell);
    }
  });
  return out;
}

/** The row's entries in grid order, after the rules above; each entry's text, or '' for blank. */
interface Entry {
  text: SourceMappedText;
  anchor: TableCell['anchor'];
  kind: 'value' | 'blank' | 'label';
}

function rowEntries(r: number, width: number, placed: Placed[][], covered: Map<string, Placed>): Entry[] {
  const entries: Entry[] = [];
  const own = new Map(placed[r].map(p => [p.col, p]));
  for (let col = 0; col < width; col++) {
    const p = own.get(col);
    if (p) {
      const t = p.cell.text.text.trim();
      entries.push({ text: p.cell.text, anchor: p.cell.anchor, kind: t === '' ? 'blank' : isValueText(t) ? 'value' : 'label' });
      continue;
    }
    const by = covered.get(`${r},${col}`);
    if (!by || by.row === r) continue; // empty grid place, or covered by a colspan of this row
    if (by.col !== col) continue; // the same spanning cell, seen at its first column already
    const t = by.cell.text.text.trim();
    if (t !== '' && !isValueText(t)) continue; // a label spanning rows: left out
    entries.push({ text: { text: '', a: new Int32Array(0), b: new Int32Array(0) }, anchor: by.cell.anchor, kind: 'blank' });
  }
  const hasValue = entries.some(e => e.kind === 'value');
  const kinds = entries.map(e => e.kind);
  const lastLabel = kinds.lastIndexOf('label');
  // A row of blanks after its label (一 or two: group and item) is a data row left empty, not a header.
  const labels = kinds.filter(k => k === 'label').length;
  const emptyDataRow = !hasValue && labels >= 1 && labels <= 2 && kinds.indexOf('blank') > lastLabel;
  return entries.filter((e, i) => e.kind !== 'blank' || ((hasValue || emptyDataRow) && i > lastLabel));
}

/** Paragraphs as lines, a blank line between blocks of different kinds, tables as pipe rows. */
export function writeBlocks(blocks: Block[]): SourceMappedText {
  const out = new MappedBuilder();
  let prev: Block['kind'] | null = null;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      if (!block.text.text.trim()) continue;
      out.mapped(block.text).added('\n');
      prev = 'paragraph';
      continue;
    }
    const { placed, covered } = placeCells(block.rows);
    const width = Math.max(0, ...placed.flatMap(row => row.map(p => p.col + Math.max(1, p.cell.colspan))));
    let wrote = false;
    for (let r = 0; r < placed.length; r++) {
      const entries = rowEntries(r, width, placed, covered);
      if (!entries.length) continue;
      if (!wrote && prev === 'paragraph') out.added('\n');
      wrote = true;
      out.added('|');
      for (const e of entries) {
        // The space before a cell stands for the cell: a finding on a blank cell points at it.
        out.same(' ', e.anchor.a, e.anchor.b);
        // One cell holds one value: `909.76 万元` and `1 234` lose their inner spaces.
        out.mapped(replaceUnits(e.kind === 'value' ? dropSpaces(e.text) : e.text, /\|/g, '｜'));
        out.added(' |');
      }
      out.added('\n');
    }
    if (wrote) {
      out.added('\n');
      prev = 'table';
    }
  }
  return out.done();
}
