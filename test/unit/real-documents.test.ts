/**
 * Real published reports as the files reviewers receive (test/fixtures/real/, sources in its README):
 *
 * - hongze-2023.pdf — 洪泽区人民政府2023年政府信息公开工作年度报告, from github.com/zxj6827111-blip/KIROGOVCOMPARE
 *   (sample_pdfs_v1/hzq2023_working.pdf @ ed9cb5d7de4e4dcd72191c8e12e7ec3e2b4749a6); no license stated.
 * - huaian-2024.pdf — 淮安市人民政府2024年政府信息公开工作年度报告, from github.com/zxj6827111-blip/govnianbao
 *   (szfgs2024.pdf @ b2fbe3f5b912be2379852eac907e85657da8f238); no license stated.
 *
 * Every expected value was read off the rendered pages by hand, not taken from our reader. Both PDFs
 * are WPS output: tall table cells with the numbers centred and the label wrapped above and below
 * them, header words run together, a group label set vertically — the layout the generated PDFs
 * of readers.test.ts do not have.
 *
 * No real report as .docx and no real page saved in GBK was found in the stored public repositories
 * (the Shanghai page in readers.test.ts is re-encoded to GBK there, and says so).
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describeLocation, readDocument, type ReadResult } from '../../server/src/readers';
import { loadCMapFromDisk } from '../../server/src/readers/nodeAssets';
import { checkReport } from '../../server/src/service/check';
import { reportToJson } from '../../server/src/service/json';
import { parseReport } from '../../server/src/service/parse';
import { fixturePath } from '../helpers/corpus';

const cache = new Map<string, Promise<{ bytes: Uint8Array; read: ReadResult }>>();
function real(name: string) {
  if (!cache.has(name)) {
    cache.set(name, (async () => {
      const file = fixturePath(`real/${name}`);
      const bytes = new Uint8Array(readFileSync(file));
      return { bytes, read: await readDocument(bytes, file, { pdf: { loadCMap: loadCMapFromDisk } }) };
    })());
  }
  return cache.get(name)!;
}

function model(read: ReadResult) {
  const j = reportToJson(parseReport(read.text), 'x');
  return {
    ...j,
    proactive: j.tables.proactive.map(b => [b.item, b.rows.map(r => [r.key, r.values])]),
    rows: j.tables.applications!.rows.map(r => [r.key, r.values] as [string, (number | null)[]]),
    reviews: j.tables.reviews?.values,
  };
}

const zeros = [0, 0, 0, 0, 0, 0, 0];
/** A 三 row with counts from 自然人 only: n, five zeros, n. */
const person = (n: number) => [n, 0, 0, 0, 0, 0, n];

