/** The config for each report of a run: the shared upward search (`node/config.ts`), once per folder. */
import * as path from 'path';
import { configForFile } from '../node/config';
import type { FoundConfig } from '../service/config';

export { loadConfigFile } from '../node/config';

export class ConfigFinder {
  private readonly cache = new Map<string, Promise<FoundConfig>>();

  find(report: string): Promise<FoundConfig> {
    const dir = path.dirname(path.resolve(report));
    let hit = this.cache.get(dir);
    if (!hit) {
      hit = configForFile(report);
      this.cache.set(dir, hit);
    }
    return hit;
  }
}
