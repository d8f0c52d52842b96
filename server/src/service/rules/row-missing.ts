import type { OffsetRange } from '../parse';
import { FORMATS, versionsWithRow } from '../format';
import { msg, type Rule } from './types';

export const rowMissing: Rule = {
  meta: {
    id: 'row-missing',
    description: msg('统计表缺少格式中的一行', 'A table lacks a row of the format'),
    severity: 'error',
    fixable: false,
    tags: ['tables'],
  },
  check(ctx) {
    const { model } = ctx;
    const apps = model.applications;
    // A table none of whose rows could be read is table-unreadable's finding, not a row per row.
    if (apps && !apps.rows.every(r => r.unread)) {
      const present = new Set(apps.rows.map(r => r.key));
      const expected = ctx.format.applications.rows;
      // A table in the other format is template-mismatch's finding, not a row per row: with rows of
      // another format present, this format's own rows are not asked for.
      const foreign = apps.rows.some(r => r.key && !expected.some(t => t.key === r.key));
      const shared = (key: string) => versionsWithRow(key).length === FORMATS.length;
      expected.forEach((t, i) => {
        if (present.has(t.key)) return;
        if (foreign && !shared(t.key)) return;
        // Point at the row that should follow it, or the table's end.
        const next = expected.slice(i + 1).map(n => apps.rows.find(r => r.key === n.key)).find(Boolean);
        const range: OffsetRange = next ? next.labelRange ?? next.range : { start: apps.range.end, end: apps.range.end };
        ctx.report({
          range,
          message: next
            ? msg(`三表缺少“${t.label}”行（应在此行之前）`, `The section 三 table lacks the row “${t.label}” (before this row)`)
            : msg(`三表缺少“${t.label}”行`, `The section 三 table lacks the row “${t.label}”`),
        });
      });
    }
    if (model.proactive.length) {
      const anchor = model.proactive[0].itemRange ?? model.proactive[0].rows[0]?.range;
      for (const block of ctx.proactiveFormat.proactive.blocks) {
        const found = model.proactive.filter(b => b.clause === block.clause);
        if (!found.length) {
          if (anchor) ctx.report({ range: anchor, message: msg(`二表缺少${block.item}`, `The section 二 tables lack ${block.item}`) });
          continue;
        }
        for (const row of block.rows) {
          if (found.some(b => b.rows.some(r => r.key === row.key))) continue;
          const at = found[0].itemRange ?? found[0].rows[0]?.range;
          if (at) ctx.report({ range: at, message: msg(`${block.item}缺少“${row.label}”行`, `${block.item} lacks the row “${row.label}”`) });
        }
      }
    }
  },
};
