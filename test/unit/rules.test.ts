/**
 * Rules as before/after tables. Each case damages a valid report (test/fixtures/valid-2021.txt), the
 * report they share, and says every finding expected — beside the text, as marks in its replacements
 * (`{row-total}10{/row-total}`: test/helpers/marked.ts), or as (rule, line, the text it points at) —
 * and the text after fix-all.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { checkReport } from '../../server/src/service/check';
import { applyFixes } from '../../server/src/service/fixes';
import { LineIndex } from '../../server/src/service/parse';
import { RULES } from '../../server/src/service/rules';
import { fixturePath } from '../helpers/corpus';
import { markFindings, readMarked } from '../helpers/marked';

const 原文 = readFileSync(fixturePath('valid-2021.txt'), 'utf8');

type 替换 = [string, string];
interface 用例 {
  规则: string;
  说明: string;
  /** The damage; the findings expected may be marked in the replacements (`{rule-id}…{/rule-id}`), then 发现 is absent. */
  修改: 替换[];
  /** [rule, 1-based line, the text the finding covers ('' for a point)] */
  发现?: [string, number, string][];
  /** 'original' when fix-all restores the valid report; replacements of it otherwise; absent when nothing is fixable. */
  修正后?: 'original' | 替换[];
  消息?: RegExp;
  /** The suggestions (fixes a person chooses, never applied by fix-all) of the first finding, by title. */
  建议?: string[];
  /** The report after a person applies the first finding's first suggestion: 'original', or replacements of it. */
  建议后?: 'original' | 替换[];
}

function 改(text: string, subs: 替换[]): string {
  for (const [from, to] of subs) {
    const at = text.indexOf(from);
    assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `「${from}」 occurs once in the report`);
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  return text;
}

/** The damaged report, its marks stripped. */
const 损坏 = (c: 用例) => readMarked(改(原文, c.修改)).text;
/** The rules a case expects to find. */
const 规则们 = (c: 用例) => c.发现?.map(f => f[0]) ?? readMarked(改(原文, c.修改)).marks.map(m => m.rule);

