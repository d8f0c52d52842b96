/**
 * Where an offset of a report's text is, as line and character, without the text: the starts of its
 * lines as `LineIndex` found them (a worker thread sends them back instead of the text).
 */
import { lineAt, type LineIndex } from '../service/parse';

/** What the output formats ask of a text's lines. */
export type Positions = Pick<LineIndex, 'position'>;

/** The line starts of a text, as its `LineIndex` has them. */
export function lineStartsOf(lines: LineIndex): number[] {
  const starts: number[] = [];
  for (let l = 0; l < lines.lineCount; l++) starts.push(lines.lineStart(l));
  return starts;
}

/** `LineIndex.position` from the line starts and the text's length. */
export class LineStarts implements Positions {
  constructor(private readonly starts: readonly number[], private readonly length: number) {}
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.length));
    const line = lineAt(this.starts, o);
    return { line, character: o - this.starts[line] };
  }
}
