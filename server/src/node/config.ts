/** Config files on disk, for the Node server and the CLI: the shared upward search over `file:` URIs. */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { findConfigUpward, type ReadFile } from '../protocol/config';
import { decodeReport } from '../protocol/decode';
import { loadConfig, type FoundConfig } from '../service/config';
import { CONFIG_LIMITS, readRegularFile } from './readFile';

/** A `file:` URI's bytes; `undefined` when nothing is there. Regular files only, capped, with a timeout. */
export const readFileUri: ReadFile = async uri => {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  try {
    return (await readRegularFile(file, CONFIG_LIMITS)).bytes;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
};

/** The config that applies to a report on disk (a path, or a `file:` URI), paths shown as paths. */
export async function configForFile(report: string): Promise<FoundConfig> {
  const uri = report.startsWith('file:') ? report : pathToFileURL(path.resolve(report)).href;
  return loadConfig(await findConfigUpward(uri, readFileUri), fileURLToPath);
}

/** A config file the user names (`--config FILE`). */
export async function loadConfigFile(file: string): Promise<FoundConfig> {
  try {
    return loadConfig({ file, text: decodeReport((await readRegularFile(file, CONFIG_LIMITS)).bytes).text });
  } catch (e) {
    return loadConfig({ file, error: (e as Error).message });
  }
}
