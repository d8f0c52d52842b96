import { readFileSync } from 'fs';
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
