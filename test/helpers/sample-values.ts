/**
 * The true values of the tables in the five sample reports and in the hand-made layout fixtures,
 * written down by reading the texts (line numbers from `cat -n`), never by running the parser.
 * Tests that compare a reading with the truth import them from here.
 */
import { formatOf, type FormatVersion } from '../../server/src/service/format';
import { CORPUS, expectedRows, type CorpusId } from './corpus';

/** What a person reads in a sample, with the line each thing stands on (1-based, as `cat -n` shows). */
export interface SampleReading {
  template: '2019' | '2021';
  year: number;
  agency: string;
  sections: [number, string][];
  applicationsLine: number;
  applications: string;
  reviewsLine: number;
  reviews: number[];
  proactive: { item: string; rows: [string, number, (number | null)[]][] }[];
}

const Z = '0 0 0 0 0 0 0';

export const SAMPLE_READING: Record<CorpusId, SampleReading> = {
  '000': {
    template: '2021', year: 2023, agency: '张店区人民政府办公室',
    sections: [
      [12, '一、总体情况'], [204, '二、主动公开政府信息情况'], [238, '三、收到和处理政府信息公开申请情况'],
      [362, '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况'],
      [432, '五、政府信息公开工作存在的主要问题及改进情况'], [461, '六、其他需要报告的事项'],
    ],
    applicationsLine: 269,
    applications: `
      new 269 51 3 0 0 0 2 56
      carryover 270 12 0 0 0 0 0 12
      granted 290 3 0 0 0 0 1 4
      partial 291 7 0 0 0 0 1 8
      denied.1 298 ${Z}
      denied.2 300 ${Z}
      denied.3 302 ${Z}
      denied.4 304 ${Z}
      denied.5 306 ${Z}
      denied.6 308 ${Z}
      denied.7 310 ${Z}
      denied.8 312 ${Z}
      unavailable.1 316 48 2 0 0 0 0 50
      unavailable.2 318 ${Z}
      unavailable.3 320 ${Z}
      # （五）不予处理 1.信访举报投诉类申请 share one line
      rejected.1 322 2 0 0 0 0 0 2
      # after the page footer — 7 —
      rejected.2 328 ${Z}
      rejected.3 330 ${Z}
      rejected.4 332 ${Z}
      rejected.5 334 ${Z}
      other.1 341 1 0 0 0 0 0 1
      other.2 349 ${Z}
      other.3 357 1 1 0 0 0 0 2
      total 358 62 3 0 0 0 2 67
      forward 360 1 0 0 0 0 0 1`,
    reviewsLine: 430,
    reviews: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
    proactive: [
      { item: '第二十条第（一）项', rows: [['规章', 210, [0, 0, 0]], ['行政规范性文件', 212, [1, 1, 11]]] },
      { item: '第二十条第（五）项', rows: [['行政许可', 218, [0]]] },
      // the block heading is before the page footer, its table after
      { item: '第二十条第（六）项', rows: [['行政处罚', 228, [0]], ['行政强制', 230, [0]]] },
      { item: '第二十条第（八）项', rows: [['行政事业性收费', 236, [0]]] },
    ],
  },
  '001': {
    template: '2021', year: 2023, agency: '临淄区人民政府办公室',
    sections: [
      [6, '一、总体情况'], [13, '二、主动公开政府信息情况'], [60, '三、收到和处理政府信息公开申请情况'],
      [346, '四、政府信息公开行政复议、行政诉讼情况'], [392, '五、存在的主要问题及改进情况'], [395, '六、其他需要报告的事项'],
    ],
    applicationsLine: 79,
    applications: `
      new 78 26 1 0 0 0 0 27
      carryover 87 6 0 0 0 0 0 6
      granted 97 7 0 0 0 0 0 7
      partial 107 1 0 0 0 0 0 1
      denied.1 118 ${Z}
      denied.2 129 ${Z}
      denied.3 140 ${Z}
      denied.4 151 ${Z}
      denied.5 162 ${Z}
      denied.6 173 ${Z}
      denied.7 184 ${Z}
      denied.8 195 ${Z}
      unavailable.1 206 20 1 0 0 0 0 21
      unavailable.2 217 ${Z}
      unavailable.3 228 ${Z}
      rejected.1 239 ${Z}
      rejected.2 250 1 0 0 0 0 0 1
      rejected.3 261 ${Z}
      rejected.4 272 ${Z}
      rejected.5 283 ${Z}
      other.1 294 1 0 0 0 0 0 1
      other.2 305 ${Z}
      other.3 316 ${Z}
      total 326 30 1 0 0 0 0 31
      forward 335 2 0 0 0 0 0 2`,
    reviewsLine: 374,
    reviews: [0, 0, 0, 2, 2, 2, 0, 1, 0, 3, 0, 0, 0, 0, 0],
    proactive: [
      // 行政规范性文件 has two numbers where the table has three columns
      { item: '第二十条第（一）项', rows: [['规章', 22, [0, 0, 0]], ['行政规范性文件', 27, [0, 16, null]]] },
      { item: '第二十条第（五）项', rows: [['行政许可', 36, [0]]] },
      { item: '第二十条第（六）项', rows: [['行政处罚', 44, [0]], ['行政强制', 47, [0]]] },
      { item: '第二十条第（八）项', rows: [['行政事业性收费', 55, [0]]] },
    ],
  },
  '002': {
    template: '2019', year: 2020, agency: '张店区人民政府',
    sections: [
      [6, '一、总体情况'], [24, '二、主动公开政府信息情况'], [103, '三、收到和处理政府信息公开申请情况'],
      [367, '四、政府信息公开行政复议、行政诉讼情况'], [421, '五、存在的主要问题及改进情况'], [424, '六、其他需要报告的事项'],
    ],
    applicationsLine: 123,
    applications: `
      new 122 108 15 8 0 0 0 131
      carryover 131 ${Z}
      granted 141 34 15 8 0 0 0 57
      partial 151 ${Z}
      denied.1 162 ${Z}
      denied.2 173 ${Z}
      denied.3 184 ${Z}
      denied.4 195 ${Z}
      denied.5 206 13 0 0 0 0 0 13
      denied.6 217 10 0 0 0 0 0 10
      denied.7 228 ${Z}
      denied.8 239 ${Z}
      unavailable.1 250 3 0 0 0 0 0 3
      unavailable.2 261 5 0 0 0 0 0 5
      unavailable.3 272 ${Z}
      rejected.1 283 ${Z}
      rejected.2 294 ${Z}
      rejected.3 305 ${Z}
      rejected.4 316 ${Z}
      rejected.5 327 ${Z}
      # 2019 format: （六）其他处理 is one row
      other 338 43 0 0 0 0 0 43
      total 348 108 15 8 0 0 0 131
      forward 357 ${Z}`,
    reviewsLine: 403,
    // 行政复议 14 + 4 + 0 + 0 printed as 9: the one broken total of the five
    reviews: [14, 4, 0, 0, 9, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0],
    proactive: [
      { item: '第二十条第（一）项', rows: [['规章', 34, [0, 0, 0]], ['规范性文件', 39, [10, 10, 47]]] },
      { item: '第二十条第（五）项', rows: [['行政许可', 51, [633, -309, 253227]], ['其他对外管理服务事项', 56, [223, -206, 861]]] },
      { item: '第二十条第（六）项', rows: [['行政处罚', 68, [4020, -17, 71664]], ['行政强制', 73, [139, 1, 8288]]] },
      { item: '第二十条第（八）项', rows: [['行政事业性收费', 84, [53, 5]]] },
      { item: '第二十条第（九）项', rows: [['政府集中采购', 94, [182, 60516]]] },
    ],
  },
  '003': {
    template: '2019', year: 2020, agency: '淄博市张店区机关事务服务中心',
    sections: [
      [4, '一、总体情况'], [135, '二、主动公开政府信息情况'], [175, '三、收到和处理政府信息公开申请情况'],
      [326, '四、政府信息公开行政复议、行政诉讼情况'], [441, '五、存在的主要问题及改进情况'], [471, '六、其他需要报告的事项'],
    ],
    applicationsLine: 231,
    applications: `
      new 231 ${Z}
      carryover 233 ${Z}
      # 三、本年度办理结果 broken into 三、/本年/度办/理结/果 before this row
      granted 245 ${Z}
      partial 247 ${Z}
      denied.1 257 ${Z}
      denied.2 259 ${Z}
      denied.3 265 ${Z}
      denied.4 267 ${Z}
      denied.5 269 ${Z}
      denied.6 271 ${Z}
      denied.7 273 ${Z}
      denied.8 275 ${Z}
      unavailable.1 281 ${Z}
      unavailable.2 286 ${Z}
      unavailable.3 292 ${Z}
      rejected.1 302 ${Z}
      rejected.2 304 ${Z}
      rejected.3 306 ${Z}
      rejected.4 308 ${Z}
      rejected.5 314 ${Z}
      other 320 ${Z}
      total 322 ${Z}
      forward 324 ${Z}`,
    reviewsLine: 440,
    reviews: new Array(15).fill(0),
    proactive: [
      { item: '第二十条第（一）项', rows: [['规章', 140, [5, 2, 11]], ['规范性文件', 142, [0, 0, 0]]] },
      { item: '第二十条第（五）项', rows: [['行政许可', 148, [0, 0, 0]], ['其他对外管理服务事项', 150, [0, 0, 0]]] },
      { item: '第二十条第（六）项', rows: [['行政处罚', 159, [0, 0, 0]], ['行政强制', 161, [0, 0, 0]]] },
      { item: '第二十条第（八）项', rows: [['行政事业性收费', 167, [0, 0]]] },
      { item: '第二十条第（九）项', rows: [['政府集中采购', 173, [15, 909.76]]] },
    ],
  },
  '004': {
    template: '2021', year: 2023, agency: '张店区发展和改革局',
    sections: [
      [5, '一、总体情况'], [12, '二、主动公开政府信息情况'], [62, '三、收到和处理政府信息公开申请情况'],
      [349, '四、政府信息公开行政复议、行政诉讼情况'], [401, '五、存在的主要问题及改进情况'], [403, '六、其他需要报告的事项'],
    ],
    applicationsLine: 82,
    applications: `
      # [bookmark: _Hlk66973412] glued before the label
      new 81 10 0 0 0 0 0 10
      carryover 90 ${Z}
      granted 100 10 0 0 0 0 0 10
      partial 110 ${Z}
      denied.1 121 ${Z}
      denied.2 132 ${Z}
      denied.3 143 ${Z}
      denied.4 154 ${Z}
      denied.5 165 ${Z}
      denied.6 176 ${Z}
      denied.7 187 ${Z}
      denied.8 198 ${Z}
      unavailable.1 209 ${Z}
      unavailable.2 220 ${Z}
      unavailable.3 231 ${Z}
      rejected.1 242 ${Z}
      rejected.2 253 ${Z}
      rejected.3 264 ${Z}
      rejected.4 275 ${Z}
      rejected.5 286 ${Z}
      other.1 298 ${Z}
      other.2 309 ${Z}
      other.3 320 ${Z}
      total 330 10 0 0 0 0 0 10
      forward 339 ${Z}`,
    reviewsLine: 384,
    reviews: new Array(15).fill(0),
    proactive: [
      { item: '第二十条第（一）项', rows: [['规章', 20, [0, 0, 0]], ['行政规范性文件', 25, [0, 0, 0]]] },
      { item: '第二十条第（五）项', rows: [['行政许可', 35, [16]]] },
      { item: '第二十条第（六）项', rows: [['行政处罚', 43, [0]], ['行政强制', 46, [0]]] },
      { item: '第二十条第（八）项', rows: [['行政事业性收费', 54, [0]]] },
    ],
  },
};

