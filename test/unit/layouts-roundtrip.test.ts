/**
 * Issue 9: each sample report written in each layout real reports arrive in (test/helpers/layouts.ts)
 * reads back with the same 二/三/四 values as the sample (test/helpers/sample-values.ts, written by
 * reading the reports), and no layout makes the checks report an arithmetic error that is not in
 * the report. The hand-made fixtures in test/fixtures/layouts/ are real reports in these layouts.
 *
 * Cases the parser cannot read yet are listed in NOT_YET_READ / NOT_YET_SAFE with the reason: they
 * run as pending tests, so the suite stays green while the list shrinks.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import fc from 'fast-check';
import { checkReport } from '../../server/src/service/check';
import { reportToJson, type ReportJson } from '../../server/src/service/json';
import { parseReport, parseReportStrict } from '../../server/src/service/parse';
import { STEPS_PER_DIGIT } from '../../server/src/service/parse/glued';
import { fixturePath, type CorpusId } from '../helpers/corpus';
import { LAYOUTS, sampleInLayout, type Layout, type Unsure } from '../helpers/layouts';
import { allRanges } from '../helpers/model';
import { FIXTURE_VALUES, SAMPLE_IDS, sampleValues, type TrueValues } from '../helpers/sample-values';

type Case = CorpusId | string;
/** What a case checks: the tables' values, the six section headings, the real arithmetic error found. */
type Check = 'tables' | 'sections' | 'real error';

/**
 * Sample × layout (or fixture, layout '*') that the parser does not read back yet, and why: what it
 * gets wrong today. Each entry turns one test into a pending one; delete the entry when it passes.
 */
const NOT_YET_READ: [Case, Layout | '*', Check, string][] = [
];

/** Cases where the checks still report an arithmetic error that is not in the report (none today). */
const NOT_YET_SAFE: [Case, Layout | '*', string][] = [];

function notYetRead(id: Case, layout: Layout | '*', check: Check): string | undefined {
  return NOT_YET_READ.find(([i, l, c]) => i === id && (l === layout || l === '*') && c === check)?.[3];
}

function notYetSafe(id: Case, layout: Layout | '*'): string | undefined {
  return NOT_YET_SAFE.find(([i, l]) => i === id && (l === layout || l === '*'))?.[2];
}

const ARITHMETIC = ['row-total', 'column-total', 'balance', 'review-total'];

/** A value read where the truth is `expected`: exact, or (where the layout lost it) null. */
function sameOrUnread(actual: (number | null)[], expected: (number | null)[], unsure: boolean): boolean {
  return actual.length === expected.length && actual.every((v, i) => v === expected[i] || (unsure && v === null));
}

/** The parts of a reading the layouts must keep, side by side with the truth, for one readable diff. */
function compare(json: ReportJson, truth: TrueValues, unsure: Unsure) {
  const actual = {
    template: json.template,
    proactive: json.tables.proactive.map(b => ({ item: b.item, rows: b.rows.map(r => ({ key: r.key, values: r.values })) })),
    applications: (json.tables.applications?.rows ?? []).map(r => ({ key: r.key, values: r.values })),
    reviews: json.tables.reviews?.values ?? null,
  };
  const expected = {
    template: truth.template,
    proactive: truth.proactive.map(b => ({
      item: b.item,
      rows: b.rows.map(r => {
        const got = actual.proactive.find(x => x.item === b.item)?.rows.find(x => x.key === r.key);
        // A row the layout glued beyond recovery may stay unread, never misread.
        const tolerated = got && unsure.proactive.has(r.key) && sameOrUnread(got.values, r.values, true);
        return { key: r.key, values: tolerated ? got.values : r.values };
      }),
    })),
    applications: truth.applications.map(r => {
      const got = actual.applications.find(x => x.key === r.key);
      const tolerated = got && unsure.applications.has(r.key) && sameOrUnread(got.values, r.values, true);
      return { key: r.key, values: tolerated ? got.values : r.values };
    }),
    reviews: actual.reviews && unsure.reviews && sameOrUnread(actual.reviews, truth.reviews, true) ? actual.reviews : truth.reviews,
  };
  return { actual, expected };
}

