/**
 * Reports seen together: one body's reports year after year (pairing), the checks across years
 * (现行有效件数, 上年结转, figures that moved manyfold, 第五部分 as last year's) and reused text, on a
 * real consecutive-year pair (test/fixtures/across, expected values read off the PDFs by hand), on
 * name variants, and on reuse built from the samples' own paragraphs.
 */
import * as assert from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseSet, bodyCore, fromFileName, fromTitle, lettersAndDigits, normalizeBodyName, pairReports, sameBody, setSummary } from '../../server/src/service/across';
import { reviewPage } from '../../server/src/cli/review';
import { checkAcross, checkReport, compareReports, effectiveFormat, type ReportToCompare } from '../../server/src/service/check';
import { parseConfig } from '../../server/src/service/config';
import { parseReport } from '../../server/src/service/parse';
import { deadlineOf, endDate } from '../../server/src/service/rules/publish-deadline';
import { runCli } from '../helpers/cli';
import { corpusText, fixturePath } from '../helpers/corpus';

const hongze2023 = readFileSync(fixturePath('across/hongze-2023.txt'), 'utf8');
const hongze2024 = readFileSync(fixturePath('across/hongze-2024.txt'), 'utf8');

const report = (id: string, text: string, config = {}): ReportToCompare => ({ id, name: id, text, model: parseReport(text), config });
const across = (...reports: ReportToCompare[]) => checkAcross(reports);
/** [rule, the text the finding covers, message] of one report's findings across reports. */
const seen = (found: Map<string, { ruleId: string; range: { start: number; end: number }; message: { zh: string }; severity: string }[]>, id: string, text: string) =>
  found.get(id)!.map(f => [f.ruleId, f.severity, text.slice(f.range.start, f.range.end), f.message.zh]);

describe('the letters and digits a copy is recognised by', () => {
  it('are what /[^\\p{L}\\p{N}]/gu leaves, on every code unit, surrogate pairs and lone surrogates', () => {
    const byPattern = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, '');
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const t = `${String.fromCharCode(c)}a。${String.fromCharCode(c)}`;
      if (lettersAndDigits(t) !== byPattern(t)) differ.push(c);
    }
    assert.deepStrictEqual(differ, []);
    for (const t of ['\u{20000}年报', '𝟘 𝟙', '😀 表', '\ud800', 'a\udc00b', '\ud800\ud800\udc00', '', '。', '一、总体情况 2023 年，ＡＢＣ１２３'])
      assert.strictEqual(lettersAndDigits(t), byPattern(t), JSON.stringify(t));
  });
});

