/**
 * Issue 26 over the protocol (the bundled server, a real LSP client): a new report from an empty
 * document's completion and from the new-report request checks clean; 「计算合计」 as the source action
 * `source.computeTotals.nianbao` fills the totals and says so, or is there disabled saying why; a
 * certain fix names its cell and is preferred, a suggestion says 「建议：」 and is not; fix-all says what
 * it did and what is left.
 */
import * as assert from 'assert';
import type { CodeAction, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { COMPUTE_TOTALS_KIND, FIX_ALL_KIND, NewReportRequest, type ActionSummaryData } from '../../server/src/protocol';
import { startServer, type TestClient } from '../helpers/lsp';

const at = (line: number, character: number) => ({ line, character });

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const editsOf = (a: CodeAction) => (a.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;

/** The line of a table that starts with `label`, with its `fromEnd`-th number from the end replaced. */
function setCell(text: string, label: string, fromEnd: number, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex(l => l.startsWith(label) && /^\s/.test(l.slice(label.length)));
  assert.ok(i >= 0, label);
  const tokens = [...lines[i].matchAll(/\S+/g)];
  const t = tokens[tokens.length - fromEnd];
  lines[i] = lines[i].slice(0, t.index) + value + lines[i].slice(t.index! + t[0].length);
  return lines.join('\n');
}

describe('language server over stdio: writing a report', function () {
  this.timeout(30000);
  let c: TestClient;
  before(async () => {
    c = await startServer({ codeActionDisabled: true });
  });
  after(async () => c.close());

  const sourceAction = async (uri: string, text: string, kind: string) => {
    const end = text.split('\n').length;
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(0, 0), end: at(end, 0) }, context: { diagnostics: [], only: [kind] },
    })) as CodeAction[];
    return actions.filter(a => a.kind === kind);
  };

  it('an empty 2025年报.txt: the first completion is the whole report; inserted, it has no finding', async () => {
    const uri = 'file:///reports/2025%E5%B9%B4%E6%8A%A5.txt';
    c.open(uri, '');
    await c.waitForDiagnostics(uri);
    const list = (await c.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(0, 0) })) as CompletionList;
    const first = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0];
    assert.strictEqual(first.label, '新建年度报告（2025 年度）');
    const text = applyTextEdits('', [first.textEdit as TextEdit]);
    assert.ok(text.startsWith('2025年政府信息公开工作年度报告\n'));
    const filled = 'file:///reports/filled.txt';
    c.open(filled, text);
    assert.deepStrictEqual((await c.waitForDiagnostics(filled)).diagnostics.map(d => d.message), []);
  });

  it('the new-report request: the year of the file name, or the one asked; the 2019 format for 2020', async () => {
    const named = await c.connection.sendRequest(NewReportRequest.method, { uri: 'file:///r/%E5%B9%B4%E6%8A%A52024.txt' }) as { year: number; template: string; text: string };
    assert.deepStrictEqual([named.year, named.template], [2024, '2021']);
    const old = await c.connection.sendRequest(NewReportRequest.method, { year: 2020, eol: '\r\n' }) as { year: number; template: string; text: string };
    assert.deepStrictEqual([old.year, old.template], [2020, '2019']);
    assert.ok(old.text.startsWith('2020年政府信息公开工作年度报告\r\n\r\n'));
    assert.ok(!/\n/.test(old.text.replace(/\r\n/g, '')), 'CRLF throughout');
    const uri = 'file:///reports/2020.txt';
    c.open(uri, old.text);
    assert.deepStrictEqual((await c.waitForDiagnostics(uri)).diagnostics.map(d => d.message), []);
  });

  it('计算合计: items typed, the source action fills every total, says so, and the report is clean', async () => {
    const { text: skeleton } = await c.connection.sendRequest(NewReportRequest.method, { year: 2025 }) as { text: string };
    let text = setCell(skeleton, '一、本年新收政府信息公开申请数量', 7, '5');
    text = setCell(text, '（一）予以公开', 7, '3');
    text = setCell(text, '1.本机关不掌握相关政府信息', 7, '2');
    text = setCell(text, '行政复议', 5, '1');
    text = setCell(text, '行政复议', 4, '1');
    const uri = 'file:///reports/items.txt';
    c.open(uri, text);
    const before = await c.waitForDiagnostics(uri);
    assert.ok(before.diagnostics.length > 0, 'the totals do not add up yet');
    const [action] = await sourceAction(uri, text, COMPUTE_TOTALS_KIND);
    assert.strictEqual(action.title, '计算合计：已填入 6 个合计：三表 3 行的总计、（七）总计行 2 格、四表 1 组的总计');
    assert.strictEqual((action.data as ActionSummaryData).summary, '已填入 6 个合计：三表 3 行的总计、（七）总计行 2 格、四表 1 组的总计');
    // Each edit writes digits over a 0 of a total; nothing else.
    for (const e of editsOf(action)) assert.match(e.newText, /^\d+$/);
    let expected = setCell(text, '一、本年新收政府信息公开申请数量', 1, '5');
    expected = setCell(expected, '（一）予以公开', 1, '3');
    expected = setCell(expected, '1.本机关不掌握相关政府信息', 1, '2');
    expected = setCell(setCell(expected, '（七）总计', 7, '5'), '（七）总计', 1, '5');
    expected = setCell(expected, '行政复议', 1, '2');
    const after = applyTextEdits(text, editsOf(action));
    assert.strictEqual(after, expected);
    const done = 'file:///reports/items-done.txt';
    c.open(done, after);
    assert.deepStrictEqual((await c.waitForDiagnostics(done)).diagnostics.map(d => d.message), []);
    // Nothing left to fill: the action is there, disabled, saying why (this client shows disabled actions).
    const [none] = await sourceAction(done, after, COMPUTE_TOTALS_KIND);
    assert.deepStrictEqual([none.title, none.edit, none.disabled?.reason], ['计算合计', undefined, '没有需要填入的合计']);
    // Asked for all source actions (the Source Action menu), it is there too (nothing to fix: no fix-all); no quick fix.
    const all = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: done }, range: { start: at(0, 0), end: at(1, 0) }, context: { diagnostics: [], only: ['source'] },
    })) as CodeAction[];
    assert.deepStrictEqual(all.map(a => a.kind), [COMPUTE_TOTALS_KIND]);
  });

  it('a client that cannot show a disabled action is not sent one', async () => {
    const plain = await startServer();
    try {
      const uri = 'file:///reports/no-totals.txt';
      const { text } = await plain.connection.sendRequest(NewReportRequest.method, { year: 2025 }) as { text: string };
      plain.open(uri, text);
      await plain.waitForDiagnostics(uri);
      const actions = (await plain.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: { start: at(0, 0), end: at(1, 0) }, context: { diagnostics: [], only: [COMPUTE_TOTALS_KIND] },
      })) as CodeAction[];
      assert.deepStrictEqual(actions, []);
    } finally {
      await plain.close();
    }
  });

  it('titles: a certain fix names its cell and is preferred; a suggestion says 建议： and is not; fix-all says what it did and what is left', async () => {
    const { text: skeleton } = await c.connection.sendRequest(NewReportRequest.method, { year: 2025 }) as { text: string };
    // After 计算合计 (as above), two slips: a 三 item (its row and column both point at it) and a 四 item (the group cannot tell).
    let text = skeleton;
    for (const [label, fromEnd, v] of [
      ['一、本年新收政府信息公开申请数量', 7, '5'], ['一、本年新收政府信息公开申请数量', 1, '5'], ['（一）予以公开', 7, '3'], ['（一）予以公开', 1, '3'],
      ['1.本机关不掌握相关政府信息', 7, '4'], ['1.本机关不掌握相关政府信息', 1, '2'], ['（七）总计', 7, '5'], ['（七）总计', 1, '5'],
      ['行政复议', 5, '3'], ['行政复议', 4, '1'], ['行政复议', 1, '2'],
    ] as const) text = setCell(text, label, fromEnd, v);
    const uri = 'file:///reports/slips.txt';
    c.open(uri, text);
    const p = await c.waitForDiagnostics(uri);
    assert.deepStrictEqual(p.diagnostics.map(d => d.code).sort(), ['review-total', 'row-total']);
    const quick = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(0, 0), end: at(text.split('\n').length, 0) }, context: { diagnostics: p.diagnostics },
    })) as CodeAction[];
    const fixes = quick.filter(a => a.edit && !a.title.includes('nianbaorc'));
    assert.deepStrictEqual(fixes.map(a => [a.title, a.isPreferred ?? false]), [
      ['“1.本机关不掌握相关政府信息”行自然人改为 2', true],
      ['建议：行政复议总计改为 4', false],
      ['建议：行政复议结果维持改为 1', false],
    ]);
    const [all] = await sourceAction(uri, text, FIX_ALL_KIND);
    assert.strictEqual((all.data as ActionSummaryData).summary, '已修正 1 处，另有 1 处需要您确认');
    assert.strictEqual(applyTextEdits(text, editsOf(all)), setCell(text, '1.本机关不掌握相关政府信息', 7, '2'));
  });
});
