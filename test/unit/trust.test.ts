/**
 * Trust: what a careful reviewer would not accept from a checker — a fix on a file that is not a
 * report, an ignore written into the report's own text — must not happen.
 */
import * as assert from 'assert';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { checkReport } from '../../server/src/service/check';
import { configForReport, parseConfig } from '../../server/src/service/config';
import { applyEdits } from '../../server/src/service/fixes';
import { createLanguageService } from '../../server/src/service/languageService';
import { LineIndex, parseReport } from '../../server/src/service/parse';
import { findingContext } from '../../server/src/service/suppress';
import { runCli } from '../helpers/cli';
import { CORPUS, corpusPath, corpusText, fixturePath, oneFinding002, type CorpusId } from '../helpers/corpus';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'nianbao-trust-'));

/** Files that sit beside reports in real folders. */
const NOT_REPORTS: Record<string, string> = {
  'README.md': '# 说明\n本文件夹存放各单位报送的年度报告，请勿改名。\n',
  '通讯录.txt': '区政府办公室 张三 0533-2181234\n区发改局 李四 0533-2185678\n区审计局 王五 0533-2189012\n',
  'empty.txt': '',
  '会议纪要.txt': '区政府信息公开工作会议纪要\n\n一、会议听取了区政府办公室关于政府信息公开工作的汇报。\n二、会议要求各部门做好主动公开工作，及时更新政府信息公开专栏。\n三、其他事项另行通知。\n',
  // Minutes that name the report in a sentence, under numbered headings that are not the format's (issue 18).
  '编制会议纪要.txt': '会议纪要\n\n一、会议议题\n研究2024年度政府信息公开工作年度报告编制事宜。\n\n二、参会人员\n区政府办公室张三、李四，区司法局王五。\n\n三、议定事项\n报告初稿于1月20日前完成。\n',
  // Headings that only resemble the format's (其他事项 for 其他需要报告的事项), one a known variant (基本情况).
  '纪要-基本情况.txt': '关于年报编制工作的会议纪要\n\n一、基本情况\n会议由区政府办公室主任主持。\n\n二、会议议题\n研究2024年度政府信息公开工作年度报告编制事宜。\n\n六、其他事项\n另行通知。\n',
  // A work plan on the same topics: loose headings, and 「无」 under a heading that resembles 四.
  '工作要点.txt': '2024年政务公开工作要点\n\n一、总体要求\n坚持以人民为中心。\n\n二、主动公开工作\n做好政府信息主动公开。\n\n三、依申请公开\n依法办理。\n\n四、行政复议和诉讼\n减少纠错。\n\n五、存在问题\n无\n\n六、其他事项\n另行通知。\n',
};

