/**
 * The two versions of the national format, one object each. Everything the parser, the rules, the
 * features and the hover know about a format is read from here.
 */
import { APPLICATION_COLUMNS, APPLICATION_CORNER_NOTE, APPLICATION_ENTRIES_2019, APPLICATION_ENTRIES_2021, APPLICATION_HEADER_WORDS } from './applications';
import { PROACTIVE_2019, PROACTIVE_2021, PROACTIVE_CONTENT_HEADER, PROACTIVE_OWN_HEADER_WORDS_2019, PROACTIVE_OWN_HEADER_WORDS_2021 } from './proactive';
import { buildRelations, relationsFor } from './relations';
import { REVIEW_GROUP_COLUMNS, REVIEW_GROUPS } from './reviews';
import { SECTIONS } from './sections';
import type { FormatApplicationRow, Relation, ReportFormat, FormatVersion } from './types';

function format(
  version: FormatVersion, document: string, cite: ReportFormat['cite'], years: ReportFormat['years'],
  proactive: Omit<ReportFormat['proactive'], 'contentHeader'>, entries: FormatApplicationRow[], feeStatementRequired: boolean,
): ReportFormat {
  const rows = entries.filter(e => e.kind === 'row');
  return {
    version, document, cite, years, sections: SECTIONS, feeStatementRequired, proactive: { contentHeader: PROACTIVE_CONTENT_HEADER, ...proactive },
    applications: { columns: APPLICATION_COLUMNS, entries, rows, headerWords: APPLICATION_HEADER_WORDS, cornerNote: APPLICATION_CORNER_NOTE },
    reviews: { groups: REVIEW_GROUPS, columns: REVIEW_GROUP_COLUMNS },
    relations: buildRelations(rows, APPLICATION_COLUMNS, REVIEW_GROUPS, REVIEW_GROUP_COLUMNS),
  };
}

/** 国办公开办函〔2019〕60号 (试行): reports on 2019 and 2020. */
export const FORMAT_2019 = format('2019', '国办公开办函〔2019〕60号', { year: 2019, number: 60 }, { from: 2019, to: 2020 },
  { blocks: PROACTIVE_2019, ownHeaderWords: PROACTIVE_OWN_HEADER_WORDS_2019 }, APPLICATION_ENTRIES_2019, false);

/** 国办公开办函〔2021〕30号 (修订): reports on 2021 onward. */
export const FORMAT_2021 = format('2021', '国办公开办函〔2021〕30号', { year: 2021, number: 30 }, { from: 2021, to: null },
  { blocks: PROACTIVE_2021, ownHeaderWords: PROACTIVE_OWN_HEADER_WORDS_2021 }, APPLICATION_ENTRIES_2021, true);

/** Oldest first. */
export const FORMATS: readonly ReportFormat[] = [FORMAT_2019, FORMAT_2021];
export const VERSIONS: readonly FormatVersion[] = FORMATS.map(f => f.version);
/** The format in force now: what a report without any evidence is checked against. */
export const LATEST_FORMAT = FORMATS[FORMATS.length - 1];

export function formatOf(version: FormatVersion): ReportFormat {
  return FORMATS.find(f => f.version === version) ?? LATEST_FORMAT;
}

export function isFormatVersion(v: unknown): v is FormatVersion {
  return typeof v === 'string' && (VERSIONS as readonly string[]).includes(v);
}

/** The format a report on `year` must use. */
export function formatForYear(year: number): ReportFormat {
  return FORMATS.find(f => year >= f.years.from && (f.years.to === null || year <= f.years.to))
    ?? (year < FORMATS[0].years.from ? FORMATS[0] : LATEST_FORMAT);
}

/** The format a cited document number (〔2021〕30号) names, if any. */
export function formatCited(year: number, number: number): ReportFormat | null {
  return FORMATS.find(f => f.cite.year === year && f.cite.number === number) ?? null;
}

// ------------------------------------------------------------------ table geometry, derived from the data

/** The row-total column of the 三 table. */
export const APPLICATION_WIDTH = APPLICATION_COLUMNS.length;
export const APPLICATION_TOTAL_COLUMN = APPLICATION_WIDTH - 1;
/** The 四 table: groups × columns per group; the last column of each group is its total. */
export const REVIEW_GROUP_WIDTH = REVIEW_GROUP_COLUMNS.length;
export const REVIEW_WIDTH = REVIEW_GROUPS.length * REVIEW_GROUP_WIDTH;

export function reviewColumn(group: number, column: number): number {
  return group * REVIEW_GROUP_WIDTH + column;
}
export function reviewTotalColumn(group: number): number {
  return reviewColumn(group, REVIEW_GROUP_WIDTH - 1);
}
/** Which group a 四 column is in, and its place in the group. */
export function reviewPlace(col: number): { group: number; column: number } {
  return { group: Math.floor(col / REVIEW_GROUP_WIDTH), column: col % REVIEW_GROUP_WIDTH };
}

/**
 * Every entry of the 三 table in any format, in printed order, each (kind, key) once: for matching labels
 * before the format is known. The latest format's entries, with an older format's own entries after
 * the entry they follow there.
 */
export function applicationEntriesOfAnyFormat(): FormatApplicationRow[] {
  const id = (e: FormatApplicationRow) => `${e.kind}:${e.key}`;
  const merged = [...LATEST_FORMAT.applications.entries];
  for (const f of FORMATS) {
    f.applications.entries.forEach((e, i) => {
      if (merged.some(m => id(m) === id(e))) return;
      const before = i > 0 ? merged.findIndex(m => id(m) === id(f.applications.entries[i - 1])) : -1;
      merged.splice(before + 1, 0, e);
    });
  }
  return merged;
}

/** The versions in which a 三 row key is a row with numbers. */
export function versionsWithRow(key: string): FormatVersion[] {
  return FORMATS.filter(f => f.applications.rows.some(r => r.key === key)).map(f => f.version);
}

/** The official label of a 三 row, from whichever format has it. */
export function applicationRowLabel(key: string): string | undefined {
  for (const f of [...FORMATS].reverse()) {
    const r = f.applications.rows.find(x => x.key === key);
    if (r) return r.label;
  }
  return undefined;
}

/** How many rows a format prints for （六）其他处理: one numbered row, or the rows of its group. */
export function otherProcessingRowCount(format: ReportFormat): number {
  return format.applications.rows.filter(r => r.group === 'other').length || 1;
}

/** A format's relations for a 三 table with these row keys (see `relationsFor`: stand-in rows). */
export function relationsForTable(format: ReportFormat, present: ReadonlySet<string>): Relation[] {
  const mine = new Set(format.applications.rows.map(r => r.key));
  if ([...present].every(k => mine.has(k))) return format.relations;
  const others = FORMATS.filter(f => f !== format).flatMap(f => f.applications.rows).filter(r => !mine.has(r.key));
  return relationsFor(format.applications.rows, format.applications.columns, format.reviews.groups, format.reviews.columns, present, others);
}
