/** `--fix-dry-run` / `--diff`: what `--fix` would write, as a unified diff; nothing is written. */
import { createTwoFilesPatch } from 'diff';
import { createColors } from 'picocolors';
import type { RunSummary } from './format';

/** The unified diff between a report and its fixed text (`a/` and `b/` as git writes them); empty when equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const name = file.split('\\').join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 })
    // jsdiff starts with a `===` rule (and an `Index:` line when the names are equal); git and patch need neither.
    .replace(/^(Index: .*\n)?=+\n/, '');
}

/** Every file's diff, one after the other, coloured like git's when asked. */
export function formatDiffs(run: RunSummary, color: boolean): string {
  const c = createColors(color);
  const paint = (line: string) =>
    line.startsWith('+++') || line.startsWith('---') ? c.bold(line)
      : line.startsWith('@@') ? c.cyan(line)
        : line.startsWith('+') ? c.green(line)
          : line.startsWith('-') ? c.red(line)
            : line;
  const diffs = run.files.map(f => f.diff ?? '').filter(Boolean);
  return diffs.map(d => d.split('\n').map(paint).join('\n')).join('');
}