describe('across reports: a real consecutive-year pair (洪泽区 2023 and 2024)', () => {
  it('pairs 「洪泽区人民政府」 2023 with 「淮安市洪泽区人民政府」 2024, and says why', () => {
    const set = analyseSet([
      { id: '2023.txt', summary: setSummary(parseReport(hongze2023)) },
      { id: '2024.txt', summary: setSummary(parseReport(hongze2024)) },
    ]);
    const pair = set.pairing.previousOf.get('2024.txt')!;
    assert.strictEqual(pair.previous, '2023.txt');
    assert.strictEqual(pair.body, '淮安市洪泽区人民政府');
    assert.strictEqual(pair.why.zh, '“淮安市洪泽区人民政府”与“洪泽区人民政府”，带或不带上级地名“淮安市”，年度 2023 → 2024');
    assert.strictEqual(set.pairing.previousOf.get('2023.txt'), undefined);
    assert.deepStrictEqual(set.pairing.chains.map(c => [c.body, c.reports.map(r => [r.year, r.written])]), [['淮安市洪泽区人民政府', [[2023, '洪泽区人民政府'], [2024, '淮安市洪泽区人民政府']]]]);
  });

  it('finds what a reviewer finds: 行政许可 550 → 9487, the text carried over (a note), and nothing else across the years', () => {
    const found = across(report('2023.txt', hongze2023), report('2024.txt', hongze2024));
    assert.deepStrictEqual(found.get('2023.txt'), []);
    const f = seen(found, '2024.txt', hongze2024);
    // 上年结转 0 = 结转 0; 行政规范性文件 5 + 3 − 0 = 8: continuous, so neither rule speaks.
    assert.deepStrictEqual(f.map(x => x[0]), ['year-over-year', 'content-reuse']);
    assert.deepStrictEqual(f[0], ['year-over-year', 'info', '9487', '二表“行政许可”本年处理决定数量：2023 年 550（2023.txt），2024 年 9487，为上年的 17.2 倍，请核对']);
    assert.strictEqual(f[1][1], 'info', 'its own words of last year, under 60 %: a note');
    assert.match(f[1][3] as string, /^第一、五、六部分有 3\d% 的文字（\d+ \/ \d+ 字，不计格式要求的套话）与 2023 年度报告（2023\.txt）相同或几乎相同，共 \d 段：第一部分 \d 段、第五部分 2 段$/);
  });

  it('shows the passages side by side: the measures of 五 carried over word for word, the fee statement not counted', () => {
    const { set } = compareReports([report('2023.txt', hongze2023), report('2024.txt', hongze2024)]);
    const m = set.reuse.matches.get('2024.txt')!.find(x => x.previousYear)!;
    const flat = (s: string) => s.replace(/\s+/g, '');
    const five = m.passages.filter(p => p.section === 5).map(p => [flat(p.text), flat(p.other.text)]);
    assert.ok(five.some(([a, b]) => a.includes('一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平') && b.includes('一是扎实推进依申请公开工作')), JSON.stringify(five));
    assert.ok(five.some(([a, b]) => a.includes('跟班学习制度，不断提高各单位政府信息公开工作人员的思想认识和业务工作水平') && b.includes('跟班学习制度')), JSON.stringify(five));
    // The 2024 text where 2023's has a page footer (-4-) between 工作 and 人员 is one passage all the same.
    assert.ok(five.some(([a]) => a.includes('三是继续加强业务指导培训，实行政府信息公开工作人员跟班学习制度')), JSON.stringify(five));
    const one = m.passages.filter(p => p.section === 1).map(p => flat(p.text));
    assert.ok(one.some(t => t.includes('主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息')), JSON.stringify(one));
    assert.ok(m.passages.every(p => !flat(p.text).includes('信息处理费')), 'the fee statement is the format’s own sentence');
    // New in 2024: the first sentence of 五 and its measure 二.
    assert.ok(m.passages.every(p => !flat(p.text).includes('个别部门对复杂申请件的研判能力不足') && !flat(p.text).includes('加强对典型案例的研究')));
  });

  it('现行有效件数 that does not follow from last year: on this year’s cell, both years’ numbers in the message', () => {
    const changed = hongze2024.replace('行政规范性文件          3          0       8', '行政规范性文件          3          0       9');
    const found = across(report('2023.txt', hongze2023), report('2024.txt', changed));
    assert.deepStrictEqual(seen(found, '2024.txt', changed).filter(f => f[0] === 'in-force-continuity'), [
      ['in-force-continuity', 'warning', '9', '“行政规范性文件”现行有效件数为 9，按上年度报告（2023.txt）推算应为 8：2023 年现行有效 5 + 本年制发 3 − 本年废止 0；如本年开展了文件清理或统计口径有变化，请在报告中说明'],
    ]);
  });

  it('上年结转 that is not last year’s 结转下年度继续办理: on this year’s row', () => {
    const changed = hongze2024.replace(/二、上年结转政府信息公开申请数量( +)0( +)0/, '二、上年结转政府信息公开申请数量$11$20').replace(/(一、本年新收政府信息公开申请数量 +)95/, '$194');
    const found = across(report('2023.txt', hongze2023), report('2024.txt', changed));
    const carry = seen(found, '2024.txt', changed).filter(f => f[0] === 'carryover-continuity');
    assert.deepStrictEqual(carry.map(f => f[3]), ['“二、上年结转”与 2023 年度报告（2023.txt）的“四、结转下年度继续办理”不一致：自然人 1 ≠ 0']);
  });

  it('the same pair read from the published PDF (2023) and its text (2024) pairs the same way', () => {
    // The 2023 report also lives as test/fixtures/real/hongze-2023.pdf; a folder holding it beside a .txt of 2024 is one chain.
    const set = analyseSet([{ id: 'hzq2023.pdf', summary: setSummary(parseReport(hongze2023)) }, { id: 'hzq2024.txt', summary: setSummary(parseReport(hongze2024)) }]);
    assert.strictEqual(set.pairing.previousOf.get('hzq2024.txt')?.previous, 'hzq2023.pdf');
  });
});