const 用例表: 用例[] = [
  {
    规则: 'review-total', 说明: '行政复议一组不相符：分不清是总计还是某一项填错，落在这一组上，只给建议，不自动修正',
    修改: [['0 1 0 0 1 0 0 0 0 0', '{review-total}0 1 0 0 9{/review-total} 0 0 0 0 0']],
    消息: /^行政复议：0 \+ 1 \+ 0 \+ 0 = 1，总计为 9；总计或其中一项有误，请对照原始台账核实$/,
    建议: ['行政复议总计改为 1', '行政复议结果维持改为 8', '行政复议结果纠正改为 9', '行政复议其他结果改为 8', '行政复议尚未审结改为 8'],
  },
  {
    规则: 'row-total', 说明: '三表一行的总计填错',
    修改: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 8 1 0 0 0 0 {row-total}10{/row-total}']],
    消息: /^“（一）予以公开”行总计应为 9：8 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0 = 9，表中为 10/,
    修正后: 'original',
  },
  {
    规则: 'row-total', 说明: '一个格子填错，同时破坏行合计与列合计：只报这一个格子',
    修改: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 {row-total}7{/row-total} 1 0 0 0 0 9']],
    消息: /^“（一）予以公开”行自然人应为 8，表中为 7/,
    修正后: 'original',
  },
  {
    规则: 'column-total', 说明: '（七）总计行的一个格子填错：行、列、勾稽关系三处都不符，只报它',
    修改: [['（七）总计 22 2', '（七）总计 {column-total}23{/column-total} 2']],
    修正后: 'original',
  },
  {
    规则: 'balance', 说明: '结转下年度填错',
    修改: [['四、结转下年度继续办理 1 0', '四、结转下年度继续办理 {balance}2{/balance} 0']],
    修正后: 'original',
  },
  {
    规则: 'row-total', 说明: '两个互不相关的错误：三表那一格确定，自动修正；四表那一组只给建议',
    修改: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 {row-total}7{/row-total} 1 0 0 0 0 9'], ['0 1 0 0 1 0 0 0 0 0', '{review-total}0 1 0 0 9{/review-total} 0 0 0 0 0']],
    修正后: [['0 1 0 0 1 0 0 0 0 0', '0 1 0 0 9 0 0 0 0 0']],
  },
  {
    规则: 'row-total', 说明: '同一行两个格子填错：一条发现说明两格可能都错，一个建议同时改两格，不自动修正',
    修改: [['1.本机关不掌握相关政府信息 6 1 0 0 1 0 8', '1.本机关不掌握相关政府信息 {row-total}7 1 0 0 2 0 8{/row-total}']],
    消息: /可能是“1\.本机关不掌握相关政府信息”行自然人与“1\.本机关不掌握相关政府信息”行法律服务机构两格都有误/,
    建议: ['“1.本机关不掌握相关政府信息”行自然人改为 6，“1.本机关不掌握相关政府信息”行法律服务机构改为 1'],
  },
  {
    规则: 'cell-value', 说明: '应填数字处填了“/”：按合计推出应为 1',
    修改: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 8 {cell-value}/{/cell-value} 0 0 0 0 9']],
    修正后: 'original',
  },
  {
    规则: 'cell-value', 说明: '负数',
    修改: [['2.重复申请 1 0 0 0 0 0 1', '2.重复申请 1 0 0 0 0 0 {row-total}-1{/row-total}']],
    修正后: 'original',
  },
  {
    规则: 'cell-count', 说明: '二表一行少一个数',
    修改: [['规章 0 0 0', '{cell-count}规章 0 0{/cell-count}']],
  },
  {
    规则: 'row-label', 说明: '行名错一个字，在一行之内，把握大：自动改为标准行名',
    修改: [['4.保护第三方合法权益', '4.保护第三方和法权益']],
    发现: [['row-label', 53, '4.保护第三方和法权益']],
    修正后: 'original',
  },
  {
    规则: 'row-label', 说明: '行名缺了几个字：只建议改为标准行名，由人决定',
    修改: [['2.其他法律行政法规禁止公开', '2.其他法律行政止公开']],
    发现: [['row-label', 51, '2.其他法律行政止公开']],
    建议: ['改为“2.其他法律行政法规禁止公开”'],
    建议后: 'original',
  },
  {
    规则: 'row-label', 说明: '行名折到下一行（pdftotext 的排法）：不是错字，不报',
    修改: [['（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2', '（二）部分公开（区分处理的，只计这一情 2 0 0 0 0 0 2\n形，不计其他情形）']],
    发现: [],
  },
  {
    规则: 'row-label', 说明: '二表用了旧称“规范性文件”',
    修改: [['行政规范性文件 3 1 25', '规范性文件 3 1 25']],
    发现: [['row-label', 18, '规范性文件']],
    // The old name of the same row, on one line, read without doubt: the fix is certain.
    修正后: 'original',
  },
  {
    规则: 'row-missing', 说明: '三表少了一行：指向它后面的那一行',
    修改: [['3.要求提供公开出版物 0 0 0 0 0 0 0\n', '']],
    发现: [['row-missing', 65, '4.无正当理由大量反复申请']],
  },
  {
    规则: 'section-missing', 说明: '缺第五部分：在第六部分前插入标准标题',
    修改: [['五、存在的主要问题及改进情况\n\n', '']],
    发现: [['section-missing', 83, '六、其他需要报告的事项']],
    建议: ['插入“五、存在的主要问题及改进情况”'],
    建议后: [['政务公开的深度和广度仍需拓展。\n\n六、', '政务公开的深度和广度仍需拓展。\n\n五、存在的主要问题及改进情况\n\n六、'], ['五、存在的主要问题及改进情况\n\n政务', '政务']],
  },
  {
    规则: 'section-order', 说明: '第五、六部分颠倒',
    修改: [['五、存在的主要问题及改进情况\n\n政务公开的深度和广度仍需拓展。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。', '六、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n五、存在的主要问题及改进情况\n\n政务公开的深度和广度仍需拓展。']],
    发现: [['section-order', 85, '五、存在的主要问题及改进情况']],
  },
  {
    规则: 'section-heading', 说明: '第四部分用了 2019 年以前的措辞：提示，可改为标准标题',
    修改: [['四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况']],
    发现: [['section-heading', 75, '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况']],
    建议: ['改为“四、政府信息公开行政复议、行政诉讼情况”'],
    建议后: 'original',
  },
  {
    规则: 'table-missing', 说明: '第四部分没有表',
    修改: [['0 1 0 0 1 0 0 0 0 0 0 0 0 0 0\n', '']],
    发现: [['table-missing', 75, '四、政府信息公开行政复议、行政诉讼情况']],
  },
  {
    规则: 'table-rebuilt', 说明: '四表的数字粘连在表头之后（网页抓取丢了分隔）：只有一种拆法使三组合计成立，读出并提示一次',
    修改: [['复议后起诉\n0 1 0 0 1 0 0 0 0 0 0 0 0 0 0', '复议后起诉010010000000000']],
    发现: [['table-rebuilt', 78, '010010000000000']],
    消息: /^统计表的数字在文中粘连在一起（格子间的分隔已丢失，如网页抓取的文本）：四表 15 个数已拆分还原/,
  },
  {
    规则: 'table-unreadable', 说明: '四表的数字粘连，且没有一种拆法使三组合计都成立：不猜，只报一次，不报合计错误；每种只差一组的拆法都差在行政复议一组，就说出是哪一组',
    修改: [['复议后起诉\n0 1 0 0 1 0 0 0 0 0 0 0 0 0 0', '复议后起诉010090000000000']],
    发现: [['table-unreadable', 78, '010090000000000']],
    // 0 1 0 0 9: 0 + 1 + 0 + 0 = 1, not 9; the two litigation groups are all zeros, whatever the split.
    消息: /^四表的 15 个数字无法可靠读取，未作检查：数字粘连且表内合计不成立：数字粘连在一起（格子间的分隔已丢失），没有一种拆法能使表内合计都成立.*（0 1 0 0 9 \/ 0 0 0 0 0 \/ 0 0 0 0 0，.*只有“行政复议”一组不成立/,
  },
  {
    规则: 'template-mismatch', 说明: '2022 年度报告的三表用了 2019 年格式的（六）其他处理一行',
    修改: [[
      '（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 1 0 0 0 0 0 1\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n3.其他 0 0 0 0 0 0 0',
      '（六）其他处理 1 0 0 0 0 0 1',
    ]],
    发现: [['template-mismatch', 68, '（六）其他处理']],
  },
  {
    规则: 'year-mismatch', 说明: '统计期限的年份与标题不一致',
    修改: [['至2022年12月31日止', '至2021年12月31日止']],
    发现: [['year-mismatch', 4, '2021']],
    建议: ['统计期限的截止年份改为 2022'],
    建议后: 'original',
  },
  {
    规则: 'year-mismatch', 说明: '“结转下年度”写成了本年',
    修改: [['上年结转3件。', '上年结转3件，结转2022年度继续办理1件。']],
    发现: [['year-mismatch', 8, '2022']],
    建议: ['“结转下年度”的年份改为 2023'],
    建议后: [['上年结转3件。', '上年结转3件，结转2023年度继续办理1件。']],
  },
  {
    规则: 'year-mismatch', 说明: '别的年份不是报告年度的错：“2021年结转资金”“结转至2030年”“自2019年度结转的”不报',
    修改: [['上年结转3件。', '上年结转3件。2021年结转资金已全部使用，相关工作结转至2030年完成，自2019年度结转的3件历史申请已全部办结。']],
    发现: [],
  },
  {
    规则: 'row-label', 说明: '不是格式中的行：按原样报出整行名',
    修改: [['2.重复申请 1 0 0 0 0 0 1\n', '2.重复申请 1 0 0 0 0 0 1\n6.撤回申请 0 0 0 0 0 0 0\n']],
    发现: [['row-label', 65, '6.撤回申请']],
    消息: /^“6\.撤回申请”不是三表格式中的行名$/,
  },
  {
    规则: 'row-label', 说明: '（1）式编号与 1. 等同，不报',
    修改: [['1.属于国家秘密 0', '（1）属于国家秘密 0']],
    发现: [],
  },
  {
    规则: 'cell-count', 说明: '三表一行少一个数：只报个数不对，不据错位的数字推算合计',
    修改: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 8 1 0 0 0 9']],
    发现: [['cell-count', 47, '（一）予以公开 8 1 0 0 0 9']],
  },
  {
    规则: 'regulation-authority', 说明: '县级机关报了规章数字',
    修改: [['规章 0 0 0', '规章 1 0 1']],
    发现: [['regulation-authority', 16, '规章 1 0 1']],
  },
  {
    规则: 'fee-statement', 说明: '第六部分没说信息处理费',
    修改: [['本年度未收取信息处理费。', '无。']],
    发现: [['fee-statement', 85, '六、其他需要报告的事项']],
  },
  {
    规则: 'problems-section', 说明: '第五部分只写“无”',
    修改: [['政务公开的深度和广度仍需拓展。', '无。']],
    发现: [['problems-section', 81, '五、存在的主要问题及改进情况']],
    消息: /^第五部分只写了“无”：应写出本年度政府信息公开工作存在的主要问题及改进情况$/,
  },
  {
    规则: 'publish-deadline', 说明: '办公室的 2022 年度报告落款 2023年2月6日，晚于 1月31日',
    修改: [['本年度未收取信息处理费。', '本年度未收取信息处理费。\n\n某县人民政府办公室\n2023年2月6日']],
    发现: [['publish-deadline', 90, '2023年2月6日']],
    消息: /^落款日期 2023年2月6日 晚于发布期限 2023年1月31日：行政机关应于每年1月31日前公布上一年度的年度报告（《政府信息公开条例》第五十条）$/,
  },
  {
    规则: 'prose-table', 说明: '正文说收到申请 24 件，表中本年新收 23 件（加上年结转为 26 件）',
    修改: [['全年共收到政府信息公开申请23件', '全年共收到政府信息公开申请24件']],
    发现: [['prose-table', 8, '24']],
    消息: /^正文“收到申请”为 24 件，与统计表不一致：本年新收 23 件，加上年结转 3 件为 26 件。如口径不同可忽略$/,
  },
  {
    规则: 'prose-table', 说明: '正文说被申请行政复议 2 件，四表行政复议总计 1 件',
    修改: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。本年度被申请行政复议 2 件。']],
    发现: [['prose-table', 8, '2']],
    消息: /^正文“行政复议”为 2 件，与统计表不一致：四表行政复议总计为 1 件。如口径不同可忽略$/,
  },
  {
    规则: 'prose-table', 说明: '正文与表格一致时不报：予以公开 9 件、无法提供 9 件、不予处理 3 件、被申请行政复议 1 件',
    修改: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。其中予以公开 9 件，无法提供 9 件，不予处理 3 件；被申请行政复议 1 件，未发生行政诉讼。']],
    发现: [],
  },
  {
    规则: 'prose-breakdown', 说明: '“其中”各项之和少于总数',
    修改: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。共发布信息 50 条，其中政策文件 20 条、解读 20 条。']],
    发现: [['prose-breakdown', 8, '50']],
  },
  {
    规则: 'prose-percentage', 说明: '百分比算错：3 ÷ 8 = 37.5%',
    修改: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。共办理建议 8 件，其中主办 3 件，占 35.5%；协办 5 件，占 62.5%。']],
    发现: [['prose-percentage', 8, '35.5']],
    建议: ['35.5% 改为 37.5%'],
    建议后: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。共办理建议 8 件，其中主办 3 件，占 37.5%；协办 5 件，占 62.5%。']],
  },
  {
    // Sample 002, line 20 (issue 18): 111 + 9 = 120, the count stated two sentences before, is the whole.
    规则: 'prose-percentage', 说明: '总数在前文：实际办理 120 件，111 件占 92.5%，不是 92.3%；所写比例合计 100% 不能作为理由，正确的比例合计也是 100%',
    修改: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。共收到代表建议148件。移交有关区县28件，实际办理120件。各承办单位高度重视。从办理结果看，已经解决或正在解决的111件，占总数的92.3%；暂时不能解决的9件，占总数的7.7%。']],
    发现: [['prose-percentage', 8, '92.3'], ['prose-percentage', 8, '7.7']],
    消息: /^111 ÷ 120 = 92\.500%，应为 92\.5%，此处为 92\.3%：总数是前文的“实际办理120件”（111 \+ 9 = 120）；所写比例合计为 100%，按 120 算的 92\.5% \+ 7\.5% 合计也是 100%$/,
    建议: ['改为 92.5'],
    建议后: [['县政府办公室认真贯彻落实《条例》要求。', '县政府办公室认真贯彻落实《条例》要求。共收到代表建议148件。移交有关区县28件，实际办理120件。各承办单位高度重视。从办理结果看，已经解决或正在解决的111件，占总数的92.5%；暂时不能解决的9件，占总数的7.7%。']],
  },
  {
    规则: 'review-total', 说明: '用注释关闭下一行的规则',
    修改: [['0 1 0 0 1 0 0 0 0 0', '<!-- nianbao-disable-next-line review-total -->\n\n0 1 0 0 9 0 0 0 0 0']],
    发现: [],
  },
  {
    规则: 'review-total', 说明: '用【】注释关闭整个文件的规则',
    修改: [['0 1 0 0 1 0 0 0 0 0', '0 1 0 0 9 0 0 0 0 0'], ['某县人民政府办公室', '某县人民政府办公室【nianbao-disable-file review-total】']],
    发现: [],
  },
  {
    规则: 'ocr-text', 说明: 'OCR 识别的文字（括号里有空格、两种括号、字母混进数字）：说一次，措辞不报，合计照查但只作建议',
    修改: [
      ['第二十条第（一）项', '第二十条第〈一) 项'], ['第二十条第（五）项', '第二十条第( 五 )项'], ['第二十条第（六）项', '第二十条第(六 )项'],
      ['第二十条第（八）项', '第二十条第《八)项'], ['一、总体情况', '一、上总体情况'], ['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 8 1 0 0 0 0 10'],
    ],
    发现: [['ocr-text', 12, '〈一)'], ['row-total', 47, '10']],
    消息: /^这段文字像是扫描件经 OCR 识别所得（有 4 处识别痕迹，如“〈一\)”“\( 五 \)”“\(六 \)”）/,
  },
  {
    规则: 'row-total', 说明: '全角数字的格子，修正后仍为全角',
    修改: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 ８ １ ０ ０ ０ ０ １０']],
    发现: [['row-total', 47, '１０']],
    修正后: [['（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 ８ １ ０ ０ ０ ０ ９']],
  },
];

