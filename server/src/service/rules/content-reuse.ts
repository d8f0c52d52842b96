import type { Passage, ReuseMatch } from '../across';
import { SECTIONS } from '../format';
import { msg, type Rule } from './types';

/** The body's own text of the year before is reported from this share of its 一, 五 and 六 (boilerplate left out) … */
export const REUSE_SHARE = 0.3;
/** … another body's text from this share, and this many characters (two copied paragraphs, not a phrase). */
export const OTHER_BODY_SHARE = 0.15;
export const OTHER_BODY_CHARS = 200;
/** … and its own text of the year before is a warning from this share (below: a note). */
export const REUSE_WARNING_SHARE = 0.6;
/** Related places listed with one finding. */
const SHOWN_PASSAGES = 10;

const numeral = (no: number) => SECTIONS.find(s => s.no === no)?.numeral ?? String(no);
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** 「第一部分 3 段、第五部分 2 段」: where the passages are. */
function where(passages: Passage[], zh: boolean): string {
  const counts = new Map<number, number>();
  for (const p of passages) counts.set(p.section, (counts.get(p.section) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0])
    .map(([s, n]) => (zh ? `第${numeral(s)}部分 ${n} 段` : `${n} in section ${numeral(s)}`)).join(zh ? '、' : ', ');
}

const preview = (text: string) => {
  const t = text.replace(/\s+/g, '');
  return t.length > 24 ? `${t.slice(0, 24)}…` : t;
};

export const contentReuse: Rule = {
  meta: {
    id: 'content-reuse',
    description: msg(
      '第一、五、六部分的文字与本机关上一年度报告或同批其他机关的报告雷同',
      'Sections 一, 五 and 六 repeat the body’s report of the year before, or another body’s report of the batch',
    ),
    severity: 'warning',
    fixable: false,
    tags: ['content', 'across-reports'],
  },
  // Needs the other reports: checked when a folder or a workspace is checked.
  check: () => undefined,
  across(reports, report, set) {
    const byId = new Map(reports.map(r => [r.id, r]));
    for (const r of reports) {
      for (const m of set.reuse.matches.get(r.id) ?? []) {
        if (m.previousYear ? m.share < REUSE_SHARE : m.share < OTHER_BODY_SHARE || m.chars < OTHER_BODY_CHARS) continue;
        const other = byId.get(m.other);
        const name = other?.name ?? m.other;
        const pair = set.pairing.previousOf.get(r.id);
        const body = set.pairing.bodyOf.get(m.other);
        const source = m.previousYear && pair
          ? msg(` ${pair.year - 1} 年度报告（${name}）`, `the ${pair.year - 1} report (${name})`)
          : msg(`${body ? `“${body}”的` : '另一份'}报告（${name}）`, `${body ? `${body}’s` : 'another'} report (${name})`);
        report(r.id, {
          range: m.passages[0].at,
          message: message(m, source),
          related: m.passages.slice(0, SHOWN_PASSAGES).map(p => ({
            range: p.at,
            message: msg(`与 ${name} 中“${preview(p.other.text)}”一段相同或几乎相同`, `as in ${name}: “${preview(p.other.text)}”`),
          })),
          // Its own words of last year are a note until most of the text is repeated.
          ...(m.previousYear && m.share < REUSE_WARNING_SHARE ? { atMost: 'info' as const } : {}),
        });
      }
    }
  },
};

function message(m: ReuseMatch, source: { zh: string; en: string }) {
  return msg(
    `第一、五、六部分有 ${percent(m.share)} 的文字（${m.chars} / ${m.total} 字，不计格式要求的套话）与${source.zh}相同或几乎相同，共 ${m.passages.length} 段：${where(m.passages, true)}`,
    `${percent(m.share)} of sections 一, 五 and 六 (${m.chars} of ${m.total} characters, the format’s set phrases left out) repeat ${source.en}, in ${m.passages.length} passages: ${where(m.passages, false)}`,
  );
}
