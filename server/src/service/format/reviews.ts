import type { FormatColumn, FormatReviewGroup } from './types';

/** Section 四 table: one row of 15 numbers in three groups of five (the same in both formats). */
export const REVIEW_GROUPS: FormatReviewGroup[] = [
  { key: 'reconsideration', label: '行政复议', en: 'administrative reconsideration', heading: ['行政复议'] },
  { key: 'litigationDirect', label: '行政诉讼·未经复议直接起诉', en: 'litigation without reconsideration', heading: ['行政诉讼', '未经复议直接起诉'] },
  { key: 'litigationAfterReconsideration', label: '行政诉讼·复议后起诉', en: 'litigation after reconsideration', heading: ['行政诉讼', '复议后起诉'] },
];

export const REVIEW_GROUP_COLUMNS: FormatColumn[] = [
  { key: 'upheld', label: '结果维持', en: 'upheld' },
  { key: 'corrected', label: '结果纠正', en: 'corrected' },
  { key: 'other', label: '其他结果', en: 'other result' },
  { key: 'pending', label: '尚未审结', en: 'pending' },
  { key: 'total', label: '总计', en: 'total' },
];

/** Every word of the 四 table's header, once: the groups' headings, then the columns' names. */
export const REVIEW_HEADER_WORDS: string[] = [...new Set([...REVIEW_GROUPS.flatMap(g => g.heading), ...REVIEW_GROUP_COLUMNS.map(c => c.label)])];
