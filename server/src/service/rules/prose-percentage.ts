import { rangeOf, type OffsetRange } from '../parse';
import { depths, COUNT_UNIT, type Breakdown, type Sentence } from '../facts/prose';
import { msg, type FindingInput, type Message, type Rule, type RuleContext } from './types';

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + 1e-9) / f;
}
function floor(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.floor(x * f + 1e-9) / f;
}

/** A count written in the prose: 「120件」. */
const COUNT = new RegExp(`(?<![\\d,.])(\\d{1,9}(?:,\\d{3}){0,3})\\s{0,3}(${COUNT_UNIT})`, 'g');
/** 「，占总数的 92.3%」 right after a count (as in a 「其中」 breakdown, prose.ts). */
const SHARE = /^[^。；\d]{0,16}?占[^。；\d]{0,12}?(\d{1,3}(?:\.(\d{1,4}))?)\s{0,3}[%％]/;
/** A sentence that opens with a heading number starts another subject: the whole is not looked for before it. */
const HEADING = /^\s{0,3}(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/;
/** How many sentences back the whole of a sentence's shares may be stated. */
const LOOKBACK = 3;
/** What is quoted before a count to show where the whole is stated: back to the clause's start. */
const QUOTE_CHARS = 8;

interface Count {
  value: number;
  unit: string;
  /** Index in its sentence. */
  at: number;
  end: number;
}
interface Share extends Count {
  percent: { value: number; decimals: number; range: OffsetRange };
}

/** Whether a text may hold a share (SHARE needs 占 and a percent sign). */
function mayShare(text: string): boolean {
  return text.includes('占') && (text.includes('%') || text.includes('％'));
}

/** The counts of a sentence outside parentheses, each with the share written after it, if any. */
function countsOf(s: Sentence): (Count & { percent?: Share['percent'] })[] {
  // The depths are counted only for a sentence that states a count.
  let depth: number[] | null = null;
  const out: (Count & { percent?: Share['percent'] })[] = [];
  const shares = mayShare(s.text);
  COUNT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COUNT.exec(s.text)) !== null) {
    if ((depth ??= depths(s.text))[m.index] > 0) continue;
    const count: Count & { percent?: Share['percent'] } = { value: Number(m[1].replace(/,/g, '')), unit: m[2], at: m.index, end: m.index + m[0].length };
    const pm = shares ? SHARE.exec(s.text.slice(count.end)) : null;
    if (pm) {
      const pAt = count.end + pm.index + pm[0].indexOf(pm[1]);
      count.percent = { value: Number(pm[1]), decimals: pm[2]?.length ?? 0, range: rangeOf(s, pAt, pAt + pm[1].length) };
    }
    out.push(count);
  }
  return out;
}

/**
 * Whether some whole W (a count, at least the parts' sum) gives every share as written, rounded or cut
 * off: then the shares may be of a whole the text does not state, and nothing is said.
 */
function fitsSomeWhole(shares: Share[]): boolean {
  let low = shares.reduce((a, x) => a + x.value, 0);
  let high = Infinity;
  for (const x of shares) {
    const unit = 10 ** -x.percent.decimals;
    // p − unit/2 ≤ 100·v/W < p + unit: W in (100·v/(p + unit), 100·v/(p − unit/2)].
    low = Math.max(low, Math.floor((100 * x.value) / (x.percent.value + unit) + 1e-9) + 1);
    if (x.percent.value - unit / 2 > 0) high = Math.min(high, Math.floor((100 * x.value) / (x.percent.value - unit / 2) + 1e-9));
  }
  return low <= high;
}

/**
 * Shares without a 「其中」 breakdown whose whole is stated in the sentences before: 「…实际办理120件。…
 * 已经解决的111件，占总数的92.3%；暂时不能解决的9件，占总数的7.7%」: 111 + 9 = 120, the count stated
 * before, is the whole, and no whole gives 92.3 % and 7.7 %: 111 ÷ 120 = 92.5 %, 9 ÷ 120 = 7.5 %.
 */
