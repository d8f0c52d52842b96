/**
 * Figures the prose states about the tables (「共收到政府信息公开申请 68 件」「结转下年度 1 件」…). The claims
 * a sentence can make are a data table: a pattern, what it names, the table values that would make it
 * true, and — where it states one cell — that cell (the arithmetic uses it to tell a wrong cell).
 */
import { rangeOf, type OffsetRange, type ReportModel } from '../parse';
import { APPLICATION_TOTAL_COLUMN, REVIEW_GROUP_COLUMNS, REVIEW_GROUPS, reviewColumn, reviewTotalColumn, type CellRef, type ReportFormat } from '../format';
import { refKey, type ProseEvidence } from './arithmetic';
import { COUNT_UNIT, HAS_DIGIT, type Sentence } from './prose';
import { FactsMemo, textsOf, type SentenceSpot } from './memo';
import { msg, type Message } from '../message';

export interface Claim {
  value: number;
  range: OffsetRange;
  /** What the sentence says, e.g. 「收到申请」. */
  what: Message;
  /** Acceptable table values, with how the table puts them. */
  table: Reading[];
  /** The one cell the claim states, when it states one (and only one reading is possible). */
  cell?: CellRef;
}

export interface Reading {
  value: number;
  how: Message;
}

/** The table figures the claims are checked against; null where a cell is not a number. */
interface Facts {
  cell(key: string, col: number): number | null;
  /** The 总计 column of a row. */
  total(key: string): number | null;
  /** The 总计 of a group of rows (`denied` → denied.1 … denied.8), when all are numbers. */
  groupTotal(prefix: string): number | null;
  /** The 总计 of each 四 group. */
  reviewTotals: number[] | null;
}

function factsOf(model: ReportModel): Facts {
  const rows = model.applications?.rows ?? [];
  const cell = (key: string, col: number) => {
    const c = rows.find(r => r.key === key)?.cells[col];
    return c && c.kind === 'number' ? c.value : null;
  };
  const reviews = model.reviews?.cells;
  const groups = REVIEW_GROUPS.map((_, g) => reviews?.[reviewTotalColumn(g)]);
  return {
    cell,
    total: key => cell(key, APPLICATION_TOTAL_COLUMN),
    groupTotal(prefix) {
      const members = rows.filter(r => r.key === prefix || r.key?.startsWith(prefix + '.'));
      const vals = members.map(r => (r.cells[APPLICATION_TOTAL_COLUMN]?.kind === 'number' ? r.cells[APPLICATION_TOTAL_COLUMN].value : null));
      return members.length && vals.every(v => v !== null) ? (vals as number[]).reduce((a, b) => a + b, 0) : null;
    },
    reviewTotals: groups.every(c => c?.kind === 'number') ? groups.map(c => c!.value!) : null,
  };
}

/**
 * One kind of statement. `pattern` captures the stated number in group 1; `readings` gives the table
 * values that would make the statement true (null: the table cannot tell, nothing is checked).
 */
interface ClaimKind {
  what: Message;
  pattern: RegExp;
  /** Where the number is: the last (default) or first occurrence of group 1 in the match. */
  numberFirst?: boolean;
  /** The stated value; by default the number in group 1. */
  value?(m: RegExpExecArray): number;
  /** Only some matches are claims about the tables. */
  accept?(m: RegExpExecArray): boolean;
  /**
   * The statement names a whole count (all applications received, all completed): in a 「其中…」 clause
   * the same words name a part of something else (其中网上收到申请 40 件), so it is not checked there.
   */
  whole?: boolean;
  readings(f: Facts): Reading[] | null;
  /** The one cell the statement names, if it names one. */
  cell?: CellRef;
}

const n = (x: number | null): x is number => x !== null;
const one = (value: number | null, how: (v: number) => Message): Reading[] | null => (n(value) ? [{ value, how: how(value) }] : null);

