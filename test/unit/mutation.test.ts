/**
 * Mutation test on the sample reports: change every number of every 三 and 四 table, one at a
 * time, and check that the change is found — for the 三 table, on the changed cell, with a fix that
 * restores the original text exactly.
 */
import * as assert from 'assert';
import { checkReport } from '../../server/src/service/check';
import { applyFixes } from '../../server/src/service/fixes';
import { parseReport, type Cell } from '../../server/src/service/parse';
import { CORPUS, corpusText, type CorpusId } from '../helpers/corpus';

const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'review-total']);

function mutations(v: number): number[] {
  return [v + 1, v === 0 ? 7 : 0, v * 10 + v];
}

function signature(findings: { ruleId: string; range: { start: number }; message: { zh: string } }[]): string {
  return findings.map(f => `${f.ruleId}@${f.range.start}:${f.message.zh}`).join('\n');
}

describe('mutation test on the sample reports', function () {
  this.timeout(120000);
  const totals = { appsMutants: 0, appsFound: 0, appsOnCell: 0, appsRestored: 0, revMutants: 0, revFound: 0, revRestored: 0 };

  for (const id of Object.keys(CORPUS) as CorpusId[]) {
    it(`finds every changed number in report ${id}`, () => {
      const text = corpusText(id);
      const model = parseReport(text);
      const baseline = signature(checkReport(text).findings);
      const cells: [Cell, 'applications' | 'reviews'][] = [
        ...model.applications!.rows.flatMap(r => r.cells.map(c => [c, 'applications'] as [Cell, 'applications'])),
        ...model.reviews!.cells.map(c => [c, 'reviews'] as [Cell, 'reviews']),
      ];
      const misses: string[] = [];
      for (const [cell, table] of cells) {
        if (cell.kind !== 'number') continue;
        for (const v of mutations(cell.value!)) {
          if (v === cell.value) continue;
          const mutant = text.slice(0, cell.digits.start) + String(v) + text.slice(cell.digits.end);
          const result = checkReport(mutant);
          const found = result.findings.filter(f => ARITHMETIC.has(f.ruleId) && f.severity === 'error');
          const changed = signature(result.findings) !== baseline;
          const where = `${id} ${table} cell at ${cell.digits.start} ${cell.value}→${v}`;
          if (table === 'applications') {
            totals.appsMutants++;
            if (found.length && changed) totals.appsFound++;
            else misses.push(`${where}: not found`);
            const onCell = found.find(f => f.range.start === cell.digits.start);
            if (onCell) totals.appsOnCell++;
            else misses.push(`${where}: not on the cell`);
            if (onCell?.fix && applyFixes(mutant, [onCell.fix]).text === text) totals.appsRestored++;
            else misses.push(`${where}: fix does not restore`);
          } else {
            totals.revMutants++;
            if (found.length && changed) totals.revFound++;
            else misses.push(`${where}: not found`);
            const restoring = found.find(f => f.fix && applyFixes(mutant, [f.fix]).text === text);
            if (restoring) totals.revRestored++;
          }
        }
      }
      assert.deepStrictEqual(misses, []);
    });
  }

  after(() => {
    const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '–'}%)`;
    console.log(`      三表 mutants: found ${pct(totals.appsFound, totals.appsMutants)}, on the changed cell ${pct(totals.appsOnCell, totals.appsMutants)}, fix restores exactly ${pct(totals.appsRestored, totals.appsMutants)}`);
    console.log(`      四表 mutants: found ${pct(totals.revFound, totals.revMutants)}, one fix restores exactly ${pct(totals.revRestored, totals.revMutants)}`);
  });
});
