import { CHINESE_NUMERALS, SECTIONS } from '../template';
import { similarity } from './match';
import type { OffsetRange, Section, Subsection } from './model';
import { normalizeLabel } from './normalize';
import type { Line, SourceText } from './text';
import { work } from './work';

const NUMBERED = /^([一二三四五六七八九十])\s*[、.．,，]\s*(.*)$/;
const PART = /^第([一二三四五六])部分\s*[、.．:：]?\s*(.*)$/;
const SUBSECTION = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]/;

/** Markdown or emphasis markup around a heading line. */
function stripMarkup(text: string): { text: string; lead: number } {
  const m = /^[\s#>*]*/.exec(text)!;
  let t = text.slice(m[0].length);
  t = t.replace(/[\s*#]+$/, '');
  return { text: t, lead: m[0].length };
}

const WORDINGS = SECTIONS.map(s => ({ section: s, standard: normalizeLabel(s.title), all: [s.title, ...s.variants].map(normalizeLabel) }));

/**
 * Which section a heading's wording names, and how close it is to the official wording. A heading
 * without its numeral must carry the section's signature words and be nearly the official wording.
 */
export function identifySection(body: string, numbered = true): { no: number; score: number; standard: boolean } | null {
  if (body.length > 80) return null;
  const norm = normalizeLabel(body);
  if (!norm || norm.length > 40) return null;
  let best: { no: number; score: number; standard: boolean } | null = null;
  for (const w of WORDINGS) {
    const signed = w.section.signature.every(any => any.some(word => norm.includes(word)));
    if (!signed && !numbered) continue;
    const score = Math.max(...w.all.map(x => similarity(x, norm)));
    if (!signed && score < 0.75) continue;
    const effective = signed ? Math.max(score, 0.5) : score;
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
}

function nextContentLine(lines: Line[], i: number): Line | null {
  for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
    if (lines[j].blanked || lines[j].text.trim() === '') continue;
    return lines[j];
  }
  return null;
}

function headingCandidate(clean: string, lines: Line[], i: number): Candidate | null {
  const line = lines[i];
  if (line.blanked) return null;
  const { text, lead } = stripMarkup(line.text);
  if (!text) return null;
  let numeral: string | null = null;
  let body: string;
  let bodyStart: number;
  const m = NUMBERED.exec(text) ?? PART.exec(text);
  if (m) {
    numeral = m[1];
    body = m[2];
    bodyStart = lead + text.length - m[2].length;
  } else {
    body = text;
    bodyStart = lead;
  }
  // A heading followed on the same line by its first paragraph: keep the part before 。
  const stop = body.search(/[。；]/);
  if (stop >= 0) body = body.slice(0, stop);
  body = body.replace(/[：:]$/, '');
  let id = identifySection(body, numeral !== null);
  if (!id) return null;
  // A table row that looks like a heading carries numbers after its label.
  if (/\s\d+(\s+\d+)+\s*$/.test(body)) return null;
  if (!numeral && !(id.score >= 0.9)) return null;
  let end = line.start + bodyStart + body.length;
  // A heading wrapped over two lines (…提起行政诉讼情 / 况) is one heading.
  const next = nextContentLine(lines, i);
  if (next && stop < 0) {
    const cont = stripMarkup(next.text).text;
    if (cont.length <= 12 && !/\d/.test(cont) && !NUMBERED.test(cont) && !SUBSECTION.test(cont) && !/[。；]/.test(cont)) {
      const joined = identifySection(body + cont, numeral !== null);
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
  };
}

export function findSections(src: SourceText): Section[] {
  const { lines } = src;
  const found: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    work.units += lines[i].text.length;
    const c = headingCandidate(src.clean, lines, i);
    if (c) found.push(c);
  }
  return found.map((c, k) => ({
    ...c,
    range: { start: c.headingRange.start, end: k + 1 < found.length ? found[k + 1].headingRange.start : src.clean.length },
    subsections: [],
  }));
}

/** （一）（二）… inside a section, outside its tables. */
export function findSubsections(src: SourceText, section: Section, tableRanges: OffsetRange[]): Subsection[] {
  const out: Subsection[] = [];
  const lines = src.lines;
  for (let i = firstLineAtOrAfter(lines, section.headingRange.end); i < lines.length; i++) {
    work.units += 1;
    const line = lines[i];
    if (line.start >= section.range.end) break;
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
      const next = nextContentLine(lines, i);
      // Only a long first line can have wrapped: a short one is a whole title.
      if (next && next.start < section.range.end && title.length >= 20) {
        const cont = stripMarkup(next.text).text;
        const tail = cont.split(/[。；]/)[0];
        if (tail.length > 0 && tail.length <= 15 && !SUBSECTION.test(cont) && !NUMBERED.test(cont)) {
          title += tail;
          end = next.start + (next.text.length - next.text.trimStart().length) + tail.length;
        }
      }
    }
    title = title.replace(/\s+/g, '');
    if (title.length > 60) title = title.slice(0, 60) + '…';
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
