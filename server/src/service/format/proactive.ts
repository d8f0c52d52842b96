import type { FormatProactiveBlock } from './types';

/** The first header cell of each block, the same in both formats. */
export const PROACTIVE_CONTENT_HEADER = '信息内容';

/** Section 二 tables (主动公开), one block per item of Article 20. */
export const PROACTIVE_2021: FormatProactiveBlock[] = [
  {
    item: '第二十条第（一）项', clause: '一',
    columns: [
      { label: '本年制发件数', kind: 'count', role: 'issued' },
      { label: '本年废止件数', kind: 'count', role: 'repealed' },
      { label: '现行有效件数', kind: 'count', role: 'inForce' },
    ],
    rows: [
      { key: 'rules', label: '规章' },
      { key: 'normativeDocuments', label: '行政规范性文件', aliases: ['规范性文件'] },
    ],
    atLeast: [[2, 0]],
  },
  {
    item: '第二十条第（五）项', clause: '五',
    columns: [{ label: '本年处理决定数量', kind: 'count' }],
    rows: [{ key: 'licensing', label: '行政许可' }],
  },
  {
    item: '第二十条第（六）项', clause: '六',
    columns: [{ label: '本年处理决定数量', kind: 'count' }],
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'enforcement', label: '行政强制' },
    ],
  },
  {
    item: '第二十条第（八）项', clause: '八',
    columns: [{ label: '本年收费金额（单位：万元）', kind: 'amount' }],
    rows: [{ key: 'fees', label: '行政事业性收费' }],
  },
];

export const PROACTIVE_2019: FormatProactiveBlock[] = [
  {
    item: '第二十条第（一）项', clause: '一',
    columns: [
      { label: '本年新制作数量', kind: 'count' },
      { label: '本年新公开数量', kind: 'count' },
      { label: '对外公开总数量', kind: 'count' },
    ],
    rows: [
      { key: 'rules', label: '规章' },
      { key: 'normativeDocuments', label: '规范性文件', aliases: ['行政规范性文件'] },
    ],
    atLeast: [[2, 1]],
  },
  {
    item: '第二十条第（五）项', clause: '五',
    columns: [
      { label: '上一年项目数量', kind: 'count' },
      { label: '本年增/减', kind: 'signed' },
      { label: '处理决定数量', kind: 'count' },
    ],
    rows: [
      { key: 'licensing', label: '行政许可' },
      { key: 'otherServices', label: '其他对外管理服务事项' },
    ],
  },
  {
    item: '第二十条第（六）项', clause: '六',
    columns: [
      { label: '上一年项目数量', kind: 'count' },
      { label: '本年增/减', kind: 'signed' },
      { label: '处理决定数量', kind: 'count' },
    ],
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'enforcement', label: '行政强制' },
    ],
  },
  {
    item: '第二十条第（八）项', clause: '八',
    columns: [
      { label: '上一年项目数量', kind: 'count' },
      { label: '本年增/减', kind: 'signed' },
    ],
    rows: [{ key: 'fees', label: '行政事业性收费' }],
  },
  {
    item: '第二十条第（九）项', clause: '九',
    columns: [
      { label: '采购项目数量', kind: 'count' },
      { label: '采购总金额', kind: 'amount' },
    ],
    rows: [{ key: 'procurement', label: '政府集中采购' }],
  },
];

/** Column-header words that only one format prints (a word of the other format's headers is not evidence). */
export const PROACTIVE_OWN_HEADER_WORDS_2021 = ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额'];
export const PROACTIVE_OWN_HEADER_WORDS_2019 = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '采购项目数量', '采购总金额'];
