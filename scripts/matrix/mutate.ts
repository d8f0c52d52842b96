/**
 * The mutation measure on the converter matrix (issue 19): in every reading whose 三 table is read
 * exactly, change 三 cells one at a time (v → v + 1; every STEP-th cell) and ask of each change whether
 * Nianbao pins it with a certain fix that restores the text (in a table with no total written yet, a
 * suggestion on it: the item could be typed before the totals are computed), offers a suggestion that restores it, says
 * the table cannot be read, or misses it — and whether any certain fix changes a cell that was right.
 *
 *   npx tsx scripts/matrix/mutate.ts [--step N] [--tool NAME]
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { checkReport } from '../../server/src/service/check';
import { applyFixes } from '../../server/src/service/fixes';
import { parseReport } from '../../server/src/service/parse';
import { APPLICATION_TOTAL_COLUMN } from '../../server/src/service/format';
import { fixtureText, parseHeader, type ManifestEntry } from './common';
import { evaluate, loadExpected } from './report';

const ROOT = path.resolve(__dirname, '..', '..');
const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'review-total']);
const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const STEP = Number(arg('--step') ?? 3);
const only = arg('--tool');


export interface Tally { mutants: number; pinned: number; suggested: number; unread: number; missed: number; wrongFix: number }

/** Changes the 三 cells of a text read exactly (every step-th, v → v + 1), one at a time, and tallies what Nianbao says of each. */
export function mutateApplications(text: string, step: number, t: Tally = { mutants: 0, pinned: 0, suggested: 0, unread: 0, missed: 0, wrongFix: 0 }, onMissed?: (at: number, from: number, ruleIds: string[]) => void): Tally {
  const model = parseReport(text);
  if (!model.applications) return t;
  const original = checkReport(text, {}, model).findings;
  const cells = model.applications.rows.flatMap(r => r.cells).filter(c => c.kind === 'number' && !original.some(f => ARITHMETIC.has(f.ruleId) && f.range.start <= c.range.start && c.range.end <= f.range.end));
  const apps = model.applications.range;
  const totalCells = new Set(model.applications.rows.flatMap(r => r.cells.filter((_, col) => col === APPLICATION_TOTAL_COLUMN || r.key === 'total')));
  const unwritten = [...totalCells].every(x => (x.value ?? 0) === 0);
  for (let i = 0; i < cells.length; i += step) {
    const c = cells[i];
    const mutant = text.slice(0, c.digits.start) + String(c.value! + 1) + text.slice(c.digits.end);
    const found = checkReport(mutant).findings;
    t.mutants++;
    // Certain fixes inside 三 that change another cell than the one changed.
    const fixes = found.flatMap(f => (f.fix && ARITHMETIC.has(f.ruleId) && f.range.start >= apps.start && f.range.start <= apps.end + 8 ? [f.fix] : []));
    if (fixes.some(fx => applyFixes(mutant, [fx]).text !== text && fx.edits.every(e => e.range.start !== c.digits.start))) t.wrongFix++;
    // In a table with no total written (all 0), an item could be typed before the totals: its way back is a suggestion on it.
    const onCell = found.filter(f => ARITHMETIC.has(f.ruleId) && f.range.start === c.digits.start);
    if (unwritten && !totalCells.has(c) ? onCell.some(f => !f.fix && f.suggestions?.some(x => applyFixes(mutant, [x]).text === text)) : onCell.some(f => f.fix && applyFixes(mutant, [f.fix]).text === text)) t.pinned++;
    else if (found.some(f => ARITHMETIC.has(f.ruleId) && (f.suggestions ?? []).some(s => applyFixes(mutant, [s]).text === text))) t.suggested++;
    else if (found.some(f => f.ruleId === 'table-unreadable')) t.unread++;
    else {
      t.missed++;
      onMissed?.(c.digits.start, c.value!, found.map(f => f.ruleId));
    }
  }
  return t;
}

if (require.main === module) (async () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/matrix/manifest.json'), 'utf8')) as ManifestEntry[];
  const byTool = new Map<string, { mutants: number; pinned: number; suggested: number; unread: number; missed: number; wrongFix: number }>();
  for (const m of manifest) {
    if (only && !m.tool.includes(only)) continue;
    const header = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, m.file))))!;
    const text = await fixtureText(m.file, header.body);
    const result = evaluate({ document: m.document, input: m.input, tool: m.tool, kind: m.kind, file: m.file }, text, loadExpected(m.document));
    if (result.tables['三']?.verdict !== 'exact') continue;
    const key = `${m.input}.${m.tool}`;
    const t = byTool.get(key) ?? { mutants: 0, pinned: 0, suggested: 0, unread: 0, missed: 0, wrongFix: 0 };
    byTool.set(key, t);
    mutateApplications(text, STEP, t, (at, from, ids) => {
      if (process.argv.includes('--verbose')) console.log(`missed ${m.file} @${at} ${from}→${from + 1}: ${ids.join(', ')}`);
    });
  }
  let all = { mutants: 0, pinned: 0, suggested: 0, unread: 0, missed: 0, wrongFix: 0 };
  console.log('tool | changed 三 cells | pinned, certain fix restores | a suggestion restores | said unreadable | missed | a certain fix elsewhere');
  for (const [k, t] of [...byTool].sort()) {
    console.log(`${k} | ${t.mutants} | ${t.pinned} | ${t.suggested} | ${t.unread} | ${t.missed} | ${t.wrongFix}`);
    all = { mutants: all.mutants + t.mutants, pinned: all.pinned + t.pinned, suggested: all.suggested + t.suggested, unread: all.unread + t.unread, missed: all.missed + t.missed, wrongFix: all.wrongFix + t.wrongFix };
  }
  console.log(`all | ${all.mutants} | ${all.pinned} | ${all.suggested} | ${all.unread} | ${all.missed} | ${all.wrongFix}`);
})();
