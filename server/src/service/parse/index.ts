import { PROACTIVE_HEADER_WORDS, templateForYear, type TemplateVersion } from '../template';
import type { ApplicationsTable, OffsetRange, ProactiveBlock, ReportModel, Section, TemplateDetection } from './model';
import { readMeta } from './meta';
import { proseOf } from './prose';
import { normalizeLabel } from './normalize';
import { findSections, findSubsections } from './sections';
import { assembleApplications, assembleProactive, assembleReviews } from './tables';
import { readSource, type SourceText } from './text';
import { detectLayout, tableItems } from './tokens';
import { work } from './work';

export * from './model';
export { LineIndex } from './text';
export { work } from './work';

function linesIn(src: SourceText, range: OffsetRange) {
  work.units += src.lines.length;
  return src.lines.filter(l => l.start >= range.start && l.start < range.end);
}

function sectionRange(sections: Section[], no: number): OffsetRange | null {
  const s = sections.find(x => x.no === no);
  return s ? { start: s.headingRange.end, end: s.range.end } : null;
}

/**
 * Read any text as a report. Never throws: whatever cannot be read is simply absent from the
 * model, and the rules report what is missing.
 */
export function parseReport(text: string): ReportModel {
  try {
    return parseReportStrict(text);
  } catch {
    // A parser bug must not take the editor down: an empty model still lets rules run.
    return emptyModel(text);
  }
}

/** The parser without its safety net, for tests that must see any exception. */
export function parseReportStrict(text: string): ReportModel {
  return parseUnsafe(typeof text === 'string' ? text : String(text ?? ''));
}

export function emptyModel(text: string): ReportModel {
  return {
    text, prose: { text: '', offsets: [] }, title: null, agency: null, year: null, period: null,
    template: { version: null, evidence: [], fromTables: null, applications: null, proactive: null, cited: null },
    sections: [], applications: null, reviews: null, proactive: [], tableRanges: [],
  };
}

function parseUnsafe(text: string): ReportModel {
  const src = readSource(text);
  const whole = { start: 0, end: src.clean.length };
  let sections = findSections(src);

  const s3 = sectionRange(sections, 3);
  const s4 = sectionRange(sections, 4);
  const s2 = sectionRange(sections, 2);

  const appRange = s3 ?? whole;
  const appLines = linesIn(src, appRange);
  const appLayout = detectLayout(appLines);
  const applications = assembleApplications(tableItems(appLines, appLayout), appLayout);

  let revRange: OffsetRange | null = s4;
  if (!revRange && applications) {
    const next = sections.find(s => s.headingRange.start > applications.range.end);
    revRange = { start: applications.range.end, end: next ? next.headingRange.start : src.clean.length };
  }
  const reviews = revRange ? (() => {
    const lines = linesIn(src, revRange);
    const layout = detectLayout(lines);
    return assembleReviews(tableItems(lines, layout), layout);
  })() : null;

  const proRange = s2 ?? { start: 0, end: applications ? applications.range.start : src.clean.length };
  const proLines = linesIn(src, proRange);
  const proLayout = detectLayout(proLines);
  const proactive = assembleProactive(tableItems(proLines, proLayout), proLayout);

  const tableRanges: OffsetRange[] = [];
  if (applications) tableRanges.push(applications.range);
  if (reviews) tableRanges.push(reviews.range);
  for (const b of proactive) {
    const starts = [b.itemRange?.start, ...b.rows.map(r => r.range.start)].filter((x): x is number => x !== undefined);
    const ends = [b.itemRange?.end, ...b.rows.map(r => r.range.end)].filter((x): x is number => x !== undefined);
    if (starts.length) tableRanges.push({ start: Math.min(...starts), end: Math.max(...ends) });
  }
  // Headings inside a table are its rows, whatever they look like.
  sections = sections.filter(s => !tableRanges.some(r => s.headingRange.start > r.start && s.headingRange.start < r.end));
  for (let k = 0; k < sections.length; k++) {
    sections[k].range.end = k + 1 < sections.length ? sections[k + 1].headingRange.start : src.clean.length;
  }
  for (const s of sections) s.subsections = findSubsections(src, s, tableRanges);

  const prose = proseOf(src);
  const meta = readMeta(src, prose);
  const template = detectTemplate(src, applications, proactive, proRange, meta.cited, meta.year?.value ?? null);
  return {
    text,
    prose,
    title: meta.title,
    agency: meta.agency,
    year: meta.year,
    period: meta.period,
    template,
    sections,
    applications,
    reviews,
    proactive,
    tableRanges,
  };
}

function detectTemplate(
  src: SourceText,
  applications: ApplicationsTable | null,
  proactive: ProactiveBlock[],
  proRange: OffsetRange,
  cited: TemplateDetection['cited'],
  year: number | null,
): TemplateDetection {
  const evidence: string[] = [];
  let appVersion: TemplateVersion | null = null;
  if (applications) {
    if (applications.rows.some(r => r.key === 'other')) {
      appVersion = '2019';
      evidence.push('三表“（六）其他处理”为一行');
    } else if (applications.rows.some(r => r.key?.startsWith('other.'))) {
      appVersion = '2021';
      evidence.push('三表“（六）其他处理”分为 3 行');
    }
  }
  const pro: Record<TemplateVersion, number> = { '2019': 0, '2021': 0 };
  for (const b of proactive) {
    if (b.clause === '九') {
      pro['2019'] += 2;
      evidence.push('二表有第二十条第（九）项');
    }
    for (const r of b.rows) {
      const written = normalizeLabel(r.label ?? '');
      if (r.key === 'normativeDocuments') {
        if (written.endsWith('行政规范性文件')) pro['2021'] += 1;
        else if (written === '规范性文件') pro['2019'] += 1;
      }
      if (r.key === 'otherServices') pro['2019'] += 1;
    }
  }
  const proText = normalizeLabel(src.clean.slice(proRange.start, proRange.end));
  for (const v of ['2019', '2021'] as TemplateVersion[]) {
    const words = PROACTIVE_HEADER_WORDS[v].filter(w => proText.includes(normalizeLabel(w)));
    if (words.length) {
      pro[v] += words.length;
      evidence.push(`二表表头“${words[0]}”`);
    }
  }
  const proVersion: TemplateVersion | null = pro['2019'] > pro['2021'] ? '2019' : pro['2021'] > pro['2019'] ? '2021' : null;
  const votes: Record<TemplateVersion, number> = { '2019': pro['2019'], '2021': pro['2021'] };
  if (appVersion) votes[appVersion] += 3;
  const fromTables = votes['2019'] > votes['2021'] ? '2019' : votes['2021'] > votes['2019'] ? '2021' : null;
  let version: TemplateVersion | null = fromTables;
  if (!version && cited) {
    version = cited.value;
    evidence.push(`引用${cited.value === '2019' ? '〔2019〕60号' : '〔2021〕30号'}`);
  }
  if (!version && year) {
    version = templateForYear(year);
    evidence.push(`报告年度 ${year}`);
  }
  return { version, evidence, fromTables, applications: appVersion, proactive: proVersion, cited };
}
