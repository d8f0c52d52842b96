import { formatCited, type FormatVersion } from '../format';
import { rangeOf, type MappedText } from './mapped';
import type { Located, StatisticsPeriod } from './model';
import type { Line, SourceText } from './text';
import { REPORT_TITLE } from '../../protocol/names';

/** What a body's name ends with: 人民政府, 办公室, 局, 委员会, 中心, 街道办事处 … */
const BODY_NAME = /^[\u4e00-\u9fa5（）()·]{2,40}?(?:政府|办公室|办公厅|办事处|局|委员会|委|中心|院|厅|部|处|所|署|会|站|队|馆|公司|集团|大学|学校|医院|办)$/;

/** A body's name from text around a title: markup and spaces removed, and only if it reads as one. */
function bodyName(text: string): string | null {
  const name = text.replace(/<[^<>]{0,200}>/g, '').replace(/[#*\s]/g, '');
  return BODY_NAME.test(name) ? name : null;
}

const TITLE = REPORT_TITLE;
/** What may follow the title on its line, closing brackets, markup and spaces taken out: nothing, or a note such as （全文） or （3 份报告合计，2021 年格式）. */
const AFTER_TITLE = /^(?:[（(][^（）()]{0,30}[）)])?(?:[_|｜—–-][^。，,；;：:_|｜]{1,20})?$/;
const CLOSING = /[\s》」』*#]/g;
/** A sentence, not a title: a title (up to its note) has no sentence punctuation. */
const SENTENCE_MARK = /[。，,；;：:！!？?]/;
/**
 * Before the title only a body's name and a year stand; a verb makes the line a sentence that names the
 * report (会议审议了…报告). Not the words of bodies' names: 机构编制委员会, 政策研究室.
 */
const NAMING_VERB = /了|审议|讨论|(?<!机构)编制|编写|撰写|起草|印发|转发|报送|上报|完成|做好|按照|根据|依据|听取|部署|研究(?![室院所中会])/;
const YEAR = /((?:19|20)\d{2})\s*年/;
/** A crawler's header lines above the text it stored: 「标题: …」, 「发布机构: …」. */
const HEADER = /^(标题|发布机构)\s*[:：]\s*/;

export interface Meta {
  title: Located<string> | null;
  agency: Located<string> | null;
  year: Located<number> | null;
  period: StatisticsPeriod | null;
  cited: Located<FormatVersion> | null;
}

/** Non-empty lines looked at for the title; a web page's menu and links may come first. */
const TITLE_LINES = 12;
const TITLE_LINES_ON_A_PAGE = 40;

interface Titled {
  title: Located<string>;
  year: Located<number> | null;
  agency: Located<string> | null;
}

/** Whether a line is a title: it ends with 「…工作年度报告」 (a bracketed note or a site's name after it at most), no sentence before it. */
function isTitleLine(t: string): boolean {
  const header = HEADER.exec(t);
  if (header?.[1] === '发布机构') return false;
  const m = TITLE.exec(t);
  if (!m || t.length - (header?.[0].length ?? 0) > 60) return false;
  // A title is a line that is the title (ends with it), not a sentence that names it.
  const before = t.slice(header?.[0].length ?? 0, m.index);
  return AFTER_TITLE.test(t.slice(m.index + m[0].length).replace(CLOSING, '')) && !SENTENCE_MARK.test(before) && !NAMING_VERB.test(before);
}

/** The title on line i, its year, and the body it names (in the title, or on the line above it). */
function titleAt(lines: Line[], i: number, cut?: number): Titled {
  const line = cut === undefined ? lines[i] : { ...lines[i], text: lines[i].text.slice(0, cut) };
  const t = line.text.trim();
  const lead = line.text.length - line.text.trimStart().length;
  const header = HEADER.exec(t);
  const unlabelled = header ? t.slice(header[0].length) : t;
  const stripped = unlabelled.replace(/^[#*\s]+/, '');
  const start = line.start + lead + (t.length - stripped.length);
  const title = { value: stripped.replace(/\s+/g, ''), range: { start, end: line.start + lead + t.length } };
  let year: Located<number> | null = null;
  let agency: Located<string> | null = null;
  const y = YEAR.exec(stripped);
  if (y) {
    const at = start + y.index;
    year = { value: Number(y[1]), range: { start: at, end: at + y[1].length } };
    const before = stripped.slice(0, y.index).trim();
    const name = bodyName(before);
    if (name) agency = { value: name, range: { start, end: start + before.length } };
    // 「2019年上海市人民政府办公厅政府信息公开工作年度报告」: the body after the year.
    const after = TITLE.exec(stripped);
    const between = after && after.index > y.index + y[0].length ? stripped.slice(y.index + y[0].length, after.index) : '';
    const named = !agency && between ? bodyName(between.trim()) : null;
    if (named) {
      const from = start + y.index + y[0].length + (between.length - between.trimStart().length);
      agency = { value: named, range: { start: from, end: from + between.trim().length } };
    }
  }
  if (!agency) {
    // The body's name on the line above the title.
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const p = lines[j].text.trim();
      if (!p) continue;
      const name = p.length <= 30 && !/[。，,；：:]/.test(p) ? bodyName(p) : null;
      if (name) {
        const plead = lines[j].text.length - lines[j].text.trimStart().length;
        agency = { value: name, range: { start: lines[j].start + plead, end: lines[j].start + plead + p.length } };
      }
      break;
    }
  }
  return { title, year, agency };
}

export function readMeta(src: SourceText, prose: MappedText): Meta {
  const { lines } = src;
  // 发布机构 as a crawler wrote it: the body when the title does not name it.
  const publisher = readPublisher(src);
  const candidates: number[] = [];
  let seen = 0;
  for (let i = 0; i < lines.length && seen < TITLE_LINES_ON_A_PAGE; i++) {
    const t = lines[i].text.trim();
    if (!t || lines[i].blanked) continue;
    seen++;
    if (isTitleLine(t)) candidates.push(i);
  }
  const titled = candidates.map(i => ({ i, near: seenBefore(lines, i) < TITLE_LINES, t: titleAt(lines, i) }));
  // The report's own title: one near the top with its year; further down (past a web page's menu, its
  // <title> and links like 「上一年度…年度报告」) only one that has its year and names its body; else
  // a title without a year.
  const chosen = titled.find(x => x.near && x.t.year && (x.t.agency || publisher))
    ?? titled.find(x => x.t.year && x.t.agency)
    ?? titled.find(x => x.near && x.t.year)
    ?? titled.find(x => x.near);
  // A crawled page on one line: the title, then the text on the same line (「…年度报告 发布日期：…本年度报告根据…」).
  const glued = chosen ? null : titleStartingLine(lines);
  const picked = chosen?.t ?? glued;
  const title = picked?.title ?? null;
  let year = picked?.year ?? null;
  const agency = (publisher ? (picked?.agency && picked.agency.range.start >= picked.title.range.start ? picked.agency : publisher) : picked?.agency) ?? null;
  const period = readPeriod(prose);
  if (!year && period) year = { value: period.startYear, range: period.range };
  return { title, agency, year, period, cited: readCited(prose) };
}

/** A title at the start of one of the first lines, the report's text after it on the same line. */
function titleStartingLine(lines: Line[]): Titled | null {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 3; i++) {
    const line = lines[i];
    if (line.blanked || !line.text.trim()) continue;
    seen++;
    const head = line.text.slice(0, 120);
    const m = TITLE.exec(head);
    if (!m || m.index > 60) continue;
    const before = head.slice(0, m.index);
    if (SENTENCE_MARK.test(before) || NAMING_VERB.test(before) || !YEAR.test(head.slice(0, m.index + m[0].length))) continue;
    return titleAt(lines, i, m.index + m[0].length);
  }
  return null;
}

/** How many non-empty lines stand before line i. */
function seenBefore(lines: Line[], i: number): number {
  let n = 0;
  for (let j = 0; j < i; j++) if (!lines[j].blanked && lines[j].text.trim()) n++;
  return n;
}

/** The 「发布机构: …」 line of a crawler's header (in the first lines), when it holds a name. */
function readPublisher(src: SourceText): Located<string> | null {
  let seen = 0;
  for (const line of src.lines) {
    const t = line.text.trim();
    if (!t || line.blanked) continue;
    if (++seen > 12) break;
    const header = HEADER.exec(t);
    if (header?.[1] !== '发布机构') continue;
    const value = t.slice(header[0].length).trim();
    if (!value || value.length > 40 || /[。，,；;：:]/.test(value)) return null;
    const at = line.start + (line.text.length - line.text.trimStart().length) + header[0].length;
    return { value: value.replace(/\s+/g, ''), range: { start: at, end: at + value.length } };
  }
  return null;
}

/**
 * 统计期限自2023年1月1日起至12月31日止. Every run of spaces is followed by a character it cannot
 * match (年, 月, 起, ，, 至…), so a failed match gives back each space once: linear, however many spaces.
 */
const PERIOD = /统计(?:期限|时限|期间|时间|区间)?[^。]{0,12}?自?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:[，,]\s*)?(?:至|到|—|-|~)\s*(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

export function readPeriod(prose: MappedText): StatisticsPeriod | null {
  const m = PERIOD.exec(prose.text);
  if (!m) return null;
  const from = m.index + m[0].indexOf(m[1]);
  // The end year, when written, is the second four-digit year of the match.
  const endAt = m[4] ? m.index + m[0].indexOf(m[4], m[0].indexOf(m[1]) + 4) : -1;
  return {
    startYear: Number(m[1]),
    endYear: m[4] ? Number(m[4]) : null,
    range: rangeOf(prose, from, m.index + m[0].length),
    startYearRange: rangeOf(prose, from, from + 4),
    endYearRange: endAt >= 0 ? rangeOf(prose, endAt, endAt + 4) : null,
  };
}

const CITED = /[〔\[［(（]\s*((?:19|20)\d{2})\s*[〕\]］)）]\s*(\d{1,3})\s*号/g;

/** The first document number cited in the prose that is one of the formats' (〔2021〕30号). */
function readCited(prose: MappedText): Located<FormatVersion> | null {
  CITED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CITED.exec(prose.text)) !== null) {
    const f = formatCited(Number(m[1]), Number(m[2]));
    if (f) return { value: f.version, range: rangeOf(prose, m.index, m.index + m[0].length) };
  }
  return null;
}
