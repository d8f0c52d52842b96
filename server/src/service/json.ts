import { LineIndex, type Cell, type ReportModel, type Row } from './parse';
import { APPLICATION_WIDTH, formatOf, LATEST_FORMAT, REVIEW_WIDTH, type FormatVersion } from './format';

/**
 * The stable JSON shape of `nianbao parse --json`. Lines are 1-based; a table's `line` is the line
 * of its first number; `values` holds numbers, or null for a blank, `/`, text or missing cell.
 */
export interface ReportJson {
  file: string;
  template: FormatVersion | null;
  year: number | null;
  title: string | null;
  agency: string | null;
  period: { startYear: number; endYear: number | null; line: number } | null;
  sections: { no: number; heading: string; line: number; standard: boolean; subsections: { no: number; title: string; line: number }[] }[];
  tables: {
    applications: { line: number; layout: string; rows: RowJson[] } | null;
    reviews: { line: number; values: (number | null)[] } | null;
    proactive: { item: string; line: number | null; rows: RowJson[] }[];
  };
}

export interface RowJson {
  key: string | null;
  label: string | null;
  templateLabel?: string;
  line: number;
  values: (number | null)[];
  cells: string[];
}

export function values(cells: Cell[], width: number): (number | null)[] {
  const out = cells.map(c => c.value);
  while (out.length < width) out.push(null);
  return out;
}

export function reportToJson(model: ReportModel, file: string): ReportJson {
  const index = new LineIndex(model.text);
  const line = (offset: number) => index.lineOf(offset) + 1;
  const firstNumberLine = (cells: Cell[]) => {
    const c = cells.find(x => x.kind !== 'blank') ?? cells[0];
    return c ? line(c.range.start) : 0;
  };
  const rowJson = (r: Row, width: number): RowJson => ({
    key: r.key,
    label: r.label,
    // The output keeps the names users read since 0.1 (`template`, `templateLabel`): the one place the
    // model's `format` and `officialLabel` are written under them.
    ...(r.officialLabel ? { templateLabel: r.officialLabel } : {}),
    line: line(r.range.start),
    values: values(r.cells, width),
    cells: r.cells.map(c => c.raw),
  });
  const blocks = (model.format.version ? formatOf(model.format.version) : LATEST_FORMAT).proactive.blocks;
  const apps = model.applications;
  return {
    file,
    template: model.format.version,
    year: model.year?.value ?? null,
    title: model.title?.value ?? null,
    agency: model.agency?.value ?? null,
    period: model.period ? { startYear: model.period.startYear, endYear: model.period.endYear, line: line(model.period.range.start) } : null,
    sections: model.sections.map(s => ({
      no: s.no,
      heading: s.heading,
      line: line(s.headingRange.start),
      standard: s.standard,
      subsections: s.subsections.map(x => ({ no: x.no, title: x.title, line: line(x.headingRange.start) })),
    })),
    tables: {
      applications: apps
        ? {
          line: firstNumberLine(apps.rows.flatMap(r => r.cells)),
          layout: apps.layout,
          rows: apps.rows.map(r => rowJson(r, APPLICATION_WIDTH)),
        }
        : null,
      reviews: model.reviews ? { line: firstNumberLine(model.reviews.cells), values: values(model.reviews.cells, REVIEW_WIDTH) } : null,
      proactive: model.proactive.map(b => {
        const width = blocks.find(t => t.clause === b.clause)?.columns.length ?? 1;
        const cells = b.rows.flatMap(r => r.cells);
        return { item: b.item, line: cells.length ? firstNumberLine(cells) : null, rows: b.rows.map(r => rowJson(r, width)) };
      }),
    },
  };
}
