import type { OffsetRange } from '../parse';
import { REVIEW_WIDTH } from '../format';
import { msg, type Rule } from './types';

export const tableRebuilt: Rule = {
  meta: {
    id: 'table-rebuilt',
    description: msg('统计表的数字在文中粘连在一起，已按表内合计关系拆分还原', 'A table’s digits were glued together in the text and were split back by the table’s own sums'),
    severity: 'info',
    fixable: false,
    tags: ['tables'],
  },
  check(ctx) {
    const { model } = ctx;
    const parts: { zh: string; en: string; range: OffsetRange }[] = [];
    const apps = model.applications;
    if (apps?.separation === 'glued') {
      const n = apps.rows.filter(r => !r.unread && r.cells.length).length;
      if (n) parts.push({ zh: `三表 ${n} 行`, en: `${n} rows of the section 三 table`, range: apps.range });
    }
    const reviews = model.reviews;
    if (reviews?.separation === 'glued' && !reviews.unread && reviews.cells.length) {
      parts.push({ zh: `四表 ${REVIEW_WIDTH} 个数`, en: `the ${REVIEW_WIDTH} numbers of the section 四 table`, range: reviews.range });
    }
    const glued = model.proactive.filter(b => b.separation === 'glued');
    const proRows = glued.flatMap(b => b.rows.filter(r => !r.unread && r.cells.length));
    if (proRows.length) parts.push({ zh: `二表 ${proRows.length} 行`, en: `${proRows.length} rows of the section 二 tables`, range: proRows[0].range });
    if (!parts.length) return;
    const first = parts.reduce((a, b) => (b.range.start < a.range.start ? b : a));
    ctx.report({
      range: first.range,
      message: msg(
        `统计表的数字在文中粘连在一起（格子间的分隔已丢失，如网页抓取的文本）：${parts.map(p => p.zh).join('、')}已拆分还原，每一处都只有一种拆法（三表、四表还须使表内合计成立）；如果原表本身有合计填错，真实的数字可能是另一种拆法，请对照原表核对`,
        `The tables’ digits are glued together in the text (the separators between cells were lost, as in a crawled page): ${parts.map(p => p.en).join(', ')} were split back, each the only way to split them (in 三 and 四, the only way that keeps the table’s sums); if the original table has a wrong total itself, its real numbers may split another way: check against the original table`,
      ),
    });
  },
};
