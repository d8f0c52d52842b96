/** The pieces of the protocol module that the CLI, the Node server and the VS Code client all run. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { decodeReport, findConfigUpward, foldersUpward, isAcross, type ReadFile } from '../../server/src/protocol';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('protocol: the upward config search', () => {
  it('looks in the report’s folder, then each folder above it, up to the root', () => {
    assert.deepStrictEqual(foldersUpward('file:///home/u/%E5%B9%B4%E6%8A%A5/2022.txt'), ['file:///home/u/%E5%B9%B4%E6%8A%A5/', 'file:///home/u/', 'file:///home/', 'file:///']);
    assert.deepStrictEqual(foldersUpward('vscode-vfs://github/org/repo/r.txt'), ['vscode-vfs://github/org/repo/', 'vscode-vfs://github/org/', 'vscode-vfs://github/']);
    assert.deepStrictEqual(foldersUpward('memfs:/002.txt'), ['memfs:/']);
  });

  it('stops at a Windows drive, however the drive colon is written', () => {
    assert.deepStrictEqual(foldersUpward('file:///c%3A/Users/r.txt'), ['file:///c%3A/Users/', 'file:///c%3A/']);
    assert.deepStrictEqual(foldersUpward('file:///D:/r.txt'), ['file:///D:/']);
  });

  it('has nowhere to look for a document that is not in a folder', () => {
    assert.deepStrictEqual(foldersUpward('untitled:Untitled-1'), []);
    assert.deepStrictEqual(foldersUpward('not a uri'), []);
  });

  const disk = (files: Record<string, Uint8Array>, asked: string[] = []): ReadFile => async uri => {
    asked.push(uri);
    return files[uri];
  };

  it('takes the nearest .nianbaorc.json and reads no further', async () => {
    const asked: string[] = [];
    const found = await findConfigUpward('file:///ws/a/b/r.txt', disk({
      'file:///ws/a/.nianbaorc.json': utf8('{"template":"2021"}'),
      'file:///ws/.nianbaorc.json': utf8('{"template":"2019"}'),
    }, asked));
    assert.deepStrictEqual(found, { file: 'file:///ws/a/.nianbaorc.json', text: '{"template":"2021"}' });
    assert.deepStrictEqual(asked, ['file:///ws/a/b/.nianbaorc.json', 'file:///ws/a/.nianbaorc.json']);
  });

  it('finds none when there is none, after looking up to the root', async () => {
    const asked: string[] = [];
    assert.strictEqual(await findConfigUpward('file:///ws/r.txt', disk({}, asked)), null);
    assert.deepStrictEqual(asked, ['file:///ws/.nianbaorc.json', 'file:///.nianbaorc.json']);
  });

  it('says which file could not be read and why, instead of looking past it', async () => {
    const found = await findConfigUpward('file:///ws/a/r.txt', async uri => {
      if (uri === 'file:///ws/.nianbaorc.json') throw new Error('EACCES: permission denied');
      return undefined;
    });
    assert.deepStrictEqual(found, { file: 'file:///ws/.nianbaorc.json', error: 'EACCES: permission denied' });
  });

  it('reads a config saved with a BOM', async () => {
    const found = await findConfigUpward('file:///r.txt', disk({ 'file:///.nianbaorc.json': new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{}')]) }));
    assert.deepStrictEqual(found, { file: 'file:///.nianbaorc.json', text: '{}' });
  });
});

describe('protocol: one decoder for report bytes', () => {
  const text = '二〇二二年政府信息公开工作年度报告\r\n𠀀 总计 18\n';

  it('reads UTF-8, with or without BOM', () => {
    assert.deepStrictEqual(decodeReport(utf8(text)), { text, encoding: 'utf-8' });
    assert.deepStrictEqual(decodeReport(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])), { text, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 with its BOM, in either byte order (the client once could not)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.map((_, i, b) => b[i ^ 1]));
    assert.deepStrictEqual(be.subarray(0, 2), Buffer.from([0xfe, 0xff]));
    assert.deepStrictEqual(decodeReport(le), { text, encoding: 'utf-16le' });
    assert.deepStrictEqual(decodeReport(be), { text, encoding: 'utf-16be' });
  });

  it('reads GB18030 (what Windows tools save), four-byte characters included', () => {
    const withBullet = `• ${text}`;
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(withBullet, 'utf8') });
    assert.deepStrictEqual(decodeReport(gb), { text: withBullet, encoding: 'gb18030' });
  });
});

describe('protocol: the cross-report flag', () => {
  it('is read from Diagnostic.data, and only a literal true counts', () => {
    assert.strictEqual(isAcross({ data: { ruleId: 'carryover-continuity', version: 0, fixable: false, across: true } }), true);
    assert.strictEqual(isAcross({ data: { ruleId: 'review-total', version: 0, fixable: true } }), false);
    assert.strictEqual(isAcross({ data: { across: 'yes' } }), false);
    assert.strictEqual(isAcross({}), false);
  });
});
