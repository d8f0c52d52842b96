import type { OffsetRange, Row, UnreadReason } from '../parse';
import { REVIEW_WIDTH } from '../template';
import { msg, type Message, type Rule } from './types';

/** Why, in the reader's words: what the text showed and why no reading is certain. `sums`: the table has sums to check a split with. */
function why(reason: UnreadReason, sums: boolean): Message {
  switch (reason) {
    case 'glued-ambiguous':
      return sums
        ? msg('数字粘连在一起（格子间的分隔已丢失），有多种拆法都能使表内合计成立，无法确定',
          'the digits are glued together (the separators between cells were lost) and split in more than one way that keeps the table’s sums')
        : msg('数字粘连在一起（格子间的分隔已丢失），有多种拆法，无法确定',
          'the digits are glued together (the separators between cells were lost) and split in more than one way');
    case 'glued-no-split':
      return sums
        ? msg('数字粘连在一起（格子间的分隔已丢失），没有一种拆法能使表内合计都成立（可能有数字错误或空格），无法确定',
          'the digits are glued together (the separators between cells were lost) and no split keeps all the table’s sums (a number may be wrong, or a cell blank)')
        : msg('数字粘连在一起（格子间的分隔已丢失），拆不出这一行的格子数',
          'the digits are glued together (the separators between cells were lost) and do not split into the row’s cells');
    case 'columns-count':
      return msg('行名已识别，但其后按列排列的数字个数与行数不符，无法对应到格子',
        'the labels were read, but the numbers printed column by column after them do not fill those rows');
  }
}

function names(rows: Row[]): string {
  return rows.map(r => `“${r.templateLabel ?? r.label ?? ''}”`).join('、');
}

function namesEn(rows: Row[]): string {
  return rows.map(r => `“${r.templateLabel ?? r.label ?? ''}”`).join(', ');
}

/** One finding for the unread rows of one table, grouped by why. */
function rowsMessage(table: Message, rows: Row[], read: number, sums: boolean): Message {
  const reasons = [...new Set(rows.map(r => r.unread!))];
  const zh = reasons.map(w => `${names(rows.filter(r => r.unread === w))}：${why(w, sums).zh}`).join('；');
  const en = reasons.map(w => `${namesEn(rows.filter(r => r.unread === w))}: ${why(w, sums).en}`).join('; ');
  return msg(
    `${table.zh}已读出 ${read} 行；以下 ${rows.length} 行无法可靠读取，未作检查：${zh}`,
    `${table.en}: ${read} row${read === 1 ? '' : 's'} read; ${rows.length} not read with confidence, not checked: ${en}`,
  );
}

function spanOf(rows: Row[]): OffsetRange {
  return { start: Math.min(...rows.map(r => r.range.start)), end: Math.max(...rows.map(r => r.range.end)) };
}

export const tableUnreadable: Rule = {
  meta: {
    id: 'table-unreadable',
    description: msg('统计表在文中，但其中的数字无法可靠读取（这些数字不作检查）', 'A table is there, but its numbers cannot be read with confidence (they are not checked)'),
    severity: 'warning',
    fixable: false,
    tags: ['tables'],
  },
  check(ctx) {
    const { model } = ctx;
    const apps = model.applications;
    const appsUnread = apps?.rows.filter(r => r.unread) ?? [];
    if (apps && appsUnread.length) {
      ctx.report({
        range: apps.range,
        message: rowsMessage(msg('三表', 'The section 三 table'), appsUnread, apps.rows.length - appsUnread.length, true),
      });
    }
    const reviews = model.reviews;
    if (reviews?.unread) {
      const w = why(reviews.unread, true);
      ctx.report({
        range: reviews.range,
        message: msg(`四表的 ${REVIEW_WIDTH} 个数字无法可靠读取，未作检查：${w.zh}`, `The ${REVIEW_WIDTH} numbers of the section 四 table were not read with confidence, not checked: ${w.en}`),
      });
    }
    const proUnread = model.proactive.flatMap(b => b.rows.filter(r => r.unread));
    if (proUnread.length) {
      const read = model.proactive.reduce((n, b) => n + b.rows.filter(r => !r.unread).length, 0);
      ctx.report({ range: spanOf(proUnread), message: rowsMessage(msg('二表', 'The section 二 tables'), proUnread, read, false) });
    }
  },
};