describe('across reports: the same body under its usual name variants', () => {
  it('normalizes the usual spellings and takes parent places away only down to a name that starts with its own place', () => {
    assert.strictEqual(normalizeBodyName('张店区政府'), '张店区人民政府');
    assert.strictEqual(normalizeBodyName('张店区政府办'), '张店区人民政府办公室');
    assert.strictEqual(normalizeBodyName('张店区政府办公室'), '张店区人民政府办公室');
    assert.strictEqual(bodyCore('山东省淄博市张店区人民政府'), '张店区人民政府');
    assert.strictEqual(bodyCore('淄博市人民政府'), '淄博市人民政府');
    assert.strictEqual(bodyCore('张店区马尚街道办事处'), '马尚街道办事处');
    assert.ok(sameBody('淄博市张店区人民政府', '张店区政府'));
    assert.ok(sameBody('淄博市张店区市场监督管理局', '张店区市场监督管理局'));
    assert.ok(!sameBody('淄博市人民政府', '人民政府'));
    assert.ok(!sameBody('张店区人民政府', '张店区人民政府办公室'), 'a government’s 办公室 is a body of its own');
    assert.ok(!sameBody('张店区发展和改革局', '临淄区发展和改革局'));
  });

  const ref = (id: string, agency: string | null, year: number | null) => ({ id, agency, year });

  it('pairs 区政府 with 区人民政府, with or without the city, and never a government with its 办公室', () => {
    const p = pairReports([ref('a', '淄博市张店区人民政府', 2022), ref('b', '张店区政府', 2023), ref('c', '张店区人民政府办公室', 2023), ref('d', '张店区人民政府办公室', 2024)]);
    assert.strictEqual(p.previousOf.get('b')?.previous, 'a');
    assert.match(p.previousOf.get('b')!.why.zh, /“区政府”即“区人民政府”等简称，带或不带上级地名“淄博市”/);
    assert.strictEqual(p.previousOf.get('c'), undefined);
    assert.strictEqual(p.previousOf.get('d')?.previous, 'c');
    assert.strictEqual(p.previousOf.get('d')?.why.zh, '机关名称相同（“张店区人民政府办公室”），年度 2023 → 2024');
  });

  it('takes the body and year from the file name when the report names none, and says so', () => {
    assert.deepStrictEqual(fromFileName('reports/淮安市洪泽区人民政府2024年政府信息公开工作年度报告.pdf'), { agency: '淮安市洪泽区人民政府', year: 2024 });
    assert.deepStrictEqual(fromFileName('2024.txt'), { agency: null, year: 2024 });
    assert.deepStrictEqual(fromFileName('2023-2024对照.txt'), { agency: null, year: null });
    const p = pairReports([{ id: '1', name: '洪泽区人民政府2023年报.txt', agency: null, year: 2023 }, { id: '2', agency: '洪泽区人民政府', year: 2024 }]);
    assert.match(p.previousOf.get('2')!.why.zh, /机关名称取自文件名（洪泽区人民政府2023年报\.txt）/);
  });

  it('an alias in .nianbaorc.json makes two names one body; the reason names it', () => {
    const reports = [ref('a', '洪泽县人民政府', 2015), ref('b', '淮安市洪泽区人民政府', 2016)];
    assert.strictEqual(pairReports(reports).previousOf.get('b'), undefined, 'a county that became a district: not one name');
    const p = pairReports(reports, { 淮安市洪泽区人民政府: ['洪泽县人民政府'] });
    assert.strictEqual(p.previousOf.get('b')?.previous, 'a');
    assert.match(p.previousOf.get('b')!.why.zh, /按 \.nianbaorc\.json 的 bodies 视为同一机关/);
    const { config, errors } = parseConfig('{"bodies": {"淮安市洪泽区人民政府": ["洪泽县人民政府"]}}');
    assert.deepStrictEqual([config.bodies, errors], [{ 淮安市洪泽区人民政府: ['洪泽县人民政府'] }, []]);
    assert.strictEqual(parseConfig('{"bodies": {"x": "y"}}').errors.length, 1);
  });

  it('a bare name two bodies end with is neither, and says why; two reports of the year before are not guessed between', () => {
    const p = pairReports([ref('a', '甲县城关镇人民政府', 2022), ref('b', '乙县城关镇人民政府', 2022), ref('c', '城关镇人民政府', 2023), ref('d', '甲县城关镇人民政府', 2023)]);
    assert.strictEqual(p.previousOf.get('c'), undefined);
    assert.strictEqual(p.previousOf.get('d')?.previous, 'a');
    assert.match(p.unpaired.find(u => u.id === 'c')!.reason.zh, /可指“甲县城关镇人民政府”或“乙县城关镇人民政府”/);
    const twice = pairReports([ref('x.pdf', '张店区财政局', 2022), ref('x.txt', '张店区财政局', 2022), ref('y.txt', '张店区财政局', 2023)]);
    assert.strictEqual(twice.previousOf.get('y.txt'), undefined);
    assert.match(twice.unpaired.find(u => u.id === 'y.txt')!.reason.zh, /2022 年度有 2 份报告（x\.pdf、x\.txt），不能确定与哪一份比较/);
  });
});

