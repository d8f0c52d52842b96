import type { FormatSection } from './types';

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The six sections, identical in both formats. */
export const SECTIONS: FormatSection[] = [
  {
    no: 1, numeral: '一', title: '总体情况',
    variants: ['基本情况', '概述'],
    signature: [['总体情况', '基本情况', '概述']],
  },
  {
    no: 2, numeral: '二', title: '主动公开政府信息情况',
    variants: ['主动公开政府信息的情况', '主动公开情况'],
    signature: [['主动公开']],
  },
  {
    no: 3, numeral: '三', title: '收到和处理政府信息公开申请情况',
    variants: ['依申请公开政府信息情况', '收到和处理政府信息公开申请的情况'],
    signature: [['收到和处理', '收到及处理', '依申请公开'], ['申请']],
  },
  {
    no: 4, numeral: '四', title: '政府信息公开行政复议、行政诉讼情况',
    variants: ['因政府信息公开工作被申请行政复议和提起行政诉讼情况', '政府信息公开行政复议及行政诉讼情况'],
    signature: [['行政复议', '行政诉讼']],
  },
  {
    no: 5, numeral: '五', title: '存在的主要问题及改进情况',
    variants: ['政府信息公开工作存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及整改措施', '存在的主要问题及改进措施'],
    signature: [['问题'], ['改进', '整改']],
  },
  {
    no: 6, numeral: '六', title: '其他需要报告的事项',
    variants: ['其他需要报告事项'],
    signature: [['其他需要报告', '其他需报告', '其他事项']],
  },
];

export function standardHeading(no: number): string {
  const s = SECTIONS[no - 1];
  return `${s.numeral}、${s.title}`;
}