describe('trust: files that are not reports', () => {
  it('each gets one not-a-report note and no other finding, no fix', () => {
    for (const [name, text] of Object.entries(NOT_REPORTS)) {
      const { findings } = checkReport(text);
      assert.deepStrictEqual(findings.map(f => [f.ruleId, f.severity, !!f.fix, f.suggestions?.length ?? 0]), [['not-a-report', 'info', false, 0]], name);
    }
  });

  it('`check --fix` on a folder of reports and other files leaves the other files byte-identical and exits without errors for them', () => {
    const dir = tmp();
    for (const [name, text] of Object.entries(NOT_REPORTS)) writeFileSync(path.join(dir, name), text);
    copyFileSync(corpusPath('004'), path.join(dir, '004.txt'));
    const before = Object.fromEntries(readdirSync(dir).map(f => [f, readFileSync(path.join(dir, f))]));
    const r = runCli(['check', '--fix', dir]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    for (const f of readdirSync(dir)) assert.deepStrictEqual(readFileSync(path.join(dir, f)), before[f], `${f} unchanged`);
    assert.doesNotMatch(r.stdout, /section-missing|已自动修正/);
    // Listed once, as not checked; never counted as a report, nor as passed.
    const listed = r.stdout.split('\n').filter(l => l.includes('不是年报'));
    assert.strictEqual(listed.filter(l => Object.keys(NOT_REPORTS).every(name => l.includes(path.join(dir, name)))).length, 1, r.stdout);
    const others = Object.keys(NOT_REPORTS).length;
    assert.match(r.stdout, new RegExp(`^1 份报告：通过 1 份；另有 ${others} 个文件不是年报，未检查$`, 'm'));
    assert.match(r.stdout, new RegExp(`共检查 1 个文件，没有发现问题，${others} 个文件不是年报（未检查）$`, 'm'));
  });

  it('a title is a line that is the title, not a sentence that names it', () => {
    const titles = [
      '2023年政府信息公开工作年度报告',
      '淄博市张店区人民政府2023年政府信息公开工作年度报告',
      '《北京市海淀区2023年政府信息公开工作年度报告》',
      '## 2023年度区发展和改革局政府信息公开工作年度报告（全文）',
      '**2022 年政务公开工作年度报告**',
    ];
    for (const t of titles) assert.strictEqual(parseReport(`${t}\n\n正文。\n`).title?.value.replace(/^[《]|[》*]+$/g, ''), t.replace(/^[#*《\s]+|[》*]+$/g, '').replace(/\s+/g, ''), t);
    const sentences = [
      '研究2024年度政府信息公开工作年度报告编制事宜。',
      '会议审议了2023年政府信息公开工作年度报告',
      '附件：2023年政府信息公开工作年度报告',
      '请于1月31日前报送2023年政府信息公开工作年度报告，逾期不候',
    ];
    for (const t of sentences) assert.strictEqual(parseReport(`会议纪要\n\n${t}\n`).title, null, t);
  });

  it('every sample is a report', () => {
    for (const id of Object.keys(CORPUS) as CorpusId[]) assert.ok(!checkReport(corpusText(id)).findings.some(f => f.ruleId === 'not-a-report'), id);
  });
});

describe('trust: ignoring a finding is written to .nianbaorc.json, never into the report', () => {
  const text002 = oneFinding002;

  it('an ignore entry names the rule, the report and the finding’s context; it survives lines added above', () => {
    const text = text002();
    const f = checkReport(text).findings.find(x => x.ruleId === 'review-total')!;
    const context = findingContext(text, f.range);
    // 12 characters each side of 「14 4 0 0 9」, spaces removed: the header words before, the next group and 「五、」 after.
    assert.strictEqual(context, '纠正其他结果尚未审结总计1440092000200000五、');
    const { config, errors } = parseConfig(JSON.stringify({ ignoreFindings: [{ rule: 'review-total', file: 'reports/002.txt', context }] }));
    assert.deepStrictEqual(errors, []);
    const mine = configForReport(config, 'reports/002.txt');
    assert.deepStrictEqual(checkReport(text, mine).findings.map(x => x.ruleId), []);
    const shifted = '（草稿，待审核）\n\n' + text;
    assert.deepStrictEqual(checkReport(shifted, mine).findings.map(x => x.ruleId), [], 'still ignored with lines added above');
    // Another report under the same config: not ignored there.
    assert.deepStrictEqual(checkReport(text, configForReport(config, 'reports/other.txt')).findings.map(x => x.ruleId), ['review-total']);
    // The same place with another number in it is another finding: not ignored.
    const changed = text.replace('\t9\n', '\t10\n');
    assert.ok(checkReport(changed, mine).findings.some(x => x.ruleId === 'review-total'));
  });

  it('without a context, the rule is ignored in that report; without a file, in every report', () => {
    const text = text002();
    // 004 with its fee statement taken out: a fee-statement finding to ignore.
    const text004 = corpusText('004').replace('（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。2023年度，我局在办理政府信息公开申请过程中，未收取任何信息处理费。', '（一）无。');
    assert.deepStrictEqual(checkReport(text004).findings.map(x => x.ruleId), ['fee-statement']);
    const { config } = parseConfig('{ "ignoreFindings": [ { "rule": "review-total", "file": "002.txt" }, { "rule": "fee-statement" } ] }');
    assert.deepStrictEqual(checkReport(text, configForReport(config, '002.txt')).findings, []);
    assert.deepStrictEqual(checkReport(text, configForReport(config, 'x/other.txt')).findings.map(x => x.ruleId), ['review-total']);
    assert.deepStrictEqual(checkReport(text004, configForReport(config, 'x/other.txt')).findings.map(x => x.ruleId), [], 'fee-statement ignored in every report');
  });

  it('a malformed ignore entry is a clear config error', () => {
    assert.deepStrictEqual(parseConfig('{ "ignoreFindings": [ { "rule": "no-such-rule" }, { "rule": "balance", "line": 3 } ] }').errors, [
      'ignoreFindings[0].rule 应为规则名 / ignoreFindings[0].rule must be a rule id',
      'ignoreFindings[1] 未知字段 unknown key: line',
    ]);
  });

  function ignoreActions(text: string, uri: string, ignore: { uri: string; text: string | null; file: string }): CodeAction[] {
    const service = createLanguageService({ locale: 'zh' });
    const doc = TextDocument.create(uri, 'nianbao', 1, text);
    const f = service.analyse(doc).findings.find(x => x.ruleId === 'review-total')!;
    const lines = new LineIndex(text);
    const range = { start: lines.position(f.range.start), end: lines.position(f.range.end) };
    return service.codeActions(doc, range, { diagnostics: [] }, {}, ignore).filter(a => /忽略/.test(a.title));
  }

  it('the editor’s “ignore” quick fix adds to the existing config, keeping its comments; the report is not edited', () => {
    const config = '{\n  // 本区的约定\n  "rules": { "fee-statement": "off" }\n}\n';
    const actions = ignoreActions(text002(), 'file:///ws/reports/002.txt', { uri: 'file:///ws/.nianbaorc.json', text: config, file: 'reports/002.txt' });
    assert.deepStrictEqual(actions.map(a => a.title), ['忽略此处的“review-total”（记入 .nianbaorc.json）', '在本文件忽略规则“review-total”（记入 .nianbaorc.json）']);
    for (const a of actions) {
      const changes = a.edit!.documentChanges as TextDocumentEdit[];
      assert.deepStrictEqual(changes.map(c => c.textDocument.uri), ['file:///ws/.nianbaorc.json'], 'only the config file is edited');
    }
    const edits = (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits;
    const lines = new LineIndex(config);
    const after = applyEdits(config, edits.map(e => ({ range: { start: lines.offset(e.range.start.line, e.range.start.character), end: lines.offset(e.range.end.line, e.range.end.character) }, newText: (e as TextEdit).newText })));
    assert.ok(after.includes('// 本区的约定'), after);
    const { config: parsed, errors } = parseConfig(after);
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(parsed.ignoreFindings, [{ rule: 'review-total', file: 'reports/002.txt', context: findingContext(text002(), checkReport(text002()).findings.find(x => x.ruleId === 'review-total')!.range) }]);
    // fee-statement is off in this config, review-total now ignored here: nothing left.
    assert.deepStrictEqual(checkReport(text002(), configForReport(parsed, 'reports/002.txt')).findings.map(x => x.ruleId), []);
  });

  it('without a config, the quick fix creates .nianbaorc.json beside the report', () => {
    const [first] = ignoreActions(text002(), 'file:///ws/002.txt', { uri: 'file:///ws/.nianbaorc.json', text: null, file: '002.txt' });
    const changes = first.edit!.documentChanges!;
    assert.deepStrictEqual(changes[0], { kind: 'create', uri: 'file:///ws/.nianbaorc.json', options: { ignoreIfExists: true } });
    const created = ((changes[1] as TextDocumentEdit).edits[0] as TextEdit).newText;
    assert.deepStrictEqual(parseConfig(created).config.ignoreFindings?.[0].rule, 'review-total');
  });

  it('the quick fix list has no action that writes into the report to quiet a rule', () => {
    const service = createLanguageService({ locale: 'zh' });
    const text = readFileSync(fixturePath('valid-2021.txt'), 'utf8').replace('（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 7 1 0 0 0 0 9');
    const doc = TextDocument.create('file:///ws/r.txt', 'nianbao', 1, text);
    const f = service.analyse(doc).findings[0];
    const lines = new LineIndex(text);
    const actions = service.codeActions(doc, { start: lines.position(f.range.start), end: lines.position(f.range.end) }, { diagnostics: [] }, {}, { uri: 'file:///ws/.nianbaorc.json', text: null, file: 'r.txt' });
    const reportEdits = actions.flatMap(a => (a.edit?.documentChanges ?? []) as TextDocumentEdit[]).filter(c => c.textDocument?.uri === 'file:///ws/r.txt');
    assert.ok(reportEdits.flatMap(c => c.edits).every(e => !/nianbao-disable/.test((e as TextEdit).newText)));
  });
});

describe('trust: false alarms a careful reviewer would reject', () => {
  const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
  /** The valid 2022 report with one sentence added to its first section. */
  const withSentence = (s: string) => valid.replace('县政府办公室认真贯彻落实《条例》要求。', `县政府办公室认真贯彻落实《条例》要求。${s}`);
  const ids = (text: string) => checkReport(text).findings.map(f => f.ruleId);

  it('a 2020 report (2019 format) is not asked for a 信息处理费 statement; a 2022 one is', () => {
    assert.ok(!ids(corpusText('002')).includes('fee-statement'));
    assert.ok(!ids(corpusText('003')).includes('fee-statement'));
    assert.deepStrictEqual(ids(valid.replace('本年度未收取信息处理费。', '无。')), ['fee-statement']);
  });

  it('prose: a sub-count after 其中 is not compared with the whole table', () => {
    assert.deepStrictEqual(ids(withSentence('全年共收到政府信息公开申请 23 件，其中通过网上申请平台收到申请 15 件，信函申请 8 件。')), []);
    // The whole is still checked.
    assert.deepStrictEqual(ids(withSentence('全年共收到政府信息公开申请 21 件，其中通过网上申请平台收到申请 15 件。')), ['prose-table']);
  });

  it('prose: 「予以公开及部分公开 N 件」 is compared with the two rows together', () => {
    // The table: 予以公开 9, 部分公开 2.
    assert.deepStrictEqual(ids(withSentence('本年度予以公开及部分公开 11 件。')), []);
    assert.deepStrictEqual(ids(withSentence('本年度予以公开和部分公开共 10 件。')), ['prose-table']);
  });

  it('prose: 「未发生…被行政复议纠错的情况」 is about corrected cases, not about reconsideration at all', () => {
    // The table: 行政复议 0 1 0 0 1 — one case, corrected.
    const text = withSentence('本年度未发生因政府信息公开工作被行政复议纠错的情况。');
    const f = checkReport(text).findings;
    assert.deepStrictEqual(f.map(x => x.ruleId), ['prose-table']);
    assert.match(f[0].message.zh, /四表行政复议“结果纠正”共 1 件/);
    // With the case upheld instead, the sentence is true: nothing to say.
    const upheld = text.replace('0 1 0 0 1 0 0 0 0 0 0 0 0 0 0', '1 0 0 0 1 0 0 0 0 0 0 0 0 0 0');
    assert.deepStrictEqual(ids(upheld), []);
  });

  it('prose: a list of examples after 「其中包括」 need not add up to the total', () => {
    assert.deepStrictEqual(ids(withSentence('全年共办理人大代表建议和政协提案 20 件，其中包括：教育类 5 件；交通类 3 件；医疗类 2 件。')), []);
    assert.deepStrictEqual(ids(withSentence('全年共办理人大代表建议和政协提案 20 件，其中教育类 5 件，交通类 3 件，医疗类 2 件。')), ['prose-breakdown']);
  });

  it('prose: a share is of the count whose parts the sentence lists (a sub-total stated just before)', () => {
    // 30 of the 120 主办 is 25 %, not 15 % of the 200.
    assert.deepStrictEqual(ids(withSentence('全年共办理建议 200 件，其中主办 120 件，其中教育类 30 件，占 25%。')), []);
    assert.deepStrictEqual(ids(withSentence('全年共办理建议 200 件，其中主办 120 件，其中教育类 30 件，占 20%。')), ['prose-percentage']);
  });

  it('prose: shares whose whole is stated before are checked against it; not when a whole the text does not state gives them, nor across a heading', () => {
    const stated = '共收到代表建议148件。移交有关区县28件，实际办理120件。';
    const shares = '从办理结果看，已经解决的111件，占总数的92.3%；暂时不能解决的9件，占总数的7.7%。';
    assert.deepStrictEqual(ids(withSentence(stated + shares)), ['prose-percentage', 'prose-percentage']);
    // Right against 120: nothing.
    assert.deepStrictEqual(ids(withSentence(stated + shares.replace('92.3', '92.5').replace('7.7', '7.5'))), []);
    // 30 % and 20 % of 100 (a whole not stated): the text may mean another total; 30 + 20 = 50 is stated, but nothing is said.
    assert.deepStrictEqual(ids(withSentence('本年办理50件。其中已办结的30件，占30%；在办的20件，占20%。')), []);
    // The parts add up to no count stated before: nothing to compare with.
    assert.deepStrictEqual(ids(withSentence('实际办理130件。已经解决的111件，占总数的92.3%；暂时不能解决的9件，占总数的7.7%。')), []);
    // The count is under another heading: not the whole of these shares.
    assert.deepStrictEqual(ids(withSentence('实际办理120件。\n（二）办理结果。已经解决的111件，占总数的92.3%；暂时不能解决的9件，占总数的7.7%。')), []);
  });

  it('（六）其他处理 printed as one row in a 2022 report: template-mismatch, and a wrong cell elsewhere is still pinned with a safe fix', () => {
    const one = valid.replace(/（六）其他处理\n1\.[^\n]*\n2\.[^\n]*\n3\.其他[^\n]*\n/, '（六）其他处理 1 0 0 0 0 0 1\n');
    assert.deepStrictEqual(ids(one), ['template-mismatch']);
    const wrong = one.replace('（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 7 1 0 0 0 0 9');
    const f = checkReport(wrong).findings.find(x => x.ruleId === 'row-total')!;
    assert.strictEqual(wrong.slice(f.range.start, f.range.end), '7');
    assert.strictEqual(applyEdits(wrong, f.fix!.edits), one);
  });

  it('carry-over: one body written with and without its parent (淄博市张店区人民政府 / 张店区人民政府) is paired across years', () => {
    const y2022 = valid.replace('2022年政府信息公开工作年度报告', '淄博市张店区人民政府2022年政府信息公开工作年度报告');
    // The same report a year on: its carry-over (3) is not last year's carry-forward (1).
    const y2023 = y2022.replace(/2022/g, '2023').replace('淄博市张店区人民政府2023', '张店区人民政府2023');
    const dir = tmp();
    writeFileSync(path.join(dir, '2022.txt'), y2022);
    writeFileSync(path.join(dir, '2023.txt'), y2023);
    const r = runCli(['check', dir]);
    assert.match(r.stdout, /2023\.txt:\d+:\d+ {2}警告 {2}三表 · 二、上年结转政府信息公开申请数量 {2}“二、上年结转”与 2022 年度报告（[^）]*2022\.txt）的“四、结转下年度继续办理”不一致/, r.stdout);
  });

  it('the body is not taken from markup or a sentence above the title', () => {
    const withoutBody = valid.split('\n').slice(1).join('\n'); // the fixture's first line is the body: 某县人民政府办公室
    assert.strictEqual(checkReport('<div class="title">\n' + withoutBody).model.agency, null);
    assert.strictEqual(checkReport('根据条例要求现将有关情况报告如下\n' + withoutBody).model.agency, null);
    assert.strictEqual(checkReport(valid).model.agency?.value, '某县人民政府办公室');
  });
});

describe('trust: a 三 table pasted twice', () => {
  const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
  const lines = valid.split('\n');
  const from = lines.indexOf('申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计');
  const to = lines.findIndex(l => l.startsWith('四、结转下年度继续办理')) + 1;
  /** The report with its 三 table repeated right after itself. */
  const twice = (change: (copy: string) => string = c => c) =>
    [...lines.slice(0, to), '', change(lines.slice(from, to).join('\n')), ...lines.slice(to)].join('\n');

  it('is said once (a note), and an identical copy raises nothing else', () => {
    const f = checkReport(twice()).findings;
    assert.deepStrictEqual(f.map(x => [x.ruleId, x.severity]), [['table-duplicate', 'info']]);
    assert.match(f[0].message.zh, /三表出现了第 2 次/);
  });

  it('a wrong number in the second copy is checked: where it differs from the first, and its own sums pinned', () => {
    const text = twice(c => c.replace('（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 7 1 0 0 0 0 9'));
    const f = checkReport(text).findings;
    const seven = text.lastIndexOf('（一）予以公开 7') + '（一）予以公开 '.length;
    assert.deepStrictEqual(f.map(x => [x.ruleId, x.severity, x.range.start === seven]), [
      ['table-duplicate', 'info', false],
      ['table-duplicate', 'warning', true],
      ['table-duplicate', 'error', true],
    ]);
    assert.match(f[1].message.zh, /两份三表在此处不一致：这里为 7/);
    assert.match(f[2].message.zh, /自然人应为 8，表中为 7/);
    // The copy's cell is fixed with certainty, like the first table's would be.
    assert.strictEqual(applyEdits(text, f[2].fix!.edits), twice());
  });
});
