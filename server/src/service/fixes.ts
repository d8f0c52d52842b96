/** One function applies fixes everywhere: quick fix, fix-all, the CLI's --fix and the tests. */
import type { Fix, TextEdit } from './rules/types';

export interface FixResult {
  text: string;
  applied: Fix[];
  /** Fixes left out because they overlap one applied before them. */
  skipped: Fix[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point do not conflict; they go in the order given.
  if (a.range.start === a.range.end && b.range.start === b.range.end) return false;
  return a.range.start < b.range.end && b.range.start < a.range.end
    || (a.range.start === a.range.end && a.range.start > b.range.start && a.range.start < b.range.end)
    || (b.range.start === b.range.end && b.range.start > a.range.start && b.range.start < a.range.end);
}

/** The fixes that can be applied together, in order, leaving out any that conflicts with an earlier one. */
export function compatibleFixes(fixes: Fix[]): { applied: Fix[]; skipped: Fix[] } {
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    if (fix.edits.some(e => taken.some(t => overlaps(e, t)))) {
      skipped.push(fix);
      continue;
    }
    applied.push(fix);
    taken.push(...fix.edits);
  }
  return { applied, skipped };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range.start - a.e.range.start || b.i - a.i);
  let out = text;
  for (const { e } of ordered) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export function applyFixes(text: string, fixes: Fix[]): FixResult {
  const { applied, skipped } = compatibleFixes(fixes);
  return { text: applyEdits(text, applied.flatMap(f => f.edits)), applied, skipped };
}

/** A fix can make room for another (a heading inserted, then its table found): rounds until nothing changes. */
export const FIX_ROUNDS = 4;

export interface StableFixResult<R> {
  text: string;
  /** How many fixes were applied over all rounds. */
  fixed: number;
  /** The analysis of the final text. */
  result: R;
}

/**
 * Apply the fixes an analysis offers, analyse again, repeat until no fix changes the text. The CLI's
 * `--fix`, the editor's fix-all and `source.fixAll.nianbao` all go through here, so they agree.
 */
export function fixUntilStable<R>(
  text: string,
  analyse: (text: string) => R,
  fixesOf: (result: R) => Fix[],
  rounds = FIX_ROUNDS,
): StableFixResult<R> {
  let result = analyse(text);
  let fixed = 0;
  for (let round = 0; round < rounds; round++) {
    const fixes = fixesOf(result);
    if (!fixes.length) break;
    const applied = applyFixes(text, fixes);
    if (applied.text === text) break;
    fixed += applied.applied.length;
    text = applied.text;
    result = analyse(text);
  }
  return { text, fixed, result };
}
