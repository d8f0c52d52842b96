/**
 * A batch of reports seen together: which are one body's year after year (pairing.ts), and what text
 * they share (reuse.ts). Computed once per batch from each report's `SetSummary` (small, plain data
 * that a worker thread sends back), and handed to the rules that compare reports, the review page
 * and `export --pairs`.
 */
import { isFooter, type ReportModel } from '../parse';
import { fromTitle, pairReports, type BodyAliases, type Pairing } from './pairing';
import { findReuse, type ReuseResult, type TextPiece } from './reuse';

export * from './pairing';
export * from './reuse';

/** The sections whose prose is compared for reuse: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项. */
export const REUSE_SECTIONS = [1, 5, 6];

/** What the batch needs of one report. */
export interface SetSummary {
  /** The body as the report names it: before the year in the title, the line above it, or after the year (「2019年上海市人民政府办公厅…」). */
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
  const agency = model.agency?.value.replace(/\s+/g, '') || (model.title ? fromTitle(model.title.value) : null);
  return { agency, year: model.year?.value ?? null, pieces };
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
  /** Reports whose text is an earlier report's of the batch (the same report twice), by id: the first one's id. */
  copies: Map<string, string>;
}

/** Pair the batch's reports and find the text they share. */
export function analyseSet(members: SetMember[], aliases: BodyAliases = {}): SetFacts {
  // One report twice (a .pdf and its .txt, a page saved twice): its copies are the same body's, and not reuse.
  const firstOf = new Map<string, string>();
  const copyOf = new Map<string, string>();
  for (const m of members) {
    const letters = signature(m.summary.pieces);
    if (!letters) continue;
    const key = `${m.summary.year}|${letters}`;
    const first = firstOf.get(key);
    if (first) copyOf.set(m.id, first);
    else firstOf.set(key, m.id);
  }
  const pairing = pairReports(members.map(m => ({ id: m.id, name: m.name, agency: m.summary.agency, year: m.summary.year, copyOf: copyOf.get(m.id) })), aliases);
  const previous = new Map([...pairing.previousOf].map(([id, p]) => [id, p.previous]));
  // A copy is placed with its original for reuse: the two are never compared with each other.
  const originals = new Set(copyOf.values());
  const bodyOf = (id: string) => pairing.bodyOf.get(copyOf.get(id) ?? id) ?? (copyOf.has(id) || originals.has(id) ? `#copy:${copyOf.get(id) ?? id}` : null);
  const reuse = findReuse(members.map(m => ({ id: m.id, body: bodyOf(m.id), pieces: m.summary.pieces })), previous);
  return { pairing, reuse, copies: copyOf };
}

/** The letters and digits of a report's 一、五、六: equal for the same report however it was read. */
function signature(pieces: TextPiece[]): string {
  return pieces.map(p => lettersAndDigits(p.text)).join('|');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * `text.replace(/[^\p{L}\p{N}]/gu, '')`, five times faster: ASCII and the CJK ideographs (U+4E00–U+9FFF,
 * every one a letter) decided by their code, any other character by the pattern (a surrogate pair as
 * one character). across.test.ts holds it to the pattern on every code unit.
 */
export function lettersAndDigits(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let size = 1;
    let keep: boolean;
    if (c < 0x80) keep = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    else if (c >= 0x4e00 && c <= 0x9fff) keep = true;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 2;
      keep = LETTER_OR_DIGIT.test(text.slice(i, i + 2));
    } else keep = LETTER_OR_DIGIT.test(text[i]);
    if (!keep) {
      out += text.slice(from, i);
      from = i + size;
    }
    i += size - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
