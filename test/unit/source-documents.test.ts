/**
 * What the server keeps of the files report texts were read from (issue 24: caches with a size): the
 * last 32 files, and no more than KEEP_UNITS characters in all — the last file read kept whatever its size.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPORT_TEXT_SCHEME } from '../../server/src/protocol';
import type { ReadResult } from '../../server/src/readers/sync';
import { KEEP_UNITS, SourceDocuments } from '../../server/src/sourceDocuments';

const read = (text: string): ReadResult => ({ kind: 'text', text, map: { locate: r => ({ kind: 'text', start: r.start, end: r.end }) }, problems: [], source: text });
const file = (i: number) => `file:///reports/${i}.html`;
/** The report text of a file, as the client names it: the source file's URI after `?`. */
const reportTextUri = (source: string) => `${REPORT_TEXT_SCHEME}:/${source.slice(source.lastIndexOf('/') + 1)}.txt?${encodeURIComponent(source)}`;

describe('the source files the server keeps', () => {
  it('keeps the last 32 files read, the one used most recently longest', () => {
    const docs = new SourceDocuments();
    for (let i = 0; i < 40; i++) docs.keep(file(i), read(`报告 ${i}`));
    assert.strictEqual(docs.size.files, 32);
    const text = '报告 8';
    const doc = TextDocument.create(reportTextUri(file(8)), 'nianbao', 1, text);
    assert.ok(docs.place(doc, 0, 2, 'zh'), 'the 9th file read is among the last 32');
    assert.strictEqual(docs.place(TextDocument.create(reportTextUri(file(7)), 'nianbao', 1, '报告 7'), 0, 2, 'zh'), null, 'the 8th is not');
    // The 9th was just used: 31 files more, and it is still kept where the 10th is not.
    for (let i = 100; i < 131; i++) docs.keep(file(i), read(`报告 ${i}`));
    assert.ok(docs.place(doc, 0, 2, 'zh'));
    assert.strictEqual(docs.place(TextDocument.create(reportTextUri(file(9)), 'nianbao', 1, '报告 9'), 0, 2, 'zh'), null);
  });

  it('holds no more than KEEP_UNITS characters in all, and always the file just read', () => {
    const docs = new SourceDocuments();
    const big = 'x'.repeat(Math.floor(KEEP_UNITS / 6));
    for (let i = 0; i < 10; i++) docs.keep(file(i), read(big));
    assert.ok(docs.size.units <= KEEP_UNITS, String(docs.size.units));
    assert.strictEqual(docs.size.files, 3);
    const huge = 'y'.repeat(KEEP_UNITS);
    docs.keep(file(99), read(huge));
    assert.deepStrictEqual(docs.size, { files: 1, units: 2 * KEEP_UNITS });
    // Read again, a file is counted once.
    docs.keep(file(99), read(huge));
    assert.deepStrictEqual(docs.size, { files: 1, units: 2 * KEEP_UNITS });
  });
});
