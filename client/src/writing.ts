/**
 * Writing a report: 「年报: 新建年度报告」 (the server's skeleton of a report, into an empty editor or a new
 * one), and the source actions run as commands — 「计算合计」 and fix-all — applied and then said in
 * words: what was filled, what was fixed and what is left for the user (the action's `data.summary`).
 */
import * as vscode from 'vscode';
import { CodeActionRequest, type BaseLanguageClient, type CodeAction as LspCodeAction } from 'vscode-languageclient';
import { NewReportRequest, REPORT_TEXT_SCHEME, type ActionSummaryData, type Translate as T } from '../../server/src/protocol';


/** The active report in the editor, or why a command cannot run on it (said to the user). */
function activeReport(language: string, t: T): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== language) {
    void vscode.window.showInformationMessage(t('请先打开一份年报', 'Open a report first'));
    return undefined;
  }
  if (editor.document.uri.scheme === REPORT_TEXT_SCHEME) {
    void vscode.window.showInformationMessage(t('这是从网页、Word 文件或 PDF 读出的只读文本：请在原文档中修改', 'This is the text read from a web page, a Word file or a PDF: fix the source document'));
    return undefined;
  }
  return editor;
}

/**
 * Run one of the server's source actions on the active report (the request sent as it is, so that its
 * `data` comes back), apply its edit, and say what it did. `none`: what to say when there is no action.
 */
export async function runSourceAction(ensureClient: () => Promise<BaseLanguageClient>, language: string, kind: string, none: string, t: T): Promise<void> {
  const editor = activeReport(language, t);
  if (!editor) return;
  const c = await ensureClient();
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const actions = await c.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: c.code2ProtocolConverter.asUri(doc.uri) },
    range: { start: { line: 0, character: 0 }, end: { line: end.line, character: end.character } },
    context: { diagnostics: [], only: [kind] },
  });
  const action = (actions ?? []).find((a): a is LspCodeAction => 'kind' in a && a.kind === kind);
  const summary = (action?.data as Partial<ActionSummaryData> | undefined)?.summary;
  if (!action || !action.edit) {
    void vscode.window.showInformationMessage(action?.disabled?.reason ?? summary ?? none);
    return;
  }
  const applied = await vscode.workspace.applyEdit(await c.protocol2CodeConverter.asWorkspaceEdit(action.edit));
  if (!applied) {
    void vscode.window.showWarningMessage(t('报告已改动，请再运行一次', 'The report changed meanwhile: run it again'));
    return;
  }
  if (summary) void vscode.window.showInformationMessage(summary);
}

/**
 * 「新建年度报告」: the year asked (the one in the file's name, or the one the date suggests, filled in),
 * then the report written into the active editor if it is empty (and set to the report language), else
 * into a new untitled report. The cursor goes under 一、总体情况, where writing starts.
 */
export async function newReport(ensureClient: () => Promise<BaseLanguageClient>, language: string, t: T): Promise<void> {
  const c = await ensureClient();
  const active = vscode.window.activeTextEditor;
  const target = active && !active.document.getText().trim() && active.document.uri.scheme !== REPORT_TEXT_SCHEME && active.document.uri.scheme !== 'output' ? active : undefined;
  const uri = target ? c.code2ProtocolConverter.asUri(target.document.uri) : undefined;
  const eol = target?.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const first = await c.sendRequest(NewReportRequest, { uri, eol });
  if (!first) {
    void vscode.window.showErrorMessage(t('未能生成报告（详见“年报: 显示语言服务器输出”）', 'The report could not be made (see "Nianbao: Show Language Server Output")'));
    return;
  }
  const input = await vscode.window.showInputBox({
    title: t('新建年度报告', 'New Annual Report'),
    prompt: t('报告年度（标题、统计期限和表格格式随年度而定）', 'The year the report is on (the title, the statistics period and the table format follow it)'),
    value: String(first.year),
    validateInput: v => (/^\s*(19|20)\d{2}\s*$/.test(v) ? null : t('请输入四位年份，如 2025', 'A four-digit year, e.g. 2025')),
  });
  if (input === undefined) return;
  const year = Number(input.trim());
  const report = year === first.year ? first : await c.sendRequest(NewReportRequest, { uri, year, eol });
  if (!report) return;
  let editor: vscode.TextEditor;
  if (target && !target.document.getText().trim()) {
    const doc = target.document;
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    if (!(await target.edit(b => b.replace(whole, report.text)))) return;
    if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
    editor = await vscode.window.showTextDocument(doc, target.viewColumn);
  } else {
    const doc = await vscode.workspace.openTextDocument({ language, content: report.text });
    editor = await vscode.window.showTextDocument(doc);
  }
  // Under the first heading: the 总体情况 is the first thing to write.
  const lines = report.text.split(/\r?\n/);
  const heading = lines.findIndex((l, i) => i > 0 && /^一、/.test(l));
  if (heading >= 0) {
    const at = new vscode.Position(Math.min(heading + 1, editor.document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at));
  }
}
