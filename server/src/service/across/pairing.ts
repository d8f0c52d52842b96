/**
 * Which reports are the same body's, year after year. A body is named in a report's title or the
 * line above it (the parser's `agency`), else in its file name; names are compared in their usual
 * variants — with or without the parent places (淮安市洪泽区人民政府 = 洪泽区人民政府), 区政府 = 区人民政府 —
 * and `.nianbaorc.json` may say that two names are one body (`bodies`). A government's 办公室 is a
 * body of its own. Pure: names and years in, chains and pairs out, each pair with its reason.
 */
import { msg, type Message } from '../rules/types';
import { REPORT_TITLE_WORDS } from '../../protocol/names';

/** What pairing needs of one report. */
export interface BodyRef {
  id: string;
  /** How messages name the report (a file name); the id when absent. */
  name?: string;
  /** The body as the report names it (title or heading line), spaces removed. */
  agency: string | null;
  year: number | null;
  /** The first report of the batch whose text is this one's (the same report twice: a .pdf and its .txt). */
  copyOf?: string;
}

/** A report and the same body's report of the year before. */
export interface Pair {
  id: string;
  previous: string;
  /** The body's name as the chain shows it (the longest name written). */
  body: string;
  year: number;
  /** Why the two were paired: the names as written and what made them one. */
  why: Message;
}

export interface ChainReport {
  id: string;
  year: number;
  /** The name as written, and where it was read. */
  written: string;
  source: 'report' | 'file';
}

/** One body's reports, by year. */
export interface Chain {
  body: string;
  reports: ChainReport[];
}

export interface Pairing {
  chains: Chain[];
  /** Each report that has a report of the year before, by its id. */
  previousOf: Map<string, Pair>;
  /** The body each report was placed under (a key shared by its chain), by report id. */
  bodyOf: Map<string, string>;
  /** Reports left out of pairing, and why (no name or year, an ambiguous name, two reports of the year before). */
  unpaired: { id: string; reason: Message }[];
}

/** A place name at the start: 淮安市, 洪泽区, 张店区, 马尚街道 (the shortest that ends with a place word). */
const PLACE = /^[\u4e00-\u9fa5]{1,7}?(?:省|自治区|自治州|市|州|盟|地区|区|县|旗|镇|乡|街道)/;
/** Below this many characters a name without its parents is too bare to name one body (人民政府). */
const MIN_NAME = 5;

/** The usual spellings of one name made one: spaces, brackets, 区政府 = 区人民政府, 政府办 = 政府办公室. */
export function normalizeBodyName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/\(/g, '（').replace(/\)/g, '）')
    .replace(/(区|县|市|旗|镇|乡)政府(?=办公室$|办$|$)/, '$1人民政府')
    .replace(/人民政府办$/, '人民政府办公室');
}

/** The name without the parent places before its own (淮安市洪泽区人民政府 → 洪泽区人民政府). */
export function bodyCore(name: string): string {
  let core = name;
  for (;;) {
    const m = PLACE.exec(core);
    if (!m) return core;
    const rest = core.slice(m[0].length);
    if (rest.length < MIN_NAME || !PLACE.test(rest)) return core;
    core = rest;
  }
}

/** One name is the other with parent places before it (or the same). */
function compatible(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.endsWith(short) && (short === long || (PLACE.test(short) && short.length >= MIN_NAME));
}

/** 「淄博市张店区人民政府」 and 「张店区人民政府」 name the same body; 「淄博市人民政府」 and 「人民政府」 do not. */
export function sameBody(a: string, b: string): boolean {
  return compatible(normalizeBodyName(a), normalizeBodyName(b));
}

/** What reads as a body's name (人民政府, 办公室, 局, 委员会, 中心 …). */
const BODY_NAME = /^[\u4e00-\u9fa5（）()·]{2,40}?(?:政府|办公室|办公厅|办事处|局|委员会|委|中心|院|厅|部|处|所|署|会|站|队|馆|办)$/;

/** The body and year a file name gives: 「淮安市洪泽区人民政府2024年政府信息公开工作年度报告.pdf」. */
export function fromFileName(name: string): { agency: string | null; year: number | null } {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const years = [...base.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?/g)];
  if (years.length !== 1) return { agency: null, year: null };
  const before = base.slice(0, years[0].index).replace(/[\s_\-—·.]+/g, '');
  return { agency: BODY_NAME.test(before) ? before : null, year: Number(years[0][1]) };
}

const TITLE_AFTER_YEAR = new RegExp(`^(?:19|20)\\d{2}年度?([^\\d\\s]{2,40}?)(?:${REPORT_TITLE_WORDS})`);

/** The body a title names after its year: 「2019年上海市人民政府办公厅政府信息公开工作年度报告」. */
export function fromTitle(title: string): string | null {
  const m = TITLE_AFTER_YEAR.exec(title.replace(/\s+/g, ''));
  return m && BODY_NAME.test(m[1]) ? m[1] : null;
}

/** `.nianbaorc.json` `bodies`: each name listed under a body is that body. */
export type BodyAliases = Record<string, string[]>;

function aliasMap(aliases: BodyAliases): Map<string, string> {
  const out = new Map<string, string>();
  for (const [body, names] of Object.entries(aliases)) {
    const canonical = normalizeBodyName(body);
    out.set(canonical, canonical);
    for (const n of names) out.set(normalizeBodyName(n), canonical);
  }
  return out;
}

interface Placed {
  ref: BodyRef;
  written: string;
  source: 'report' | 'file';
  /** The name after the usual variants and the aliases. */
  name: string;
  alias: boolean;
  year: number;
}

const displayName = (r: BodyRef) => r.name ?? r.id;

