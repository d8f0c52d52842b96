import type { Cell } from '../parse';
import { APPLICATION_WIDTH, REVIEW_WIDTH, type CellRef, type ProactiveValueKind } from '../format';
import { cellName } from '../facts/arithmetic';
import { cellFix } from '../facts/arithmeticFindings';
import { msg, type Message, type RuleContext, type Rule } from './types';

function problem(cell: Cell, kind: ProactiveValueKind): Message | null {
  switch (cell.kind) {
    case 'blank': return msg('空格：应填写数字，没有也要填 0', 'Blank cell: write a number, 0 if none');
    case 'dash': return msg(`“${cell.raw}”不是数字：应填写数字，没有也要填 0`, `“${cell.raw}” is not a number: write a number, 0 if none`);
    case 'text': return msg(`“${cell.raw}”不是数字：请用阿拉伯数字填写`, `“${cell.raw}” is not a number: write it in digits`);
    case 'number': break;
  }
  const v = cell.value!;
  if (kind === 'amount') return v < 0 ? msg('金额不应为负数', 'An amount cannot be negative') : null;
  if (!Number.isInteger(v)) return msg(`件数应为整数，表中为 ${cell.raw}`, `A count is a whole number; the table has ${cell.raw}`);
  if (kind === 'count' && v < 0) return msg(`件数不应为负数，表中为 ${cell.raw}`, `A count cannot be negative; the table has ${cell.raw}`);
  return null;
}

/** A cell of a table with where it stands, for findings that name it. */
interface Spot {
  cell: Cell;
  kind: ProactiveValueKind;
  row: { zh: string; en: string };
  /** The column, unique in its table (a 四 column is its group's). */
  column: { zh: string; en: string };
  /** The column as named within its row, when that is shorter (结果纠正 in the 行政复议 group). */
  columnInRow?: { zh: string; en: string };
  /** The cell in the format's arithmetic, when it is one (a fix's title names it). */
  ref?: CellRef;
}

/** A cell that needs a number and has none (blank or a dash): these are grouped by column or row. */
const isEmpty = (cell: Cell) => cell.kind === 'blank' || cell.kind === 'dash';

function rangeOf(cell: Cell) {
  return cell.kind === 'blank' ? { start: cell.range.start, end: cell.range.start } : cell.range;
}

/** One cell's finding: its problem, and the value the sums give it when they do. */
function checkOne(ctx: RuleContext, spot: Spot, inferred: { value: number; relations: number } | undefined): void {
  const { cell } = spot;
  const m = problem(cell, spot.kind)!;
  // Two or more sums agreeing on the value make it certain; one sum alone only suggests it.
  const certain = inferred !== undefined && inferred.relations >= 2;
  const name = spot.ref ? cellName(spot.ref, ctx.format) : null;
  ctx.report({
    range: rangeOf(cell),
    message: inferred !== undefined ? msg(`${m.zh}（按合计应为 ${inferred.value}）`, `${m.en} (the totals give ${inferred.value})`) : m,
    fix: certain ? cellFix(ctx, cell, inferred.value, name) : undefined,
    suggestions: inferred !== undefined && !certain ? [cellFix(ctx, cell, inferred.value, name)] : undefined,
  });
}

/** At most this many names in a grouped finding's message; the rest are counted. */
const NAMES_SHOWN = 4;