const RECEIVED: ClaimKind = {
  what: msg('收到申请', 'applications received'),
  whole: true,
  pattern: new RegExp(`(?:收到|受理|接收|接到)[^。；，,：]{0,24}?(?:公开申请|依申请公开|申请)(?:书|信息|事项)?\\s{0,3}(?:共)?\\s{0,3}(?<![\\d.])(\\d{1,9})\\s{0,3}(?:${COUNT_UNIT})`, 'g'),
  accept: m => /公开/.test(m[0]),
  readings(f) {
    const fresh = f.total('new');
    const carry = f.total('carryover');
    if (!n(fresh)) return null;
    const out = [{ value: fresh, how: msg(`本年新收 ${fresh} 件`, `new this year ${fresh}`) }];
    if (n(carry) && carry > 0) out.push({ value: fresh + carry, how: msg(`加上年结转 ${carry} 件为 ${fresh + carry} 件`, `with ${carry} carried over, ${fresh + carry}`) });
    return out;
  },
};

const NONE_RECEIVED: ClaimKind = {
  what: msg('收到申请', 'applications received'),
  pattern: /(无|没有|未收到)(?:任何)?(?:政府信息)?依申请公开/g,
  numberFirst: true,
  value: () => 0,
  readings(f) {
    const fresh = f.total('new');
    return n(fresh) && fresh > 0 ? [{ value: fresh, how: msg(`三表本年新收 ${fresh} 件`, `the table has ${fresh} new`) }] : null;
  },
};

/** 「自然人申请 5 件」: one per applicant column that a sentence can name unambiguously. Made once per format. */
const APPLICANT_KINDS = new Map<ReportFormat, ClaimKind[]>();
function byApplicant(format: ReportFormat): ClaimKind[] {
  let kinds = APPLICANT_KINDS.get(format);
  if (!kinds) APPLICANT_KINDS.set(format, (kinds = applicantKinds(format)));
  return kinds;
}

function applicantKinds(format: ReportFormat): ClaimKind[] {
  return format.applications.columns
    .map((c, col) => ({ c, col }))
    .filter(({ c }) => c.key !== 'others' && c.key !== 'total')
    .map(({ c, col }) => ({
      what: msg(`${c.label}申请`, `applications by ${c.en}`),
      pattern: new RegExp(`${c.label}(?:申请|提出申请|提出)[^。；，,\\d]{0,4}?(?<![\\d.])(\\d{1,9})\\s{0,3}件`, 'g'),
      readings(f: Facts) {
        const v = f.cell('new', col);
        if (!n(v)) return null;
        const carry = f.cell('carryover', col) ?? 0;
        const out = [{ value: v, how: msg(`三表${c.label}本年新收 ${v} 件`, `${v} new from ${c.en}`) }];
        if (carry) out.push({ value: v + carry, how: msg(`加上年结转为 ${v + carry} 件`, `${v + carry} with carry-over`) });
        return out;
      },
    }));
}

const totalOf = (row: string): CellRef => ({ table: 'applications', row, col: APPLICATION_TOTAL_COLUMN });

const CARRIED_OVER: ClaimKind = {
  what: msg('上年结转', 'carried over'),
  cell: totalOf('carryover'),
  pattern: /(?:上年度?|上一年度?|(?:19|20)\d{2}\s{0,3}年度?)\s{0,3}结转(?:[^。；，,\d]{0,8}?)(?<![\d.])(\d{1,9})\s{0,3}件/g,
  readings: f => one(f.total('carryover'), v => msg(`三表“二、上年结转”为 ${v} 件`, `the table carries over ${v}`)),
};

