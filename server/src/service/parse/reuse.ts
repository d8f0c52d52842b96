/**
 * What the editor's next parse of a document may take from its last one (issue 21): a table region
 * whose text did not change is not read again. Its reading is reused, moved by how far the edit moved it.
 *
 * Why that equals reading it again: a region's reader (`readApplications`, `readReviews`, the 二 reading)
 * sees only the lines of its region — their cleaned text, their `blanked` flags, their offsets and line
 * numbers — and uses offsets only to point into the text or to compare them with each other. So the
 * same lines at another offset read as the same tables at that offset. The key is exactly what the
 * reader sees (the region's cleaned text and its blanked lines); the result's offsets are every numeric
 * `start` and `end` in it (ranges, digits, runs), which is how the model writes offsets.
 * `test/unit/incremental.test.ts` compares a parse with reuse and a fresh one after random edits.
 *
 * Bounded: it keeps the regions of the last parse only, and the caller drops it with the document.
 */
import type { OffsetRange } from './model';
import type { SourceText } from './text';

interface Entry {
  key: string;
  /** Where the region started when it was read. */
  base: number;
  /** The reading, as read. */
  value: unknown;
  /**
   * Whether its strings are its own: a reading just made may hold slices of the text it was read from,
   * which is the text being parsed; once reused, under a newer text, it is copied with strings of its own,
   * so the memo never keeps an older text alive.
   */
  owned: boolean;
}

export class RegionMemo {
  private last = new Map<string, Entry>();
  private next = new Map<string, Entry>();
  /** Regions read again / taken from the last parse (for the bench and tests). */
  readonly counts = { read: 0, reused: 0 };

  /**
   * The reading of `range` in `src` under `name`: the last parse's when the region is the same, else `read()`.
   * The model never changes a reading once the parse is done (the incremental test freezes them and runs
   * every rule and feature), so a reading at the same place is given as it is, and one that moved is a
   * moved copy. `mutable`: the parse itself still changes this reading after `read()` (the 二 tables are
   * trimmed to the format's widths): it is kept as a copy taken before, and each use is a copy.
   */
  region<T>(name: string, src: SourceText, range: OffsetRange, read: () => T, mutable = false): T {
    const key = regionKey(src, range);
    const old = this.last.get(name);
    if (old && old.key === key) {
      const value = old.owned ? old.value : copy(old.value, 0, new Map(), true);
      if (value !== UNCOPYABLE) {
        this.counts.reused++;
        // Kept where it was read, under the new text's key: no older text kept.
        this.next.set(name, { key, base: old.base, value, owned: true });
        const delta = range.start - old.base;
        return (delta === 0 && !mutable ? value : shifted(value, delta)) as T;
      }
    }
    this.counts.read++;
    const value = read();
    const kept = mutable ? copy(value, 0, new Map(), true) : value;
    // A reading with something the copy cannot move (a typed array of offsets) is not kept: read again next time.
    if (kept !== UNCOPYABLE) this.next.set(name, { key, base: range.start, value: kept, owned: mutable });
    return value;
  }

  /** The parse is done: what it read is what the next one may reuse, and nothing older. */
  settle(): void {
    this.last = this.next;
    this.next = new Map();
  }

  /** A parse that failed: nothing of it is kept. */
  discard(): void {
    this.next = new Map();
  }
}

/** What a reader sees of a region: its cleaned text, and which of its lines were blanked (footers). */
function regionKey(src: SourceText, range: OffsetRange): string {
  let blanked = '';
  for (const l of src.lines) {
    if (l.end < range.start) continue;
    if (l.start >= range.end) break;
    if (l.blanked) blanked += `${l.start - range.start},`;
  }
  // A slice of the text being parsed: the memo keeps the regions of the last parse only, so no older text.
  return `${blanked}|${src.clean.slice(range.start, range.end)}`;
}

/**
 * A deep copy with every numeric `start` and `end` moved by `delta`. Shared objects stay shared (a row
 * in a table and as a key of the glued runs' map is one row in the copy too).
 */
export function shifted<T>(value: T, delta: number): T {
  return copy(value, delta, new Map(), false) as T;
}

/**
 * A string with its own characters. A label or a cell's text read from the document may be a slice of
 * the whole text, which it keeps alive: the memo holds readings over many edits, and must not hold the
 * text each was read from.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** What `copy` returns for a reading it cannot move: the memo does not keep it. */
const UNCOPYABLE = Symbol('uncopyable');

function copy(value: unknown, delta: number, seen: Map<object, unknown>, owned: boolean): unknown {
  if (typeof value === 'string') return owned ? own(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof Set) return UNCOPYABLE;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) if ((out[i] = copy(value[i], delta, seen, owned)) === UNCOPYABLE) return UNCOPYABLE;
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) {
      const [a, b] = [copy(k, delta, seen, owned), copy(v, delta, seen, owned)];
      if (a === UNCOPYABLE || b === UNCOPYABLE) return UNCOPYABLE;
      out.set(a, b);
    }
    return out;
  }
  const from = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const k in from) {
    if (!Object.prototype.hasOwnProperty.call(from, k)) continue;
    const v = from[k];
    if (typeof v === 'number') out[k] = k === 'start' || k === 'end' ? v + delta : v;
    else if ((out[k] = v !== null && (typeof v === 'object' || owned) ? copy(v, delta, seen, owned) : v) === UNCOPYABLE) return UNCOPYABLE;
  }
  return out;
}