/** Arithmetic errors as [rule, the text they point at]. */
function arithmeticErrors(text: string): [string, string][] {
  const { findings, failures } = checkReport(text);
  assert.deepStrictEqual(failures, [], 'no rule failed');
  return findings
    .filter(f => ARITHMETIC.includes(f.ruleId) && f.severity === 'error')
    // A finding on a cell shows its number; a finding on a group of cells, the group's numbers.
    .map(f => [f.ruleId, (text.slice(f.range.start, f.range.end).match(/\d+/g) ?? []).join(' ')]);
}

/** The one arithmetic error in the samples: 002's 行政复议 group, 14 + 4 + 0 + 0 with the total printed as 9. */
const REAL_ARITHMETIC_ERRORS: Partial<Record<Case, [string, string][]>> = {
  '002': [['review-total', '14 4 0 0 9']],
};

function itUnless(reason: string | undefined, title: string, fn: () => void) {
  if (reason) it.skip(`PENDING (${reason}): ${title}`, fn);
  else it(title, fn);
}

describe('layouts: each sample in each layout reads back the same tables', () => {
  for (const id of SAMPLE_IDS) {
    for (const layout of LAYOUTS) {
      describe(`${id} as ${layout}`, () => {
        const { text, unsure } = sampleInLayout(id, layout);
        const truth = sampleValues(id);

        itUnless(notYetRead(id, layout, 'tables'), 'reads the same format, 二, 三 and 四 values', () => {
          const { actual, expected } = compare(reportToJson(parseReport(text), `${id}-${layout}`), truth, unsure);
          assert.deepStrictEqual(actual, expected);
        });

        itUnless(notYetRead(id, layout, 'sections'), 'finds the six section headings', () => {
          assert.deepStrictEqual(parseReport(text).sections.map(s => s.no), [1, 2, 3, 4, 5, 6]);
        });

        itUnless(notYetSafe(id, layout), 'reports no arithmetic error that is not in the report', () => {
          const real = REAL_ARITHMETIC_ERRORS[id] ?? [];
          const errors = arithmeticErrors(text);
          assert.deepStrictEqual(errors.filter(e => !real.some(r => r[0] === e[0] && r[1] === e[1])), []);
        });

        const real = REAL_ARITHMETIC_ERRORS[id];
        if (real && !unsure.reviews) {
          itUnless(notYetRead(id, layout, 'real error'), `finds the arithmetic error in the report: ${real.map(e => e.join(' on ')).join(', ')}`, () => {
            assert.deepStrictEqual(arithmeticErrors(text), real);
          });
        }
      });
    }
  }
});

