/** `nianbao parse --json` on real files: encodings, line ends, bad paths. */
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { corpusPath, fixturePath } from '../helpers/corpus';

describe('nianbao parse --json', () => {
  it('prints the documented shape for a sample report', () => {
    const r = runCli(['parse', '--json', corpusPath('000')]);
    assert.strictEqual(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.strictEqual(j.template, '2021');
    assert.strictEqual(j.year, 2023);
    assert.deepStrictEqual(j.sections[0], { ...j.sections[0], no: 1, heading: '一、总体情况', line: 12 });
    assert.deepStrictEqual(j.tables.applications.rows[0], {
      ...j.tables.applications.rows[0], key: 'new', label: '一、本年新收政府信息公开申请数量', line: 269, values: [51, 3, 0, 0, 0, 2, 56],
    });
    assert.strictEqual(j.tables.applications.line, 269);
    assert.strictEqual(j.tables.reviews.line, 430);
    assert.strictEqual(j.tables.reviews.values.length, 15);
    assert.deepStrictEqual(j.tables.proactive[0].item, '第二十条第（一）项');
    assert.deepStrictEqual(j.tables.proactive[0].rows[0], { ...j.tables.proactive[0].rows[0], label: '规章', line: 210, values: [0, 0, 0] });
  });

  it('reads a GB18030 file (003 saved by a Windows tool) like its UTF-8 original', () => {
    const gb = JSON.parse(runCli(['parse', '--json', fixturePath('003-gb18030.txt')]).stdout);
    const utf8 = JSON.parse(runCli(['parse', '--json', corpusPath('003')]).stdout);
    assert.strictEqual(gb.agency, '淄博市张店区机关事务服务中心');
    assert.deepStrictEqual(gb.sections.map((s: { line: number }) => s.line), [4, 135, 175, 326, 441, 471]);
    assert.deepStrictEqual(gb.tables.proactive[0].rows[0].values, [5, 2, 11]);
    assert.deepStrictEqual({ ...gb, file: '' }, { ...utf8, file: '' });
  });

  it('reads a UTF-8 file with BOM and CRLF line ends (001) on the same lines', () => {
    const j = JSON.parse(runCli(['parse', '--json', fixturePath('001-bom-crlf.txt')]).stdout);
    assert.deepStrictEqual(j.sections.map((s: { line: number }) => s.line), [6, 13, 60, 346, 392, 395]);
    assert.deepStrictEqual(j.tables.proactive[0].rows[1].values, [0, 16, null]);
    assert.strictEqual(j.tables.applications.rows[0].line, 78);
  });

  it('reports a missing or unreadable file, still prints the others, and exits 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-'));
    const ok = path.join(dir, 'a.txt');
    writeFileSync(ok, '一、总体情况\n');
    const r = runCli(['parse', '--json', path.join(dir, 'missing.txt'), ok, dir + '/sub']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /missing\.txt/);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.length, 1);
    assert.strictEqual(out[0].sections[0].heading, '一、总体情况');
  });
});
