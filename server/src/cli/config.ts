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

/** The nearest config file in the report's folder or above it; cached per folder. */
export class ConfigFinder {
  private readonly cache = new Map<string, Promise<LoadedConfig>>();

  find(report: string): Promise<LoadedConfig> {
    return this.forDir(path.dirname(path.resolve(report)));
  }

  private forDir(dir: string): Promise<LoadedConfig> {
    let hit = this.cache.get(dir);
    if (!hit) {
      hit = (async () => {
        const candidate = path.join(dir, CONFIG_NAME);
        try {
          await fs.access(candidate);
          return loadConfigFile(candidate);
        } catch {
          const parent = path.dirname(dir);
          return parent === dir ? { config: {}, file: null, errors: [] } : this.forDir(parent);
        }
      })();
      this.cache.set(dir, hit);
    }
    return hit;
  }
}
