/** The Node heap for the server's idle collection (`idleCollection.ts`). */
import { getHeapStatistics } from 'v8';
import type { Heap } from '../idleCollection';

type InspectorSession = { connect(): void; disconnect(): void; post(method: string, callback: (error: Error | null) => void): void };

/**
 * The collection V8 makes for a heap snapshot (the inspector's `HeapProfiler.collectGarbage`, in this
 * process, no port opened): full collections until nothing more is freed, the young generation shrunk
 * and the freed pages returned. Measured on a heap of 220 MB, 215 of it garbage: resident memory 300 →
 * 59 MB, where `gc()` leaves 42 MB of heap committed (the young generation at its largest) and 99 MB
 * resident. Without the inspector (a Node built without it), `gc()` if the process was started with
 * --expose-gc; else none (V8 alone decides).
 */
export function nodeHeap(): Heap | undefined {
  const used = () => getHeapStatistics().used_heap_size;
  const committed = () => getHeapStatistics().total_heap_size;
  try {
    const { Session } = require('node:inspector') as { Session: new () => InspectorSession };
    return {
      used,
      committed,
      collect: () => new Promise<void>(resolve => {
        const session = new Session();
        session.connect();
        session.post('HeapProfiler.collectGarbage', () => {
          // Not inside the callback: disconnected there, the session keeps the process alive (Node 20).
          setImmediate(() => {
            session.disconnect();
            resolve();
          });
        });
      }),
    };
  } catch {
    // No inspector in this build of Node.
  }
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? { used, committed, collect: () => (gc as () => void)() } : undefined;
}
