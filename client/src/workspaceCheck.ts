/** 「检查工作区中的全部年报」: every report of the workspace, closed ones read from disk. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CheckDocumentsRequest, isAcross } from '../../server/src/protocol';
import { MAX_REPORT_BYTES } from '../../server/src/protocol/names';
import { decodeClosed } from './encoding';
import { readRegularFile } from './files';
import { LANGUAGE, SHOW_PROBLEMS } from './language';
import { t } from './locale';
import { hasReportTitle } from './offer';
import { readReportText, reportTextUri } from './reportText';

/**
 * "Check every report in the workspace": closed reports read from disk, open ones as they are. Saved
 * web pages, Word files and PDFs are read by the server as "Open as report text" reads them, and their
 * findings listed under their report-text URI (a click opens that text).
 * Run again quietly when a setting that changes the findings changes (their language, rules, format),
 * so that what it listed never stays in the old language or the old rules.
 */
export async function checkEveryReport(ensureClient: () => Promise<BaseLanguageClient>, workspaceDiagnostics: vscode.DiagnosticCollection, quiet: boolean): Promise<void> {
  const c = await ensureClient();
  const uris = await vscode.workspace.findFiles('**/*.{nianbao,txt,md}', EXCLUDE, MAX_FILES);
  const openDocs = vscode.workspace.textDocuments.filter(d => d.languageId === LANGUAGE);
  const open = new Set(openDocs.map(d => d.uri.toString()));
  const documents: { uri: string; text: string }[] = [];
  for (const uri of uris) {
    if (open.has(uri.toString())) continue;
    try {
      const text = await decodeClosed(uri, await readRegularFile(uri, MAX_REPORT_BYTES));
      if (/\.nianbao(\.(txt|md))?$/.test(uri.path) || hasReportTitle(text)) documents.push({ uri: uri.toString(), text });
    } catch {
      // An unreadable file (or a FIFO, a device, one too large) is skipped; the others are checked.
    }
  }
  const read = await readClosedDocuments(ensureClient, open);
  documents.push(...read.documents);
  const closed = documents.length;
  // Open reports go too, as they are in the editor: reports are also compared with each other.
  for (const d of openDocs) documents.push({ uri: d.uri.toString(), text: d.getText() });
  const results = await c.sendRequest(CheckDocumentsRequest, { documents });
  workspaceDiagnostics.clear();
  let problems = 0;
  for (const r of results) {
    // Every report counts, the open ones too (what the editor shows for them is this same check).
    problems += r.diagnostics.length;
    // For an open report the language server shows its own findings; only those across reports are added here.
    const shown = open.has(r.uri) ? r.diagnostics.filter(isAcross) : r.diagnostics;
    if (shown.length) workspaceDiagnostics.set(vscode.Uri.parse(r.uri), await c.protocol2CodeConverter.asDiagnostics(shown));
  }
  if (quiet) return;
  await vscode.commands.executeCommand(SHOW_PROBLEMS);
  const more = [
    read.unreadable ? t(
      `${read.unreadable} 个网页、Word 文件或 PDF 无法读取或只读出一部分（可用“以年报文本打开”查看原因）`,
      `${read.unreadable === 1 ? '1 web page, Word file or PDF' : `${read.unreadable} web pages, Word files or PDFs`} could not be read in full (Open as Report Text says why)`,
    ) : '',
  ].filter(Boolean);
  void vscode.window.showInformationMessage(
    t(`已检查 ${closed + open.size} 份报告，发现 ${problems} 个问题`, `Checked ${closed + open.size} reports: ${problems} problem${problems === 1 ? '' : 's'}`)
    + more.map(m => t(`；${m}`, `; ${m}`)).join(''),
  );
}

const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_FILES = 2000;

/**
 * The closed web pages, Word files and PDFs of the workspace that read as reports, as their report text
 * under its report-text URI (the server's reader, as "Open as report text"). One whose text is open
 * is left to the open documents. Files that are not reports are passed over in silence; those that
 * could not be read (or only in part: checked as far as read) are counted. The status bar names the
 * file being read (a PDF takes a second or more).
 */
async function readClosedDocuments(ensureClient: () => Promise<BaseLanguageClient>, open: Set<string>): Promise<{ documents: { uri: string; text: string }[]; unreadable: number }> {
  // File search is case-sensitive: 报告.DOCX is a Word file too.
  const uris = await vscode.workspace.findFiles('**/*.{html,htm,docx,pdf,HTML,HTM,DOCX,PDF,Html,Htm,Docx,Pdf}', EXCLUDE, MAX_FILES);
  const documents: { uri: string; text: string }[] = [];
  let unreadable = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('年报：读取文件', 'Nianbao: reading files') }, async progress => {
    for (const source of uris) {
      const uri = reportTextUri(source).toString();
      if (open.has(uri)) continue;
      progress.report({ message: source.path.slice(source.path.lastIndexOf('/') + 1) });
      try {
        const r = await readReportText(ensureClient, source, t);
        if (!r.text) unreadable++;
        else if (r.report) {
          if (r.problems.length) unreadable++;
          documents.push({ uri, text: r.text });
        }
      } catch {
        unreadable++;
      }
    }
  });
  return { documents, unreadable };
}

