/**
 * The five sample reports, read by a person: every expectation below was written by reading the
 * report text (line numbers from `cat -n`), not by running the parser; they live in
 * test/helpers/sample-values.ts, shared with the layout round-trip tests.
 */
import * as assert from 'assert';
import { reportToJson, type ReportJson } from '../../server/src/service/json';
import { parseReport } from '../../server/src/service/parse';
import { CORPUS, corpusText, expectedRows, type CorpusId } from '../helpers/corpus';
import { SAMPLE_READING } from '../helpers/sample-values';

const EXPECTED = SAMPLE_READING;

describe('the five sample reports, as a reader sees them', () => {
  for (const id of Object.keys(CORPUS) as CorpusId[]) {
    const exp = EXPECTED[id];
    describe(`report ${id}`, () => {
      let json: ReportJson;
      before(() => {
        json = reportToJson(parseReport(corpusText(id)), CORPUS[id]);
      });

      it(`is a ${exp.year} report in the ${exp.template} format by ${exp.agency}`, () => {
        assert.strictEqual(json.template, exp.template);
        assert.strictEqual(json.year, exp.year);
        assert.strictEqual(json.agency, exp.agency);
      });

      it('has its six sections on the right lines', () => {
        assert.deepStrictEqual(json.sections.map(s => [s.line, s.heading]), exp.sections);
        assert.deepStrictEqual(json.sections.map(s => s.no), [1, 2, 3, 4, 5, 6]);
      });

      it('has every row of the section 三 table with its 7 values', () => {
        const rows = expectedRows(exp.applications);
        assert.strictEqual(rows.length, exp.template === '2021' ? 25 : 23);
        const apps = json.tables.applications!;
        assert.ok(apps, 'section 三 table found');
        assert.strictEqual(apps.line, exp.applicationsLine);
        assert.deepStrictEqual(
          apps.rows.map(r => ({ key: r.key, line: r.line, values: r.values })),
          rows,
        );
      });

      it('has the 15 values of the section 四 table', () => {
        assert.deepStrictEqual(json.tables.reviews, { line: exp.reviewsLine, values: exp.reviews });
      });

      it('has the section 二 tables', () => {
        assert.deepStrictEqual(
          json.tables.proactive.map(b => ({ item: b.item, rows: b.rows.map(r => [r.label, r.line, r.values]) })),
          exp.proactive,
        );
      });
    });
  }
});
