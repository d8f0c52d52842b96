/**
 * A count of the parser's elementary steps (characters scanned, matrix cells filled), so that a
 * test can check that work grows linearly with the input without timing anything.
 */
export const work = { units: 0 };