describe('real reports: 洪泽区人民政府 2023 (PDF)', function () {
  this.timeout(60_000);

  it('reads the title, the year and the 二 tables as printed', async () => {
    const { read } = await real('hongze-2023.pdf');
    assert.deepStrictEqual(read.problems, []);
    const m = model(read);
    assert.strictEqual(m.agency, '洪泽区人民政府');
    assert.strictEqual(m.year, 2023);
    assert.strictEqual(m.template, '2021');
    assert.deepStrictEqual(m.proactive, [
      ['第二十条第（一）项', [['rules', [0, 0, 0]], ['normativeDocuments', [0, 5, 5]]]],
      ['第二十条第（五）项', [['licensing', [550]]]],
      ['第二十条第（六）项', [['penalty', [4119]], ['enforcement', [195]]]],
      ['第二十条第（八）项', [['fees', [7730.28]]]],
    ]);
  });

  it('reads every 三 row: labels wrapped round their numbers stay with them', async () => {
    const { read } = await real('hongze-2023.pdf');
    // Page 3: （二）部分公开 is printed over two lines with its numbers between them; page 4: so is
    // 5.要求行政机关确认或重新出具已获取信息. Each is one row with its own numbers.
    assert.ok(read.text.includes('\n| （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n'));
    assert.ok(read.text.includes('\n| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n'));
    assert.ok(read.text.includes('\n| 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n'));
    assert.ok(read.text.includes('\n| 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n'));
    assert.deepStrictEqual(model(read).rows, [
      ['new', person(21)],
      ['carryover', zeros],
      ['granted', zeros],
      ['partial', person(4)],
      ['denied.1', person(1)],
      ['denied.2', zeros],
      ['denied.3', zeros],
      ['denied.4', zeros],
      ['denied.5', zeros],
      ['denied.6', person(1)],
      ['denied.7', person(1)],
      ['denied.8', zeros],
      ['unavailable.1', person(10)],
      ['unavailable.2', person(3)],
      ['unavailable.3', zeros],
      ['rejected.1', person(1)],
      ['rejected.2', zeros],
      ['rejected.3', zeros],
      ['rejected.4', zeros],
      ['rejected.5', zeros],
      // The 2019 format's single （六）其他处理 row, printed in this 2023 report.
      ['other', zeros],
      ['total', person(21)],
      ['forward', zeros],
    ]);
  });

  it('reads the 四 row as its fifteen printed cells, though the header words run together', async () => {
    const { read } = await real('hongze-2023.pdf');
    assert.deepStrictEqual(model(read).reviews, [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
  });

  it('finds what a reviewer finds: the misprinted label, the old （六） row, the two 四 totals; nothing else', async () => {
    const { read } = await real('hongze-2023.pdf');
    const found = checkReport(read.text).findings.map(f => ({
      rule: f.ruleId,
      text: read.text.slice(f.range.start, f.range.end),
      where: describeLocation(read.map.locate(f.range)!, 'zh'),
    }));
    assert.deepStrictEqual(found.map(f => f.rule).sort(), ['review-total', 'review-total', 'row-label', 'template-mismatch']);
    const label = found.find(f => f.rule === 'row-label')!;
    assert.strictEqual(label.text, '2.其他法律行政止公开');
    assert.match(label.where, /^第 3 页/);
    const template = found.find(f => f.rule === 'template-mismatch')!;
    assert.strictEqual(template.text, '（六）其他处理');
    assert.match(template.where, /^第 4 页/);
    for (const f of found.filter(x => x.rule === 'review-total')) assert.match(f.where, /^第 4 页/);
  });

  it('puts the 行政复议 finding on the printed 0 under 总计 (the fifth number of the row)', async () => {
    const { bytes, read } = await real('hongze-2023.pdf');
    const f = checkReport(read.text).findings.find(x => x.ruleId === 'review-total' && read.text.slice(x.range.start, x.range.end) === '0')!;
    assert.ok(f, 'the 行政复议 total is the finding');
    const loc = read.map.locate(f.range)!;
    assert.strictEqual(loc.kind, 'pdf');
    if (loc.kind !== 'pdf') return;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const items = (await (await doc.getPage(loc.page)).getTextContent()).items.filter(i => 'str' in i && i.str.trim()) as { str: string; transform: number[] }[];
    const onLine = items.filter(i => Math.abs(i.transform[5] - loc.y) < 1).sort((a, b) => a.transform[4] - b.transform[4]);
    assert.deepStrictEqual(onLine.map(i => i.str), ['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
    assert.ok(Math.abs(onLine[4].transform[4] - loc.x) < 0.5);
    await doc.destroy();
  });
});

describe('real reports: 淮安市人民政府 2024 (PDF)', function () {
  this.timeout(60_000);

  it('reads the title, the year and the 二 tables as printed', async () => {
    const { read } = await real('huaian-2024.pdf');
    assert.deepStrictEqual(read.problems, []);
    const m = model(read);
    assert.strictEqual(m.agency, '淮安市人民政府');
    assert.strictEqual(m.year, 2024);
    assert.strictEqual(m.template, '2021');
    assert.deepStrictEqual(m.proactive, [
      ['第二十条第（一）项', [['rules', [1, 0, 11]], ['normativeDocuments', [8, 26, 66]]]],
      ['第二十条第（五）项', [['licensing', [447228]]]],
      ['第二十条第（六）项', [['penalty', [3985758]], ['enforcement', [88283]]]],
      ['第二十条第（八）项', [['fees', [96171.6]]]],
    ]);
  });

  it('reads every 三 row, the three-line （六） labels included', async () => {
    const { read } = await real('huaian-2024.pdf');
    assert.deepStrictEqual(model(read).rows, [
      ['new', [3001, 53, 0, 0, 61, 4, 3119]],
      ['carryover', [34, 0, 0, 0, 0, 0, 34]],
      ['granted', [1288, 21, 0, 0, 50, 3, 1362]],
      ['partial', [447, 7, 0, 0, 0, 0, 454]],
      ['denied.1', person(2)],
      ['denied.2', [30, 1, 0, 0, 0, 0, 31]],
      ['denied.3', person(5)],
      ['denied.4', person(6)],
      ['denied.5', [7, 1, 0, 0, 0, 0, 8]],
      ['denied.6', person(12)],
      ['denied.7', person(9)],
      ['denied.8', person(105)],
      ['unavailable.1', [746, 12, 0, 0, 10, 1, 769]],
      ['unavailable.2', person(11)],
      ['unavailable.3', person(1)],
      ['rejected.1', [56, 6, 0, 0, 0, 0, 62]],
      ['rejected.2', person(25)],
      ['rejected.3', zeros],
      ['rejected.4', zeros],
      ['rejected.5', person(1)],
      ['other.1', [67, 3, 0, 0, 1, 0, 71]],
      ['other.2', person(6)],
      ['other.3', [108, 2, 0, 0, 0, 0, 110]],
      ['total', [2932, 53, 0, 0, 61, 4, 3050]],
      ['forward', person(103)],
    ]);
  });

  it('reads the 四 row', async () => {
    const { read } = await real('huaian-2024.pdf');
    assert.deepStrictEqual(model(read).reviews, [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
  });

  it('finds nothing: the tables add up and the prose restates them correctly', async () => {
    const { read } = await real('huaian-2024.pdf');
    assert.deepStrictEqual(checkReport(read.text).findings.map(f => `${f.ruleId}: ${f.message.zh}`), []);
  });
});