/** A report's tables as values only: what every layout of it must read back. */
export interface TrueValues {
  template: FormatVersion;
  /** Section 二, block by block, rows in printed order. */
  proactive: { item: string; rows: { key: string; label: string; values: (number | null)[] }[] }[];
  /** Section 三, the rows that carry numbers, in printed order, 7 values each. */
  applications: { key: string; values: (number | null)[] }[];
  /** Section 四, the 15 values. */
  reviews: (number | null)[];
}

/** The format key of a section 二 row, from its label as written. */
export function proactiveKey(version: FormatVersion, item: string, label: string): string {
  const block = formatOf(version).proactive.blocks.find(b => b.item === item);
  const row = block?.rows.find(r => r.label === label || r.aliases?.includes(label));
  if (!row) throw new Error(`no row ${label} in ${item} (${version})`);
  return row.key;
}

export function sampleValues(id: CorpusId): TrueValues {
  const r = SAMPLE_READING[id];
  return {
    template: r.template,
    proactive: r.proactive.map(b => ({
      item: b.item,
      rows: b.rows.map(([label, , values]) => ({ key: proactiveKey(r.template, b.item, label), label, values })),
    })),
    applications: expectedRows(r.applications).map(({ key, values }) => ({ key, values })),
    reviews: r.reviews,
  };
}

