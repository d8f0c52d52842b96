/**
 * Every regular expression that may see user text runs in linear time. Once, the statistics-period
 * pattern took 16 s on a date followed by 2,000 spaces, and the server answered nothing meanwhile.
 *
 * - A lint: no nested quantifier (`(a+)+`, `(\s*x)*`) in server/src or client/src.
 * - A timing: each pattern (the literals in the sources, and those the rules build at run time) on
 *   adversarial inputs made from its own characters and literal runs, first 2,000 characters long to
 *   find the worst, then 100,000: each must take no more than a generous multiple of a linear pass
 *   over the same input, timed in the same run (CPU time, so that the ratio does not grow with the
 *   machine's load). A pattern that backtracks without end is stopped (a
 *   worker thread with a time budget) and named with the input that hung it.
 *
 * A pattern that cannot be fixed at once goes in PENDING with the reason (a stale entry fails); the list
 * is empty now.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { Worker } from 'worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkReport, compareReports } from '../../server/src/service/check';
import { parseReport } from '../../server/src/service/parse';
import { isValueText } from '../../server/src/readers/layout';
import { fromTitle } from '../../server/src/service/across';
import { LAYOUTS, sampleInLayout } from '../helpers/layouts';
import { createLanguageService } from '../../server/src/service/languageService';
import { CORPUS, corpusText, ROOT } from '../helpers/corpus';
import { regexShape } from '../helpers/regex-shape';

/** Patterns known to fail, by source text: each to be fixed by the work named, then removed from here. */
const PENDING: Record<string, string> = {};

/** A linear pattern takes at most this many times a plain pass over the input (plus FLOOR_MS of noise). */
const RATIO = 1000;
const FLOOR_MS = 25;
const SCREEN_LENGTH = 2000;
const LENGTH = 100_000;
/** Worst inputs of the screening timed at full length. */
const WORST = 6;

interface Pattern {
  source: string;
  flags: string;
  /** Where it is written (file:line), or how it was met (built at run time). */
  where: string;
}

function sourceFiles(dir: string): string[] {
  return ts.sys.readDirectory(path.join(ROOT, dir), ['.ts']);
}

/** The regex literals in the sources, with where they are. */
function literalPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const file of [...sourceFiles('server/src'), ...sourceFiles('client/src')]) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        out.push({ source: text.slice(1, end), flags: text.slice(end + 1), where: `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Where `new RegExp(…)` builds patterns: they are met by running the engine. */
function constructedSites(): string[] {
  const out: string[] = [];
  for (const file of [...sourceFiles('server/src'), ...sourceFiles('client/src')]) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/\bnew RegExp\(/.test(line)) out.push(`${path.relative(ROOT, file)}:${i + 1}`);
    });
  }
  return out;
}

/** Every pattern executed while the engine and its features run on the corpus (in every layout), the readers' cell test, and the pairing across reports. */
function patternsMetAtRunTime(): Pattern[] {
  const met = new Map<string, Pattern>();
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    // `split` copies the pattern with the sticky flag: the same pattern.
    const flags = this.flags.replace('y', '');
    met.set(`${this.source}/${flags}`, { source: this.source, flags, where: 'built at run time' });
    return exec.call(this, s);
  };
  try {
    const service = createLanguageService({ locale: 'zh' });
    for (const id of Object.keys(CORPUS) as (keyof typeof CORPUS)[]) {
      const text = corpusText(id);
      checkReport(text);
      const doc = TextDocument.create(`file:///${id}.txt`, 'nianbao', 1, text);
      service.diagnostics(doc);
      service.documentSymbols(doc);
      service.inlayHints(doc);
      service.completion(doc, { line: 3, character: 0 });
      service.hover(doc, { line: 20, character: 2 });
      // The patterns built for the other layouts (glued runs, units apart) and for a reader's cells.
      for (const layout of LAYOUTS) checkReport(sampleInLayout(id, layout).text);
      for (const line of text.split('\n')) isValueText(line);
    }
    // And those that pair reports across years.
    compareReports((Object.keys(CORPUS) as (keyof typeof CORPUS)[]).map(id => ({ id, text: corpusText(id), model: parseReport(corpusText(id)) })));
    for (const id of Object.keys(CORPUS) as (keyof typeof CORPUS)[]) fromTitle(parseReport(corpusText(id)).title?.value ?? '');
  } finally {
    RegExp.prototype.exec = exec;
  }
  return [...met.values()];
}

interface Recipe {
  prefix: string;
  unit: string;
  suffix: string;
}

/**
 * Inputs made of the pattern's own pieces: each character repeated, pairs, literal runs; after each
 * literal run and after each beginning of a match, runs of blanks, digits and letters.
 */
function recipes(p: Pattern): Recipe[] {
  const { alphabet, literals, prefixes } = regexShape(p.source, p.flags);
  const chars = alphabet.slice(0, 40);
  const units = new Set<string>([...chars, ' \u3000', '1 ', '| ', '|-', ' \n', '\r\n', '1\n', ' 1', '\t1']);
  for (const l of literals) {
    units.add(l);
    for (const c of chars.slice(0, 8)) units.add(l + c);
  }
  const pairs = chars.slice(0, 10);
  for (const a of pairs) for (const b of pairs) if (a !== b) units.add(a + b);
  const out: Recipe[] = [];
  for (const unit of units) for (const suffix of ['\u0000', '']) out.push({ prefix: '', unit, suffix });
  // After each literal run (the start of a match, `统计期限自2023年1月1日`), each single character.
  for (const prefix of literals.slice(0, 6)) for (const unit of [...chars, ' \u3000', '1 ']) out.push({ prefix, unit, suffix: '\u0000' });
  // After each beginning of a match, the blanks, digits and letters reports are full of.
  const fillers = [...new Set([' ', '\u3000', '\t', '\n', '\r\n', '1', 'a', '中', ' 1', '1 ', ...chars.slice(0, 6)])];
  for (const prefix of prefixes.slice(0, 48)) for (const unit of fillers) out.push({ prefix, unit, suffix: '\u0000' });
  return out;
}

