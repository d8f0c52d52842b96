/**
 * The review page's view of a batch seen together: each body's reports side by side by year (the
 * chain), why the reports were paired, the findings across years on them, and the reused passages
 * beside the passages they repeat. HTML only, no script or inline style (the page's CSP holds).
 */
import type { SetFacts, ReuseMatch } from '../across';
import type { ReportModel } from '../parse';
import type { Finding, Locale } from '../rules';
import { yearOverYear } from '../rules/year-over-year';
import { APPLICATION_TOTAL_COLUMN, SECTIONS } from '../format';
import { escapeHtml } from './html';
import { SEVERITY_WORDS } from '../message';

/** A report of the batch as the view needs it: where its section is on the page. */
export interface AcrossReport {
  id: string;
  model: ReportModel;
  findings: Finding[];
  /** The page anchor of the report's section (`#r3`). */
  href: string;
}

const TEXT = {
  zh: {
    heading: '逐年对照', copies: '同一份报告的几个文件（文字相同，不算雷同）', none: '没有同一机关相邻年度的报告可以对照。', paired: '配对', unpaired: '未配对的报告', figure: '数字',
    carryover: '三表“上年结转”总计', reuse: '文字雷同', reusePassages: '雷同的段落', thisReport: '本报告', otherReport: '对照报告',
    findings: '跨年度的发现', share: (m: ReuseMatch) => `${Math.round(m.share * 100)}%（${m.chars} / ${m.total} 字）`,
    previous: '上年', section: (no: number) => `第${SECTIONS.find(s => s.no === no)?.numeral ?? no}部分`,
    reuseNote: '比较第一、五、六部分，不计空格、标点、页脚和格式要求的套话，数字视为相同。',
  },
  en: {
    heading: 'Year by year', copies: 'One report in several files (the same text: not reuse)', none: 'No body has reports of consecutive years here.', paired: 'Paired', unpaired: 'Reports not paired', figure: 'Figure',
    carryover: '三 carried over, total', reuse: 'Reused text', reusePassages: 'Reused passages', thisReport: 'This report', otherReport: 'Compared with',
    findings: 'Findings across years', share: (m: ReuseMatch) => `${Math.round(m.share * 100)}% (${m.chars} / ${m.total})`,
    previous: 'year before', section: (no: number) => `section ${SECTIONS.find(s => s.no === no)?.numeral ?? no}`,
    reuseNote: 'Sections 一, 五 and 六, without spaces, punctuation, page footers and the format’s set phrases; digits count as equal.',
  },
} as const;


export const ACROSS_CSS = `
section.across table.chain { border-collapse: collapse; margin: .5em 0 1em; font-variant-numeric: tabular-nums; }
section.across table.chain th, section.across table.chain td { border: 1px solid var(--nb-border); padding: .2em .5em; }
section.across table.chain td.n { text-align: right; }
section.across table.chain th[scope=row] { text-align: left; font-weight: normal; }
section.across table.reuse { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5em 0 1em; }
section.across table.reuse td, section.across table.reuse th { border: 1px solid var(--nb-border); padding: .3em .5em; vertical-align: top; }
section.across .why { color: var(--nb-muted); }
`;

/** The largest share of a report's text found in another report (its year before or another body's). */
export function reuseShare(set: SetFacts, id: string): number {
  return Math.max(0, ...(set.reuse.matches.get(id) ?? []).map(m => m.share));
}

