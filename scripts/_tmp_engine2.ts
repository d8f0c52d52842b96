import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { checkReport } from '../server/src/service/check';
import { decodeReport } from '../server/src/protocol/decode';
const dir = process.argv[2];
const files: string[] = [];
for (const d of readdirSync(dir).sort()) for (const f of readdirSync(path.join(dir, d)).sort()) files.push(path.join(dir, d, f));
const texts = files.map(f => decodeReport(readFileSync(f)).text);
for (let r = 0; r < 5; r++) {
  const c0 = process.cpuUsage();
  let t = performance.now();
  let n = 0;
  for (const x of texts) n += checkReport(x, {}).findings.length;
  const a = performance.now() - t;
  const c = process.cpuUsage(c0);
  console.log(`check ${a.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms cpu, ${n}`);
}
