import type { ApplicationRowTemplate, TemplateVersion } from './types';

/** Columns of the section 三 table: 申请人情况. The last one is the row total. */
export const APPLICATION_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
export const APPLICATION_COLUMN_KEYS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'others', 'total'];

const BOTH: TemplateVersion[] = ['2019', '2021'];

function row(key: string, label: string, group?: string, result = false, templates = BOTH): ApplicationRowTemplate {
  return { key, label, group, kind: 'row', templates, result };
}
function group(key: string, label: string, templates = BOTH): ApplicationRowTemplate {
  return { key, label, kind: 'group', templates };
}

/**
 * Every entry of the section 三 table in both formats, in printed order.
 * （六）其他处理 is a numbered row in 2019 and a group of three rows in 2021.
 */
export const APPLICATION_ENTRIES: ApplicationRowTemplate[] = [
  row('new', '一、本年新收政府信息公开申请数量'),
  row('carryover', '二、上年结转政府信息公开申请数量'),
  group('results', '三、本年度办理结果'),
  row('granted', '（一）予以公开', 'results', true),
  row('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'results', true),
  group('denied', '（三）不予公开'),
  row('denied.1', '1.属于国家秘密', 'denied', true),
  row('denied.2', '2.其他法律行政法规禁止公开', 'denied', true),
  row('denied.3', '3.危及“三安全一稳定”', 'denied', true),
  row('denied.4', '4.保护第三方合法权益', 'denied', true),
  row('denied.5', '5.属于三类内部事务信息', 'denied', true),
  row('denied.6', '6.属于四类过程性信息', 'denied', true),
  row('denied.7', '7.属于行政执法案卷', 'denied', true),
  row('denied.8', '8.属于行政查询事项', 'denied', true),
  group('unavailable', '（四）无法提供'),
  row('unavailable.1', '1.本机关不掌握相关政府信息', 'unavailable', true),
  row('unavailable.2', '2.没有现成信息需要另行制作', 'unavailable', true),
  row('unavailable.3', '3.补正后申请内容仍不明确', 'unavailable', true),
  group('rejected', '（五）不予处理'),
  row('rejected.1', '1.信访举报投诉类申请', 'rejected', true),
  row('rejected.2', '2.重复申请', 'rejected', true),
  row('rejected.3', '3.要求提供公开出版物', 'rejected', true),
  row('rejected.4', '4.无正当理由大量反复申请', 'rejected', true),
  row('rejected.5', '5.要求行政机关确认或重新出具已获取信息', 'rejected', true),
  row('other', '（六）其他处理', 'results', true, ['2019']),
  group('other', '（六）其他处理', ['2021']),
  row('other.1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other', true, ['2021']),
  row('other.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other', true, ['2021']),
  row('other.3', '3.其他', 'other', true, ['2021']),
  row('total', '（七）总计', 'results'),
  row('forward', '四、结转下年度继续办理'),
];

export function applicationEntries(version: TemplateVersion): ApplicationRowTemplate[] {
  return APPLICATION_ENTRIES.filter(e => e.templates.includes(version));
}

/** The rows that carry numbers, in order: 25 in 2021, 23 in 2019. */
export function applicationRows(version: TemplateVersion): ApplicationRowTemplate[] {
  return applicationEntries(version).filter(e => e.kind === 'row');
}

export function applicationRow(key: string): ApplicationRowTemplate | undefined {
  return APPLICATION_ENTRIES.find(e => e.key === key && e.kind === 'row');
}
