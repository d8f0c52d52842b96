/**
 * The 四 table (行政复议、行政诉讼): its 15 cells in three groups, from the item stream (see tokens.ts),
 * the header words between them (format/reviews.ts) passed over; or a glued row's run, split by the caller.
 */
import { REVIEW_GROUP_COLUMNS, REVIEW_GROUP_WIDTH, REVIEW_GROUPS, REVIEW_HEADER_WORDS, REVIEW_WIDTH } from '../format';
import type { Meter } from './mapped';
import type { Cell, ReviewsTable, TableLayout } from './model';
import type { Run } from './glued';
import type { TableItem } from './tokens';

const REVIEW_HEADER_CHARS = new Set([...REVIEW_HEADER_WORDS.join(''), '·', '、']);
/** Header words of the 四 table: text made of these may sit between its numbers. */
const REVIEW_HEADER = new RegExp(`^[${[...REVIEW_HEADER_CHARS].join('')}\\s]+$`);
/** A short header word with a misread character or two (OCR: 结果维特, 尚末审结, 总汁) still reads as a header. */
const MAX_HEADER_WORD = 12;
const MIN_HEADER_SHARE = 0.5;

/**
 * The first header word of the 四 table: a group's outermost heading, or the first column's name
 * (结果维持), which may wrap in two halves (结果 / 维持), its characters spaced out.
 */
const REVIEW_HEADER_START = (() => {
  const first = REVIEW_GROUP_COLUMNS[0].label;
  const half = first.length / 2;
  const spaced = (w: string) => Array.from(w).join('\\s*');
  return new RegExp(`^(?:${[...new Set(REVIEW_GROUPS.map(g => g.heading[0]))].join('|')}|${spaced(first.slice(0, half))}|${spaced(first.slice(half))})`);
})();

/** The end of a text that runs into a glued row: its last header words. */
function lastWords(text: string): string {
  return text.slice(-MAX_HEADER_WORD);
}

function headerLike(text: string): boolean {
  if (REVIEW_HEADER.test(text)) return true;
  const chars = Array.from(text.replace(/\s+/g, ''));
  if (!chars.length || chars.length > MAX_HEADER_WORD || /[\d。；，]/.test(text)) return false;
  return chars.filter(c => REVIEW_HEADER_CHARS.has(c)).length >= MIN_HEADER_SHARE * chars.length;
}

/** The 四 table of the items; `run`: the run of a glued 四 row (its 15 numbers' digits), to be split by the caller. */
export function assembleReviews(items: TableItem[], layout: TableLayout, meter?: Meter): { table: ReviewsTable | null; run?: Run } {
  const runAt = items.findIndex((item, k) => item.kind === 'run' && item.run.digits >= REVIEW_WIDTH && k > 0 && items[k - 1].kind === 'text' && headerLike(lastWords((items[k - 1] as { text: string }).text)));
  if (runAt >= 0) {
    const run = (items[runAt] as Extract<TableItem, { kind: 'run' }>).run;
    return { table: { range: { start: run.start, end: run.end }, layout, separation: 'glued', cells: [] }, run };
  }
  // A line that separates its cells (tabs) and has all 15: the row, blanks in their columns.
  const explicit = items.filter((i): i is Extract<TableItem, { kind: 'cell' }> => i.kind === 'cell' && !!i.explicit && i.lineCells === REVIEW_WIDTH);
  if (explicit.length >= REVIEW_WIDTH && explicit.slice(0, REVIEW_WIDTH).some(i => i.cell.kind !== 'blank')) {
    const row = explicit.filter(i => i.line === explicit[0].line).map(i => i.cell);
    return { table: { range: { start: row[0].range.start, end: row[row.length - 1].range.end }, layout, cells: row } };
  }
  // Numbers before the table's own header words, when it has some and numbers follow them, are not its
  // own (another table's spilled after the heading, as pdfminer prints a page's boxes).
  const header = items.findIndex(i => i.kind === 'text' && REVIEW_HEADER_START.test(i.text));
  const from = header >= 0 && items.slice(header).some(i => i.kind === 'cell' && i.cell.kind !== 'blank') ? header : 0;
  const cells: Cell[] = [];
  let started = false;
  let filled = 0;
  // Header words inside a group's numbers: once is a header printed low beside its column; more often,
  // the numbers are in the order a PDF drew them, not the row's.
  let interruptions = 0;
  let afterText = false;
  for (let k = from; k < items.length; k++) {
    const item = items[k];
    if (meter) meter.units += 1;
    if (item.kind === 'break') continue;
    if (item.kind === 'run') continue;
    if (item.kind === 'text') {
      if (!started || headerLike(item.text)) {
        afterText = started;
        continue;
      }
      break;
    }
    if (!started) {
      if (item.cell.kind === 'blank') continue;
      started = true;
    }
    // Between two groups (their own header above each) is no interruption; inside a group it is.
    if (afterText && cells.length % REVIEW_GROUP_WIDTH !== 0) interruptions++;
    afterText = false;
    cells.push(item.cell);
    if (item.cell.kind !== 'blank') filled++;
    if (filled >= REVIEW_WIDTH && cells.length >= REVIEW_WIDTH) break;
  }
  if (!cells.some(c => c.kind !== 'blank')) return { table: null };
  // Blank cells written out (pipes, tabs) are the table's own up to its width; a converter that drops
  // the last separators of a row (html2text) leaves its last blank cells unwritten: they are blank too.
  while (cells.length > REVIEW_WIDTH && cells[cells.length - 1].kind === 'blank') cells.pop();
  if (cells.length < REVIEW_WIDTH && cells[cells.length - 1].kind === 'blank') {
    const at = cells[cells.length - 1].range.end;
    while (cells.length < REVIEW_WIDTH) cells.push({ raw: '', value: null, kind: 'blank', range: { start: at, end: at }, digits: { start: at, end: at } });
  }
  while (cells.length && cells[cells.length - 1].kind === 'blank' && cells.length > REVIEW_WIDTH) cells.pop();
  const last = [...cells].reverse().find(c => c.kind !== 'blank')!;
  return { table: { range: { start: cells[0].range.start, end: Math.max(last.range.end, cells[cells.length - 1].range.end) }, layout, cells, ...(interruptions ? { interruptions } : {}) } };
}