function names(list: { zh: string; en: string }[]): { zh: string; en: string } {
  const more = list.length - NAMES_SHOWN;
  return {
    zh: list.slice(0, NAMES_SHOWN).map(x => `“${x.zh}”`).join('、') + (more > 0 ? ` 等 ${list.length} 处` : ''),
    en: list.slice(0, NAMES_SHOWN).map(x => `“${x.en}”`).join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

/** Several empty cells of one column (or row): one finding that names them, each cell marked. */
function checkGroup(ctx: RuleContext, table: { zh: string; en: string }, spots: Spot[], by: 'column' | 'row'): void {
  const line = by === 'column' ? spots[0].column : spots[0].row;
  const others = names(spots.map(s => (by === 'column' ? s.row : s.columnInRow ?? s.column)));
  const what = by === 'column' ? msg('列', 'column') : msg('行', 'row');
  ctx.report({
    range: rangeOf(spots[0].cell),
    message: msg(
      `${table.zh}“${line.zh}”${what.zh}有 ${spots.length} 个格子为空或不是数字（${others.zh}）：应填写数字，没有也要填 0`,
      `${table.en}, ${what.en} “${line.en}”: ${spots.length} cells are blank or not a number (${others.en}): write a number, 0 if none`,
    ),
    cells: spots.map(s => rangeOf(s.cell)),
    related: spots.slice(1).map(s => ({ range: rangeOf(s.cell), message: msg(`${s.row.zh} · ${s.column.zh}`, `${s.row.en} · ${s.column.en}`) })),
  });
}

/**
 * The cells of one table that need a number and have a problem. A blank or `/` the sums give a value
 * is its own finding, with that value; the other empty cells are one finding per column where a column
 * has several (a report that leaves the 法人 columns blank), else one per row where a row has several
 * (a row left empty), else one each: one root cause, one finding.
 */
function checkTable(ctx: RuleContext, table: { zh: string; en: string }, spots: Spot[]): void {
  const arithmetic = ctx.arithmetic();
  const open: Spot[] = [];
  for (const spot of spots) {
    if (!problem(spot.cell, spot.kind)) continue;
    // A wrong number that the arithmetic pins has its finding there, with the right value.
    if (arithmetic.pins.some(p => p.cell === spot.cell)) continue;
    const inferred = arithmetic.inferred.get(spot.cell);
    if (inferred !== undefined || !isEmpty(spot.cell)) checkOne(ctx, spot, inferred);
    else open.push(spot);
  }
  const byColumn = groupBy(open, s => s.column.zh);
  const left: Spot[] = [];
  for (const group of byColumn.values()) {
    if (group.length > 1) checkGroup(ctx, table, group, 'column');
    else left.push(group[0]);
  }
  for (const group of groupBy(left, s => s.row.zh).values()) {
    if (group.length > 1) checkGroup(ctx, table, group, 'row');
    else checkOne(ctx, group[0], undefined);
  }
}

function groupBy<T>(list: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const g = out.get(k);
    if (g) g.push(x);
    else out.set(k, [x]);
  }
  return out;
}

export const cellValue: Rule = {
  meta: {
    id: 'cell-value',
    description: msg('应填数字的格子为空、为“/”、为文字，或件数为负数、小数', 'A cell that needs a count is blank, “/”, text, negative or fractional'),
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    tags: ['tables'],
  },
  check(ctx) {
    const { model, format } = ctx;
    const columns = format.applications.columns;
    const appSpots: Spot[] = [];
    for (const row of model.applications?.rows ?? []) {
      const label = row.officialLabel ?? row.label ?? '';
      row.cells.forEach((cell, i) => {
        const column = columns[i] ?? { label: String(i + 1), en: String(i + 1) };
        const ref: CellRef | undefined = row.key && i < APPLICATION_WIDTH ? { table: 'applications', row: row.key, col: i } : undefined;
        appSpots.push({ cell, kind: 'count', row: { zh: label, en: label }, column: { zh: column.label, en: column.en }, ref });
      });
    }
    checkTable(ctx, msg('三表', 'Section 三 table'), appSpots);
    const { groups, columns: reviewColumns } = format.reviews;
    const reviewSpots: Spot[] = (model.reviews?.cells ?? []).map((cell, i) => {
      const g = groups[Math.floor(i / reviewColumns.length)] ?? groups[groups.length - 1];
      const c = reviewColumns[i % reviewColumns.length];
      return { cell, kind: 'count' as const, row: { zh: g.label, en: g.en }, column: { zh: `${g.label} · ${c.label}`, en: `${g.en} · ${c.en}` }, columnInRow: { zh: c.label, en: c.en }, ref: i < REVIEW_WIDTH ? { table: 'reviews' as const, col: i } : undefined };
    });
    checkTable(ctx, msg('四表', 'Section 四 table'), reviewSpots);
    const blocks = ctx.proactiveFormat.proactive.blocks;
    for (const b of model.proactive) {
      const t = blocks.find(x => x.clause === b.clause);
      const spots: Spot[] = [];
      for (const row of b.rows) {
        const label = row.officialLabel ?? row.label ?? '';
        row.cells.forEach((cell, i) => {
          const column = t?.columns[i]?.label ?? String(i + 1);
          spots.push({ cell, kind: t?.columns[i]?.kind ?? 'count', row: { zh: label, en: label }, column: { zh: column, en: column } });
        });
      }
      checkTable(ctx, msg(`二表${b.item}`, `Section 二, ${b.item}`), spots);
    }
  },
};
