import type { OffsetRange } from '../parse';
import { sentences, sourceRange, UNIT } from './prose';
import { msg, type Message, type Rule, type RuleContext } from './types';

const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构'];

interface Claim {
  value: number;
  range: OffsetRange;
  /** What the sentence says, e.g. 「收到申请」. */
  what: Message;
  /** Acceptable table values, with how the table puts them. */
  table: { value: number; how: Message }[];
}

export const proseTable: Rule = {
  meta: {
    id: 'prose-table',
    description: msg('正文所述件数与统计表不一致', 'A figure stated in the prose contradicts the tables'),
    severity: 'warning',
    fixable: false,
    tags: ['prose', 'applications', 'reviews'],
  },
  check(ctx) {
    const claims: Claim[] = [];
    const apps = ctx.model.applications;
    const row = (key: string) => apps?.rows.find(r => r.key === key);
    const cell = (key: string, col: number) => {
      const c = row(key)?.cells[col];
      return c && c.kind === 'number' ? c.value : null;
    };
    const newTotal = cell('new', 6);
    const carry = cell('carryover', 6);
    const total = cell('total', 6);
    const forward = cell('forward', 6);
    const reviews = ctx.model.reviews?.cells;
    const reviewTotal = (i: number) => (reviews?.[i]?.kind === 'number' ? reviews[i].value : null);

    for (const s of sentences(ctx.model)) {
      const t = s.text;
      if (/备案/.test(t)) continue; // filed copies are another count than the table's
      const find = (re: RegExp, fn: (m: RegExpExecArray, at: number) => void) => {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(t)) !== null) {
          const at = m.index + m[0].lastIndexOf(m[1]);
          fn(m, at);
        }
      };
      const range = (at: number, len: number) => sourceRange(s, at, at + len);

      if (newTotal !== null) {
        find(new RegExp(`(?:收到|受理|接收|接到)[^。；，,：]{0,24}?(?:公开申请|依申请公开|申请)(?:书|信息|事项)?\\s*(?:共)?\\s*(\\d+)\\s*(?:${UNIT})`, 'g'), (m, at) => {
          if (!/公开/.test(m[0])) return;
          const table = [{ value: newTotal, how: msg(`本年新收 ${newTotal} 件`, `new this year ${newTotal}`) }];
          if (carry !== null && carry > 0) table.push({ value: newTotal + carry, how: msg(`加上年结转 ${carry} 件为 ${newTotal + carry} 件`, `with ${carry} carried over, ${newTotal + carry}`) });
          claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('收到申请', 'applications received'), table });
        });
        if (newTotal > 0) {
          find(/(无|没有|未收到)(?:任何)?(?:政府信息)?依申请公开/g, (m, at) => {
            claims.push({ value: 0, range: range(at, m[1].length), what: msg('收到申请', 'applications received'), table: [{ value: newTotal, how: msg(`三表本年新收 ${newTotal} 件`, `the table has ${newTotal} new`) }] });
          });
        }
        COLUMNS.forEach((name, col) => {
          const v = cell('new', col);
          if (v === null) return;
          find(new RegExp(`${name}(?:申请|提出申请|提出)[^。；，,\\d]{0,4}?(\\d+)\\s*件`, 'g'), (m, at) => {
            const c = cell('carryover', col) ?? 0;
            const table = [{ value: v, how: msg(`三表${name}本年新收 ${v} 件`, `${v} new from ${name}`) }];
            if (c) table.push({ value: v + c, how: msg(`加上年结转为 ${v + c} 件`, `${v + c} with carry-over`) });
            claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg(`${name}申请`, `applications by ${name}`), table });
          });
        });
      }
      if (carry !== null) {
        find(/(?:上年度?|上一年度?|(?:19|20)\d{2}\s*年度?)\s*结转(?:[^。；，,\d]{0,8}?)(\d+)\s*件/g, (m, at) => {
          claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('上年结转', 'carried over'), table: [{ value: carry, how: msg(`三表“二、上年结转”为 ${carry} 件`, `the table carries over ${carry}`) }] });
        });
      }
      if (forward !== null) {
        const how = msg(`三表“四、结转下年度继续办理”为 ${forward} 件`, `the table carries ${forward} forward`);
        find(/结转(?:至|到)?\s*(?:下一?年度?|(?:19|20)\d{2}\s*年度?)(?:继续办理)?\s*(\d+)\s*件/g, (m, at) => {
          claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('结转下年度', 'carried forward'), table: [{ value: forward, how }] });
        });
        find(/(\d+)\s*件[^。；，,\d]{0,6}?结转(?:至|到)?\s*(?:下一?年度?|(?:19|20)\d{2}\s*年度?)/g, (m, at) => {
          claims.push({ value: Number(m[1]), range: range(m.index + m[0].indexOf(m[1]), m[1].length), what: msg('结转下年度', 'carried forward'), table: [{ value: forward, how }] });
          void at;
        });
      }
      if (total !== null) {
        const how = msg(`三表“（七）总计”为 ${total} 件`, `the table’s total is ${total}`);
        find(/(?:办结|办理完毕|答复完毕)(?:数|率)?\s*(?:共)?\s*(\d+)\s*件/g, (m, at) => {
          claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('办结', 'completed'), table: [{ value: total, how }] });
        });
        find(/(\d+)\s*件[^。；，,\d]{0,12}?(?:办结|办理完毕|答复完毕)/g, m => {
          const at = m.index + m[0].indexOf(m[1]);
          claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('办结', 'completed'), table: [{ value: total, how }] });
        });
      }
      // Results by kind: 「予以公开 8 件」「不予公开 0 件」「无法提供 21 件」…
      if (apps) {
        const sumOf = (prefix: string) => {
          const rows = apps.rows.filter(r => r.key === prefix || r.key?.startsWith(prefix + '.'));
          const vals = rows.map(r => (r.cells[6]?.kind === 'number' ? r.cells[6].value : null));
          return rows.length && vals.every(v => v !== null) ? (vals as number[]).reduce((a, b) => a + b, 0) : null;
        };
        const kinds: [RegExp, string[], Message][] = [
          // 「同意公开」 may count the partly disclosed too.
          [/(?<!不)(?:予以公开|同意公开)(?:答复)?(?:数)?\s*(?:共)?\s*(\d+)\s*件/g, ['granted', 'granted+partial'], msg('予以公开', 'granted')],
          [/部分公开(?:答复)?(?:数)?\s*(\d+)\s*件/g, ['partial'], msg('部分公开', 'partly granted')],
          [/(?:不予公开|不同意公开)(?:答复)?(?:数)?\s*(\d+)\s*件/g, ['denied'], msg('不予公开', 'denied')],
          [/无法提供(?:答复)?(?:数)?\s*(\d+)\s*件/g, ['unavailable'], msg('无法提供', 'unavailable')],
          [/不予处理(?:答复)?(?:数)?\s*(\d+)\s*件/g, ['rejected'], msg('不予处理', 'not processed')],
        ];
        for (const [re, keys, what] of kinds) {
          const table = keys.flatMap(k => {
            const v = k.split('+').map(sumOf);
            if (v.some(x => x === null)) return [];
            const value = (v as number[]).reduce((a, b) => a + b, 0);
            const label = k.split('+').map(x => ({ granted: '予以公开', partial: '部分公开', denied: '不予公开', unavailable: '无法提供', rejected: '不予处理' }[x])).join('与');
            return [{ value, how: msg(`三表“${label}”为 ${value} 件`, `the table has ${value}`) }];
          });
          if (!table.length) continue;
          find(re, (m, at) => claims.push({ value: Number(m[1]), range: range(at, m[1].length), what, table }));
        }
      }
      if (reviews) {
        const sums = [reviewTotal(4), reviewTotal(9), reviewTotal(14)];
        if (sums.every(v => v !== null)) {
          const [reconsideration, direct, after] = sums as number[];
          find(/(?:被申请|收到|发生|办理)?行政复议(?:案件)?\s*(?:共)?\s*(\d+)\s*(?:件|起|宗)/g, (m, at) => {
            claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('行政复议', 'reconsideration'), table: [{ value: reconsideration, how: msg(`四表行政复议总计为 ${reconsideration} 件`, `the table has ${reconsideration}`) }] });
          });
          find(/(?:被提起|提起|发生|收到)?行政诉讼(?:案件)?\s*(?:共)?\s*(\d+)\s*(?:件|起|宗)/g, (m, at) => {
            claims.push({ value: Number(m[1]), range: range(at, m[1].length), what: msg('行政诉讼', 'litigation'), table: [{ value: direct + after, how: msg(`四表行政诉讼两组总计为 ${direct} + ${after} = ${direct + after} 件`, `the table has ${direct} + ${after} = ${direct + after}`) }] });
          });
          // 「不存在…行政复议、行政诉讼」 covers both; 「未发生行政诉讼」 only litigation.
          find(/(不存在|未发生|没有发生|没有|无)[^。；，,]{0,24}?(行政复议(?:[、和及与或]行政诉讼)?|行政诉讼)/g, (m, at) => {
            const both = m[2].includes('复议') && m[2].includes('诉讼');
            const n = both ? reconsideration + direct + after : m[2].includes('复议') ? reconsideration : direct + after;
            const what = both ? msg('行政复议、行政诉讼', 'reconsideration and litigation') : m[2].includes('复议') ? msg('行政复议', 'reconsideration') : msg('行政诉讼', 'litigation');
            if (n > 0) claims.push({ value: 0, range: range(at, m[1].length), what, table: [{ value: n, how: msg(`四表${what.zh}总计共 ${n} 件`, `the section 四 table has ${n}`) }] });
          });
        }
      }
    }
    report(ctx, claims);
  },
};

function report(ctx: RuleContext, claims: Claim[]): void {
  const seen = new Set<number>();
  for (const c of claims) {
    if (seen.has(c.range.start)) continue;
    seen.add(c.range.start);
    if (c.table.some(t => t.value === c.value)) continue;
    const how = c.table.map(t => t.how);
    ctx.report({
      range: c.range,
      message: msg(
        `正文“${c.what.zh}”为 ${c.value} 件，与统计表不一致：${how.map(h => h.zh).join('，')}。如口径不同可忽略`,
        `The prose says ${c.value} (${c.what.en}), the tables disagree: ${how.map(h => h.en).join(', ')}. Ignore if the scope differs`,
      ),
    });
  }
}
