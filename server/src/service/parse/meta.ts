import { formatCited, type TemplateVersion } from '../template';
import { rangeOf, type MappedText } from './mapped';
import type { Located, StatisticsPeriod } from './model';
import type { SourceText } from './text';
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
  cited: Located<TemplateVersion> | null;
}

export function readMeta(src: SourceText, prose: MappedText): Meta {
  const { lines } = src;
  let title: Located<string> | null = null;
  let agency: Located<string> | null = null;
  let year: Located<number> | null = null;
  // 发布机构 as a crawler wrote it: the body when the title does not name it.
  const publisher = readPublisher(src);
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 12; i++) {
    const line = lines[i];
    const t = line.text.trim();
    if (!t || line.blanked) continue;
    seen++;
    const lead = line.text.length - line.text.trimStart().length;
    const header = HEADER.exec(t);
    if (header?.[1] === '发布机构') continue;
    const m = TITLE.exec(t);
    if (!m || t.length - (header?.[0].length ?? 0) > 60) continue;
    // A title is a line that is the title (ends with it), not a sentence that names it.
    const before = t.slice(header?.[0].length ?? 0, m.index);
    if (!AFTER_TITLE.test(t.slice(m.index + m[0].length).replace(CLOSING, '')) || SENTENCE_MARK.test(before) || NAMING_VERB.test(before)) continue;
    const unlabelled = header ? t.slice(header[0].length) : t;
    const stripped = unlabelled.replace(/^[#*\s]+/, '');
    const start = line.start + lead + (t.length - stripped.length);
    title = { value: stripped.replace(/\s+/g, ''), range: { start, end: line.start + lead + t.length } };
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
    if (!agency && !publisher) {
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
    break;
  }
  agency ??= publisher;
  const period = readPeriod(prose);
  if (!year && period) year = { value: period.startYear, range: period.range };
  return { title, agency, year, period, cited: readCited(prose) };
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
function readCited(prose: MappedText): Located<TemplateVersion> | null {
  CITED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CITED.exec(prose.text)) !== null) {
    const f = formatCited(Number(m[1]), Number(m[2]));
    if (f) return { value: f.version, range: rangeOf(prose, m.index, m.index + m[0].length) };
  }
  return null;
}
