/**
 * Expectations written beside the text (as markdownlint's fixtures write `{MD009}` on a line): a report
 * text carries `{rule-id}` where a finding must start and `{/rule-id}` where it must end, e.g.
 * `（一）予以公开 8 1 0 0 0 0 {row-total}10{/row-total}`; `{rule-id}{/rule-id}` is a finding at a point.
 * `readMarked` strips the marks; `markFindings` writes the findings found back as marks, so a test
 * compares two texts and a failure shows where a finding is, or is not, in the report itself.
 */
import { RULES } from '../../server/src/service/rules';

export interface Mark {
  rule: string;
  start: number;
  end: number;
}

const MARK = /\{(\/?)([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}/g;

/** The text without its marks, and the findings the marks expect (in the order their starts appear). */
export function readMarked(source: string): { text: string; marks: Mark[] } {
  const ids = new Set(RULES.map(r => r.meta.id));
  const open = new Map<string, Mark[]>();
  const marks: Mark[] = [];
  let text = '';
  let last = 0;
  for (const m of source.matchAll(MARK)) {
    const [whole, close, rule] = m;
    if (!ids.has(rule)) throw new Error(`{${close}${rule}}: no rule has this id`);
    text += source.slice(last, m.index);
    last = m.index! + whole.length;
    if (!close) {
      const mark = { rule, start: text.length, end: -1 };
      marks.push(mark);
      open.set(rule, [...(open.get(rule) ?? []), mark]);
    } else {
      const mark = open.get(rule)?.shift();
      if (!mark) throw new Error(`{/${rule}} closes no {${rule}}`);
      mark.end = text.length;
    }
  }
  text += source.slice(last);
  const unclosed = marks.find(m => m.end < 0);
  if (unclosed) throw new Error(`{${unclosed.rule}} at ${unclosed.start} is not closed by {/${unclosed.rule}}`);
  return { text, marks };
}

/** The text with each finding written as marks at its range: what `readMarked` reads back. */
export function markFindings(text: string, findings: readonly { ruleId: string; range: { start: number; end: number } }[]): string {
  // At one offset: ends before starts (one finding closes where the next opens), then starts in the
  // findings' order; a point opens and closes at once.
  const inserts = findings.flatMap((f, i) => [
    { at: f.range.start, order: 1, i, s: `{${f.ruleId}}` },
    { at: f.range.end, order: f.range.end === f.range.start ? 2 : 0, i, s: `{/${f.ruleId}}` },
  ]).sort((a, b) => a.at - b.at || a.order - b.order || (a.order === 0 ? b.i - a.i : a.i - b.i));
  let out = '';
  let last = 0;
  for (const x of inserts) {
    out += text.slice(last, x.at) + x.s;
    last = x.at;
  }
  return out + text.slice(last);
}
