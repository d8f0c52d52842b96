import type { OffsetRange, Row, UnreadReason } from '../parse';
import { APPLICATION_WIDTH, REVIEW_WIDTH } from '../format';
import { msg, type Message, type Rule, type RuleContext } from './types';

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
        ? msg('数字粘连且表内合计不成立：数字粘连在一起（格子间的分隔已丢失），没有一种拆法能使表内合计都成立，无法区分拆分与填报错误（可能有数字错误或空格）',
          'the digits are glued and the table’s sums do not hold: the separators between cells were lost and no split keeps all the sums, so a wrong split cannot be told from a wrong number (or a blank cell)')
        : msg('数字粘连在一起（格子间的分隔已丢失），拆不出这一行的格子数',
          'the digits are glued together (the separators between cells were lost) and do not split into the row’s cells');
    case 'columns-count':
      return msg('行名已识别，但其后按列排列的数字个数与行数不符，无法对应到格子',
        'the labels were read, but the numbers printed column by column after them do not fill those rows');
    case 'order-count':
      return msg(`数字与格子对不上：数字的个数不是格式的行数 × ${APPLICATION_WIDTH}（空白格子在复制或转换时丢失，或行名与数字分开后有多出的数字），无法确定每个数在哪一格`,
        `the numbers do not fit the cells: their count is not the format’s rows × ${APPLICATION_WIDTH} (blank cells lost in copying or converting, or extra numbers where labels and numbers stand apart), so which cell each is in cannot be told`);
    case 'order-ambiguous':
      return msg('行名与数字分开排列（如 PDF 的文本层），数字有多种排法都能使表内合计成立，无法确定',
        'the labels stand apart from the numbers (as in a PDF’s text layer), and the numbers fill the table in more than one order that keeps its sums');
    case 'order-inconsistent':
      return msg('行名与数字分开排列（如 PDF 的文本层），数字无论按行还是按列排，表内合计都有多处不成立，无法确定哪个数在哪一格',
        'the labels stand apart from the numbers (as in a PDF’s text layer), and in no order, by rows or by columns, do the table’s sums hold');
    case 'order-interrupted':
      return msg('数字之间多处夹着表头文字（如 PDF 的文本层），数字的顺序不是表格的顺序；按所给顺序，各组合计多处不成立，无法确定哪个数在哪一格',
        'header words stand between the numbers in several places (as in a PDF’s text layer), so the numbers are not in the table’s order; in the order given several group totals fail, and which number is in which cell cannot be told');
  }
}

/** Splits that keep every group but one, all leaving the same one broken: which, and what the others read. */
function nearlyText(nearly: { values: (number | null)[]; group: number }, format: RuleContext['format']): Message {
  const { groups, columns } = format.reviews;
  const size = columns.length;
  const show = (v: number | null) => (v === null ? '?' : String(v));
  const split = groups.map((_, g) => nearly.values.slice(g * size, g * size + size).map(show).join(' ')).join(' / ');
  const g = groups[nearly.group];
  return msg(
    `按能使其他两组合计成立的拆法（${split}，? 为拆法不定的格子），只有“${g.label}”一组不成立：请对照原件核对这一组`,
    `every split that keeps the other two groups (${split}; ? where the split varies) leaves the group “${g.en}” not adding up: check that group against the original`,
  );
}

function names(rows: Row[]): string {
  return rows.map(r => `“${r.officialLabel ?? r.label ?? ''}”`).join('、');
}

function namesEn(rows: Row[]): string {
  return rows.map(r => `“${r.officialLabel ?? r.label ?? ''}”`).join(', ');
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
    if (apps && appsUnread.length && appsUnread.length === apps.rows.length) {
      // The whole table: once, with what was seen, not its 25 row names.
      const reasons = [...new Set(appsUnread.map(r => r.unread!))];
      const seen = apps.numbers !== undefined ? msg(`（表中共 ${apps.numbers} 个数字）`, ` (${apps.numbers} numbers in the table)`) : msg('', '');
      ctx.report({
        range: apps.range,
        message: msg(
          `三表无法可靠读取，未作检查${seen.zh}：${reasons.map(w => why(w, true).zh).join('；')}。请对照原件核对，或改用原始文件（PDF、网页、Word）检查`,
          `The section 三 table cannot be read with confidence and was not checked${seen.en}: ${reasons.map(w => why(w, true).en).join('; ')}. Check it against the original, or check the original file (PDF, web page, Word)`,
        ),
      });
    } else if (apps && appsUnread.length) {
      ctx.report({
        range: apps.range,
        message: rowsMessage(msg('三表', 'The section 三 table'), appsUnread, apps.rows.length - appsUnread.length, true),
      });
    }
    const reviews = model.reviews;
    if (reviews?.unread) {
      const w = why(reviews.unread, true);
      const near = reviews.nearly ? nearlyText(reviews.nearly, ctx.format) : null;
      ctx.report({
        range: reviews.range,
        message: reviews.numbers !== undefined
          ? msg(`四表无法可靠读取，未作检查：只有 ${reviews.numbers} 个数字，应有 ${REVIEW_WIDTH} 个，每个数一行，空白格子不留痕迹（复制或转换时丢失），无法确定每个数在哪一格`,
            `The section 四 table was not read with confidence, not checked: ${reviews.numbers} numbers where it has ${REVIEW_WIDTH}, one a line, and a blank cell leaves no line (lost in copying or converting), so which cell each fills cannot be told`)
          : msg(`四表的 ${REVIEW_WIDTH} 个数字无法可靠读取，未作检查：${w.zh}${near ? `。${near.zh}` : ''}`, `The ${REVIEW_WIDTH} numbers of the section 四 table were not read with confidence, not checked: ${w.en}${near ? `. ${near.en}` : ''}`),
      });
    }
    const proUnread = model.proactive.flatMap(b => b.rows.filter(r => r.unread));
    if (proUnread.length) {
      const read = model.proactive.reduce((n, b) => n + b.rows.filter(r => !r.unread).length, 0);
      ctx.report({ range: spanOf(proUnread), message: rowsMessage(msg('二表', 'The section 二 tables'), proUnread, read, false) });
    }
  },
};