describe('layouts: real reports (test/fixtures/layouts)', () => {
  const dir = fixturePath('layouts');
  for (const file of readdirSync(dir).sort()) {
    const name = file.replace(/\.(txt|md)$/, '');
    const fixture = FIXTURE_VALUES[name];
    describe(file, () => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');

      it('names its source in a header comment', () => {
        assert.match(text.split('\n')[0], /^<!-- .*(https?:\/\/|github:)\S+.* -->$/);
      });

      it('has its true values written down', () => assert.ok(fixture, `FIXTURE_VALUES['${name}']`));
      if (!fixture) return;

      itUnless(notYetRead(name, '*', 'tables'), 'reads the tables as written', () => {
        const { actual, expected } = compare(reportToJson(parseReport(text), file), fixture.values, fixture.unsure);
        // A fixture may hold only some of the tables (a page of a report): compare those.
        if (!fixture.whole) actual.template = expected.template;
        if (!fixture.values.proactive.length) actual.proactive = [];
        if (!fixture.values.applications.length) actual.applications = [];
        if (!fixture.values.reviews.length) actual.reviews = [];
        assert.deepStrictEqual(actual, expected);
      });

      itUnless(notYetSafe(name, '*'), 'reports no arithmetic error that is not in the report', () => {
        const real = fixture.arithmeticErrors;
        assert.deepStrictEqual(arithmeticErrors(text).filter(e => !real.some(r => r[0] === e[0] && r[1] === e[1])), []);
      });

      if (fixture.arithmeticErrors.length) {
        itUnless(notYetRead(name, '*', 'real error'), 'finds the arithmetic errors in the report', () => {
          assert.deepStrictEqual(arithmeticErrors(text), fixture.arithmeticErrors);
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------

const samplesInLayouts = SAMPLE_IDS.flatMap(id => LAYOUTS.map(layout => sampleInLayout(id, layout).text));

function checkInside(text: string): void {
  const m = parseReportStrict(text);
  for (const [name, r] of allRanges(m)) {
    assert.ok(0 <= r.start && r.start <= r.end && r.end <= text.length, `${name}: ${r.start}..${r.end} inside 0..${text.length}`);
  }
  const { findings, failures } = checkReport(text, {}, m);
  assert.deepStrictEqual(failures, []);
  for (const f of findings) {
    assert.ok(0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= text.length, `${f.ruleId}: ${f.range.start}..${f.range.end}`);
    for (const fix of f.fix ? [f.fix] : []) {
      for (const e of fix.edits) assert.ok(0 <= e.range.start && e.range.end <= text.length, `${f.ruleId} fix inside`);
    }
  }
}

function workFor(text: string): number {
  const meter = { units: 0 };
  parseReportStrict(text, { meter });
  return meter.units;
}

/** A 三 table whose rows are label + all seven numbers glued, the numbers random up to `digits` long. */
function gluedTable(seed: number, digits: number): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) >>> 0) >>> 8;
  const number = () => String(next() % 10 ** (1 + (next() % digits)));
  const labels = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '（二）部分公开', '1.属于国家秘密', '2.其他法律行政法规禁止公开', '1.本机关不掌握相关政府信息', '（七）总计', '四、结转下年度继续办理'];
  const rows = labels.map(l => {
    const xs = Array.from({ length: 6 }, number);
    return l + xs.join('') + xs.reduce((a, b) => a + Number(b), 0);
  });
  return '三、收到和处理政府信息公开申请情况' + rows.join('') + '四、政府信息公开行政复议、行政诉讼情况' + Array.from({ length: 15 }, number).join('');
}

describe('layouts: properties', function () {
  // Work is counted, not timed; the generous timeout only keeps a loaded machine from failing the run.
  this.timeout(120000);
  it('never throws and keeps every range inside the document, on every layout of every sample, damaged at random', () => {
    fc.assert(
      fc.property(
        fc.nat(samplesInLayouts.length - 1),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(300), insert: fc.constantFrom('', '\t', '\u00a0', '\u3000', '|', '\n', '0', '12', '\f', '| --- |', '— 3 —') }), { maxLength: 5 }),
        (i, edits) => {
          let text = samplesInLayouts[i];
          for (const e of edits) {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
          }
          checkInside(text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on glued tables of random numbers', () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 8 }), (seed, digits) => checkInside(gluedTable(seed, digits))), { numRuns: 60 });
  });

  it('does work linear in the length of a 2 MB single line', () => {
    const line = sampleInLayout('000', 'crawled-glued').text.replace(/\n/g, '');
    const of = (size: number) => line.repeat(Math.ceil(size / line.length)).slice(0, size);
    const quarter = workFor(of(512 * 1024));
    const whole = workFor(of(2 * 1024 * 1024));
    assert.ok(whole <= 4 * 1.5 * quarter + 1000, `work ${whole} for 2 MB, ${quarter} for 512 KB`);
  });

  it('does work linear in the length of the glued digit runs of a table', () => {
    fc.assert(
      fc.property(fc.nat(), seed => {
        const short = workFor(gluedTable(seed, 4));
        const table = gluedTable(seed, 16);
        const long = workFor(table);
        const digits = table.replace(/\D/g, '').length;
        // The splits of a run are searched within a budget of steps per digit (two searches: each run's
        // splits, then the runs together); what the longer runs cost beyond the shorter table's whole
        // parse stays within that budget, linear in their digits. (Compared with four times the short
        // table's work, it held only while label matching added a large constant to both.)
        assert.ok(long <= short + 1.5 * 2 * STEPS_PER_DIGIT * digits, `work ${long} for 16-digit numbers (${digits} digits), ${short} for 4-digit ones`);
      }),
      { numRuns: 20 },
    );
  });
});
