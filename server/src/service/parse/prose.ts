import type { OffsetRange } from './model';
import type { MappedText, Meter } from './mapped';
import type { SourceText } from './text';

/**
 * The prose of a range as one string, with PDF line wraps removed, so that a sentence wrapped
 * over several lines reads whole. Each character keeps its source offset.
 */
export function proseOf(src: SourceText, range: OffsetRange = { start: 0, end: src.clean.length }, meter?: Meter): MappedText {
  let text = '';
  const offsets: number[] = [];
  for (const line of src.lines) {
    if (meter) meter.units += 1;
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
