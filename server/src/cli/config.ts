/** Finding `.nianbaorc.json` upward from a report, reading and validating it. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { validateConfig, type NianbaoConfig } from '../service/config';

export const CONFIG_NAME = '.nianbaorc.json';

export interface LoadedConfig {
  config: NianbaoConfig;
  file: string | null;
  errors: string[];
}

export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    return { config: {}, file, errors: [`${file}: ${(e as Error).message}`] };
  }
  const { config, errors } = validateConfig(json);
  return { config, file, errors: errors.map(e => `${file}: ${e}`) };
}

/** The nearest `.nianbaorc.json` in a folder or above it. */
export async function findConfigFile(dir: string): Promise<string | null> {
  for (;;) {
    const candidate = path.join(dir, CONFIG_NAME);
    try {
      await fs.access(candidate);
      return candidate;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }
}

/** The config that applies to a report: the nearest file's, or none. */
export async function configFor(report: string): Promise<LoadedConfig> {
  const file = await findConfigFile(path.dirname(path.resolve(report)));
  return file ? loadConfigFile(file) : { config: {}, file: null, errors: [] };
}

/** configFor, cached per folder for a run over many reports. */
export class ConfigFinder {
  private readonly cache = new Map<string, Promise<LoadedConfig>>();

  find(report: string): Promise<LoadedConfig> {
    const dir = path.dirname(path.resolve(report));
    let hit = this.cache.get(dir);
    if (!hit) {
      hit = configFor(report);
      this.cache.set(dir, hit);
    }
    return hit;
  }
}
