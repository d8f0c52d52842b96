import { CHINESE_NUMERALS, SECTIONS } from '../format';
import { compileSet, distanceTo, symbolsOf } from './match';
import type { OffsetRange, Section, Subsection } from './model';
import { normalizeLabel, normalizePieces } from './normalize';
import { BLANK, HEADING_START, SIGNED, SUBSECTION_START, signatureBits, signatureMask, signsASection } from './lines';
import { ownText, type Line, type LineEdit, type SourceText } from './text';
import type { Meter } from './mapped';

/** A section heading's numbering (一、…): the section's numeral and the heading's text. */
const NUMBERED_HEADING = /^([一二三四五六七八九十])\s*[、.．,，]\s*(.*)$/;
const PART = /^第([一二三四五六])部分\s*[、.．:：]?\s*(.*)$/;
const SUBSECTION = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]/;

const isMarkup = (c: string) => c === '#' || c === '*' || c === '>' || /\s/.test(c);

/** Markdown or emphasis markup around a heading line (one pass from each end, no backtracking). */
export function stripMarkup(text: string): { text: string; lead: number } {
  let lead = 0;
  while (lead < text.length && isMarkup(text[lead])) lead++;
  let end = text.length;
  while (end > lead && text[end - 1] !== '>' && isMarkup(text[end - 1])) end--;
  return { text: text.slice(lead, end), lead };
}

/** A heading is a short line: longer text is a paragraph that mentions the section's words. */
const MAX_HEADING_CHARS = 80;
const MAX_HEADING_NORMALIZED = 40;
/** Without its signature words, a numbered heading must still read nearly as the official wording. */
const UNSIGNED_MIN_SIMILARITY = 0.75;
/** A heading with the signature words counts as that section even if worded freely. */
const SIGNED_MIN_SCORE = 0.5;
/** A heading without a numeral (一、) must be nearly the official wording. */
const UNNUMBERED_MIN_SCORE = 0.9;
/** How far a wrapped heading's continuation may be (lines) and how long it may be (chars). */
const WRAP_LOOKAHEAD_LINES = 4;
const MAX_HEADING_TAIL = 12;
/** A subsection title can only have wrapped if its first line is long; its tail is short. */
const SUBSECTION_WRAP_MIN = 20;
const MAX_SUBSECTION_TAIL = 15;
const MAX_SUBSECTION_TITLE = 60;

/** Every section's wordings (official and variants), normalized and compiled into one pattern set. */
const WORDING_TEXTS = SECTIONS.map(s => [s.title, ...s.variants].map(normalizeLabel));
const WORDING_SET = compileSet(WORDING_TEXTS.flat());
const WORDINGS = SECTIONS.map((s, k) => {
  const first = WORDING_TEXTS.slice(0, k).reduce((n, w) => n + w.length, 0);
  return { section: s, standard: normalizeLabel(s.title), all: WORDING_TEXTS[k].map((text, i) => ({ text, index: first + i })) };
});

/**
 * Which section a heading's wording names, and how close it is to the official wording. A heading
 * without its numeral must carry the section's signature words and be nearly the official wording.
 * `atLeast`: the caller uses only a score this high, so a wording whose length alone keeps it lower
 * (its distance is at least the difference in length) is not compared; the result is then exact when
 * its score reaches `atLeast`, and below it when not.
 */
export function identifySection(body: string, numbered = true, atLeast = 0): { no: number; score: number; standard: boolean } | null {
  if (body.length > MAX_HEADING_CHARS) return null;
  // The same headings stand in every report, and in each parse of one being edited: each wording is compared once.
  const key = `${numbered ? 1 : 0}${atLeast}|${body}`;
  const known = IDENTIFIED.get(key);
  if (known !== undefined) return known && { ...known };
  const found = compareWordings(body, numbered, atLeast);
  if (IDENTIFIED.size >= MAX_IDENTIFIED) IDENTIFIED.clear();
  // The key its own string: as written it holds the text the heading was cut from.
  IDENTIFIED.set(ownText(key), found && { ...found });
  return found;
}