/** Pair every report with the same body's report of the year before, where both are certain. */
export function pairReports(reports: BodyRef[], aliases: BodyAliases = {}): Pairing {
  const alias = aliasMap(aliases);
  const unpaired: Pairing['unpaired'] = [];
  const placed: Placed[] = [];
  for (const ref of reports) {
    const file = fromFileName(displayName(ref));
    const written = ref.agency ?? file.agency;
    const year = ref.year ?? file.year;
    if (!written || !year) {
      unpaired.push({ id: ref.id, reason: msg('认不出机关名称或年度', 'no body name or year could be read') });
      continue;
    }
    const normal = normalizeBodyName(written);
    const named = alias.get(normal);
    placed.push({ ref, written, source: ref.agency ? 'report' : 'file', name: named ?? normal, alias: named !== undefined && named !== normal, year });
  }
  // Names that can be one body share their core; inside a core, names that are not suffixes of each
  // other are different bodies (甲县城关镇人民政府, 乙县城关镇人民政府), and a bare name both end with is neither.
  const byCore = new Map<string, Placed[]>();
  for (const p of placed) byCore.set(bodyCore(p.name), [...(byCore.get(bodyCore(p.name)) ?? []), p]);
  const bodies = new Map<string, Placed[]>();
  for (const group of byCore.values()) {
    const names = [...new Set(group.map(p => p.name))];
    const maximal = names.filter(n => !names.some(m => m !== n && m.endsWith(n)));
    for (const p of group) {
      const owners = maximal.filter(m => compatible(m, p.name));
      if (owners.length !== 1) {
        unpaired.push({
          id: p.ref.id,
          reason: owners.length
            ? msg(`机关名称“${p.written}”可指${owners.map(o => `“${o}”`).join('或')}，未配对；可在 .nianbaorc.json 的 bodies 中指明`,
              `the body “${p.written}” may be ${owners.map(o => `“${o}”`).join(' or ')}: not paired; name it in .nianbaorc.json “bodies”`)
            : msg(`机关名称“${p.written}”与同组名称不相容，未配对`, `the body “${p.written}” fits no other name: not paired`),
        });
        continue;
      }
      bodies.set(owners[0], [...(bodies.get(owners[0]) ?? []), p]);
    }
  }
  const chains: Chain[] = [];
  const previousOf = new Map<string, Pair>();
  const bodyOf = new Map<string, string>();
  for (const [body, members] of bodies) {
    members.sort((a, b) => a.year - b.year || displayName(a.ref).localeCompare(displayName(b.ref)));
    chains.push({ body, reports: members.map(m => ({ id: m.ref.id, year: m.year, written: m.written, source: m.source })) });
    const byYear = new Map<number, Placed[]>();
    for (const m of members) {
      byYear.set(m.year, [...(byYear.get(m.year) ?? []), m]);
      bodyOf.set(m.ref.id, body);
    }
    for (const [year, same] of byYear) {
      const before = byYear.get(year - 1);
      if (!before) continue;
      // Two reports of the year before (two bodies of one name, two versions): which one this year
      // continues is not certain, unless they are one text twice. Two of this year: each continues it.
      if (before.length > 1 && !before.every(b => (b.ref.copyOf ?? b.ref.id) === (before[0].ref.copyOf ?? before[0].ref.id))) {
        const files = before.map(s => displayName(s.ref)).join('、');
        for (const s of same) {
          unpaired.push({
            id: s.ref.id,
            reason: msg(`“${body}”${year - 1} 年度有 ${before.length} 份报告（${files}），不能确定与哪一份比较`, `“${body}” has ${before.length} reports for ${year - 1} (${files}): which one to compare with is not certain`),
          });
        }
        continue;
      }
      for (const s of same) previousOf.set(s.ref.id, { id: s.ref.id, previous: before[0].ref.id, body, year, why: why(s, before[0]) });
    }
  }
  chains.sort((a, b) => a.body.localeCompare(b.body, 'zh-CN'));
  return { chains, previousOf, bodyOf, unpaired };
}

/** Why two reports were taken as one body's: the names as written, and what made them one. */
function why(now: Placed, before: Placed): Message {
  const zh: string[] = [];
  const en: string[] = [];
  if (now.written === before.written) {
    zh.push(`机关名称相同（“${now.written}”）`);
    en.push(`the same name (“${now.written}”)`);
  } else {
    zh.push(`“${now.written}”与“${before.written}”`);
    en.push(`“${now.written}” and “${before.written}”`);
    if (now.alias || before.alias) {
      zh.push('按 .nianbaorc.json 的 bodies 视为同一机关');
      en.push('are one body by .nianbaorc.json “bodies”');
    } else {
      const a = normalizeBodyName(now.written);
      const b = normalizeBodyName(before.written);
      if (a !== now.written || b !== before.written) {
        zh.push('“区政府”即“区人民政府”等简称');
        en.push('a short form (区政府 for 区人民政府)');
      }
      if (a !== b) {
        const [short, long] = a.length < b.length ? [a, b] : [b, a];
        const parent = long.slice(0, long.length - short.length);
        zh.push(`带或不带上级地名“${parent}”`);
        en.push(`with or without the parent place “${parent}”`);
      }
    }
  }
  const fromFile = [now, before].filter(p => p.source === 'file').map(p => displayName(p.ref));
  if (fromFile.length) {
    zh.push(`机关名称取自文件名（${fromFile.join('、')}）`);
    en.push(`name taken from the file name (${fromFile.join(', ')})`);
  }
  zh.push(`年度 ${before.year} → ${now.year}`);
  en.push(`years ${before.year} → ${now.year}`);
  return msg(zh.join('，'), en.join(', '));
}
