/**
 * Reader benchmarks: figures, not assertions. A 50-page PDF, a 5 MB web page and a large Word file,
 * each built from the samples, each timed beside a baseline measured in the same run (what any
 * reader of that format must do at least: pdfjs's own text extraction; parse5's parse; unzipping).
 * Then the editor's cost of a PDF: the language server (dist/server.js) reading a real 5-page report,
 * the first time (loading dist/pdf.js) and again, beside pdfjs and the CLI's reader in this process.
 *
 *   npm run build && npm run bench:readers
 */
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { bytesToBase64, ReadDocumentRequest } from '../server/src/protocol';
import { corpusText, fixturePath } from '../test/helpers/corpus';
import { reportDocument, toDocx, toHtml, type GenDoc } from '../test/helpers/fileFormats';
import { startServer } from '../test/helpers/lsp';
import { toPdf } from '../test/helpers/pdfgen';

async function ms<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/** The sample's document repeated k times (paragraphs and tables), as one long report. */
function repeated(doc: GenDoc, k: number): GenDoc {
  return { ...doc, blocks: Array.from({ length: k }, () => doc.blocks).flat() };
}

async function main() {
  // The code under test bundled as the CLI bundles it; the generator runs from source (not timed).
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-bench-')), 'readers.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'bench-readers-entry.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  const { unzipSync, parse, readDocument, loadCMapFromDisk, checkReport, pdfjsText } = require(out) as typeof import('./bench-readers-entry');
  const doc = reportDocument(corpusText('000'));
  const options = { pdf: { loadCMap: loadCMapFromDisk } };
  console.log('Nianbao reader benchmarks (one run each, after a warm-up read)\n');

  // Warm-up: loads pdfjs once, as a folder check does.
  await readDocument(await toPdf(doc), 'w.pdf', options);

  console.log('1. A 50-page PDF (sample 000 repeated), against pdfjs extracting the text alone');
  let k = 1;
  let pdf = await toPdf(repeated(doc, k));
  const pages = pdfjsText;
  let n = await pages(pdf);
  while (n < 50) {
    k = Math.ceil((k * 50) / n);
    pdf = await toPdf(repeated(doc, k));
    n = await pages(pdf);
  }
  const [base] = await ms(() => pdfjsText(pdf));
  const [read, r] = await ms(() => readDocument(pdf, 'big.pdf', options));
  const [check] = await ms(() => checkReport(r.text));
  console.log(`   pages ${n}, ${(pdf.length / 1024).toFixed(0)} KB: pdfjs text ${base.toFixed(0)} ms, read ${read.toFixed(0)} ms (${(read / n).toFixed(1)} ms/page, ${(read / base).toFixed(2)}× pdfjs), check ${check.toFixed(0)} ms, problems ${r.problems.length}`);

  console.log('\n2. A 5 MB web page (sample 000 repeated inside the site chrome), against parse5 parsing it alone');
  const one = toHtml(doc, { charset: 'utf-8', blank: 'nbsp' }).length;
  const html = toHtml(repeated(doc, Math.ceil((5 * 1024 * 1024) / one)), { charset: 'utf-8', blank: 'nbsp' });
  const text = new TextDecoder().decode(html);
  const [parseMs] = await ms(() => parse(text, { sourceCodeLocationInfo: true }));
  const [readHtml, h] = await ms(() => readDocument(html, 'big.html'));
  const [checkHtml] = await ms(() => checkReport(h.text));
  console.log(`   ${(html.length / 1024 / 1024).toFixed(1)} MB: parse5 ${parseMs.toFixed(0)} ms, read ${readHtml.toFixed(0)} ms (${(readHtml / parseMs).toFixed(2)}× parse5), text ${(h.text.length / 1024).toFixed(0)} K units, check ${checkHtml.toFixed(0)} ms`);

  console.log('\n3. A Word file of the same size, against unzipping it alone');
  const docx = toDocx(repeated(doc, Math.ceil((5 * 1024 * 1024) / one)));
  const [unzip] = await ms(() => unzipSync(docx));
  const [readDocx, d] = await ms(() => readDocument(docx, 'big.docx'));
  console.log(`   ${(docx.length / 1024).toFixed(0)} KB zipped: unzip ${unzip.toFixed(0)} ms, read ${readDocx.toFixed(0)} ms, text ${(d.text.length / 1024).toFixed(0)} K units`);

  console.log('\n4. "Open as Report Text" on a real PDF (hongze-2023.pdf, 5 pages) in the language server: the first PDF loads dist/pdf.js');
  const real = new Uint8Array(readFileSync(fixturePath('real/hongze-2023.pdf')));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ROUNDS = 5;
  const firsts: number[] = [];
  const agains: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const c = await startServer();
    const request = () => c.connection.sendRequest(ReadDocumentRequest, { name: 'hongze-2023.pdf', data: bytesToBase64(real) });
    firsts.push((await ms(request))[0]);
    for (let i = 0; i < 3; i++) agains.push((await ms(request))[0]);
    await c.close();
  }
  const basePdfjs: number[] = [];
  const baseCli: number[] = [];
  for (let i = 0; i < ROUNDS * 3; i++) {
    basePdfjs.push((await ms(() => pdfjsText(real)))[0]);
    baseCli.push((await ms(() => readDocument(real, 'hongze-2023.pdf', options)))[0]);
  }
  console.log(`   ${ROUNDS} servers, medians: first read ${median(firsts).toFixed(0)} ms [${Math.min(...firsts).toFixed(0)}–${Math.max(...firsts).toFixed(0)}], next reads ${median(agains).toFixed(0)} ms [${Math.min(...agains).toFixed(0)}–${Math.max(...agains).toFixed(0)}]; loading the reader ≈ ${(median(firsts) - median(agains)).toFixed(0)} ms`);
  console.log(`   in this process, pdfjs loaded: pdfjs text ${median(basePdfjs).toFixed(0)} ms, the CLI's reader ${median(baseCli).toFixed(0)} ms (the server's next read ${(median(agains) / median(baseCli)).toFixed(2)}× it)`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
