/**
 * Loaded into a server under test with `node --require` (never in the product): on SIGUSR2 it
 * reads the process's memory, collects garbage twice (through the in-process inspector, no flag needed), then writes one line to
 * stderr, `nianbao-memory {"id":…,"rss":…,"heapUsed":…,…,"rssBefore":…,…}` (bytes; `…Before`:
 * before the collection, what the process held as it ran). With NIANBAO_HEAP_DIR set it also
 * writes a heap snapshot there, named in the line (`snapshot`). `id` counts the signals.
 */
'use strict';
const inspector = require('inspector');
const path = require('path');
const v8 = require('v8');

let count = 0;
process.on('SIGUSR2', () => {
  const id = ++count;
  const before = process.memoryUsage();
  const session = new inspector.Session();
  session.connect();
  const gc = () => new Promise(resolve => session.post('HeapProfiler.collectGarbage', () => resolve()));
  void gc().then(gc).then(() => {
    session.disconnect();
    const dir = process.env.NIANBAO_HEAP_DIR;
    const snapshot = dir ? v8.writeHeapSnapshot(path.join(dir, `server-${process.pid}-${id}.heapsnapshot`)) : undefined;
    const m = process.memoryUsage();
    const line = {
      id, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers,
      rssBefore: before.rss, heapUsedBefore: before.heapUsed, heapTotalBefore: before.heapTotal, snapshot,
    };
    process.stderr.write(`nianbao-memory ${JSON.stringify(line)}\n`);
  });
});
