/**
 * Runs inside the VS Code extension host (launched by @vscode/test-electron): the real extension,
 * the real editor APIs. Bundled to out/vscode-suite.js by test/e2e/vscode-electron.test.ts.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

async function until<T>(what: string, get: () => T | undefined | false, ms = 20000): Promise<T> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const v = get();
      if (v) return resolve(v as T);
      if (Date.now() - start > ms) return reject(new Error(`timed out: ${what}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'nianbao');

export async function run(): Promise<void> {
  const results: string[] = [];
  const workspace = vscode.workspace.workspaceFolders![0].uri;
  const test = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      results.push(`✔ ${name}`);
    } catch (e) {
      results.push(`✖ ${name}: ${e instanceof Error ? e.message : e}`);
    }
  };
  const uri = vscode.Uri.joinPath(workspace, '002.nianbao.txt');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);

  await test('the document is in the nianbao language and shows the broken total', async () => {
    assert.strictEqual(doc.languageId, 'nianbao');
    const d = await until('diagnostics', () => diagnosticsOf(uri).find(x => x.code === 'review-total' || (x.code as { value: string })?.value === 'review-total'));
    assert.strictEqual(d.range.start.line, 406);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
  });

  await test('the quick fix changes 9 to 18', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(406, 1, 406, 2), vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.isPreferred)!;
    assert.ok(fix?.edit, 'a preferred fix');
    await vscode.workspace.applyEdit(fix.edit!);
    assert.strictEqual(doc.lineAt(406).text, '\t18');
    await until('the error goes', () => !diagnosticsOf(uri).some(x => x.severity === vscode.DiagnosticSeverity.Error));
  });

  await test('completion offers row labels inside the 三 table', async () => {
    await editor.edit(e => e.insert(new vscode.Position(140, 0), '\n'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(140, 0));
    assert.ok(list.items.some(i => (typeof i.label === 'string' ? i.label : i.label.label) === '（一）予以公开'));
  });

  await test('the outline lists the six sections', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepStrictEqual(symbols.map(s => s.name), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  });

  console.log(results.join('\n'));
  const failed = results.filter(r => r.startsWith('✖'));
  if (failed.length) throw new Error(`${failed.length} failed:\n${failed.join('\n')}`);
  void path;
}
