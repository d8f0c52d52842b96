import type { OffsetRange, ReportModel } from '../../server/src/service/parse';

/** Every range the model holds, named, so a property can check them all. */
export function allRanges(m: ReportModel): [string, OffsetRange][] {
  const out: [string, OffsetRange][] = [];
  const add = (name: string, r: OffsetRange | undefined | null) => {
    if (r) out.push([name, r]);
  };
  add('title', m.title?.range);
  add('agency', m.agency?.range);
  add('year', m.year?.range);
  add('period', m.period?.range);
  add('cited', m.format.cited?.range);
  for (const s of m.sections) {
    add(`section ${s.no} heading`, s.headingRange);
    add(`section ${s.no}`, s.range);
    for (const x of s.subsections) {
      add(`subsection ${s.no}.${x.no} heading`, x.headingRange);
      add(`subsection ${s.no}.${x.no}`, x.range);
    }
  }
  for (const r of m.tableRanges) add('table', r);
  const copies = m.extraTables?.applications ?? [];
  for (const t of copies) add('copy of the applications table', t.range);
  const rows = [
    ...[m.applications, ...copies].flatMap(t => [...(t?.rows ?? []), ...(t?.numberedGroups ?? [])]),
    ...m.proactive.flatMap(b => b.rows),
  ];
  add('applications', m.applications?.range);
  add('reviews', m.reviews?.range);
  for (const b of m.proactive) add(`block ${b.item}`, b.itemRange);
  for (const r of rows) {
    add(`row ${r.key}`, r.range);
    add(`row ${r.key} label`, r.labelRange);
    (r.labelPieces ?? []).forEach((p, i) => add(`row ${r.key} label piece ${i}`, p));
    r.cells.forEach((c, i) => {
      add(`row ${r.key} cell ${i}`, c.range);
      add(`row ${r.key} cell ${i} digits`, c.digits);
    });
  }
  (m.reviews?.cells ?? []).forEach((c, i) => {
    add(`reviews cell ${i}`, c.range);
    add(`reviews cell ${i} digits`, c.digits);
  });
  return out;
}
