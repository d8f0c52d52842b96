import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { checkReport, acrossSummaries, SET_SUMMARY } from '../server/src/service/check';
import { analyseSet, type SetSummary } from '../server/src/service/across';
import { decodeReport } from '../server/src/protocol/decode';
const dir = process.argv[2];
const files: string[] = [];
for (const d of readdirSync(dir).sort()) for (const f of readdirSync(path.join(dir, d)).sort()) files.push(path.join(dir, d, f));
const members = files.map(f => { const r = checkReport(decodeReport(readFileSync(f)).text, {}); return { id: f, summary: acrossSummaries(r.model, r.recognised)[SET_SUMMARY] as SetSummary }; }).filter(m => m.summary);
console.log('chars', members.reduce((n, m) => n + m.summary.pieces.reduce((k, p) => k + p.text.length, 0), 0), 'members', members.length);
for (let r = 0; r < 3; r++) {
  global.gc?.();
  const before = process.memoryUsage();
  const c0 = process.cpuUsage();
  const t = performance.now();
  const set = analyseSet(members);
  const after = process.memoryUsage();
  const c = process.cpuUsage(c0);
  console.log(`analyseSet ${(performance.now() - t).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms, arrayBuffers +${((after.arrayBuffers - before.arrayBuffers) / 1e6).toFixed(0)} MB heap +${((after.heapUsed - before.heapUsed) / 1e6).toFixed(0)} MB, compared ${set.reuse.compared}`);
}
