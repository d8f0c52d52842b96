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
