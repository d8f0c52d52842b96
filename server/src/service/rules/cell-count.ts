import { REVIEW_GROUPS, REVIEW_GROUP_WIDTH, REVIEW_WIDTH } from '../format';
import { msg, type Rule } from './types';

export const cellCount: Rule = {
  meta: {
    id: 'cell-count',
    description: msg('一行的数字个数与表格列数不符', 'A row has more or fewer numbers than the table has columns'),
    severity: 'error',
    fixable: false,
    tags: ['tables'],
  },
  check(ctx) {
    const { model } = ctx;
    const columns = ctx.format.applications.columns.map(c => c.label);
    const width = columns.length;
    for (const row of model.applications?.rows ?? []) {
      const n = row.cells.length;
      // A row whose cells could not be read is table-unreadable's finding.
      if (n === width || row.unread) continue;
      const name = row.label ?? row.officialLabel ?? '';
      ctx.report({
        range: row.range,
        message: msg(
          `“${name}”行有 ${n} 个数，本表每行应有 ${width} 个（${columns.join('、')}）`,
          `Row “${name}” has ${n} numbers; each row of this table has ${width} (${columns.join(', ')})`,
        ),
      });
    }
    for (const g of model.applications?.numberedGroups ?? []) {
      if (!g.cells.some(c => c.kind !== 'blank')) continue;
      ctx.report({
        range: g.range,
        message: msg(`“${g.officialLabel}”是分组标题，格式中这一行不填数字`, `“${g.officialLabel}” is a group heading: the format has no numbers on it`),
      });
    }
    if (model.reviews && !model.reviews.unread && model.reviews.cells.length !== REVIEW_WIDTH) {
      const n = model.reviews.cells.length;
      ctx.report({
        range: model.reviews.range,
        message: msg(`四表有 ${n} 个数，应有 ${REVIEW_WIDTH} 个（${REVIEW_GROUPS.length} 组，每组 ${REVIEW_GROUP_WIDTH} 个）`, `The section 四 table has ${n} numbers; it has ${REVIEW_WIDTH} (${REVIEW_GROUPS.length} groups of ${REVIEW_GROUP_WIDTH})`),
      });
    }
    const blocks = ctx.proactiveFormat.proactive.blocks;
    for (const b of model.proactive) {
      const t = blocks.find(x => x.clause === b.clause);
      if (!t) continue;
      for (const row of b.rows) {
        if (row.cells.length === t.columns.length || row.unread) continue;
        const cols = t.columns.map(c => c.label);
        ctx.report({
          range: row.range,
          message: msg(
            `“${row.label}”行有 ${row.cells.length} 个数，${b.item}表应有 ${cols.length} 列（${cols.join('、')}）`,
            `Row “${row.label}” has ${row.cells.length} numbers; the ${b.item} table has ${cols.length} columns (${cols.join(', ')})`,
          ),
        });
      }
    }
  },
};
