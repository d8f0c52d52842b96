/**
 * The server gives back the garbage of big analyses once it is idle (issue 24): V8 collects its old
 * generation only when allocation reaches a limit it raised for the big analysis, so a server left
 * alone after one keeps that garbage. `IdleCollection` collects once after `IDLE_MS` without a
 * message, when the heap holds much more than the last collection kept; a message in between
 * postpones it. Timers and heap are stand-ins here; the soak test prints the real figures.
 */
import * as assert from 'assert';
import { IDLE_MS, IdleCollection, worthCollecting, type Heap } from '../../server/src/idleCollection';

const MB = 1024 * 1024;

function setup(heap: { used: number; committed: number; afterCollect: { used: number; committed: number } }) {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const runtime = {
    setTimeout: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn, id: ++nextId };
      timers.push(t);
      return t.id;
    },
    clearTimeout: (id: unknown) => {
      const i = timers.findIndex(t => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  let collections = 0;
  const h: Heap = {
    used: () => heap.used,
    committed: () => heap.committed,
    collect: () => {
      collections++;
      heap.used = heap.afterCollect.used;
      heap.committed = heap.afterCollect.committed;
    },
  };
  const logged: string[] = [];
  const idle = new IdleCollection(h, runtime, m => logged.push(m));
  /** Lets `ms` pass, running the timers that fall due. */
  const pass = async (ms: number) => {
    now += ms;
    for (let t = timers.find(x => x.at <= now); t; t = timers.find(x => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
      await Promise.resolve();
    }
  };
  return { idle, pass, heap, collections: () => collections, logged };
}

describe('idle collection: the garbage of big analyses given back once the server is idle', () => {
  it('collects once, IDLE_MS after the last message, when the heap holds much garbage; says so in the log', async () => {
    const s = setup({ used: 10 * MB, committed: 12 * MB, afterCollect: { used: 15 * MB, committed: 17 * MB } });
    // A big analysis: 200 MB of heap, most of it garbage.
    s.heap.used = 200 * MB;
    s.heap.committed = 230 * MB;
    s.idle.touch();
    await s.pass(IDLE_MS - 1);
    assert.strictEqual(s.collections(), 0);
    await s.pass(1);
    assert.strictEqual(s.collections(), 1);
    assert.match(s.logged[0], /^memory: idle, heap 200 MB used of 230 MB collected to 15 of 17 MB/);
    // Idle on: no second collection.
    await s.pass(10 * IDLE_MS);
    assert.strictEqual(s.collections(), 1);
  });

  it('waits while messages keep coming (typing): each one starts the quiet time again', async () => {
    const s = setup({ used: 10 * MB, committed: 12 * MB, afterCollect: { used: 15 * MB, committed: 17 * MB } });
    s.heap.used = 200 * MB;
    s.heap.committed = 230 * MB;
    for (let i = 0; i < 20; i++) {
      s.idle.touch();
      await s.pass(IDLE_MS / 2);
    }
    assert.strictEqual(s.collections(), 0);
    await s.pass(IDLE_MS);
    assert.strictEqual(s.collections(), 1);
  });

  it('leaves a heap with little garbage to V8: no collection after small edits', async () => {
    const s = setup({ used: 10 * MB, committed: 12 * MB, afterCollect: { used: 10 * MB, committed: 12 * MB } });
    s.heap.used = 30 * MB;
    s.heap.committed = 40 * MB;
    s.idle.touch();
    await s.pass(2 * IDLE_MS);
    assert.strictEqual(s.collections(), 0);
  });

  it('worth collecting: more than twice what the last collection kept, and at least 32 MB of garbage and room', () => {
    assert.strictEqual(worthCollecting(40 * MB, 10 * MB), false);
    assert.strictEqual(worthCollecting(43 * MB, 10 * MB), true);
    assert.strictEqual(worthCollecting(150 * MB, 100 * MB), false);
    assert.strictEqual(worthCollecting(201 * MB, 100 * MB), true);
  });
});