describe('rules: before / after', () => {
  for (const c of 用例表) {
    it(`${c.规则}：${c.说明}`, () => {
      const before = 损坏(c);
      const result = checkReport(before);
      assert.deepStrictEqual(result.failures, []);
      if (c.发现) {
        const index = new LineIndex(before);
        const got = result.findings.map(f => [f.ruleId, index.lineOf(f.range.start) + 1, before.slice(f.range.start, f.range.end)]);
        assert.deepStrictEqual(got, c.发现);
      } else {
        // The findings written back as marks: the damaged report exactly as the case marks it.
        assert.strictEqual(markFindings(before, result.findings), 改(原文, c.修改));
      }
      if (c.消息) assert.match(result.findings[0].message.zh, c.消息);
      for (const f of result.findings) assert.ok(f.message.en && f.message.zh, 'messages in both languages');
      if (c.建议) {
        assert.deepStrictEqual(result.findings[0].suggestions?.map(x => x.title.zh), c.建议);
        if (c.建议后 !== undefined) {
          assert.strictEqual(applyFixes(before, [result.findings[0].suggestions![0]]).text, c.建议后 === 'original' ? 原文 : 改(原文, c.建议后));
        } else {
          // Each suggestion, taken alone, gives back the valid report when it names the changed cell(s).
          const restoring = result.findings[0].suggestions!.filter(x => applyFixes(before, [x]).text === 原文);
          assert.strictEqual(restoring.length, 1, 'exactly one suggestion restores the report');
        }
      }
      const fixes = result.findings.flatMap(f => (f.fix ? [f.fix] : []));
      if (c.修正后 === undefined) {
        assert.deepStrictEqual(fixes, [], 'nothing to fix');
        return;
      }
      const after = applyFixes(before, fixes).text;
      assert.strictEqual(after, c.修正后 === 'original' ? 原文 : 改(原文, c.修正后));
    });
  }

  it('the valid report has no finding at all', () => {
    assert.deepStrictEqual(checkReport(原文).findings, []);
  });

  it('a rule whose findings carry a safe fix or suggestions says so in its metadata (shown in the docs and the index)', () => {
    for (const text of [原文, ...用例表.map(损坏)]) {
      for (const f of checkReport(text).findings) {
        const meta = RULES.find(r => r.meta.id === f.ruleId)!.meta;
        if (f.fix) assert.ok(meta.fixable, `${f.ruleId} gives a safe fix but is not marked fixable`);
        if (f.suggestions?.length) assert.ok(meta.hasSuggestions, `${f.ruleId} gives suggestions but is not marked hasSuggestions`);
      }
    }
  });

  it('every rule has a before/after case', () => {
    // not-a-report (whole files) and table-duplicate (a table pasted twice) have their cases in trust.test.ts.
    const covered = new Set([...用例表.flatMap(c => [c.规则, ...规则们(c)]), 'not-a-report', 'table-duplicate']);
    // Rules across reports have their before/after cases in rules-units.test.ts.
    assert.deepStrictEqual(RULES.filter(r => !r.across).map(r => r.meta.id).filter(id => !covered.has(id)), []);
  });
});
