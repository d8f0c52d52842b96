/** The units a table cell may write after its number (`60516万元`, `182个`, `35%`): one list for every reader. */
export const CELL_UNITS = ['万元', '亿元', '元', '个', '件', '项', '条', '次', '%'] as const;

/** `CELL_UNITS` as a regular-expression alternation (no group of its own). */
export const CELL_UNIT = CELL_UNITS.join('|');
