import type { OffsetRange } from './model';
import type { SourceText } from './text';
import { work } from './work';

/**
 * The prose of a range as one string, with PDF line wraps removed, so that a sentence wrapped
 * over several lines reads whole. Each character keeps its source offset.
 */
export interface Prose {
  text: string;
  offsets: number[];
}

export function proseOf(src: SourceText, range: OffsetRange = { start: 0, end: src.clean.length }): Prose {
  let text = '';
  const offsets: number[] = [];
  for (const line of src.lines) {
    work.units += 1;
    if (line.end <= range.start || line.start >= range.end || line.blanked) continue;
    const from = Math.max(line.start, range.start);
    const to = Math.min(line.end, range.end);
    const part = src.clean.slice(from, to);
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    if (!trimmed) continue;
    text += trimmed;
    for (let i = 0; i < trimmed.length; i++) offsets.push(from + lead + i);
  }
  return { text, offsets };
}

/** Source range of prose[from, to). */
export function proseRange(prose: Prose, from: number, to: number): OffsetRange {
  if (!prose.offsets.length) return { start: 0, end: 0 };
  const a = prose.offsets[Math.min(from, prose.offsets.length - 1)];
  const b = prose.offsets[Math.min(Math.max(to - 1, from), prose.offsets.length - 1)] + 1;
  return { start: a, end: b };
}
