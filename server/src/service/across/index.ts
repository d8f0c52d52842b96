/**
 * A batch of reports seen together: which are one body's year after year (pairing.ts), and what text
 * they share (reuse.ts). Computed once per batch from each report's `SetSummary` (small, plain data
 * that a worker thread sends back), and handed to the rules that compare reports, the review page
 * and `export --pairs`.
 */
import { isFooter, type ReportModel } from '../parse';
import { pairReports, type BodyAliases, type Pairing } from './pairing';
import { findReuse, type ReuseResult, type TextPiece } from './reuse';

export * from './pairing';
export * from './reuse';

/** The sections whose prose is compared for reuse: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项. */
export const REUSE_SECTIONS = [1, 5, 6];

/** What the batch needs of one report. */
export interface SetSummary {
  agency: string | null;
  year: number | null;
  /** The text of sections 一, 五 and 六 (tables left out), with where each piece starts. */
  pieces: TextPiece[];
}

export function setSummary(model: ReportModel): SetSummary {
  const pieces: TextPiece[] = [];
  for (const s of model.sections) {
    if (!REUSE_SECTIONS.includes(s.no)) continue;
    // The section's text after its heading, without the tables inside it.
    let at = s.headingRange.end;
    const tables = model.tableRanges.filter(t => t.end > at && t.start < s.range.end).sort((a, b) => a.start - b.start);
    for (const t of [...tables, { start: s.range.end, end: s.range.end }]) {
      if (t.start > at) pieces.push({ section: s.no, start: at, text: withoutFooters(model.text.slice(at, t.start)) });
      at = Math.max(at, t.end);
    }
  }
  return { agency: model.agency?.value.replace(/\s+/g, '') || null, year: model.year?.value ?? null, pieces };
}

/** Page footers (`-4-`, `第 3 页`) blanked, the length kept: a copied paragraph runs on over a page break. */
function withoutFooters(text: string): string {
  return text.replace(/[^\n]+/g, line => (isFooter(line) ? ' '.repeat(line.length) : line));
}

/** A report in the batch, as the batch sees it. */
export interface SetMember {
  id: string;
  name?: string;
  summary: SetSummary;
}

export interface SetFacts {
  pairing: Pairing;
  reuse: ReuseResult;
}

/** Pair the batch's reports and find the text they share. */
export function analyseSet(members: SetMember[], aliases: BodyAliases = {}): SetFacts {
  const pairing = pairReports(members.map(m => ({ id: m.id, name: m.name, agency: m.summary.agency, year: m.summary.year })), aliases);
  const previous = new Map([...pairing.previousOf].map(([id, p]) => [id, p.previous]));
  const reuse = findReuse(members.map(m => ({ id: m.id, body: pairing.bodyOf.get(m.id) ?? null, pieces: m.summary.pieces })), previous);
  return { pairing, reuse };
}