const forwardReading = (f: Facts) => one(f.total('forward'), v => msg(`三表“四、结转下年度继续办理”为 ${v} 件`, `the table carries ${v} forward`));
const CARRIED_FORWARD: ClaimKind[] = [
  { what: msg('结转下年度', 'carried forward'), cell: totalOf('forward'), pattern: /结转(?:至|到)?\s{0,3}(?:下一?年度?|(?:19|20)\d{2}\s{0,3}年度?)(?:继续办理)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}件/g, readings: forwardReading },
  { what: msg('结转下年度', 'carried forward'), cell: totalOf('forward'), pattern: /(?<![\d.])(\d{1,9})\s{0,3}件[^。；，,\d]{0,6}?结转(?:至|到)?\s{0,3}(?:下一?年度?|(?:19|20)\d{2}\s{0,3}年度?)/g, numberFirst: true, readings: forwardReading },
];

const completedReading = (f: Facts) => one(f.total('total'), v => msg(`三表“（七）总计”为 ${v} 件`, `the table’s total is ${v}`));
const COMPLETED: ClaimKind[] = [
  { what: msg('办结', 'completed'), whole: true, cell: totalOf('total'), pattern: /(?:办结|办理完毕|答复完毕)(?:数|率)?\s{0,3}(?:共)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}件/g, readings: completedReading },
  { what: msg('办结', 'completed'), whole: true, cell: totalOf('total'), pattern: /(?<![\d.])(\d{1,9})\s{0,3}件[^。；，,\d]{0,12}?(?:办结|办理完毕|答复完毕)/g, numberFirst: true, readings: completedReading },
];

/** Results by kind: 「予以公开 8 件」「无法提供 21 件」…, against the sum of the kind's rows. */
const RESULT_NAMES: Record<string, string> = { granted: '予以公开', partial: '部分公开', denied: '不予公开', unavailable: '无法提供', rejected: '不予处理' };
function byResult(what: Message, pattern: RegExp, ...choices: string[][]): ClaimKind {
  return {
    what, pattern,
    readings(f) {
      const out = choices.flatMap(keys => {
        const v = keys.map(k => f.groupTotal(k));
        if (!v.every(n)) return [];
        const value = (v as number[]).reduce((a, b) => a + b, 0);
        return [{ value, how: msg(`三表“${keys.map(k => RESULT_NAMES[k]).join('与')}”为 ${value} 件`, `the table has ${value}`) }];
      });
      return out.length ? out : null;
    },
  };
}
/** 「及」「和」「与」「、」 joining two results into one count. */
const JOINED = '(?:及|和|与|、|以及)';
const RESULTS: ClaimKind[] = [
  // 「予以公开及部分公开 20 件」: one count for both.
  byResult(msg('予以公开及部分公开', 'granted in whole or in part'), new RegExp(`(?:予以公开|同意公开)${JOINED}部分公开(?:答复)?(?:数)?\\s{0,3}(?:共)?\\s{0,3}(?<![\\d.])(\\d{1,9})\\s{0,3}件`, 'g'), ['granted', 'partial']),
  // 「同意公开」 may count the partly disclosed too.
  byResult(msg('予以公开', 'granted'), new RegExp(`(?<!不)(?:予以公开|同意公开)(?!${JOINED}部分公开)(?:答复)?(?:数)?\\s{0,3}(?:共)?\\s{0,3}(?<![\\d.])(\\d{1,9})\\s{0,3}件`, 'g'), ['granted'], ['granted', 'partial']),
  byResult(msg('部分公开', 'partly granted'), new RegExp(`(?<!${JOINED})部分公开(?:答复)?(?:数)?\\s{0,3}(?<![\\d.])(\\d{1,9})\\s{0,3}件`, 'g'), ['partial']),
  byResult(msg('不予公开', 'denied'), /(?:不予公开|不同意公开)(?:答复)?(?:数)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}件/g, ['denied']),
  byResult(msg('无法提供', 'unavailable'), /无法提供(?:答复)?(?:数)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}件/g, ['unavailable']),
  byResult(msg('不予处理', 'not processed'), /不予处理(?:答复)?(?:数)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}件/g, ['rejected']),
];

