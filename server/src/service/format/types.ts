/** The two national formats of the annual report, as data: everything the parser and rules know of them. */

export type FormatVersion = '2019' | '2021';

export interface FormatSection {
  no: 1 | 2 | 3 | 4 | 5 | 6;
  numeral: string;
  /** The official wording, without the numeral. */
  title: string;
  /** Wordings seen in real reports: accepted, reported as non-standard. */
  variants: string[];
  /** Words that a heading of this section contains (any one of each inner list must be present). */
  signature: string[][];
}

/** A column of a table: its printed label and its English name for messages. */
export interface FormatColumn {
  key: string;
  label: string;
  en: string;
  /** The merged header cells printed above this column's label, outermost first (申请人情况 › 法人或其他组织). */
  under?: string[];
}

export interface FormatApplicationRow {
  /** Stable key, e.g. `denied.3`. */
  key: string;
  /** The official label as printed in the format, with its numbering. */
  label: string;
  /** Key of the group this row or group belongs to (`denied`, `unavailable`, …; `results` for （三）不予公开). */
  group?: string;
  /** A group heading carries no numbers; a row does. */
  kind: 'row' | 'group';
  /** Whether the row is one of the results summed into （七）总计. */
  result?: boolean;
}

export interface FormatProactiveRow {
  key: string;
  label: string;
  /** Older or alternative labels that mean the same row. */
  aliases?: string[];
}

export type ProactiveValueKind = 'count' | 'signed' | 'amount';

/**
 * What a 二 column counts, where the years tie it together: 现行有效 this year = last year's 现行有效
 * + 本年制发 − 本年废止 (the 2021 format; the 2019 format's 新制作 / 新公开 / 对外公开总数量 do not chain).
 */
export type ProactiveColumnRole = 'issued' | 'repealed' | 'inForce';

export interface ProactiveColumn {
  label: string;
  kind: ProactiveValueKind;
  role?: ProactiveColumnRole;
}

export interface FormatProactiveBlock {
  /** 第二十条第（一）项 */
  item: string;
  clause: string;
  columns: ProactiveColumn[];
  rows: FormatProactiveRow[];
  /**
   * Columns that cannot be less than another in the same row, as [greater, lesser]: what is in force
   * (or public) in all counts at least what was made (or published) this year. Not an error to report
   * (a document repealed the year it was made is possible) — a hint for reading numbers whose order the
   * text lost.
   */
  atLeast?: [number, number][];
}

/** The arithmetic a report's tables must satisfy, as data. */
export type RelationId = 'row-total' | 'column-total' | 'balance' | 'review-total';

export interface CellRef {
  table: 'applications' | 'reviews';
  /** Row key for the applications table; absent for the single-row reviews table. */
  row?: string;
  col: number;
}

/** sum(terms) must equal sum(totals). */
export interface Relation {
  id: RelationId;
  terms: CellRef[];
  totals: CellRef[];
  /** Where the relation lives: a row key, a column index or a review group. */
  row?: string;
  col?: number;
  group?: number;
}

export interface FormatReviewGroup {
  key: string;
  label: string;
  en: string;
  /** The header cells printed above the group's columns, outermost first (行政诉讼 › 未经复议直接起诉). */
  heading: string[];
}

/** One version of the national format: sections, the three tables and their arithmetic. */
export interface ReportFormat {
  version: FormatVersion;
  /** The document that issued it: 国办公开办函〔2021〕30号. */
  document: string;
  /** How the document number is cited in prose: 〔2021〕30号 → year 2021, number 30. */
  cite: { year: number; number: number };
  /** The report years it applies to (inclusive; `to` null: still in force). */
  years: { from: number; to: number | null };
  sections: FormatSection[];
  /**
   * Whether section 六 must say if 信息处理费 were charged: the 2021 format asks it, with
   * 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) in force from 2021.
   */
  feeStatementRequired: boolean;
  proactive: {
    /** The first header cell of every block (信息内容), above the row labels. */
    contentHeader: string;
    blocks: FormatProactiveBlock[];
    /** Column-header words that only this format prints: evidence of the format in a 二 table. */
    ownHeaderWords: string[];
  };
  applications: {
    /** 自然人 … 其他, then 总计 (the last column is the row total). */
    columns: FormatColumn[];
    /** Every entry in printed order, group headings included. */
    entries: FormatApplicationRow[];
    /** The entries that carry numbers, in order. */
    rows: FormatApplicationRow[];
    /** Header words printed above the columns. */
    headerWords: string[];
    /** The note printed in the top-left cell (勾稽关系). */
    cornerNote: string;
  };
  reviews: {
    groups: FormatReviewGroup[];
    /** The five columns of each group; the last one is the group's total. */
    columns: FormatColumn[];
  };
  relations: Relation[];
}
