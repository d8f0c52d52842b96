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

/** Edits in the order they apply from the end of the text backwards (insertions at one point keep their order). */
function backwards(edits: TextEdit[]): TextEdit[] {
  return edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range.start - a.e.range.start || b.i - a.i).map(x => x.e);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of backwards(edits)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export function applyFixes(text: string, fixes: Fix[]): FixResult {
  const { applied, skipped } = compatibleFixes(fixes);
  return { text: applyEdits(text, applied.flatMap(f => f.edits)), applied, skipped };
}

/**
 * Edits against the original text with the effect of `earlier` (against the original) followed by
 * `later` (against the text `earlier` made). A later edit that touches text an earlier edit wrote is
 * merged with it, so the result never covers more than the two rounds changed.
 */
export function composeEdits(original: string, earlier: TextEdit[], later: TextEdit[]): TextEdit[] {
  const middle = applyEdits(original, earlier);
  // Each earlier edit, with where its text stands in the middle text.
  let delta = 0;
  const placed = [...earlier].sort((a, b) => a.range.start - b.range.start).map(e => {
    const start = e.range.start + delta;
    delta += e.newText.length - (e.range.end - e.range.start);
    return { edit: e, mid: { start, end: start + e.newText.length }, shiftAfter: delta };
  });
  // An original offset for a middle offset that no earlier edit's text covers.
  const toOriginal = (p: number) => {
    let shift = 0;
    for (const x of placed) if (x.mid.end <= p) shift = x.shiftAfter;
    return p - shift;
  };
  // Group earlier and later edits that touch (closed intervals in the middle text).
  type Member = { mid: { start: number; end: number }; earlier?: TextEdit; later?: TextEdit };
  const members: Member[] = [...placed.map(x => ({ mid: x.mid, earlier: x.edit })), ...later.map(e => ({ mid: e.range, later: e }))]
    .sort((a, b) => a.mid.start - b.mid.start || a.mid.end - b.mid.end);
  const groups: Member[][] = [];
  let end = -Infinity;
  for (const m of members) {
    if (groups.length && m.mid.start <= end) {
      groups[groups.length - 1].push(m);
      end = Math.max(end, m.mid.end);
    } else {
      groups.push([m]);
      end = m.mid.end;
    }
  }
  const out: TextEdit[] = [];
  for (const g of groups) {
    const olds = g.filter(m => m.earlier);
    const news = g.filter(m => m.later).map(m => m.later!);
    if (!news.length) {
      out.push(...olds.map(m => m.earlier!));
      continue;
    }
    const from = Math.min(...g.map(m => m.mid.start));
    const to = Math.max(...g.map(m => m.mid.end));
    const firstOld = olds.find(m => m.mid.start === from);
    const lastOld = [...olds].reverse().find(m => m.mid.end === to);
    const start = firstOld ? firstOld.earlier!.range.start : toOriginal(from);
    const stop = lastOld ? lastOld.earlier!.range.end : toOriginal(to);
    const newText = applyEdits(middle.slice(from, to), news.map(e => ({ range: { start: e.range.start - from, end: e.range.end - from }, newText: e.newText })));
    out.push({ range: { start, end: stop }, newText });
  }
  return out;
}

/** A fix can make room for another (a heading inserted, then its table found): rounds until nothing changes. */
export const FIX_ROUNDS = 4;

export interface StableFixResult<R> {
  text: string;
  /** The whole change as edits against the original text. */
  edits: TextEdit[];
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
  first: R = analyse(text),
): StableFixResult<R> {
  const original = text;
  let result = first;
  let fixed = 0;
  let edits: TextEdit[] = [];
  for (let round = 0; round < rounds; round++) {
    const fixes = fixesOf(result);
    if (!fixes.length) break;
    const applied = applyFixes(text, fixes);
    if (applied.text === text) break;
    fixed += applied.applied.length;
    edits = round === 0 ? applied.applied.flatMap(f => f.edits) : composeEdits(original, edits, applied.applied.flatMap(f => f.edits));
    text = applied.text;
    result = analyse(text);
  }
  return { text, edits, fixed, result };
}