/** `identifySection`'s answers by their question (bounded: emptied when full). */
const IDENTIFIED = new Map<string, { no: number; score: number; standard: boolean } | null>();
const MAX_IDENTIFIED = 256;

function compareWordings(body: string, numbered: boolean, atLeast: number): { no: number; score: number; standard: boolean } | null {
  // The signature groups whose words the normal form holds, read from the text itself (lines.ts).
  const seen = signatureBits(body);
  if (!numbered && !signsASection(seen)) return null;
  const norm = normalizeLabel(body);
  if (!norm || norm.length > MAX_HEADING_NORMALIZED) return null;
  let best: { no: number; score: number; standard: boolean } | null = null;
  let symbols: Int32Array | null = null;
  for (let k = 0; k < WORDINGS.length; k++) {
    const w = WORDINGS[k];
    const signed = (seen & signatureMask(k)) === signatureMask(k);
    if (!signed && !numbered) continue;
    // A section not signed counts only from UNSIGNED_MIN_SIMILARITY: a wording whose length keeps it below is not compared either.
    const floor = signed ? atLeast : Math.max(atLeast, UNSIGNED_MIN_SIMILARITY);
    let score = 0;
    for (const x of w.all) {
      const longer = Math.max(x.text.length, norm.length);
      if (floor > 0 && 1 - Math.abs(x.text.length - norm.length) / longer < floor) continue;
      if (x.text === norm) score = 1;
      else score = Math.max(score, 1 - distanceTo(WORDING_SET, x.index, (symbols ??= symbolsOf(WORDING_SET, norm))) / longer);
    }
    if (!signed && score < UNSIGNED_MIN_SIMILARITY) continue;
    const effective = signed ? Math.max(score, SIGNED_MIN_SCORE) : score;
    if (!best || effective > best.score) best = { no: w.section.no, score: effective, standard: norm === w.standard };
  }
  return best;
}

interface Candidate {
  no: number;
  numeral: string | null;
  heading: string;
  headingRange: OffsetRange;
  standard: boolean;
  score: number;
}

/** Every wording of every section, normalized, longest first. */
const PREFIX_WORDINGS = SECTIONS
  .flatMap(s => [s.title, ...s.variants].map(w => ({ no: s.no, norm: normalizeLabel(w), standard: w === s.title })))
  .sort((a, b) => b.norm.length - a.norm.length);
const LONGEST_WORDING = Math.max(...PREFIX_WORDINGS.map(w => w.norm.length));
/** How far past a wording's length its normalized text may reach in the source (spaces, quotes). */
const WORDING_SLACK = 10;

/**
 * The section wording (official or a known variant) that `text` starts with at `from`, and where it
 * ends in `text`: a heading followed on its line by its first sentence, or glued to it.
 */
function wordingAt(text: string, from: number): { no: number; standard: boolean; end: number } | null {
  const piece = text.slice(from, from + LONGEST_WORDING + WORDING_SLACK);
  const norm = normalizePieces([{ text: piece, start: from }]);
  for (const w of PREFIX_WORDINGS) {
    if (norm.text.startsWith(w.norm)) return { no: w.no, standard: w.standard, end: norm.offsets[w.norm.length - 1] + 1 };
  }
  return null;
}

/** What may follow a heading on its line when it is the start of the section's text, not the heading's end. */
const BODY_START = /^[\d（(《〈“「第本我经依根按在无全共截据现]/;
/**
 * What may precede a heading inside a long line: a sentence's end, a table's last number (with its
 * unit: `6251000元三、收到…`), a space.
 * Not `；` `：` `，`: after those, 一、总体情况 is an item of a list in a sentence.
 */
const BEFORE_HEADING = /[\s。！!？?）)”」\d元%]/;
const EMBEDDED_NUMERAL = /[一二三四五六]\s*[、.．]/g;
/** A section's name followed by `；` `，` `、` is an item of a list in a sentence (`本报告分为：一、总体情况；二、…`), not a heading. */
const LIST_AFTER = /^\s*[；;，,、]/;

