/**
 * Writes test/fixtures/matrix/expected/<sample>.json for the five samples: the table values people
 * read from the reports (test/helpers/sample-values.ts) and the findings judged right in README.md
 * (它能发现什么), by rule and place. The documents of the matrix are made from these reports, so they
 * hold the same values.
 *
 *   npx tsx scripts/matrix/expected-samples.ts
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { CORPUS, type CorpusId } from '../../test/helpers/corpus';
import { SAMPLE_READING, sampleValues } from '../../test/helpers/sample-values';
import type { Expected } from './report';

const FINDINGS: Record<CorpusId, Expected['findings']> = {
  '000': [
    { rule: 'prose-breakdown', where: '§1', note: '“其中”各项之和 89 + 19 + 14 + 45 = 167，少于总数 170 余条 (line 55)' },
    { rule: 'section-heading', where: '§4', note: '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况 (line 362)' },
    { rule: 'section-heading', where: '§5', note: '五、政府信息公开工作存在的主要问题及改进情况 (line 432)' },
    { rule: 'prose-percentage', where: '§6', note: '5 ÷ 227 = 2.2%, printed 2.1% (line 520)' },
  ],
  '001': [
    // The documents made from it have the third cell blank: there, cell-value on that cell says the same.
    { rule: ['cell-count', 'cell-value'], where: '二:normativeDocuments', note: '行政规范性文件 has 2 numbers where the table has 3 columns (line 27)' },
  ],
  '002': [
    { rule: 'review-total', where: '四:行政复议', real: true, note: '行政复议 14 + 4 + 0 + 0 = 18, 总计 printed 9 (line 403)' },
  ],
  '003': [
    { rule: 'regulation-authority', where: '二:rules', note: '规章 5 2 11 for a county-level body (line 140)' },
  ],
  '004': [],
};

/** JSON with each array of numbers on one line, as a person writes a table row. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*((?:-?[\d.]+|null)(?:,\s*(?:-?[\d.]+|null))*)\s*\]/g, (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`) + '\n';
}

const OUT = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'matrix', 'expected');

function main(): void {
  for (const id of Object.keys(CORPUS) as CorpusId[]) writeSample(id);
}

function writeSample(id: CorpusId): void {
  const v = sampleValues(id);
  const r = SAMPLE_READING[id];
  const expected: Expected = {
    document: id,
    title: `${r.agency} ${r.year} (samples/${CORPUS[id]})`,
    readFrom: 'test/helpers/sample-values.ts (read from the sample text by people); findings: README.md 它能发现什么',
    template: v.template,
    proactive: v.proactive.map(b => ({ item: b.item, rows: b.rows.map(x => ({ key: x.key, values: x.values })) })),
    applications: v.applications,
    reviews: v.reviews,
    findings: FINDINGS[id],
  };
  writeFileSync(path.join(OUT, `${id}.json`), compactJson(expected));
  console.log(`wrote expected/${id}.json`);
}

if (require.main === module) main();