describe('across reports: one report in several files, and files that are not reports', () => {
  it('the same report twice (its PDF’s text and another reading of it) is one report: paired as one, never reuse', () => {
    // hongze-2023 as pdftotext gives it, and with its lines joined as a web page would give it.
    const joined = hongze2023.replace(/\n(?=\S)/g, '');
    const { findings, set } = compareReports([report('a/hongze-2023.txt', hongze2023), report('b/hongze-2023.txt', joined), report('hongze-2024.txt', hongze2024)]);
    assert.deepStrictEqual([...set.copies], [['b/hongze-2023.txt', 'a/hongze-2023.txt']]);
    assert.strictEqual(set.pairing.previousOf.get('hongze-2024.txt')?.previous, 'a/hongze-2023.txt');
    assert.deepStrictEqual([...findings.get('a/hongze-2023.txt')!, ...findings.get('b/hongze-2023.txt')!], []);
    // A body named after the year in the title (「2019年上海市人民政府办公厅…」).
    assert.strictEqual(fromTitle('2019年上海市人民政府办公厅政府信息公开工作年度报告'), '上海市人民政府办公厅');
    assert.strictEqual(fromTitle('2023年政府信息公开工作年度报告'), null);
  });

  it('a file that is not a report is not paired, compared or listed', () => {
    const notes = '会议纪要\n\n参会人员：张三、李四。\n讨论事项：办公用品采购。\n';
    const { set } = compareReports([report('notes.txt', notes), report('hongze-2024.txt', hongze2024)]);
    assert.deepStrictEqual(set.pairing.unpaired.filter(u => u.id === 'notes.txt'), []);
    assert.strictEqual(set.reuse.matches.has('notes.txt'), false);
  });
});

