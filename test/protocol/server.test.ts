/**
 * The bundled language server (dist/server.js) over stdio, driven by a real LSP client library,
 * on the sample reports.
 */
import * as assert from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type {
  CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, TextEdit,
} from 'vscode-languageserver-protocol';
import { CheckDocumentsRequest, RulesRequest, StatusNotification, type CheckedDocument, type DiagnosticData, type Status } from '../../server/src/protocol';
import { RULES } from '../../server/src/service/rules';
import { corpusText, fixturePath, oneFinding002 } from '../helpers/corpus';
import { startServer, type TestClient } from '../helpers/lsp';

const U002 = 'file:///reports/002.txt';
const U000 = 'file:///reports/000.txt';
const at = (line: number, character: number) => ({ line, character });

async function request<T>(c: TestClient, method: string, params: unknown): Promise<T> {
  return (await c.connection.sendRequest(method, params)) as T;
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('language server over stdio', function () {
  this.timeout(30000);
  let c: TestClient;
  before(async () => {
    c = await startServer();
  });
  after(async () => c.close());

  it('announces its features; pull diagnostics only to a client that pulls', async () => {
    const caps = c.initialize.capabilities;
    assert.deepStrictEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.nianbao', 'source.computeTotals.nianbao']);
    assert.ok(caps.completionProvider && caps.documentSymbolProvider && caps.foldingRangeProvider && caps.hoverProvider && caps.inlayHintProvider);
    assert.strictEqual(caps.diagnosticProvider, undefined);
    const pulling = await startServer({ pull: true });
    try {
      assert.ok(pulling.initialize.capabilities.diagnosticProvider);
    } finally {
      await pulling.close();
    }
  });

  it('publishes the 002 四 行政复议 group (14 4 0 0 9) as an error with its rule id', async () => {
    c.open(U002, oneFinding002());
    const p = await c.waitForDiagnostics(U002);
    const d = p.diagnostics.find(x => x.code === 'review-total')!;
    assert.deepStrictEqual(d.range, { start: at(402, 1), end: at(406, 2) });
    assert.strictEqual(d.severity, 1);
    assert.strictEqual(d.source, 'nianbao');
    assert.strictEqual(d.message, '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实');
    assert.match(d.codeDescription!.href, /docs\/rules\/review-total\.md$/);
    // A 2020 report: no 信息处理费 statement is asked of it.
    assert.deepStrictEqual(p.diagnostics.map(x => x.code), ['review-total']);
    assert.strictEqual(p.version, 1);
  });

  it('sends a status notification: template, counts', async () => {
    const s = await c.waitForNotification<Status>(StatusNotification.method, x => x.uri === U002);
    assert.deepStrictEqual([s.template, s.errors, s.warnings], ['2019', 1, 0]);
  });

  it('offers the 四 group’s candidates as suggestions titled 「建议：」, none preferred; “总计改为 18” changes only the 9', async () => {
    const actions = await request<CodeAction[]>(c, 'textDocument/codeAction', {
      textDocument: { uri: U002 }, range: { start: at(406, 1), end: at(406, 2) },
      context: { diagnostics: c.published.filter(p => p.uri === U002).pop()!.diagnostics },
    });
    const titles = actions.map(a => a.title);
    assert.deepStrictEqual(titles, [
      '建议：行政复议总计改为 18', '建议：行政复议结果维持改为 5',
      '忽略此处的“review-total”（记入 .nianbaorc.json）', '在本文件忽略规则“review-total”（记入 .nianbaorc.json）', '查看规则“review-total”的说明',
    ]);
    assert.ok(actions.every(a => !a.isPreferred), 'which cell is wrong is not known: nothing is preferred');
    const total = actions[0];
    assert.strictEqual(total.kind, 'quickfix');
    assert.strictEqual(total.diagnostics?.[0].code, 'review-total');
    const change = total.edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.strictEqual(change.textDocument.version, 1);
    assert.deepStrictEqual(change.edits, [{ range: { start: at(406, 1), end: at(406, 2) }, newText: '18' }]);
    const after = applyTextEdits(oneFinding002(), change.edits);
    assert.strictEqual(after.split('\n')[406], '\t18');
  });

  it('offers a certain fix as the preferred quick fix: a wrong 三 cell that its row and the balance both point at', async () => {
    const uri = 'file:///reports/002-wrong-cell.txt';
    const text = oneFinding002().replace('\t108\n', '\t109\n');
    c.open(uri, text);
    const p = await c.waitForDiagnostics(uri);
    const d = p.diagnostics.find(x => x.code === 'row-total')!;
    assert.deepStrictEqual(d.range, { start: at(122, 1), end: at(122, 4) });
    const actions = await request<CodeAction[]>(c, 'textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    // The title names the cell it changes: the cursor may be on another number of the row.
    assert.strictEqual(actions[0].title, '“一、本年新收政府信息公开申请数量”行自然人改为 108');
    assert.strictEqual(actions[0].isPreferred, true);
    const edits = (actions[0].edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.strictEqual(applyTextEdits(text, edits), oneFinding002());
  });

  it('ignores a finding in .nianbaorc.json, not in the report; once the file is written, the finding goes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-lsp-'));
    const file = path.join(dir, '002.txt');
    writeFileSync(file, oneFinding002());
    const uri = pathToFileURL(file).href;
    c.open(uri, oneFinding002());
    await c.waitForDiagnostics(uri);
    const actions = await request<CodeAction[]>(c, 'textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(406, 1), end: at(406, 2) }, context: { diagnostics: [] },
    });
    const ignore = actions.find(a => a.title === '忽略此处的“review-total”（记入 .nianbaorc.json）')!;
    const config = pathToFileURL(path.join(dir, '.nianbaorc.json')).href;
    const [create, edit] = ignore.edit!.documentChanges! as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: TextEdit[] }];
    assert.deepStrictEqual([create.kind, create.uri, edit.textDocument.uri], ['create', config, config], 'a new config beside the report; the report is not edited');
    // What the client does: create the file, save it, tell the server.
    writeFileSync(path.join(dir, '.nianbaorc.json'), applyTextEdits('', edit.edits));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 1 }] });
    const p = await c.waitForDiagnostics(uri, x => !x.diagnostics.some(d => d.code === 'review-total'));
    assert.deepStrictEqual(p.diagnostics.map(d => d.code), []);
    assert.deepStrictEqual(JSON.parse(readFileSync(path.join(dir, '.nianbaorc.json'), 'utf8')).ignoreFindings.map((e: { rule: string; file: string }) => [e.rule, e.file]), [['review-total', '002.txt']]);
  });

  it('the rule-doc action carries a command the server executes: it opens the page through window/showDocument', async () => {
    const actions = await request<CodeAction[]>(c, 'textDocument/codeAction', {
      textDocument: { uri: U002 }, range: { start: at(406, 1), end: at(406, 2) }, context: { diagnostics: [] },
    });
    const doc = actions.find(a => a.title === '查看规则“review-total”的说明')!;
    // What any client does with a command it does not know itself: ask the server, which must list it.
    const commands = (c.initialize.capabilities.executeCommandProvider as { commands: string[] }).commands;
    assert.ok(commands.includes(doc.command!.command), `${doc.command!.command} is not among the server's commands ${commands.join()}`);
    await request(c, 'workspace/executeCommand', { command: doc.command!.command, arguments: doc.command!.arguments });
    assert.ok(c.shown.some(u => /\/docs\/rules\/review-total\.md$/.test(u) && u.startsWith('file://')), c.shown.join());
  });

  it('to a client that cannot open documents (Neovim 0.7), the rule-doc command names the rule and where its page is', async () => {
    const plain = await startServer({ showDocument: false });
    try {
      await request(plain, 'workspace/executeCommand', { command: 'nianbao.server.openRuleDoc', arguments: ['review-total'] });
      const m = await plain.waitForNotification<{ type: number; message: string }>('window/showMessage');
      assert.match(m.message, /^规则“review-total”：.+。说明：\/.+\/docs\/rules\/review-total\.md$/);
      assert.deepStrictEqual(plain.shown, []);
    } finally {
      await plain.close();
    }
  });

  it('never publishes an older version after a newer one, and ends on the last edit', async () => {
    const text = oneFinding002();
    const uri = 'file:///reports/002-typing.txt';
    c.open(uri, text, 1);
    await c.waitForDiagnostics(uri, p => p.version === 1);
    // Type quickly: 9 → 1 → 18 → 19 → 18 in five versions.
    const seq = ['1', '18', '19', '18'];
    seq.forEach((v, i) => {
      void c.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range: { start: at(406, 1), end: at(406, i === 0 ? 2 : 1 + seq[i - 1].length) }, text: v }],
      });
    });
    const last = await c.waitForDiagnostics(uri, p => p.version === 5);
    assert.deepStrictEqual(last.diagnostics.map(d => d.code), []);
    const versions = c.published.filter(p => p.uri === uri).map(p => p.version!);
    assert.deepStrictEqual([...versions].sort((a, b) => a - b), versions, `versions in order: ${versions}`);
  });

  it('fixes all with source.fixAll.nianbao, for editor.codeActionsOnSave', async () => {
    const uri = 'file:///reports/broken.txt';
    const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
    const broken = valid.replace('（一）予以公开 8 1 0 0 0 0 9', '（一）予以公开 7 1 0 0 0 0 9').replace('0 1 0 0 1 0 0 0 0 0', '0 1 0 0 9 0 0 0 0 0');
    c.open(uri, broken);
    await c.waitForDiagnostics(uri, p => p.diagnostics.length === 2);
    const actions = await request<CodeAction[]>(c, 'textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(0, 0), end: at(0, 0) }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    // The 三 cell is certain; the 四 group is not (a wrong term and a wrong total look the same): left as it is.
    assert.deepStrictEqual(actions.map(a => [a.kind, a.title]), [['source.fixAll.nianbao', '修正本文件全部可自动修正的问题（1 处）']]);
    const edits = (actions[0].edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.strictEqual(applyTextEdits(broken, edits), valid.replace('0 1 0 0 1 0 0 0 0 0', '0 1 0 0 9 0 0 0 0 0'));
  });

  it('outlines 000 by its headings as written, with subsections and tables', async () => {
    c.open(U000, corpusText('000'));
    const symbols = await request<DocumentSymbol[]>(c, 'textDocument/documentSymbol', { textDocument: { uri: U000 } });
    assert.deepStrictEqual(symbols.map(s => [s.name, s.selectionRange.start.line]), [
      ['一、总体情况', 11], ['二、主动公开政府信息情况', 203], ['三、收到和处理政府信息公开申请情况', 237],
      ['四、因政府信息公开工作被申请行政复议和提起行政诉讼情况', 361], ['五、政府信息公开工作存在的主要问题及改进情况', 431], ['六、其他需要报告的事项', 460],
    ]);
    assert.deepStrictEqual(symbols[0].children!.map(s => s.name), ['（一）做好主动公开工作', '（二）做好政府信息公开申请答复', '（三）加强政府信息管理', '（四）加强政府信息公开平台建设', '（五）健全监督保障机制']);
    assert.deepStrictEqual(symbols[1].children!.map(s => s.name), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    const table = symbols[2].children!.find(s => s.name.startsWith('三表'))!;
    assert.strictEqual(table.children!.length, 25);
    assert.strictEqual(table.children![0].detail, '51 3 0 0 0 2 56');
    for (const s of symbols) {
      assert.ok(s.range.start.line <= s.selectionRange.start.line && s.selectionRange.end.line <= s.range.end.line);
    }
  });

  it('folds sections, subsections and tables', async () => {
    const folds = await request<FoldingRange[]>(c, 'textDocument/foldingRange', { textDocument: { uri: U000 } });
    const starts = new Set(folds.map(f => f.startLine));
    for (const line of [11, 21, 203, 237, 268, 361, 431, 460]) assert.ok(starts.has(line), `a fold starts on line ${line + 1}`);
    const three = folds.find(f => f.startLine === 237)!;
    assert.strictEqual(three.endLine, 359);
  });

  it('hovers a number with its row, column and every relation it is in', async () => {
    const h = await request<Hover>(c, 'textDocument/hover', { textDocument: { uri: U000 }, position: at(268, 36) });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /\*\*三表 · “一、本年新收政府信息公开申请数量”行总计\*\* = 56/);
    assert.match(md, /“一、本年新收政府信息公开申请数量”行：总计 56 = 51 \+ 3 \+ 0 \+ 0 \+ 0 \+ 2 ✓/);
    assert.match(md, /总计列勾稽关系：总计 67 \+ 1 = 56 \+ 12 ✓/);
    const uri = 'file:///reports/002-hover.txt';
    c.open(uri, oneFinding002());
    await c.waitForDiagnostics(uri);
    const wrong = await request<Hover>(c, 'textDocument/hover', { textDocument: { uri }, position: at(406, 1) });
    const text = (wrong.contents as { value: string }).value;
    assert.match(text, /\*\*四表 · 行政复议总计\*\* = 9/);
    assert.match(text, /- 行政复议：总计 9 ≠ 14 \+ 4 \+ 0 \+ 0 = 18 ✗/);
    // The finding is on this cell: the editor shows its message in the same hover, so it is not repeated here.
    assert.doesNotMatch(text, /⚠|总计或其中一项有误/);
    // The message once: the diagnostic covers the whole group, a cell of it included.
    const d = c.published.filter(p => p.uri === uri).pop()!.diagnostics.find(x => x.code === 'review-total')!;
    assert.ok(d.range.start.line <= 406 && d.range.end.line >= 406);
  });

  it('hovers a number a finding names elsewhere with what it says of it', async () => {
    // A 三 cell pinned (the 108 typed as 109): the （七）总计 自然人 cell is named by it as a sum that does not hold.
    const uri = 'file:///reports/002-hover-related.txt';
    c.open(uri, corpusText('002').replace('\t108\n', '\t109\n'));
    const p = await c.waitForDiagnostics(uri);
    const d = p.diagnostics.find(x => x.code === 'row-total')!;
    const related = d.relatedInformation!.find(r => r.message.includes('勾稽关系'))!;
    const h = await request<Hover>(c, 'textDocument/hover', { textDocument: { uri }, position: related.location.range.start });
    assert.match((h.contents as { value: string }).value, /⚠ 不相符的合计：自然人列勾稽关系：一 \+ 二 = 109 \+ 0 = 109，三（七）\+ 四 = 108 \+ 0 = 108/);
  });

  it('marks a wrong cell quietly with the value the totals give, only where that value is certain', async () => {
    const uri = 'file:///reports/002-hints.txt';
    c.open(uri, oneFinding002().replace('\t108\n', '\t109\n'));
    await c.waitForDiagnostics(uri);
    const hints = await request<InlayHint[]>(c, 'textDocument/inlayHint', { textDocument: { uri }, range: { start: at(0, 0), end: at(470, 0) } });
    // The 三 cell, certain; no hint on the 四 group, whose wrong cell is not known.
    assert.deepStrictEqual(hints.map(h => [h.position, h.label]), [[at(122, 4), '应为 108']]);
  });

  it('completes missing rows first, in format order, numbered like the document', async () => {
    const uri = 'file:///reports/001-missing.txt';
    const lines = corpusText('001').split('\n');
    // Remove the 2．重复申请 row (label and its 7 cells, lines 250–257) and leave an empty cell line.
    lines.splice(249, 8, '\t');
    const text = lines.join('\n');
    c.open(uri, text);
    await c.waitForDiagnostics(uri);
    const list = await request<CompletionList>(c, 'textDocument/completion', { textDocument: { uri }, position: at(249, 1) });
    const rows = list.items.filter(i => i.kind === 5).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.strictEqual(rows[0].label, '2．重复申请');
    assert.strictEqual(rows[0].detail, '三表行（缺少）');
    assert.deepStrictEqual(rows.slice(1, 4).map(r => r.label), ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开']);
    assert.ok(list.items.some(i => i.label === '自然人'), 'column headers');
    assert.ok(list.items.some(i => i.label === '三表（全部为 0）' && i.kind === 15), 'a whole-table snippet');
  });

  it('completes the next missing section heading at the start of a line', async () => {
    const uri = 'file:///reports/no-five.txt';
    const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
    const text = valid.replace('五、存在的主要问题及改进情况\n', '\n');
    c.open(uri, text);
    await c.waitForDiagnostics(uri);
    const line = text.split('\n').indexOf('政务公开的深度和广度仍需拓展。') - 1;
    const list = await request<CompletionList>(c, 'textDocument/completion', { textDocument: { uri }, position: at(line, 0) });
    const heading = list.items.find(i => i.preselect)!;
    assert.strictEqual(heading.label, '五、存在的主要问题及改进情况');
  });

  it('inserts a whole zero-filled 三 table in the document’s layout', async () => {
    const uri = 'file:///reports/no-table.txt';
    const text = '2023年政府信息公开工作年度报告\n\n一、总体情况\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n\n\n四、政府信息公开行政复议、行政诉讼情况\n';
    c.open(uri, text);
    await c.waitForDiagnostics(uri);
    const list = await request<CompletionList>(c, 'textDocument/completion', { textDocument: { uri }, position: at(7, 0) });
    const snippet = list.items.find(i => i.label === '三表（全部为 0）')!;
    const inserted = (snippet.textEdit as TextEdit).newText;
    const filled = text.split('\n');
    filled.splice(7, 1, ...inserted.replace(/\n$/, '').split('\n'));
    const uri2 = 'file:///reports/with-table.txt';
    c.open(uri2, filled.join('\n'));
    const p = await c.waitForDiagnostics(uri2);
    // Section 三 and its new table raise nothing (section 二 still has no table of its own).
    const threeLine = filled.indexOf('三、收到和处理政府信息公开申请情况');
    const fourLine = filled.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    assert.deepStrictEqual(p.diagnostics.filter(d => d.range.start.line >= threeLine && d.range.start.line < fourLine).map(d => d.code), []);
    assert.ok(p.diagnostics.some(d => d.code === 'table-missing' && d.range.start.line === 4));
    const symbols = await request<DocumentSymbol[]>(c, 'textDocument/documentSymbol', { textDocument: { uri: uri2 } });
    assert.strictEqual(symbols[2].children!.find(s => s.name.startsWith('三表'))!.children!.length, 25);
  });

  it('checks documents the client sends (the workspace check)', async () => {
    const out = await c.connection.sendRequest(CheckDocumentsRequest, {
      documents: [{ uri: 'file:///ws/a.txt', text: oneFinding002() }, { uri: 'file:///ws/b.txt', text: corpusText('004') }],
    });
    assert.deepStrictEqual(out.map(r => [r.uri, r.diagnostics.map(d => d.code)]), [['file:///ws/a.txt', ['review-total']], ['file:///ws/b.txt', []]]);
    // Within one report: the client must not take them for findings across reports.
    assert.deepStrictEqual(out[0].diagnostics.map(d => (d.data as DiagnosticData).across), [undefined]);
  });

  it('compares the reports it is sent with each other: carry-over against the year before', async () => {
    const y2022 = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
    const out: CheckedDocument[] = await c.connection.sendRequest(CheckDocumentsRequest, {
      documents: [{ uri: 'file:///ws/%E5%B9%B4%E6%8A%A5/2021.txt', text: y2022.replace(/2022/g, '2021') }, { uri: 'file:///ws/%E5%B9%B4%E6%8A%A5/2022.txt', text: y2022 }],
    });
    // The 2021 text is the 2022 text with its years changed: its reuse is found too (across.test.ts); here, the carry-over.
    const carry = out.map(r => ({ ...r, diagnostics: r.diagnostics.filter(d => d.code === 'carryover-continuity') }));
    assert.deepStrictEqual(carry.map(r => r.diagnostics.map(d => [d.code, d.range.start.line, d.message])), [
      [],
      [['carryover-continuity', 44, '“二、上年结转”与 2021 年度报告（2021.txt）的“四、结转下年度继续办理”不一致：自然人 3 ≠ 1，总计 3 ≠ 1']],
    ]);
    // What tells the client to show it even for an open report (whose own findings the editor shows).
    assert.strictEqual((carry[1].diagnostics[0].data as DiagnosticData).across, true);
  });

  it('survives documents that are not reports at all, and keeps answering', async () => {
    const junk = ['\u0000\u0001'.repeat(1000), '一、'.repeat(50000), '|'.repeat(100000), Array.from({ length: 20000 }, (_, i) => `${i} ${i}`).join('\n')];
    junk.forEach((text, i) => c.open(`file:///reports/junk${i}.txt`, text));
    for (let i = 0; i < junk.length; i++) await c.waitForDiagnostics(`file:///reports/junk${i}.txt`);
    const symbols = await request<DocumentSymbol[]>(c, 'textDocument/documentSymbol', { textDocument: { uri: U000 } });
    assert.strictEqual(symbols.length, 6);
    assert.strictEqual(c.process.exitCode, null);
  });
});

describe('language server: settings, config files, pull, English', function () {
  this.timeout(30000);

  it('answers pull diagnostics with the same findings', async () => {
    const c = await startServer({ pull: true });
    try {
      c.open(U002, oneFinding002());
      const r = await request<{ kind: string; items: Diagnostic[] }>(c, 'textDocument/diagnostic', { textDocument: { uri: U002 } });
      assert.strictEqual(r.kind, 'full');
      assert.deepStrictEqual(r.items.map(d => [d.code, d.range.start.line]), [['review-total', 402]]);
      assert.strictEqual(c.published.length, 0, 'nothing pushed to a pulling client');
    } finally {
      await c.close();
    }
  });

  it('speaks English to an English client', async () => {
    const c = await startServer({ locale: 'en-US' });
    try {
      c.open(U002, oneFinding002());
      const p = await c.waitForDiagnostics(U002);
      assert.strictEqual(p.diagnostics[0].message, 'Administrative reconsideration: 14 + 4 + 0 + 0 = 18, total is 9: the total or one of its terms is wrong; check the source records');
    } finally {
      await c.close();
    }
  });

  it('nianbao.locale: zh for an English client, then English once the setting changes, without a restart', async () => {
    const settings: Record<string, unknown> = { locale: 'zh' };
    const c = await startServer({ locale: 'en-US', initializationOptions: { locale: 'zh' }, settings });
    try {
      c.open(U002, oneFinding002());
      let p = await c.waitForDiagnostics(U002);
      assert.strictEqual(p.diagnostics[0].message, '行政复议：14 + 4 + 0 + 0 = 18，总计为 9；总计或其中一项有误，请对照原始台账核实');
      settings.locale = 'auto';
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      p = await c.waitForDiagnostics(U002, x => String(x.diagnostics[0]?.message).startsWith('Administrative'));
      assert.strictEqual(p.diagnostics[0].message, 'Administrative reconsideration: 14 + 4 + 0 + 0 = 18, total is 9: the total or one of its terms is wrong; check the source records', 'auto: the client’s English');
      settings.locale = 'zh';
      const count = c.published.length;
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      p = await c.waitForDiagnostics(U002, x => c.published.indexOf(x) >= count && String(x.diagnostics[0]?.message).startsWith('行政复议'));
      const rules = await c.connection.sendRequest(RulesRequest);
      assert.strictEqual(rules[0].description, '报告缺少六个部分之一');
    } finally {
      await c.close();
    }
  });

  it('takes rule severities from settings, and .nianbaorc.json above the file over them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-lsp-'));
    const file = path.join(dir, 'sub', '002.txt');
    require('fs').mkdirSync(path.dirname(file));
    writeFileSync(file, oneFinding002());
    const uri = pathToFileURL(file).href;
    const c = await startServer({ settings: { rules: { 'fee-statement': 'off', 'review-total': 'info' } } });
    try {
      c.open(uri, oneFinding002());
      let p = await c.waitForDiagnostics(uri);
      assert.deepStrictEqual(p.diagnostics.map(d => [d.code, d.severity]), [['review-total', 3]]);
      writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'warning' } }));
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.nianbaorc.json')).href, type: 1 }] });
      p = await c.waitForDiagnostics(uri, x => x.diagnostics.some(d => d.severity === 2));
      assert.deepStrictEqual(p.diagnostics.map(d => [d.code, d.severity]), [['review-total', 2]]);
      const s = await c.waitForNotification<Status>(StatusNotification.method, x => !!x.configFile);
      assert.strictEqual(s.configFile, path.join(dir, '.nianbaorc.json'));
    } finally {
      await c.close();
    }
  });

  it('the workspace check reads a closed report’s .nianbaorc.json at each check: the server keeps no settings of files not open', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-lsp-'));
    const uri = pathToFileURL(path.join(dir, '002.txt')).href;
    writeFileSync(path.join(dir, '002.txt'), oneFinding002());
    writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'off' } }));
    const c = await startServer();
    try {
      const check = async () => (await c.connection.sendRequest(CheckDocumentsRequest, { documents: [{ uri, text: oneFinding002() }] }))[0].diagnostics.map(d => d.code);
      assert.deepStrictEqual(await check(), []);
      // Changed on disk with no notice to the server (a client that watches no files, a change made outside the editor).
      writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ rules: { 'review-total': 'warning' } }));
      assert.deepStrictEqual(await check(), ['review-total']);
    } finally {
      await c.close();
    }
  });

  it('reads .nianbaorc.json as VS Code users write it: comments and trailing commas', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-lsp-'));
    const file = path.join(dir, 'a', 'b', '002.txt');
    require('fs').mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(path.join(dir, '.nianbaorc.json'), '{\n  // 本单位不要求说明收费\n  "rules": { "fee-statement": "off", "review-total": "info", },\n}\n');
    const c = await startServer();
    try {
      c.open(pathToFileURL(file).href, oneFinding002());
      const p = await c.waitForDiagnostics(pathToFileURL(file).href);
      assert.deepStrictEqual(p.diagnostics.map(d => [d.code, d.severity]), [['review-total', 3]]);
    } finally {
      await c.close();
    }
  });

  it('lists the rules in the client’s language, for the client’s rule picker', async () => {
    for (const [locale, first] of [['zh-cn', '报告缺少六个部分之一'], ['en', 'One of the six sections is missing']]) {
      const c = await startServer({ locale });
      try {
        const rules = await c.connection.sendRequest(RulesRequest);
        assert.deepStrictEqual(rules[0], { id: 'section-missing', description: first });
        assert.deepStrictEqual(rules.map(r => r.id), RULES.map(r => r.meta.id), 'every rule, in the registry’s order');
      } finally {
        await c.close();
      }
    }
  });
});
