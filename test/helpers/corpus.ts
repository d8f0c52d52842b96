import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SAMPLES = path.join(ROOT, 'samples');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export const CORPUS = {
  '000': '000_568bfc5d02716736.txt',
  '001': '001_7ffb10b0611b3e96.txt',
  '002': '002_da27b6d9f425ca71.txt',
  '003': '003_1779a4e6d47991d0.txt',
  '004': '004_7666543767a12903.txt',
} as const;

export type CorpusId = keyof typeof CORPUS;

export function corpusPath(id: CorpusId): string {
  return path.join(SAMPLES, CORPUS[id]);
}

export function corpusText(id: CorpusId): string {
  return readFileSync(corpusPath(id), 'utf8');
}

/**
 * Sample 002 with the two shares of its line 20 made right (111 and 9 of the 120 stated before it are
 * 92.5 % and 7.5 %; it prints 92.3 % and 7.7 %, two prose-percentage warnings): its one finding is then the
 * 四 行政复议 group. For the tests about that finding; the sample as published is checked in
 * rules-corpus.test.ts and wherever the samples folder is checked.
 */
export function oneFinding002(): string {
  const text = corpusText('002');
  const out = text.replace('占总数的92.3%', '占总数的92.5%').replace('占总数的7.7%', '占总数的7.5%');
  if (out.length !== text.length || out === text) throw new Error('002 line 20 is not as expected');
  return out;
}

let oneFinding002File: string | null = null;
/** oneFinding002() as a file, named as the sample, in a temporary folder of its own. */
export function oneFinding002Path(): string {
  if (!oneFinding002File || !existsSync(oneFinding002File)) {
    oneFinding002File = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-002-')), CORPUS['002']);
    writeFileSync(oneFinding002File, oneFinding002());
  }
  return oneFinding002File;
}

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

/** Lines joined with \n: lets a test write a small report as data. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/**
 * Expectations written as a table, one row a line: `key line v1 v2 …` (`-` for null).
 * Blank lines and `#` comments are ignored.
 */
export function expectedRows(table: string): { key: string; line: number; values: (number | null)[] }[] {
  return table
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))
    .map(l => {
      const [key, line, ...vals] = l.split(/\s+/);
      return { key, line: Number(line), values: vals.map(v => (v === '-' ? null : Number(v))) };
    });
}