function nextContentLine(src: SourceText, i: number): Line | null {
  const { lines } = src;
  for (let j = i + 1; j < lines.length && j <= i + WRAP_LOOKAHEAD_LINES; j++) {
    if (lines[j].blanked || src.classes.flags[j] & BLANK) continue;
    return lines[j];
  }
  return null;
}

function headingCandidate(src: SourceText, i: number): Candidate | null {
  const { clean, lines } = src;
  const line = lines[i];
  if (line.blanked) return null;
  const { text, lead } = stripMarkup(line.text);
  if (!text) return null;
  let numeral: string | null = null;
  let body: string;
  let bodyStart: number;
  const m = NUMBERED_HEADING.exec(text) ?? PART.exec(text);
  if (m) {
    numeral = m[1];
    body = m[2];
    bodyStart = lead + text.length - m[2].length;
  } else {
    body = text;
    bodyStart = lead;
  }
  // A heading followed on its line by its first sentence (`六、其他需要报告的事项 （一）依据…`), or glued
  // to it (`一、总体情况2023年，…`): the heading is the wording, the rest is the section's text.
  if (numeral) {
    const w = wordingAt(line.text, bodyStart);
    if (w && LIST_AFTER.test(line.text.slice(w.end))) return null;
    if (w) {
      const rest = line.text.slice(w.end).replace(/^[：:\s]+/, '');
      const gap = /^\s/.test(line.text.slice(w.end));
      if (rest && (gap || line.text.length > MAX_HEADING_CHARS || BODY_START.test(rest))) {
        const start = line.start + lead;
        const end = line.start + w.end;
        return { no: w.no, numeral, heading: clean.slice(start, end).replace(/\s+/g, ''), headingRange: { start, end }, standard: w.standard && numeral === CHINESE_NUMERALS[w.no - 1], score: 1 };
      }
    }
  }
  // A heading followed on the same line by its first paragraph: keep the part before 。
  const stop = body.search(/[。；]/);
  if (stop >= 0 && body[stop] === '；') return null;
  if (stop >= 0) body = body.slice(0, stop);
  body = body.replace(/[：:]$/, '');
  // A heading without a numeral counts only if nearly the official wording.
  const atLeast = numeral ? 0 : UNNUMBERED_MIN_SCORE;
  let id = identifySection(body, numeral !== null, atLeast);
  if (!id) return null;
  // A table row that looks like a heading carries numbers after its label.
  if (trailingNumbers(body) >= 2) return null;
  if (!numeral && !(id.score >= UNNUMBERED_MIN_SCORE)) return null;
  let end = line.start + bodyStart + body.length;
  // A heading wrapped over two lines (…提起行政诉讼情 / 况) is one heading.
  const next = nextContentLine(src, i);
  if (next && stop < 0) {
    const cont = stripMarkup(next.text).text;
    if (cont.length <= MAX_HEADING_TAIL && !/\d/.test(cont) && !NUMBERED_HEADING.test(cont) && !SUBSECTION.test(cont) && !/[。；]/.test(cont)) {
      const joined = identifySection(body + cont, numeral !== null, atLeast);
      if (joined && joined.no === id.no && joined.score > id.score) {
        body += cont;
        id = joined;
        end = next.start + (next.text.length - next.text.trimStart().length) + cont.length;
      }
    }
  }
  const start = line.start + (numeral ? lead : bodyStart);
  return {
    no: id.no,
    numeral,
    heading: clean.slice(start, end).replace(/\s+/g, ''),
    headingRange: { start, end },
    standard: id.standard && numeral === CHINESE_NUMERALS[id.no - 1],
    score: id.score,
  };
}