describe('across reports: reuse built from real paragraphs', () => {
  // Sample 004 (张店区发展和改革局, 2023) and sample 000 (张店区人民政府办公室, 2023): two bodies.
  const dev = corpusText('004');
  const office = corpusText('000');
  /** 004's section 六 paragraphs (三) and (四), as a body that copied them would paste them into its own 六. */
  const copied = dev.slice(dev.indexOf('（三）本单位在政务公开制度'), dev.indexOf('确保高标准完成各项目标任务。') + '确保高标准完成各项目标任务。'.length);

  it('the five samples as they are: no reuse, no pair (five bodies or years)', () => {
    const texts = ['000', '001', '002', '003', '004'].map(id => report(`${id}.txt`, corpusText(id as never)));
    const { findings, set } = compareReports(texts);
    assert.deepStrictEqual([...findings.values()].flat().map(f => f.ruleId), []);
    assert.strictEqual(set.pairing.previousOf.size, 0, '张店区人民政府 2020 and 张店区人民政府办公室 2023 are two bodies');
  });

  it('another body’s two paragraphs pasted into a long report: found whole, but 9 % of its text is not reported', () => {
    const at = office.lastIndexOf('无。');
    const pasted = office.slice(0, at) + copied + office.slice(at + 2);
    const before = compareReports([report('000.txt', office), report('004.txt', dev)]).set.reuse.matches.get('000.txt')!.find(x => x.other === '004.txt')!;
    const { findings, set } = compareReports([report('000.txt', pasted), report('004.txt', dev)]);
    const m = set.reuse.matches.get('000.txt')!.find(x => x.other === '004.txt')!;
    // The pasted text is found whole, beside the few phrases the two reports shared already.
    const pastedChars = copied.replace(/[^\p{L}\p{N}]/gu, '').length;
    assert.ok(m.chars - before.chars >= pastedChars - 2 && m.chars - before.chars <= pastedChars, `${m.chars} − ${before.chars} of ${pastedChars}`);
    assert.ok(m.share < 0.15);
    assert.deepStrictEqual(findings.get('000.txt')!.filter(x => x.ruleId === 'content-reuse'), []);
  });

  it('the same paragraphs pasted into a shorter report (17 % of it, 353 characters): a warning, on the first pasted passage', () => {
    // 003 (机关事务服务中心, 2020); 004's paragraphs pasted in place of its 六 「无。」.
    const centre = corpusText('003');
    const at = centre.lastIndexOf('无。');
    const pasted = centre.slice(0, at) + copied + centre.slice(at + 2);
    const found = across(report('003.txt', pasted), report('004.txt', dev));
    const f = found.get('003.txt')!.filter(x => x.ruleId === 'content-reuse');
    assert.strictEqual(f.length, 1);
    assert.strictEqual(f[0].severity, 'warning');
    assert.strictEqual(pasted.slice(f[0].range.start, f[0].range.end).replace(/\s+/g, '').slice(0, 12), '三）本单位在政务公开制度');
    assert.match(f[0].message.zh, /^第一、五、六部分有 17% 的文字（353 \/ 2098 字，不计格式要求的套话）与“张店区发展和改革局”的报告（004\.txt）相同或几乎相同，共 \d 段：第六部分 \d 段$/);
    // 004 is told too: its two paragraphs are in 003 (353 of its 1492 characters).
    assert.strictEqual(found.get('004.txt')!.filter(x => x.ruleId === 'content-reuse').length, 1);
  });

  it('a sentence many bodies write is boilerplate, not reuse; so are the format’s own sentences', () => {
    const phrase = '坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央国务院关于全面推进政务公开工作的决策部署，严格执行政府信息公开条例各项规定。';
    const bodies = ['甲局', '乙局', '丙局', '丁局'].map((b, i) => ({
      id: `${i}.txt`,
      summary: { agency: `某县${b}`, year: 2023, pieces: [{ section: 1, start: 0, text: `${phrase}本局今年完成了第${i}项具体工作，内容各不相同${'甲乙丙丁'[i].repeat(20)}。` }, { section: 6, start: 500, text: '本年度未收取信息处理费。' }] },
    }));
    const set = analyseSet(bodies);
    assert.deepStrictEqual([...set.reuse.matches.values()].flat(), []);
    assert.ok([...set.reuse.totals.values()].every(t => t >= 40 && t <= 45), 'the common sentence and the fee statement are left out of the length');
  });

  it('a batch is matched through an index, not pair by pair', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `${i}`, summary: { agency: `某县第${i}局`, year: 2023, pieces: [{ section: 1, start: 0, text: `${i}`.repeat(3) + '独有的文字'.repeat(3) + String.fromCharCode(0x4e00 + i * 37, 0x4e00 + i * 41, 0x4e00 + i * 43).repeat(12) }] } }));
    const set = analyseSet(many);
    assert.ok(set.reuse.compared < 200, `${set.reuse.compared} pairs compared of ${(200 * 199) / 2}`);
  });
});