/** The chains, their cross-year findings and reused passages, as one section of the review page. */
export function acrossHtml(set: SetFacts, reports: AcrossReport[], locale: Locale, isAcrossRule: (ruleId: string) => boolean): string {
  const t = TEXT[locale];
  const byId = new Map(reports.map(r => [r.id, r]));
  const name = (id: string) => escapeHtml(id.replace(/^.*[\\/]/, ''));
  const link = (id: string) => (byId.has(id) ? `<a href="${byId.get(id)!.href}">${name(id)}</a>` : name(id));
  const chains = set.pairing.chains.filter(c => c.reports.length > 1);
  const parts: string[] = [];
  for (const chain of chains) {
    const members = chain.reports.filter(r => byId.has(r.id));
    const figures = members.map(r => figuresOf(byId.get(r.id)!.model));
    const labels = [...new Set(figures.flatMap(f => [...f.keys()]))];
    const head = `<tr><th scope="col">${t.figure}</th>${members.map(r => `<th scope="col">${r.year}<br>${link(r.id)}</th>`).join('')}</tr>`;
    const rows = labels.map(l => `<tr><th scope="row">${escapeHtml(l)}</th>${figures.map(f => `<td class="n">${f.get(l) ?? ''}</td>`).join('')}</tr>`);
    const reuse = members.map(r => (set.reuse.matches.get(r.id) ?? []).find(m => m.previousYear));
    rows.push(`<tr><th scope="row">${t.reuse}（${t.previous}）</th>${reuse.map(m => `<td class="n">${m ? t.share(m) : ''}</td>`).join('')}</tr>`);
    const pairs = members.flatMap(r => {
      const p = set.pairing.previousOf.get(r.id);
      return p ? [`<li>${link(p.previous)} → ${link(r.id)}：<span class="why">${escapeHtml(p.why[locale])}</span></li>`] : [];
    });
    const findings = members.flatMap(r => byId.get(r.id)!.findings.filter(f => isAcrossRule(f.ruleId)).map(f =>
      `<li class="m-${f.severity}"><span class="sev">${SEVERITY_WORDS[locale][f.severity]}</span> ${link(r.id)}：${escapeHtml(f.message[locale])} <span class="rule">[${escapeHtml(f.ruleId)}]</span></li>`));
    parts.push(`<h3>${escapeHtml(chain.body)}</h3>
<p>${t.paired}：</p><ul class="pairs">${pairs.join('')}</ul>
<div class="tables"><table class="chain"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>
${findings.length ? `<h4>${t.findings}</h4><ol class="findings">${findings.join('')}</ol>` : ''}`);
  }
  // Reused passages, beside the passages they repeat: every match a finding was made of.
  const reused: string[] = [];
  for (const r of reports) {
    for (const m of set.reuse.matches.get(r.id) ?? []) {
      if (!r.findings.some(f => f.ruleId === 'content-reuse' && m.passages[0] && f.range.start === m.passages[0].at.start)) continue;
      const rows = m.passages.map(p => `<tr><td><span class="why">${t.section(p.section)}</span><br>${escapeHtml(oneLine(p.text))}</td><td><span class="why">${t.section(p.other.section)}</span><br>${escapeHtml(oneLine(p.other.text))}</td></tr>`);
      reused.push(`<h4>${link(r.id)} · ${link(m.other)}：${t.share(m)}</h4>
<table class="reuse"><thead><tr><th scope="col">${t.thisReport}（${name(r.id)}）</th><th scope="col">${t.otherReport}（${name(m.other)}）</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    }
  }
  const unpaired = set.pairing.unpaired.filter(u => byId.has(u.id));
  return `<section id="across" class="across">
<h2>${t.heading}</h2>
${chains.length ? parts.join('\n') : `<p class="meta">${t.none}</p>`}
${reused.length ? `<h3>${t.reusePassages}</h3>\n<p class="meta">${t.reuseNote}</p>\n${reused.join('\n')}` : ''}
${set.copies.size ? `<h3>${t.copies}</h3><ul class="copies">${[...set.copies].filter(([id]) => byId.has(id)).map(([id, first]) => `<li>${link(id)} = ${link(first)}</li>`).join('')}</ul>` : ''}
${unpaired.length ? `<h3>${t.unpaired}</h3><ul class="unpaired">${unpaired.map(u => `<li>${link(u.id)}：${escapeHtml(u.reason[locale])}</li>`).join('')}</ul>` : ''}
</section>`;
}

/** The figures a chain shows, by label: the year-over-year figures and the carry-over. */
function figuresOf(model: ReportModel): Map<string, string> {
  const out = new Map<string, string>();
  const carry = model.applications?.rows.find(r => r.key === 'carryover')?.cells[APPLICATION_TOTAL_COLUMN];
  const jump = yearOverYear.summarize!(model).figures;
  for (const f of jump) {
    out.set(f.label, `${f.value}${f.unit}`);
    if (f.key === 'applications|new' && carry?.kind === 'number') out.set(TEXT.zh.carryover, String(carry.value));
  }
  return out;
}


/** A passage as one line: the line breaks of a PDF's text (and the spaces around them) are not the report's. */
function oneLine(text: string): string {
  return text.split('\n').map(line => line.trim()).join('');
}
