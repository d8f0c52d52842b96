/**
 * The guard of a refactoring that must not change what is found (issue 21): every finding of every
 * text we have, written whole (rule, severity, range, message zh/en, fix, suggestions, related, cells)
 * with the model the parser read, so that the findings before and after a change can be compared.
 * Not a test: it records today's output as the "before" of a change, and asserts nothing about
 * whether that output is right (that is what the other tests and the matrix's expectations do).
 *
 *   npx tsx scripts/same-findings.ts write /tmp/before.json      on the code before the change
 *   npx tsx scripts/same-findings.ts write /tmp/after.json       after it
 *   npx tsx scripts/same-findings.ts compare /tmp/before.json /tmp/after.json
 *
 * The texts: samples/, test/fixtures/**\/*.txt|md outside the matrix, the converter matrix's fixtures
 * read as scripts/matrix/report.ts reads them (an .html through Nianbao's reader, any other as the text
 * after its header line) and Nianbao's own reader on each matrix source document, and the samples in
 * the test helpers' layouts (test/helpers/layouts.ts) and deviations (test/helpers/deviations.ts).
 */
import { createHash } from 'crypto';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { readDocument } from '../server/src/readers';
import { loadCMapFromDisk } from '../server/src/readers/nodeAssets';
import { checkReport } from '../server/src/service/check';
import { emptyModel, parseReportStrict, type ReportModel } from '../server/src/service/parse';
import { CORPUS, type CorpusId } from '../test/helpers/corpus';
import { deviate, type Deviation } from '../test/helpers/deviations';
import { LAYOUTS, sampleInLayout } from '../test/helpers/layouts';
import { DOCS, MATRIX, parseHeader } from './matrix/common';

const ROOT = path.resolve(__dirname, '..');

interface Entry {
  /** The parser threw (parseReport would have served an empty model). */
  threw?: string;
  /** sha1 of the model as JSON: what the tables, sections and meta read. */
  model: string;
  findings: unknown[];
  failures: unknown[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

function analyse(text: string): Entry {
  let model: ReportModel;
  let threw: string | undefined;
  try {
    model = parseReportStrict(text);
  } catch (e) {
    threw = String(e);
    model = emptyModel(text);
  }
  const { findings, failures } = checkReport(text, {}, model);
  const modelHash = createHash('sha1').update(JSON.stringify(model)).digest('hex');
  return { ...(threw ? { threw } : {}), model: modelHash, findings, failures };
}

async function texts(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const rel = (p: string) => path.relative(ROOT, p);
  for (const f of walk(path.join(ROOT, 'samples')).filter(f => /\.(txt|md)$/.test(f))) out.push([rel(f), readFileSync(f, 'utf8')]);
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const f of walk(fixtures).filter(f => /\.(txt|md)$/.test(f) && !rel(f).startsWith(`${MATRIX}/`))) {
    // Read as the CLI reads a file: its encoding detected (GB18030, BOM).
    const read = await readDocument(new Uint8Array(readFileSync(f)), f);
    out.push([rel(f), read.text]);
  }
  // The matrix, as scripts/matrix/report.ts reads it.
  for (const dir of readdirSync(path.join(ROOT, MATRIX), { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'documents' || dir.name === 'expected') continue;
    for (const name of readdirSync(path.join(ROOT, MATRIX, dir.name)).sort()) {
      const file = `${MATRIX}/${dir.name}/${name}`;
      const header = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, file))));
      if (!header) throw new Error(`${file}: no nianbao-matrix header line`);
      const text = file.endsWith('.html') ? (await readDocument(header.body, file)).text : new TextDecoder().decode(header.body);
      out.push([file, text]);
    }
  }
  for (const d of DOCS) {
    for (const input of ['pdf', 'docx', 'html'] as const) {
      const source = d[input];
      if (!source) continue;
      const read = await readDocument(new Uint8Array(readFileSync(path.join(ROOT, source))), source, { pdf: { loadCMap: loadCMapFromDisk } });
      out.push([`${source} (nianbao-reader)`, read.text]);
    }
  }
  for (const id of Object.keys(CORPUS) as CorpusId[]) {
    for (const layout of LAYOUTS) out.push([`layout ${layout} of ${id}`, sampleInLayout(id, layout).text]);
    for (const dev of ['six-as-one-row', 'row-missing', 'labels-wrapped'] as Deviation[]) out.push([`deviation ${dev} of ${id}`, deviate(id, dev).text]);
  }
  return out;
}

async function write(file: string): Promise<void> {
  const all: Record<string, Entry> = {};
  let findings = 0;
  for (const [name, text] of await texts()) {
    if (name in all) throw new Error(`${name} twice`);
    all[name] = analyse(text);
    findings += all[name].findings.length;
  }
  writeFileSync(file, JSON.stringify(all, null, 1) + '\n');
  console.log(`${Object.keys(all).length} texts, ${findings} findings → ${file}`);
}

function compare(a: string, b: string): number {
  const before = JSON.parse(readFileSync(a, 'utf8')) as Record<string, Entry>;
  const after = JSON.parse(readFileSync(b, 'utf8')) as Record<string, Entry>;
  let differences = 0;
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = before[name];
    const y = after[name];
    if (!x || !y) {
      console.log(`${name}: only in ${x ? a : b}`);
      differences++;
      continue;
    }
    if (x.threw !== y.threw) console.log(`${name}: threw ${x.threw ?? '-'} → ${y.threw ?? '-'}`);
    if (x.model !== y.model) console.log(`${name}: the model differs`);
    const fx = x.findings.map(f => JSON.stringify(f));
    const fy = y.findings.map(f => JSON.stringify(f));
    const changed = fx.length !== fy.length || fx.some((f, i) => f !== fy[i]);
    if (changed) {
      for (const f of fx.filter(f => !fy.includes(f))) console.log(`${name}: - ${f.slice(0, 300)}`);
      for (const f of fy.filter(f => !fx.includes(f))) console.log(`${name}: + ${f.slice(0, 300)}`);
      if (fx.every(f => fy.includes(f)) && fy.every(f => fx.includes(f))) console.log(`${name}: the same findings in another order`);
    }
    const failed = JSON.stringify(x.failures) !== JSON.stringify(y.failures);
    if (failed) console.log(`${name}: failures ${JSON.stringify(x.failures)} → ${JSON.stringify(y.failures)}`);
    if (x.threw !== y.threw || x.model !== y.model || changed || failed) differences++;
  }
  console.log(differences ? `${differences} texts differ` : `no difference: ${Object.keys(before).length} texts`);
  return differences;
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'write' && a) void write(a);
else if (cmd === 'compare' && a && b) process.exitCode = compare(a, b) ? 1 : 0;
else {
  console.error('usage: same-findings.ts write <file> | compare <before> <after>');
  process.exitCode = 2;
}