describe('across reports: 第五部分 and the publication date', () => {
  it('第五部分 that is last year’s word for word but for the year: a warning on its heading', () => {
    const earlier = hongze2024.replace(/2024/g, '2023').replace('淮安市洪泽区人民政府', '洪泽区人民政府');
    const found = across(report('2023.txt', earlier), report('2024.txt', hongze2024));
    const f = seen(found, '2024.txt', hongze2024).filter(x => x[0] === 'problems-section');
    assert.deepStrictEqual(f.map(x => [x[2], x[3]]), [['五、存在的主要问题及改进情况', '第五部分与 2023 年度报告（2023.txt）的第五部分相同（只有数字不同或完全相同）：应写出本年度的问题和改进情况']]);
  });

  it('the deadline by kind of body, only where the name says it for certain', () => {
    assert.deepStrictEqual(deadlineOf('淮安市洪泽区人民政府'), { month: 3, day: 31, government: true });
    assert.deepStrictEqual(deadlineOf('张店区发展和改革局'), { month: 1, day: 31, government: false });
    assert.deepStrictEqual(deadlineOf('张店区人民政府办公室'), { month: 1, day: 31, government: false });
    assert.strictEqual(deadlineOf('城关镇人民政府'), null);
    assert.strictEqual(deadlineOf('淄博市张店区机关事务服务中心'), null);
  });

  it('reads the closing date in Arabic or Chinese numerals; sample 003 (a 中心, dated 2021年1月29日) is not flagged', () => {
    const date = (tail: string) => endDate(parseReport(`某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n某局\n${tail}\n`));
    assert.deepStrictEqual(date('二〇二四年二月二十六日')?.day, 26);
    assert.deepStrictEqual([date('2024 年 1 月 31 日')?.month, date('2024年1月31日')?.day], [1, 31]);
    assert.strictEqual(date('2024年13月1日'), null);
    const centre = parseReport(corpusText('003'));
    assert.deepStrictEqual([endDate(centre)?.year, endDate(centre)?.month, endDate(centre)?.day], [2021, 1, 29]);
  });
});

describe('across reports: the review page', () => {
  it('shows the body’s reports side by side by year, why they were paired, the findings across years, the passages side by side, and a sortable reuse column', () => {
    const texts = [['hongze-2023.txt', hongze2023], ['hongze-2024.txt', hongze2024]] as const;
    const { findings, set } = compareReports(texts.map(([id, text]) => report(id, text)));
    const reports = texts.map(([file, text]) => {
      const r = checkReport(text);
      return { file, text, model: r.model, format: effectiveFormat(r.model), findings: [...r.findings, ...findings.get(file)!] };
    });
    const page = reviewPage(reports, [], { locale: 'zh', version: 'test', now: new Date(0), across: set });
    const across = page.slice(page.indexOf('<section id="across"'), page.indexOf('</section>', page.indexOf('<section id="across"')));
    assert.match(across, /<h3>淮安市洪泽区人民政府<\/h3>/);
    assert.match(across, /<a href="#r1">hongze-2023\.txt<\/a> → <a href="#r2">hongze-2024\.txt<\/a>：<span class="why">“淮安市洪泽区人民政府”与“洪泽区人民政府”，带或不带上级地名“淮安市”，年度 2023 → 2024<\/span>/);
    // The chain: one row per figure, a column per year (read off the PDFs).
    assert.match(across, /<th scope="row">二表“行政规范性文件”现行有效件数<\/th><td class="n">5<\/td><td class="n">8<\/td>/);
    assert.match(across, /<th scope="row">二表“行政许可”本年处理决定数量<\/th><td class="n">550<\/td><td class="n">9487<\/td>/);
    assert.match(across, /\[year-over-year\]/);
    // Passages side by side: this year's beside last year's.
    assert.match(across, /<td><span class="why">第五部分<\/span><br>将切实抓好以下工作：一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平。二是<\/td><td><span class="why">第五部分<\/span><br>将切实抓好以下工作：一是扎实推进依申请公开工作/);
    // The summary table: a reuse column the page's script sorts as a number.
    assert.match(page, /<th data-type="number" title="点击列名排序">文字雷同<\/th>/);
    const share = set.reuse.matches.get('hongze-2024.txt')![0].share;
    assert.match(page, new RegExp(`<td class="n" data-sort="${share.toFixed(4)}">${Math.round(share * 100)}%</td>`));
    assert.doesNotMatch(page, /style="/, 'no inline style: the page keeps its CSP');
  });
});

describe('across reports: export --pairs', () => {
  it('writes one row a pair (body, year, year − 1, why) with the figures that tie the years, for Excel; a body named otherwise is paired by the config', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-pairs-'));
    writeFileSync(path.join(dir, 'hongze-2023.txt'), hongze2023);
    writeFileSync(path.join(dir, 'hongze-2024.txt'), hongze2024);
    const json = runCli(['export', '--pairs', '--format', 'json', dir]);
    assert.strictEqual(json.code, 0, json.stderr);
    const rows = JSON.parse(json.stdout);
    assert.strictEqual(rows.length, 1);
    const { reuse, ...row } = rows[0];
    assert.deepStrictEqual(row, {
      body: '淮安市洪泽区人民政府', year: 2024, file: path.join(dir, 'hongze-2024.txt'), previousYear: 2023, previousFile: path.join(dir, 'hongze-2023.txt'),
      name: '淮安市洪泽区人民政府', previousName: '洪泽区人民政府', why: '“淮安市洪泽区人民政府”与“洪泽区人民政府”，带或不带上级地名“淮安市”，年度 2023 → 2024',
      carriedOver: 0, carriedForwardBefore: 0,
      rulesInForceBefore: 0, rulesIssued: 0, rulesRepealed: 0, rulesInForce: 0,
      docsInForceBefore: 5, docsIssued: 3, docsRepealed: 0, docsInForce: 8,
    });
    assert.ok(reuse > 0.3 && reuse < 0.6, String(reuse));
    const csv = runCli(['export', '--pairs', dir]);
    assert.ok(csv.stdout.startsWith('\ufeff机关,年度,文件,上一年度,上一年度文件,'));
    assert.strictEqual(csv.stdout.split('\r\n').filter(Boolean).length, 2);
    // A county that became a district: one body only by the config.
    writeFileSync(path.join(dir, 'hongze-2023.txt'), hongze2023.replace('洪泽区人民政府', '洪泽县人民政府'));
    assert.deepStrictEqual(JSON.parse(runCli(['export', '--pairs', '--format', 'json', dir]).stdout), []);
    writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ bodies: { 淮安市洪泽区人民政府: ['洪泽县人民政府'] } }));
    assert.match(JSON.parse(runCli(['export', '--pairs', '--format', 'json', dir]).stdout)[0].why, /按 \.nianbaorc\.json 的 bodies 视为同一机关/);
    assert.strictEqual(runCli(['export', '--pairs', '--sum', dir]).code, 2);
  });
});