function checkStatedWhole(ctx: RuleContext, breakdowns: Breakdown[]): void {
  const inBreakdown = new Set(breakdowns.flatMap(b => b.parts.flatMap(p => (p.percent ? [p.percent.range.start] : []))));
  const sentences = ctx.sentences();
  sentences.forEach((s, k) => {
    // A share is 「占…p%」 (SHARE): a sentence without 占 and a percent sign has none, and nothing to check.
    if (!mayShare(s.text)) return;
    const counts = countsOf(s);
    const shares = counts.filter((c): c is Share => !!c.percent && !inBreakdown.has(c.percent.range.start));
    if (shares.length < 2 || shares.some(x => x.unit !== shares[0].unit) || fitsSomeWhole(shares)) return;
    const sum = shares.reduce((a, x) => a + x.value, 0);
    // The whole: a count in the same unit equal to the parts' sum, before the first share in this sentence
    // or in the sentences just before it, not across a heading.
    let whole: { sentence: Sentence; count: Count } | null = null;
    const before = counts.filter(c => c.end <= shares[0].at && c.unit === shares[0].unit && c.value === sum);
    if (before.length) whole = { sentence: s, count: before[before.length - 1] };
    for (let j = k - 1; !whole && j >= Math.max(0, k - LOOKBACK); j--) {
      if (HEADING.test(sentences[j + 1].text)) break;
      const found = countsOf(sentences[j]).filter(c => c.unit === shares[0].unit && c.value === sum);
      if (found.length) whole = { sentence: sentences[j], count: found[found.length - 1] };
    }
    if (!whole) return;
    const text = whole.sentence.text;
    let from = whole.count.at;
    while (from > 0 && whole.count.at - from < QUOTE_CHARS && !/[，,。；;：:、\s]/.test(text[from - 1])) from--;
    const quoted = text.slice(from, whole.count.end);
    const written = shares.reduce((a, x) => a + x.percent.value, 0);
    const right = shares.map(x => round((x.value / sum) * 100, x.percent.decimals));
    const rightSum = right.reduce((a, x) => a + x, 0);
    // Written to add up to exactly 100 % where the right shares do not: perhaps adjusted on purpose, a note.
    // Where the right shares add up to 100 % as well, that is no excuse.
    const adjusted = Math.abs(written - 100) < 1e-6 && Math.abs(rightSum - 100) > 1e-6;
    const both = Math.abs(written - 100) < 1e-6 && !adjusted;
    const terms = shares.map(x => x.value).join(' + ');
    const rights = shares.map((x, i) => `${right[i].toFixed(x.percent.decimals)}%`).join(' + ');
    shares.forEach((x, i) => {
      const p = x.percent;
      const exact = (x.value / sum) * 100;
      if (Math.abs(right[i] - p.value) < 1e-9 || Math.abs(floor(exact, p.decimals) - p.value) < 1e-9) return;
      const r = right[i].toFixed(p.decimals);
      const note: Message = adjusted
        ? msg('；各项比例合计正好为 100%，可能是为凑足 100% 而调整', '; the shares add up to exactly 100 %, perhaps adjusted to do so')
        : both
          ? msg(`；所写比例合计为 100%，按 ${sum} 算的 ${rights} 合计也是 100%`, `; the shares written add up to 100 %, and so do the right ones, ${rights}`)
          : msg('', '');
      const finding: FindingInput = {
        range: p.range,
        message: msg(
          `${x.value} ÷ ${sum} = ${exact.toFixed(p.decimals + 2)}%，应为 ${r}%，此处为 ${p.value}%：总数是前文的“${quoted}”（${terms} = ${sum}）${note.zh}`,
          `${x.value} ÷ ${sum} = ${exact.toFixed(p.decimals + 2)}%: ${r}%, not ${p.value}%; the whole is “${quoted}” stated before (${terms} = ${sum})${note.en}`,
        ),
        suggestions: [{ title: msg(`改为 ${r}`, `Change to ${r}`), edits: [{ range: p.range, newText: r }] }],
        ...(adjusted ? { atMost: 'info' as const } : {}),
      };
      ctx.report(finding);
    });
  });
}

export const prosePercentage: Rule = {
  meta: {
    id: 'prose-percentage',
    description: msg('正文中“占…的 p%”与所列数字算出的比例不符', 'A stated percentage differs from the one its numbers give'),
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    tags: ['prose'],
  },
  check(ctx) {
    const breakdowns = ctx.breakdowns();
    checkStatedWhole(ctx, breakdowns);
    for (const b of breakdowns) {
      if (!b.total) continue;
      const shares = b.parts.filter(p => p.percent);
      // Shares written to add up to exactly 100 % where plain rounding would not: one was adjusted on
      // purpose (a common practice). Still worth a note, not a warning.
      const stated = shares.reduce((a, p) => a + p.percent!.value, 0);
      const rounded = shares.reduce((a, p) => a + round((p.value / b.total) * 100, p.percent!.decimals), 0);
      const adjusted = b.complete && shares.length === b.parts.length && shares.length > 1
        && Math.abs(stated - 100) < 1e-6 && Math.abs(rounded - 100) > 1e-6;
      for (const part of shares) {
        const p = part.percent!;
        const exact = (part.value / b.total) * 100;
        // Rounded or cut off to the decimals written: both are common and both are fine.
        if (Math.abs(round(exact, p.decimals) - p.value) < 1e-9 || Math.abs(floor(exact, p.decimals) - p.value) < 1e-9) continue;
        const right = round(exact, p.decimals).toFixed(p.decimals);
        const why = adjusted
          ? msg('；各项比例合计正好为 100%，可能是为凑足 100% 而调整', '; the shares add up to exactly 100 %, perhaps adjusted to do so')
          : msg('', '');
        ctx.report({
          range: p.range,
          message: msg(
            `${part.value} ÷ ${b.total} = ${exact.toFixed(p.decimals + 2)}%，应为 ${right}%，此处为 ${p.value}%${why.zh}`,
            `${part.value} ÷ ${b.total} = ${exact.toFixed(p.decimals + 2)}%: ${right}%, not ${p.value}%${why.en}`,
          ),
          // A share may be rounded so that the shares add up to 100 %: a person decides.
          suggestions: [{ title: msg(`${p.value}% 改为 ${right}%`, `Change ${p.value}% to ${right}%`), edits: [{ range: p.range, newText: right }] }],
          ...(adjusted ? { atMost: 'info' as const } : {}),
        });
      }
    }
  },
};