/**
 * Cells of section 二 written with more than the number (a unit, a sign), by sample and row key,
 * so that a layout writes them as the report does.
 */
export const SAMPLE_WRITTEN_CELLS: Partial<Record<CorpusId, Record<string, string[]>>> = {
  // line 75 and 86: the increase is written with its sign; line 95–96: units after the numbers
  '002': { enforcement: ['139', '+1', '8288'], fees: ['53', '+5'], procurement: ['182个', '60516万元'] },
  // line 173: 「政府集中采购 15 909.76 万元」
  '003': { procurement: ['15', '909.76 万元'] },
};

export const SAMPLE_IDS = Object.keys(CORPUS) as CorpusId[];

/** What a layout keeps of the truth: cells it destroys beyond recovery may be read as null, never as another number. */
export interface Unsure {
  /** Section 二 row keys whose cells were glued so that several splits fit. */
  proactive: Set<string>;
  /** Section 三 row keys whose glued digits split in several ways that keep the row total. */
  applications: Set<string>;
  /** The 15 section 四 numbers glued so that several splits fit. */
  reviews: boolean;
}

export function nothingUnsure(): Unsure {
  return { proactive: new Set(), applications: new Set(), reviews: false };
}

/** A real report in one of the layouts (test/fixtures/layouts/NAME.txt|md), read by a person. */
export interface FixtureValues {
  /** Where the text comes from (also in the fixture's first line). */
  source: string;
  /** The tables the fixture holds; an empty list for a table it does not hold (a page of a report). */
  values: TrueValues;
  /** False for a page or a part of a report: its format cannot be told, only its tables are compared. */
  whole: boolean;
  unsure: Unsure;
  /** The arithmetic errors in the report itself: [rule, the cell text it points at]. */
  arithmeticErrors: [string, string][];
}

