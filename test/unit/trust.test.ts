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
import { LineIndex } from '../../server/src/service/parse';
import { findingContext } from '../../server/src/service/suppress';
import { runCli } from '../helpers/cli';
import { CORPUS, corpusPath, corpusText, fixturePath, type CorpusId } from '../helpers/corpus';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'nianbao-trust-'));

/** Files that sit beside reports in real folders. */
const NOT_REPORTS: Record<string, string> = {
  'README.md': '# 说明\n本文件夹存放各单位报送的年度报告，请勿改名。\n',
  '通讯录.txt': '区政府办公室 张三 0533-2181234\n区发改局 李四 0533-2185678\n区审计局 王五 0533-2189012\n',
  'empty.txt': '',
  '会议纪要.txt': '区政府信息公开工作会议纪要\n\n一、会议听取了区政府办公室关于政府信息公开工作的汇报。\n二、会议要求各部门做好主动公开工作，及时更新政府信息公开专栏。\n三、其他事项另行通知。\n',
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
    assert.strictEqual((r.stdout.match(/\[not-a-report\]/g) ?? []).length, 4, r.stdout);
  });

  it('every sample is a report', () => {
    for (const id of Object.keys(CORPUS) as CorpusId[]) assert.ok(!checkReport(corpusText(id)).findings.some(f => f.ruleId === 'not-a-report'), id);
  });
});

describe('trust: ignoring a finding is written to .nianbaorc.json, never into the report', () => {
  const text002 = () => corpusText('002');

  it('an ignore entry names the rule, the report and the finding’s context; it survives lines added above', () => {
    const text = text002();
    const f = checkReport(text).findings.find(x => x.ruleId === 'review-total')!;
    const context = findingContext(text, f.range);
    // 12 characters each side of 「14 4 0 0 9」, spaces removed: the header words before, the next group and 「五、」 after.
    assert.strictEqual(context, '纠正其他结果尚未审结总计1440092000200000五、');
    const { config, errors } = parseConfig(JSON.stringify({ ignore: [{ rule: 'review-total', file: 'reports/002.txt', context }] }));
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
    const { config } = parseConfig('{ "ignore": [ { "rule": "review-total", "file": "002.txt" }, { "rule": "fee-statement" } ] }');
    assert.deepStrictEqual(checkReport(text, configForReport(config, '002.txt')).findings, []);
    assert.deepStrictEqual(checkReport(text, configForReport(config, 'x/other.txt')).findings.map(x => x.ruleId), ['review-total']);
    assert.deepStrictEqual(checkReport(text004, configForReport(config, 'x/other.txt')).findings.map(x => x.ruleId), [], 'fee-statement ignored in every report');
  });

  it('a malformed ignore entry is a clear config error', () => {
    assert.deepStrictEqual(parseConfig('{ "ignore": [ { "rule": "no-such-rule" }, { "rule": "balance", "line": 3 } ] }').errors, [
      'ignore[0].rule 应为规则名 / ignore[0].rule must be a rule id',
      'ignore[1] 未知字段 unknown key: line',
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
    assert.deepStrictEqual(parsed.ignore, [{ rule: 'review-total', file: 'reports/002.txt', context: findingContext(text002(), checkReport(text002()).findings.find(x => x.ruleId === 'review-total')!.range) }]);
    // fee-statement is off in this config, review-total now ignored here: nothing left.
    assert.deepStrictEqual(checkReport(text002(), configForReport(parsed, 'reports/002.txt')).findings.map(x => x.ruleId), []);
  });

  it('without a config, the quick fix creates .nianbaorc.json beside the report', () => {
    const [first] = ignoreActions(text002(), 'file:///ws/002.txt', { uri: 'file:///ws/.nianbaorc.json', text: null, file: '002.txt' });
    const changes = first.edit!.documentChanges!;
    assert.deepStrictEqual(changes[0], { kind: 'create', uri: 'file:///ws/.nianbaorc.json', options: { ignoreIfExists: true } });
    const created = ((changes[1] as TextDocumentEdit).edits[0] as TextEdit).newText;
    assert.deepStrictEqual(parseConfig(created).config.ignore?.[0].rule, 'review-total');
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