const WORKER = `
const { parentPort } = require('worker_threads');
let sink = 0;
const build = (r, n) => r.prefix + r.unit.repeat(Math.max(1, Math.ceil((n - r.prefix.length - r.suffix.length) / r.unit.length))) + r.suffix;
const apply = (re, s) => {
  re.lastIndex = 0;
  if (re.global) s.replace(re, '');
  else sink ^= re.exec(s) ? 1 : 0;
};
const pass = s => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  sink ^= h;
};
// CPU time, not the clock: on a loaded machine a long run is preempted more often than a short one,
// so the clock's ratio of the two grows with the load (a CI run failed so). The test's main thread
// waits meanwhile, so the process's CPU time is this thread's.
const time = (fn, reps) => {
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1e3);
  }
  return best;
};
parentPort.on('message', ({ source, flags, recipes, n, reps }) => {
  const re = new RegExp(source, flags);
  const out = [];
  for (let k = 0; k < recipes.length; k++) {
    parentPort.postMessage({ progress: k });
    const s = build(recipes[k], n);
    out.push([time(() => apply(re, s), reps), time(() => pass(s), reps)]);
  }
  parentPort.postMessage({ done: out });
});
`;

/** Times patterns in a worker thread that is stopped (and replaced) when a pattern runs over budget. */
class Timer {
  private worker: Worker | null = null;

  run(p: Pattern, list: Recipe[], n: number, reps: number, budgetMs: number): Promise<[number, number][] | { hung: Recipe }> {
    this.worker ??= new Worker(WORKER, { eval: true });
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      let at = 0;
      const timer = setTimeout(() => {
        worker.removeAllListeners();
        void worker.terminate();
        this.worker = null;
        resolve({ hung: list[at] });
      }, budgetMs);
      worker.on('message', (m: { progress?: number; done?: [number, number][] }) => {
        if (m.progress !== undefined) at = m.progress;
        if (m.done) {
          clearTimeout(timer);
          worker.removeAllListeners('message');
          worker.removeAllListeners('error');
          resolve(m.done);
        }
      });
      worker.once('error', e => {
        clearTimeout(timer);
        reject(e);
      });
      worker.postMessage({ source: p.source, flags: p.flags, recipes: list, n, reps });
    });
  }

  async close() {
    await this.worker?.terminate();
    this.worker = null;
  }
}

const show = (r: Recipe) => JSON.stringify(`${r.prefix}${r.unit}…${r.suffix}`);

describe('regular expressions on user text run in linear time', function () {
  this.timeout(600000);
  const literal = literalPatterns();
  const runtime = patternsMetAtRunTime().filter(r => !literal.some(l => l.source === r.source));
  const all = [...literal, ...runtime];

  it('finds the patterns: the literals in the sources, and those built at run time', () => {
    assert.ok(literal.length > 50, `${literal.length} literals`);
    // Each `new RegExp` in the sources gave patterns that ran on the corpus.
    assert.ok(constructedSites().length === 0 || runtime.length > 0, `built at ${constructedSites().join(', ')}, none met`);
  });

  it('has no nested quantifier (`(a+)+`, `(\\s*x)*`) outside the pending list', () => {
    const nested = all.filter(p => !PENDING[p.source]).flatMap(p => regexShape(p.source, p.flags).nested.map(n => `${p.where}: /${p.source}/ nests ${n}`));
    assert.deepStrictEqual(nested, []);
  });

  it('times every pattern on 100,000-character adversarial inputs against a linear pass over the same input', async () => {
    const timer = new Timer();
    const slow: string[] = [];
    try {
      for (const p of all) {
        if (PENDING[p.source]) continue;
        const list = recipes(p);
        const screened = await timer.run(p, list, SCREEN_LENGTH, 1, 10000);
        if ('hung' in screened) {
          slow.push(`${p.where}: /${p.source}/${p.flags} did not finish in 10 s on ${SCREEN_LENGTH} characters of ${show(screened.hung)}`);
          continue;
        }
        const worst = screened.map(([t], k) => [t, k] as const).sort((a, b) => b[0] - a[0]).slice(0, WORST).map(([, k]) => list[k]);
        const full = await timer.run(p, worst, LENGTH, 2, 20000);
        if ('hung' in full) {
          slow.push(`${p.where}: /${p.source}/${p.flags} did not finish in 20 s on ${LENGTH} characters of ${show(full.hung)}`);
          continue;
        }
        full.forEach(([t, base], k) => {
          if (t > Math.max(RATIO * base, FLOOR_MS)) slow.push(`${p.where}: /${p.source}/${p.flags} took ${t.toFixed(1)} ms on ${show(worst[k])} (a linear pass: ${base.toFixed(2)} ms)`);
        });
      }
    } finally {
      await timer.close();
    }
    assert.deepStrictEqual(slow, []);
  });

  it('lists in PENDING only patterns that still exist', () => {
    const stale = Object.keys(PENDING).filter(s => !all.some(p => p.source === s));
    assert.deepStrictEqual(stale, [], 'fixed or gone: remove from PENDING');
  });
});