const _ = null;

export const FIXTURE_VALUES: Record<string, FixtureValues> = {
  'web-tabs-1': {
    source: '2019年上海市人民政府办公厅政府信息公开工作年度报告 (www.shanghai.gov.cn, 2020-01-31)',
    whole: true,
    values: {
      template: '2019',
      proactive: [
        { item: '第二十条第（一）项', rows: [{ key: 'rules', label: '规章', values: [13, 13, 524] }, { key: 'normativeDocuments', label: '规范性文件', values: [60, 60, 368] }] },
        { item: '第二十条第（五）项', rows: [{ key: 'licensing', label: '行政许可', values: [0, 0, 0] }, { key: 'otherServices', label: '其他对外管理服务事项', values: [0, 0, 0] }] },
        { item: '第二十条第（六）项', rows: [{ key: 'penalty', label: '行政处罚', values: [0, 0, 0] }, { key: 'enforcement', label: '行政强制', values: [0, 0, 0] }] },
        { item: '第二十条第（八）项', rows: [{ key: 'fees', label: '行政事业性收费', values: [0, 0] }] },
        // 「251000元」
        { item: '第二十条第（九）项', rows: [{ key: 'procurement', label: '政府集中采购', values: [6, 251000] }] },
      ],
      // Empty (&nbsp;) cells are blank, not zero: null. With them taken as 0 every relation holds.
      applications: [
        { key: 'new', values: [821, 35, _, _, 2, 1, 859] },
        { key: 'carryover', values: [18, _, _, _, _, _, 18] },
        // the row totals of 予以公开 and of the rows below are left empty
        { key: 'granted', values: [258, 12, _, _, 1, 1, _] },
        { key: 'partial', values: [3, _, _, _, _, _, _] },
        { key: 'denied.1', values: [14, _, _, _, _, _, _] },
        { key: 'denied.2', values: [_, _, _, _, _, _, _] },
        { key: 'denied.3', values: [_, _, _, _, _, _, _] },
        { key: 'denied.4', values: [_, _, _, _, _, _, _] },
        { key: 'denied.5', values: [5, _, _, _, _, _, _] },
        { key: 'denied.6', values: [3, 1, _, _, _, _, _] },
        { key: 'denied.7', values: [_, _, _, _, _, _, _] },
        { key: 'denied.8', values: [10, 2, _, _, _, _, _] },
        { key: 'unavailable.1', values: [252, 12, _, _, 1, _, _] },
        { key: 'unavailable.2', values: [44, 3, _, _, _, _, _] },
        { key: 'unavailable.3', values: [25, _, _, _, _, _, _] },
        { key: 'rejected.1', values: [148, 1, _, _, _, _, _] },
        { key: 'rejected.2', values: [5, 4, _, _, _, _, _] },
        { key: 'rejected.3', values: [_, _, _, _, _, _, _] },
        { key: 'rejected.4', values: [_, _, _, _, _, _, _] },
        { key: 'rejected.5', values: [_, _, _, _, _, _, _] },
        { key: 'other', values: [_, _, _, _, _, _, _] },
        { key: 'total', values: [767, 35, _, _, 2, 1, 805] },
        { key: 'forward', values: [72, _, _, _, _, _, 72] },
      ],
      reviews: [5, _, _, 2, 7, 8, _, _, 1, 9, _, _, _, _, _],
    },
    unsure: nothingUnsure(),
    arithmeticErrors: [],
  },
  'pdf-text-1': {
    source: '威海市文登区信访局2022年政府信息公开工作年度报告, page 8',
    whole: false,
    values: { template: '2021', proactive: [], applications: [], reviews: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    unsure: nothingUnsure(),
    arithmeticErrors: [],
  },
  'pdf-text-2': {
    source: '2020年报_审计局, page 9',
    whole: false,
    values: { template: '2019', proactive: [], applications: [], reviews: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    unsure: nothingUnsure(),
    arithmeticErrors: [],
  },
  'crawled-pipes-1': {
    source: '杨凌示范区, a bureau\'s 2022年政府信息公开工作年度报告 (the start of the page)',
    whole: false,
    values: {
      template: '2021',
      proactive: [
        { item: '第二十条第（一）项', rows: [{ key: 'rules', label: '规章', values: [0, 0, 0] }, { key: 'normativeDocuments', label: '行政规范性文件', values: [0, 0, 0] }] },
        { item: '第二十条第（五）项', rows: [{ key: 'licensing', label: '行政许可', values: [0] }] },
        { item: '第二十条第（六）项', rows: [{ key: 'penalty', label: '行政处罚', values: [0] }, { key: 'enforcement', label: '行政强制', values: [0] }] },
        { item: '第二十条第（八）项', rows: [{ key: 'fees', label: '行政事业性收费', values: [0] }] },
      ],
      applications: [],
      reviews: [],
    },
    unsure: nothingUnsure(),
    arithmeticErrors: [],
  },
};
