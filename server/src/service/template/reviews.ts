/** Section 四 table: one row of 15 numbers in three groups of five (same in both formats). */
export const REVIEW_GROUPS = [
  { key: 'reconsideration', label: '行政复议' },
  { key: 'litigationDirect', label: '行政诉讼·未经复议直接起诉' },
  { key: 'litigationAfterReconsideration', label: '行政诉讼·复议后起诉' },
];

export const REVIEW_GROUP_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

export const REVIEW_COLUMN_COUNT = REVIEW_GROUPS.length * REVIEW_GROUP_COLUMNS.length;

export function reviewColumnLabel(index: number): string {
  const g = REVIEW_GROUPS[Math.floor(index / 5)];
  return `${g ? g.label : '?'}·${REVIEW_GROUP_COLUMNS[index % 5]}`;
}
