import type { FormatApplicationRow, FormatColumn } from './types';

/** Columns of the section 三 table (申请人情况), the same in both formats. The last one is the row total. */
const APPLICANTS = '申请人情况';
const ORGANIZATIONS = '法人或其他组织';

export const APPLICATION_COLUMNS: FormatColumn[] = [
  { key: 'natural', label: '自然人', en: 'natural persons', under: [APPLICANTS] },
  { key: 'business', label: '商业企业', en: 'commercial enterprises', under: [APPLICANTS, ORGANIZATIONS] },
  { key: 'research', label: '科研机构', en: 'research institutions', under: [APPLICANTS, ORGANIZATIONS] },
  { key: 'nonprofit', label: '社会公益组织', en: 'public-interest organizations', under: [APPLICANTS, ORGANIZATIONS] },
  { key: 'legal', label: '法律服务机构', en: 'legal service agencies', under: [APPLICANTS, ORGANIZATIONS] },
  { key: 'others', label: '其他', en: 'others', under: [APPLICANTS, ORGANIZATIONS] },
  { key: 'total', label: '总计', en: 'total', under: [APPLICANTS] },
];

export const APPLICATION_HEADER_WORDS = [APPLICANTS, ORGANIZATIONS];

/** Printed in the table's top-left cell, above the row labels (both formats). */
export const APPLICATION_CORNER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

function row(key: string, label: string, group?: string, result = false): FormatApplicationRow {
  return { key, label, group, kind: 'row', result };
}
function group(key: string, label: string, parent?: string): FormatApplicationRow {
  return { key, label, group: parent, kind: 'group' };
}

const BEFORE_OTHER: FormatApplicationRow[] = [
  row('new', '一、本年新收政府信息公开申请数量'),
  row('carryover', '二、上年结转政府信息公开申请数量'),
  group('results', '三、本年度办理结果'),
  row('granted', '（一）予以公开', 'results', true),
  row('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'results', true),
  group('denied', '（三）不予公开', 'results'),
  row('denied.1', '1.属于国家秘密', 'denied', true),
  row('denied.2', '2.其他法律行政法规禁止公开', 'denied', true),
  row('denied.3', '3.危及“三安全一稳定”', 'denied', true),
  row('denied.4', '4.保护第三方合法权益', 'denied', true),
  row('denied.5', '5.属于三类内部事务信息', 'denied', true),
  row('denied.6', '6.属于四类过程性信息', 'denied', true),
  row('denied.7', '7.属于行政执法案卷', 'denied', true),
  row('denied.8', '8.属于行政查询事项', 'denied', true),
  group('unavailable', '（四）无法提供', 'results'),
  row('unavailable.1', '1.本机关不掌握相关政府信息', 'unavailable', true),
  row('unavailable.2', '2.没有现成信息需要另行制作', 'unavailable', true),
  row('unavailable.3', '3.补正后申请内容仍不明确', 'unavailable', true),
  group('rejected', '（五）不予处理', 'results'),
  row('rejected.1', '1.信访举报投诉类申请', 'rejected', true),
  row('rejected.2', '2.重复申请', 'rejected', true),
  row('rejected.3', '3.要求提供公开出版物', 'rejected', true),
  row('rejected.4', '4.无正当理由大量反复申请', 'rejected', true),
  row('rejected.5', '5.要求行政机关确认或重新出具已获取信息', 'rejected', true),
];

const AFTER_OTHER: FormatApplicationRow[] = [
  row('total', '（七）总计', 'results'),
  row('forward', '四、结转下年度继续办理'),
];

/** 2019: （六）其他处理 is one numbered row (23 rows carry numbers). */
export const APPLICATION_ENTRIES_2019: FormatApplicationRow[] = [
  ...BEFORE_OTHER,
  row('other', '（六）其他处理', 'results', true),
  ...AFTER_OTHER,
];

/** 2021: （六）其他处理 is a group of three rows (25 rows carry numbers). */
export const APPLICATION_ENTRIES_2021: FormatApplicationRow[] = [
  ...BEFORE_OTHER,
  group('other', '（六）其他处理', 'results'),
  row('other.1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other', true),
  row('other.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other', true),
  row('other.3', '3.其他', 'other', true),
  ...AFTER_OTHER,
];
