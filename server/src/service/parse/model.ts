import type { FormatVersion } from '../format';
import type { MappedText, OffsetRange } from './mapped';

export type { OffsetRange } from './mapped';

export interface Located<T> {
  value: T;
  range: OffsetRange;
}

export type CellKind = 'number' | 'blank' | 'dash' | 'text';

/** Why cells could not be read with confidence (see `Row.unread`). */
export type UnreadReason =
  /** Digits glued together (separators lost) that split in more than one way keeping the table's arithmetic. */
  | 'glued-ambiguous'
  /** Glued digits that split in no way keeping the table's arithmetic: a wrong number, or damaged digits. */
  | 'glued-no-split'
  /** A table printed column after column whose numbers do not fill the rows its labels name. */
  | 'columns-count'
  /**
   * Labels and numbers apart (a PDF's text layer): the numbers are not the format's rows × 7, so which
   * cell each belongs to cannot be told.
   */
  | 'order-count'
  /** Labels and numbers apart, and the numbers fill the table in more than one order that keeps its sums. */
  | 'order-ambiguous'
  /** Labels and numbers apart, and no order of the numbers keeps the table's sums. */
  | 'order-inconsistent'
  /** Header words between the numbers more than once (a PDF's drawing order), and the sums do not hold in the order given. */
  | 'order-interrupted';

/** How a table's cells were separated in the text, when not by spaces, one per line or pipes. */
export type CellSeparation =
  /** Tabs, as a browser copies an HTML table: an empty cell is nothing between two tabs. */
  | 'tabs'
  /** None: each row's digits glued into one run (a crawled page), split back by the table's arithmetic. */
  | 'glued'
  /** `pdftotext` without `-layout`: the row labels, then each column's numbers one a line. */
  | 'columns'
  /**
   * The labels stand apart from their numbers (a PDF's text layer in drawing order): the cells were
   * placed by the numbers' order alone, row by row or a block of rows column by column, as the table's
   * sums showed.
   */
  | 'order';

/** One cell where a number belongs, kept as written. */
export interface Cell {
  /** The cell as written (trimmed). Empty for a blank cell. */
  raw: string;
  /** The number, or null for a blank, `/`, or text. */
  value: number | null;
  kind: CellKind;
  /** Unit written after the number, e.g. 万元, 个. */
  unit?: string;
  range: OffsetRange;
  /** Range of the digits only (what a fix replaces); equals `range` for non-numbers. */
  digits: OffsetRange;
}

export interface Row {
  /** Format key (`new`, `denied.3`, `rules`, …), or null when the label matched no format row. */
  key: string | null;
  /** The label as written, joined over wrapped lines; null when the numbers had no label. */
  label: string | null;
  /**
   * Where the label as written stands: from its first character to its last when it is written before
   * the row's numbers (it may span several lines); when its end is printed after the numbers
   * (`pdftotext -layout`), the part before them. The label's own text only, never a neighbour's.
   */
  labelRange?: OffsetRange;
  /**
   * A label written in pieces (wrapped over lines, cut over two table rows, its end printed after the
   * numbers): each piece's own text, in order, without the line breaks, pipes or numbers between them.
   */
  labelPieces?: OffsetRange[];
  /** The official label of the matched format row. */
  officialLabel?: string;
  /** How well the label matched (1 = exactly, after normalization). */
  labelScore: number;
  cells: Cell[];
  /**
   * The label names the row, but its cells could not be read with confidence (why): `cells` is
   * empty, and no check looks at the row. table-unreadable says so, once for the table.
   */
  unread?: UnreadReason;
  /** The row from its label (or first cell) to its last cell. */
  range: OffsetRange;
}

export type TableLayout = 'flattened' | 'cell-per-line' | 'pipe';

export interface ApplicationsTable {
  range: OffsetRange;
  layout: TableLayout;
  separation?: CellSeparation;
  /** Rows in document order, including rows whose label matched no format row. */
  rows: Row[];
  /** Group headings (三、本年度办理结果, （三）不予公开, …) that were written with numbers. */
  numberedGroups: Row[];
  /** How many numbers the table's region holds, when its rows could not be read by their labels (`order-count`). */
  numbers?: number;
}

export interface ReviewsTable {
  range: OffsetRange;
  layout: TableLayout;
  separation?: CellSeparation;
  cells: Cell[];
  /** The table is there but its 15 numbers could not be read with confidence (why): `cells` is empty. */
  unread?: UnreadReason;
  /** How many times header words stood between its numbers (a PDF's drawing order, not the row's). */
  interruptions?: number;
  /** How many numbers it holds, when they could not be placed (`order-count`). */
  numbers?: number;
  /**
   * Glued digits that split in no way keeping every group's total, but keep every group but one in
   * every split that keeps all but one: the values all those splits agree on (null where they differ,
   * only inside that group), and the group left broken.
   */
  nearly?: { values: (number | null)[]; group: number };
}

export interface ProactiveBlock {
  /** Standard form: 第二十条第（一）项. */
  item: string;
  clause: string;
  /** Where the block's item heading is written; absent when rows were found without one. */
  itemRange?: OffsetRange;
  separation?: CellSeparation;
  rows: Row[];
}

export interface Subsection {
  /** （一） → 1 */
  no: number;
  title: string;
  headingRange: OffsetRange;
  range: OffsetRange;
}

export interface Section {
  /** Which of the six sections this heading introduces (by its wording). */
  no: number;
  /** The numeral as written (一…六), or null when the heading had none. */
  numeral: string | null;
  /** The heading as written, joined when it wraps, without markup. */
  heading: string;
  headingRange: OffsetRange;
  /** From the heading to the next section heading or the end. */
  range: OffsetRange;
  /** True when the wording is the format's. */
  standard: boolean;
  /** How close the wording is to the format's: 1 for the official wording or a known variant. */
  score: number;
  subsections: Subsection[];
}

export interface StatisticsPeriod {
  startYear: number;
  endYear: number | null;
  range: OffsetRange;
  /** Where the four digits of each year stand. */
  startYearRange: OffsetRange;
  endYearRange: OffsetRange | null;
}

export interface FormatDetection {
  version: FormatVersion | null;
  /** Why: short phrases, e.g. 「三表（六）其他处理分 3 行」. */
  evidence: string[];
  /** Version indicated by the tables alone, if any. */
  fromTables: FormatVersion | null;
  /** What each table on its own says: the 三 table by its （六） rows, the 二 tables by headers and rows. */
  applications: FormatVersion | null;
  proactive: FormatVersion | null;
  /** Version named by a cited document number (〔2021〕30号). */
  cited: Located<FormatVersion> | null;
}

export interface ReportModel {
  text: string;
  /** The whole text with line wraps removed, for checks on sentences. */
  prose: MappedText;
  title: Located<string> | null;
  agency: Located<string> | null;
  year: Located<number> | null;
  period: StatisticsPeriod | null;
  format: FormatDetection;
  sections: Section[];
  applications: ApplicationsTable | null;
  reviews: ReviewsTable | null;
  proactive: ProactiveBlock[];
  /**
   * Tables written more than once (a 三 table pasted twice, a 三 section repeated): `applications`
   * is the first; each further copy is here, read the same way, for a rule to report and check.
   */
  extraTables: { applications: ApplicationsTable[] };
  /** Ranges that belong to tables (for subsection detection, prose checks and folding). */
  tableRanges: OffsetRange[];
}
