/**
 * The task "Nianbao: check workspace": the CLI bundled in the extension (dist/cli.js) run on each
 * folder by the Node that runs the extension host (VS Code's Electron as Node), so nothing has to be
 * installed. Its output goes through the problem matchers `$nianbao`, `$nianbao-warning` and
 * `$nianbao-info` (package.json). Desktop only: VS Code for the web has no processes.
 * In Restricted Mode VS Code itself does not run tasks.
 */
import * as vscode from 'vscode';
import { locale } from './locale';

export const TASK_TYPE = 'nianbao';
export const TASK_NAME = 'check workspace';
/**
 * VS Code reads only English severity words from a line: `$nianbao` takes error/warning/info and
 * 错误; the other two take 警告 and 提示, so that Chinese output keeps its severities.
 */
export const PROBLEM_MATCHERS = ['$nianbao', '$nianbao-warning', '$nianbao-info'];
/** The owner of the markers the matchers set (their `owner` in package.json). */
export const TASK_MARKER_OWNER = 'nianbao-cli';

interface NianbaoTaskDefinition extends vscode.TaskDefinition {
  /** Paths to check, relative to the folder; the whole folder when absent. */
  paths?: string[];
}

export function registerTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const build = (definition: NianbaoTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task => {
    const paths = definition.paths?.length ? definition.paths : ['.'];
    const execution = new vscode.ProcessExecution(process.execPath, [cli, 'check', '--no-color', ...paths], {
      cwd: folder.uri.fsPath,
      // Electron runs as plain Node with this (VS Code's own `code` command does the same).
      env: { ELECTRON_RUN_AS_NODE: '1', NIANBAO_LOCALE: locale() },
    });
    const task = new vscode.Task(definition, folder, TASK_NAME, 'Nianbao', execution, PROBLEM_MATCHERS);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return task;
  };
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? [])
      .filter(f => f.uri.scheme === 'file')
      .map(f => build({ type: TASK_TYPE }, f)),
    resolveTask: task => {
      const folder = task.scope && typeof task.scope === 'object' ? task.scope : undefined;
      return folder && folder.uri.scheme === 'file' ? build(task.definition as NianbaoTaskDefinition, folder) : undefined;
    },
  });
}

/**
 * A report open in the editor is checked by the language server as it is now: what the task found in it
 * when it ran (the same findings, or ones already fixed) would be listed twice, then go stale. So the
 * task's markers of a report open in the report language are removed whenever the task sets them or
 * the editor's own diagnostics of it change. A collection named like the matchers' owner removes them
 * (VS Code keeps markers per owner and resource); it never sets any.
 */
export function dropTaskFindingsOfOpenReports(language: string): vscode.Disposable {
  const task = vscode.languages.createDiagnosticCollection(TASK_MARKER_OWNER);
  let dropping = false;
  const drop = (uris: readonly vscode.Uri[]) => {
    if (dropping) return;
    dropping = true;
    try {
      for (const uri of uris) {
        const key = uri.toString();
        if (!vscode.workspace.textDocuments.some(d => d.languageId === language && d.uri.toString() === key)) continue;
        // The task's markers carry the rule id as a plain string code (the server's link to the rule's page).
        if (vscode.languages.getDiagnostics(uri).some(d => d.source === 'nianbao' && typeof d.code === 'string')) task.delete(uri);
      }
    } finally {
      dropping = false;
    }
  };
  return vscode.Disposable.from(
    task,
    vscode.languages.onDidChangeDiagnostics(e => drop(e.uris)),
    vscode.workspace.onDidOpenTextDocument(d => drop([d.uri])),
  );
}