export function findSections(src: SourceText, meter?: Meter): Section[] {
  const { lines } = src;
  const { flags } = src.classes;
  const found: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (meter) meter.units += lines[i].text.length;
    // A heading starts with its numeral (一、 第一部分) or, without one, carries its section's signature words.
    const c = flags[i] & (HEADING_START | SIGNED) ? headingCandidate(src, i) : null;
    if (c) found.push(c);
    if (lines[i].text.length > MAX_HEADING_CHARS) found.push(...embeddedHeadings(src.clean, lines[i], c ? c.headingRange.end : lines[i].start));
  }
  return found.map((c, k) => ({
    ...c,
    range: { start: c.headingRange.start, end: k + 1 < found.length ? found[k + 1].headingRange.start : src.clean.length },
    subsections: [],
  }));
}

/**
 * The sections `found` in the text before an edit of one line (`readSourceAfterEdit`), moved by it, when
 * the edit cannot change them; null when it may. `findSections` reads a line when its class says it may
 * start a heading (`headingCandidate`, which reads the lines after it only for a heading it found, to
 * join a wrapped one: up to WRAP_LOOKAHEAD_LINES), and when it is long (headings inside it). So an edited
 * line that is no heading before or after the edit (a table row that starts like one: 「一、本年新收…」),
 * not long, and not within reach of a heading found before it changes no heading; every offset after
 * it moves by the edit.
 */
export function sectionsAfterEdit(found: Section[], before: SourceText, after: SourceText, edit: LineEdit): Section[] | null {
  const n = edit.line;
  if (before.lines[n].text.length > MAX_HEADING_CHARS || after.lines[n].text.length > MAX_HEADING_CHARS) return null;
  if (before.classes.flags[n] & (HEADING_START | SIGNED) && headingCandidate(before, n)) return null;
  if (after.classes.flags[n] & (HEADING_START | SIGNED) && headingCandidate(after, n)) return null;
  const reach = before.lines[Math.max(0, n - WRAP_LOOKAHEAD_LINES)].start;
  if (found.some(s => s.headingRange.start >= reach && s.headingRange.start < before.lines[n].start)) return null;
  return copySections(found, x => (x >= edit.to ? x + edit.delta : x));
}

/** Sections as `findSections` gives them (no subsections yet), each offset mapped by `move`: a copy the parse may change. */
export function copySections(found: Section[], move: (offset: number) => number = x => x): Section[] {
  return found.map(s => ({
    ...s,
    heading: ownText(s.heading),
    headingRange: { start: move(s.headingRange.start), end: move(s.headingRange.end) },
    range: { start: move(s.range.start), end: move(s.range.end) },
    subsections: [],
  }));
}

/**
 * Headings inside a long line (a crawled page: the whole report on a few lines, headings glued to
 * the text around them): a numeral and an official wording (or a known variant), after a sentence's
 * end, a number or a space.
 */
function embeddedHeadings(clean: string, line: Line, from: number): Candidate[] {
  const out: Candidate[] = [];
  const text = line.text;
  EMBEDDED_NUMERAL.lastIndex = Math.max(0, from - line.start);
  let m: RegExpExecArray | null;
  while ((m = EMBEDDED_NUMERAL.exec(text)) !== null) {
    const at = m.index;
    if (at === 0 || !BEFORE_HEADING.test(text[at - 1])) continue;
    const w = wordingAt(text, at + m[0].length);
    if (!w || LIST_AFTER.test(text.slice(w.end)) || /^\s*。/.test(text.slice(w.end))) continue;
    const numeral = m[0][0];
    const start = line.start + at;
    const end = line.start + w.end;
    out.push({ no: w.no, numeral, heading: clean.slice(start, end).replace(/\s+/g, ''), headingRange: { start, end }, standard: w.standard && numeral === CHINESE_NUMERALS[w.no - 1], score: 1 });
    EMBEDDED_NUMERAL.lastIndex = w.end;
  }
  return out;
}

