/**
 * GBK / GB18030 reports in the editor. VS Code opens a file as UTF-8 unless told otherwise: a GBK
 * report then shows as replacement characters (mojibake), and nothing says why. Three parts:
 * `files.autoGuessEncoding` is on for the nianbao language (package.json, configurationDefaults);
 * a plain-text report that opened as mojibake is offered "Reopen with GB18030"; the workspace check
 * reads closed files as the editor would open them (`workspace.decode`).
 */
import * as vscode from 'vscode';
import { decodeReport } from '../../server/src/protocol';
import { t } from './locale';

export const REOPEN_COMMAND = 'nianbao.reopenWithGb18030';
/** VS Code's name of the encoding. */
const GB18030 = 'gb18030';
const REPLACEMENT = '\uFFFD';

/** Text decoded with the wrong encoding: replacement characters, several of them or many for its size. */
export function looksMisdecoded(text: string): boolean {
  let n = 0;
  for (const ch of text) if (ch === REPLACEMENT) n++;
  return n >= 8 || (n > 0 && n * 100 >= text.length);
}

/** The file's bytes read as GB18030, when every byte is valid there; null otherwise. */
function asGb18030(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(GB18030, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Offer to reopen a document that opened as mojibake, when its bytes read cleanly as GB18030 and
 * then look like a report (`isReport`): files that are not reports are none of our business.
 */
export async function offerReopen(doc: vscode.TextDocument, isReport: (text: string) => boolean): Promise<void> {
  if (doc.isUntitled || doc.encoding === GB18030 || doc.encoding === 'gbk' || !looksMisdecoded(doc.getText())) return;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(doc.uri);
  } catch {
    return;
  }
  const text = asGb18030(bytes);
  if (text === null || !isReport(text)) return;
  const reopen = t('用 GB18030 重新打开', 'Reopen with GB18030');
  const pick = await vscode.window.showWarningMessage(
    t(`“${basename(doc.uri)}”按 ${doc.encoding} 打开后是乱码；它像是 GBK/GB18030 编码的年报。`, `“${basename(doc.uri)}” shows garbled text as ${doc.encoding}; it looks like a report saved in GBK/GB18030.`),
    reopen,
  );
  // Through the command: it also offers the language once the text reads right.
  if (pick === reopen) await vscode.commands.executeCommand(REOPEN_COMMAND, doc.uri);
}

/** Reopen a file with the GB18030 encoding (which includes GBK) and show it. */
export async function reopenWithGb18030(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return undefined;
  const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === target.toString());
  if (doc?.isDirty) {
    void vscode.window.showWarningMessage(t('请先保存或撤销修改，再重新打开', 'Save or revert the changes first, then reopen'));
    return undefined;
  }
  const reopened = await vscode.workspace.openTextDocument(target, { encoding: GB18030 });
  await vscode.window.showTextDocument(reopened);
  await decodedAgain(reopened);
  return reopened;
}

/** The reopened text reaches the extension host as a change event, after `openTextDocument` resolves. */
function decodedAgain(doc: vscode.TextDocument, timeoutMs = 5000): Promise<void> {
  return new Promise(resolve => {
    if (!looksMisdecoded(doc.getText())) return resolve();
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
      resolve();
    };
    const sub = vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document === doc && !looksMisdecoded(doc.getText())) done();
    });
    const timer = setTimeout(done, timeoutMs);
  });
}

/**
 * A closed report's text as the editor would show it: `workspace.decode` honours `files.encoding`
 * (per folder or language) and byte order marks. Where that gives replacement characters (a GBK
 * file under the UTF-8 default), the shared decoder's GB18030 reading is used, as the CLI does.
 */
export async function decodeClosed(uri: vscode.Uri, bytes: Uint8Array): Promise<string> {
  const own = decodeReport(bytes);
  let editor: string | null = null;
  try {
    editor = await vscode.workspace.decode(bytes, { uri });
  } catch {
    // Binary content: workspace.decode refuses it. The shared decoder reads anything.
  }
  if (editor !== null && !editor.includes(REPLACEMENT)) return editor;
  return own.text;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
