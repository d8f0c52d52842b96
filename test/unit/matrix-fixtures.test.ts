/**
 * Issue 19: the converter matrix (test/fixtures/matrix, made by scripts/matrix/generate.ts with the real
 * tools). The fixtures are what the tools wrote, each with the one header line that says which tool,
 * which version, which command and which document; the manifest lists them all; each document has
 * its expected values, read by people. The harness (scripts/matrix/report.ts) is checked on the sample
 * texts themselves, where the reading is known to be right: every table exact, no false finding.
 */
import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { DOCS, parseHeader, TOOL_KINDS, type ManifestEntry } from '../../scripts/matrix/common';
import { evaluate, loadExpected } from '../../scripts/matrix/report';
import { corpusText, ROOT } from '../helpers/corpus';
import { SAMPLE_IDS } from '../helpers/sample-values';

const MATRIX = path.join(ROOT, 'test', 'fixtures', 'matrix');
const documents = () => readdirSync(MATRIX, { withFileTypes: true }).filter(d => d.isDirectory() && d.name !== 'documents' && d.name !== 'expected').map(d => d.name);

describe('converter matrix fixtures (test/fixtures/matrix)', () => {
  const manifest = JSON.parse(readFileSync(path.join(MATRIX, 'manifest.json'), 'utf8')) as ManifestEntry[];

  it('every output starts with one header line naming its tool, version, command and an existing source', () => {
    for (const doc of documents()) {
      for (const name of readdirSync(path.join(MATRIX, doc))) {
        const file = `test/fixtures/matrix/${doc}/${name}`;
        const header = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, file))));
        assert.ok(header, `${file}: header line`);
        const [input, tool] = name.split('.');
        assert.strictEqual(header.tool, tool, `${file}: the tool in the header is the tool in the name`);
        assert.ok(TOOL_KINDS[`${input}.${tool}`], `${file}: a known tool`);
        assert.match(header.version, /\d/, `${file}: a version`);
        assert.ok(header.command.length > 0, `${file}: a command`);
        assert.ok(existsSync(path.join(ROOT, header.source)), `${file}: its source ${header.source} is in the repository`);
        assert.strictEqual(DOCS.find(d => d.id === doc)?.[input as 'pdf' | 'docx' | 'html'], header.source, `${file}: the document's ${input}`);
      }
    }
  });

  it('the manifest lists exactly the outputs, as their headers say', () => {
    const onDisk = documents().flatMap(doc => readdirSync(path.join(MATRIX, doc)).map(n => `test/fixtures/matrix/${doc}/${n}`)).sort();
    assert.deepStrictEqual(manifest.map(m => m.file).sort(), onDisk);
    for (const m of manifest) {
      const h = parseHeader(new Uint8Array(readFileSync(path.join(ROOT, m.file))))!;
      assert.deepStrictEqual([m.tool, m.version, m.command, m.source], [h.tool, h.version, h.command, h.source], m.file);
    }
  });

  it('each document has its expected values: 7 cells a 三 row, 15 in 四', () => {
    for (const doc of documents()) {
      const e = loadExpected(doc);
      assert.ok(e.applications.every(r => r.values.length === 7), doc);
      assert.ok(e.reviews.length === 15, doc);
      assert.ok(e.findings.every(f => f.rule && f.where), doc);
    }
  });

  it('the harness finds the sample texts read exactly, with no false finding and the real error found', () => {
    for (const id of SAMPLE_IDS) {
      const r = evaluate({ document: id, input: 'txt', tool: 'sample', kind: 'text', file: id }, corpusText(id), loadExpected(id));
      assert.deepStrictEqual(
        { tables: Object.values(r.tables).map(t => t?.verdict), falseFindings: r.falseFindings, missed: r.missed, realFound: r.realFound },
        { tables: ['exact', 'exact', 'exact'], falseFindings: [], missed: [], realFound: id === '002' ? true : null },
        id,
      );
    }
  });
});