describe('across reports: the configuration is applied as for one report (issue 22)', () => {
  const { RULES } = require('../../server/src/service/rules') as typeof import('../../server/src/service/rules');
  const text = '某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n';
  const edit = { range: { start: 0, end: 2 }, newText: '某区' };
  // A rule that reports the same two findings on one report and across reports: one with a fix, one at most a note.
  const probe: import('../../server/src/service/rules').Rule = {
    meta: { id: 'probe-issue-22', description: { zh: '探针', en: 'probe' }, severity: 'warning', fixable: true, tags: [] },
    check(ctx) {
      ctx.report({ range: edit.range, message: { zh: '可修正', en: 'fixable' }, fix: { title: { zh: '改', en: 'fix' }, edits: [edit] } });
      ctx.report({ range: edit.range, message: { zh: '至多提示', en: 'a note at most' }, atMost: 'info' });
    },
    across(reports, report) {
      for (const r of reports) this.check({ report: (f: import('../../server/src/service/rules').FindingInput) => report(r.id, f) } as never);
    },
  };
  const shape = (fs: { severity: string; fix?: unknown; suggestions?: unknown[]; message: { en: string } }[]) =>
    fs.map(f => [f.message.en, f.severity, !!f.fix, f.suggestions?.length ?? 0]);
  before(() => RULES.push(probe));
  after(() => RULES.splice(RULES.indexOf(probe), 1));

  for (const setting of ['warning', 'info'] as const) {
    it(`at ${setting}: the same severities, fixes and suggestions across reports as on one report`, () => {
      const config = { rules: { [probe.meta.id]: setting } };
      const one = checkReport(text, config).findings.filter(f => f.ruleId === probe.meta.id);
      const many = compareReports([report('a.txt', text, config)]).findings.get('a.txt')!.filter(f => f.ruleId === probe.meta.id);
      const expected = setting === 'info'
        ? [['fixable', 'info', false, 1], ['a note at most', 'info', false, 0]]
        : [['fixable', 'warning', true, 0], ['a note at most', 'info', false, 0]];
      assert.deepStrictEqual(shape(one), expected);
      assert.deepStrictEqual(shape(many), expected);
    });
  }
});