/** The 四 groups a sentence names: 行政复议 is one group, 行政诉讼 the two litigation groups. */
const RECONSIDERATION = REVIEW_GROUPS.findIndex(g => g.key === 'reconsideration');
const LITIGATION = REVIEW_GROUPS.map((g, i) => (g.key.startsWith('litigation') ? i : -1)).filter(i => i >= 0);
const litigation = (t: number[]) => LITIGATION.reduce((a, g) => a + t[g], 0);
const REVIEWS: ClaimKind[] = [
  {
    what: msg('行政复议', 'reconsideration'),
    whole: true,
    cell: { table: 'reviews', col: reviewTotalColumn(RECONSIDERATION) },
    pattern: /(?:被申请|收到|发生|办理)?行政复议(?:案件)?\s{0,3}(?:共)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}(?:件|起|宗)/g,
    readings: f => f.reviewTotals && [{ value: f.reviewTotals[RECONSIDERATION], how: msg(`四表行政复议总计为 ${f.reviewTotals[RECONSIDERATION]} 件`, `the table has ${f.reviewTotals[RECONSIDERATION]}`) }],
  },
  {
    what: msg('行政诉讼', 'litigation'),
    whole: true,
    pattern: /(?:被提起|提起|发生|收到)?行政诉讼(?:案件)?\s{0,3}(?:共)?\s{0,3}(?<![\d.])(\d{1,9})\s{0,3}(?:件|起|宗)/g,
    readings(f) {
      if (!f.reviewTotals) return null;
      const parts = LITIGATION.map(g => f.reviewTotals![g]);
      const sum = litigation(f.reviewTotals);
      return [{ value: sum, how: msg(`四表行政诉讼两组总计为 ${parts.join(' + ')} = ${sum} 件`, `the table has ${parts.join(' + ')} = ${sum}`) }];
    },
  },
];

/** 「不存在…行政复议、行政诉讼」 covers both; 「未发生行政诉讼」 only litigation. */
const NO_REVIEWS = /(不存在|未发生|没有发生|没有|无)[^。；，,]{0,24}?(行政复议(?:[、和及与或]行政诉讼)?|行政诉讼)([^。；，,]{0,12})/g;
/** 「未发生…被行政复议纠错的情况」 says nothing was corrected, not that there was no case. */
const CORRECTED = /纠错|纠正|撤销|确认违法|败诉|被改变/;
const CORRECTED_COLUMN = REVIEW_GROUP_COLUMNS.findIndex(c => c.key === 'corrected');

function noReviewClaims(model: ReportModel, f: Facts, s: Sentence, out: Claim[]): void {
  if (!f.reviewTotals) return;
  const t = f.reviewTotals;
  const cells = model.reviews?.cells ?? [];
  const corrected = (g: number) => {
    const c = cells[reviewColumn(g, CORRECTED_COLUMN)];
    return c?.kind === 'number' ? c.value! : null;
  };
  NO_REVIEWS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NO_REVIEWS.exec(s.text)) !== null) {
    const both = m[2].includes('复议') && m[2].includes('诉讼');
    const groups = both ? [RECONSIDERATION, ...LITIGATION] : m[2].includes('复议') ? [RECONSIDERATION] : LITIGATION;
    const range = rangeOf(s, m.index, m.index + m[1].length);
    const name = both ? msg('行政复议、行政诉讼', 'reconsideration and litigation') : m[2].includes('复议') ? msg('行政复议', 'reconsideration') : msg('行政诉讼', 'litigation');
    if (CORRECTED.test(m[0].slice(m[1].length))) {
      const values = groups.map(corrected);
      if (values.some(v => v === null)) continue;
      const count = (values as number[]).reduce((a, b) => a + b, 0);
      const what = msg(`${name.zh}结果纠正`, `${name.en} corrected`);
      if (count > 0) out.push({ value: 0, range, what, table: [{ value: count, how: msg(`四表${name.zh}“结果纠正”共 ${count} 件`, `the section 四 table has ${count} corrected`) }] });
      continue;
    }
    const count = groups.reduce((a, g) => a + t[g], 0);
    if (count > 0) out.push({ value: 0, range, what: name, table: [{ value: count, how: msg(`四表${name.zh}总计共 ${count} 件`, `the section 四 table has ${count}`) }] });
  }
}

