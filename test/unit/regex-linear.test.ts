/**
 * Issue 14, the parser's side: the patterns that parse/ applies to user text run in linear time.
 * Each is timed on 100,000-character adversarial inputs (the shapes that made the old patterns
 * backtrack: long runs of spaces after a partial match, an unclosed `<!--` repeated) against a
 * linear baseline measured in the same run on the same input: one pass that looks at every character.
 * The bound is generous (a factor of 200): a quadratic pattern on 100k characters is ten thousand
 * times slower than one pass, a linear one a few times.
 */
import * as assert from 'assert';
import { parseReport } from '../../server/src/service/parse';
import { readPeriod } from '../../server/src/service/parse/meta';
import { stripMarkup } from '../../server/src/service/parse/sections';
import { blankComments, isFooter, readSource } from '../../server/src/service/parse/text';
import { isPipeSeparator, parseNumber } from '../../server/src/service/parse/tokens';

const SIZE = 100_000;
const FACTOR = 200;
/** Timer resolution and garbage collection: below this, nothing is measured. */
const FLOOR_MS = 20;

function fill(head: string, unit: string, tail = ''): string {
  return head + unit.repeat(Math.ceil((SIZE - head.length - tail.length) / unit.length)) + tail;
}

/** The fastest of a few runs, in milliseconds. */
function time(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** A linear pass over the text: reads every character once. */
function baseline(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x20) n++;
  return n;
}

const mapped = (text: string) => ({ text, offsets: Array.from({ length: text.length }, (_, i) => i) });

interface Case {
  name: string;
  input: string;
  run: (input: string) => unknown;
}

const CASES: Case[] = [
  // parse/meta.ts: the statistics period (16 s for 2,000 spaces before)
  { name: 'statistics period, spaces after 日', input: fill('统计期限自2023年1月1日', ' '), run: t => readPeriod(mapped(t)) },
  { name: 'statistics period, U+3000 after 日', input: fill('统计期限自2023年1月1日', '\u3000'), run: t => readPeriod(mapped(t)) },
  { name: 'statistics period, spaces around 起 and ，', input: fill('统计期限自2023年1月1日起', ' ', '，'), run: t => readPeriod(mapped(t)) },
  { name: 'statistics period, 统计 repeated', input: fill('', '统计 自2023年1月1日 '), run: t => readPeriod(mapped(t)) },
  // parse/text.ts: comments and footers
  { name: 'unclosed <!-- repeated', input: fill('', '<!--'), run: blankComments },
  { name: 'unclosed <!-- repeated, whole source', input: fill('', '<!--'), run: readSource },
  { name: '<!-- -- repeated', input: fill('', '<!-- --'), run: blankComments },
  { name: 'footer-like line with spaces', input: fill('第3页', ' ', 'x'), run: isFooter },
  { name: 'footer-like line, 第 页 repeated', input: fill('', '第3页 '), run: isFooter },
  // parse/sections.ts: markup around a heading
  { name: 'heading followed by spaces and a letter', input: fill('一、总体情况', ' ', 'x'), run: stripMarkup },
  { name: 'markup characters and spaces', input: fill('#', ' *#', 'x'), run: stripMarkup },
  // parse/tokens.ts: the pipe separator and numbers
  { name: 'pipe followed by spaces', input: fill('|', ' ', 'x'), run: isPipeSeparator },
  { name: 'separator cell followed by spaces', input: fill('| --', ' ', 'x'), run: isPipeSeparator },
  { name: 'separator cells repeated, broken at the end', input: fill('', '| --- ', '| x'), run: isPipeSeparator },
  { name: 'digits without end', input: fill('', '1', 'x'), run: parseNumber },
  { name: 'thousands groups broken at the end', input: fill('1', ',000', ',00x'), run: parseNumber },
];

describe('parse/ patterns run in linear time on adversarial text', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.input.length.toLocaleString('en')} characters`, () => {
      assert.ok(c.input.length >= SIZE);
      const base = time(() => baseline(c.input));
      const took = time(() => c.run(c.input));
      assert.ok(took <= FACTOR * base + FLOOR_MS, `${took.toFixed(1)} ms against a linear pass of ${base.toFixed(2)} ms`);
    });
  }

  it('the whole parser on each adversarial text, against parsing ordinary report text of the same length', function () {
    // Sixteen parses of 100k characters: slow on a loaded machine, whatever the patterns do.
    this.timeout(180_000);
    const ordinary = fill('', '一、总体情况\n本机关全年主动公开政府信息1200条，其中通过政府网站公开1000条。\n');
    const base = time(() => parseReport(ordinary));
    for (const c of CASES) {
      const t = performance.now();
      parseReport(c.input);
      const took = performance.now() - t;
      assert.ok(took <= 10 * base + FLOOR_MS, `${c.name}: ${took.toFixed(1)} ms against ${base.toFixed(1)} ms`);
    }
  });
});
