/** Reading files from the client: a regular file of bounded size, and the config file the web server asks for. */
import * as vscode from 'vscode';
import { findConfigUpward, type ConfigFile } from '../../server/src/protocol';
import { MAX_CONFIG_BYTES } from '../../server/src/protocol/names';
import { t } from './locale';

/**
 * A file's bytes, if it is a regular file no larger than `max`: a FIFO or a link to /dev/zero named
 * like a report or a config file must not hang the editor or fill its memory.
 */
export async function readRegularFile(uri: vscode.Uri, max: number): Promise<Uint8Array> {
  const st = await vscode.workspace.fs.stat(uri);
  if ((st.type & vscode.FileType.File) === 0) throw new Error(t('不是普通文件', 'not a regular file'));
  if (st.size > max) throw new Error(t(`文件过大（上限 ${max / 1024 / 1024} MB）`, `too large (limit ${max / 1024 / 1024} MB)`));
  return vscode.workspace.fs.readFile(uri);
}

/**
 * The web server cannot read files: it asks the client, which searches upward from the report
 * like the CLI and the Node server do, and sends the file's text for the server to validate.
 */
export function findConfig(uri: string): Promise<ConfigFile | null> {
  return findConfigUpward(uri, async candidate => {
    try {
      return await readRegularFile(vscode.Uri.parse(candidate), MAX_CONFIG_BYTES);
    } catch (e) {
      // No such file (or no such folder, or a file system that cannot say): look further up.
      if (e instanceof vscode.FileSystemError) return undefined;
      throw e;
    }
  });
}