/** Sentences about filed copies (备案) count something else than the tables. */
const OTHER_SCOPE = /备案/;

/** A statement matched in a sentence: which kind (its index in the kinds looked for), the value stated, where. */
interface Matched {
  kind: number;
  value: number;
  at: SentenceSpot;
}

function claimsIn(s: Sentence, k: number, kinds: { k: ClaimKind; table: Reading[] }[], out: Matched[]): void {
  // A kind that reads its value from group 1 reads a number written in digits: a sentence without one states none.
  const digits = HAS_DIGIT.test(s.text);
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i].k;
    if (!digits && !kind.value) continue;
    kind.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = kind.pattern.exec(s.text)) !== null) {
      if (kind.accept && !kind.accept(m)) continue;
      if (kind.whole && inPartClause(s.text, m.index)) continue;
      const at = m.index + (kind.numberFirst ? m[0].indexOf(m[1]) : m[0].lastIndexOf(m[1]));
      out.push({ kind: i, value: kind.value ? kind.value(m) : Number(m[1]), at: { k, from: at, to: at + m[1].length } });
    }
  }
}

/** Whether the clause that `at` is in (since the last ，；：) says 其中: a part of a count stated before. */
function inPartClause(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && !'，,；;：:。'.includes(text[k - 1])) k--;
  return text.slice(k, at).includes('其中') || text.slice(Math.max(0, k - 2), k + 2).includes('其中');
}

/** Every figure the prose states about the tables, in document order. */
export function readClaims(sentences: Sentence[], model: ReportModel, format: ReportFormat, memo?: FactsMemo): Claim[] {
  const facts = factsOf(model);
  // What the tables say is read once; a statement the tables cannot check is not looked for.
  const kinds = [RECEIVED, NONE_RECEIVED, ...byApplicant(format), CARRIED_OVER, ...CARRIED_FORWARD, ...COMPLETED, ...RESULTS, ...REVIEWS]
    .map(k => ({ k, table: k.readings(facts) }))
    .filter((x): x is { k: ClaimKind; table: Reading[] } => x.table !== null);
  // Which statements the sentences make depends on their text and the kinds looked for: the last analysis's when both are the same.
  const kindList = kinds.map(x => x.k);
  let matched: Matched[];
  const last = memo?.claims;
  if (memo && last && sameList(last.kinds, kindList) && FactsMemo.sameTexts(last.texts, sentences)) {
    memo.counts.reused++;
    matched = last.value as Matched[];
    last.texts = textsOf(sentences);
  } else {
    matched = [];
    for (let k = 0; k < sentences.length; k++) if (!OTHER_SCOPE.test(sentences[k].text)) claimsIn(sentences[k], k, kinds, matched);
    if (memo) {
      memo.counts.computed++;
      memo.claims = { texts: textsOf(sentences), kinds: kindList, value: matched };
    }
  }
  const claims: Claim[] = [];
  let next = 0;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    if (OTHER_SCOPE.test(s.text)) continue;
    for (; next < matched.length && matched[next].at.k === k; next++) {
      const m = matched[next];
      const { k: kind, table } = kinds[m.kind];
      const claim: Claim = { value: m.value, range: rangeOf(s, m.at.from, m.at.to), what: kind.what, table };
      if (kind.cell && table.length === 1) claim.cell = kind.cell;
      claims.push(claim);
    }
    noReviewClaims(model, facts, s, claims);
  }
  return claims;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The values the prose states for single cells: what the arithmetic may use to tell which cell is wrong. */
export function proseEvidence(claims: Claim[]): ProseEvidence {
  const out: ProseEvidence = new Map();
  for (const c of claims) {
    if (!c.cell) continue;
    const k = refKey(c.cell);
    out.set(k, [...(out.get(k) ?? []), c.value]);
  }
  return out;
}

