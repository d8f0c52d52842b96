/**
 * Soak: long random sequences of edits and abuse against the real server (dist/server.js over stdio),
 * push and pull. Only with NIANBAO_SOAK=1 (minutes of work); NIANBAO_SOAK_OPS sets the operations
 * per server (default 1000, some minutes each), NIANBAO_SOAK_SEED replays a run.
 *
 * Operations: incremental edits (absurd positions and split surrogate pairs included), garbage,
 * huge pastes (past nianbao.maxFileSize too), deletions, reused and falling version numbers, pulls
 * cancelled at once or later, every feature request at random positions, settings changes (valid and
 * not), open/close, workspace checks, unknown methods.
 * Checked: the server never dies nor leaves a request unanswered (30 s); no handler fails (logged
 * errors); every range is inside its document; at checkpoints each document's diagnostics are those a
 * fresh language service gives for the same text and settings.
 * Printed (not asserted): the server's RSS and heap used at the start and at each checkpoint, once it
 * has been idle a moment (as a user who stops typing leaves it) and after a full collection (what it
 * keeps), and those of a fresh server given the same open documents at the end.
 * NIANBAO_SOAK_HEAP_DIR=<folder> writes a heap snapshot at each of those points;
 * NIANBAO_SOAK_SERVER=<file> runs another build of the server (to compare before and after a change).
 * The run itself is test/helpers/soak.ts (`npm run bench` prints its memory figures too).
 */
import * as assert from 'assert';
import { soak, soakReport } from '../helpers/soak';

const SOAK = process.env.NIANBAO_SOAK === '1';
const OPS = Number(process.env.NIANBAO_SOAK_OPS ?? 1000);
const SEED = Number(process.env.NIANBAO_SOAK_SEED ?? Date.now() % 1_000_000);
const HEAP_DIR = process.env.NIANBAO_SOAK_HEAP_DIR;
const SERVER = process.env.NIANBAO_SOAK_SERVER || undefined;

(SOAK ? describe : describe.skip)('soak (NIANBAO_SOAK=1): random edits and abuse against the server', function () {
  this.timeout(0);

  for (const pull of [false, true]) {
    it(`${pull ? 'pull' : 'push'}: ${OPS} operations, seed ${SEED + (pull ? 1 : 0)}`, async () => {
      const started = Date.now();
      const seed = SEED + (pull ? 1 : 0);
      const result = await soak(pull, seed, { ops: OPS, server: SERVER, heapDir: HEAP_DIR });
      for (const line of soakReport(pull, seed, OPS, Math.round((Date.now() - started) / 1000), result)) console.log(`      ${line}`);
      assert.deepStrictEqual([...result.problems], []);
      assert.ok(result.memory.peak < 1500, `peak ${result.memory.peak} MB`);
    });
  }
});