/** （一）（二）… inside a section, outside its tables. */
export function findSubsections(src: SourceText, section: Section, tableRanges: OffsetRange[], meter?: Meter): Subsection[] {
  const out: Subsection[] = [];
  const lines = src.lines;
  const first = firstLineAtOrAfter(lines, section.headingRange.end);
  // The rest of the heading's own line (`六、其他需要报告的事项 （一）依据…`) is scanned as a line of its own.
  const headingLine = lines[first - 1];
  const rest: Line | null = headingLine && headingLine.end > section.headingRange.end && headingLine.start < section.headingRange.end
    ? { ...headingLine, start: section.headingRange.end, text: headingLine.text.slice(section.headingRange.end - headingLine.start) }
    : null;
  for (let i = rest ? first - 1 : first; i < lines.length; i++) {
    if (meter) meter.units += 1;
    const line = rest && i === first - 1 ? rest : lines[i];
    if (line.start >= section.range.end) break;
    // Only a line whose first character after markup is a bracket may be a title (the rest of the heading's line is read whole).
    if (line !== rest && !(src.classes.flags[i] & SUBSECTION_START)) continue;
    if (tableRanges.some(r => line.start >= r.start && line.start < r.end)) continue;
    const { text, lead } = stripMarkup(line.text);
    const m = SUBSECTION.exec(text);
    if (!m) continue;
    const no = chineseNumber(m[1]);
    if (!no) continue;
    let title = text;
    let end = line.start + lead + text.length;
    const stop = title.search(/[。；]/);
    if (stop >= 0) {
      title = title.slice(0, stop);
      end = line.start + lead + stop;
    } else {
      // A title wrapped onto the next line: join a short tail that ends the phrase.
      const next = nextContentLine(src, i);
      // Only a long first line can have wrapped: a short one is a whole title.
      if (next && next.start < section.range.end && title.length >= SUBSECTION_WRAP_MIN) {
        const cont = stripMarkup(next.text).text;
        const tail = cont.split(/[。；]/)[0];
        if (tail.length > 0 && tail.length <= MAX_SUBSECTION_TAIL && !SUBSECTION.test(cont) && !NUMBERED_HEADING.test(cont)) {
          title += tail;
          end = next.start + (next.text.length - next.text.trimStart().length) + tail.length;
        }
      }
    }
    title = title.replace(/\s+/g, '');
    if (title.length > MAX_SUBSECTION_TITLE) title = title.slice(0, MAX_SUBSECTION_TITLE) + '…';
    out.push({ no, title, headingRange: { start: line.start + lead, end }, range: { start: line.start + lead, end: section.range.end } });
  }
  for (let k = 0; k + 1 < out.length; k++) out[k].range.end = out[k + 1].range.start;
  return out;
}

function firstLineAtOrAfter(lines: Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function chineseNumber(s: string): number {
  const digit = (c: string) => CHINESE_NUMERALS.indexOf(c) + 1;
  if (s.length === 1) return digit(s);
  if (s.length === 2 && s[0] === '十') return 10 + digit(s[1]);
  if (s.length === 2 && s[1] === '十') return digit(s[0]) * 10;
  if (s.length === 3 && s[1] === '十') return digit(s[0]) * 10 + digit(s[2]);
  return 0;
}

/** How many whitespace-separated numbers a text ends with (「二、主动公开 3 0 1」 → 3), in one pass from the end. */
function trailingNumbers(text: string): number {
  let k = text.length;
  let count = 0;
  for (;;) {
    while (k > 0 && /\s/.test(text[k - 1])) k--;
    const end = k;
    while (k > 0 && text.charCodeAt(k - 1) >= 48 && text.charCodeAt(k - 1) <= 57) k--;
    if (k === end || (k > 0 && !/\s/.test(text[k - 1]))) return count;
    count++;
  }
}
