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
import type { OffsetRange, Section } from './model';
import { copySections, sectionsAfterEdit } from './sections';
import { ownText, readSource, readSourceAfterEdit, type Line, type LineEdit, type SourceText } from './text';

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

/** A reader's state kept for the next parse: read with the region at `base`, the region at `at` in the last parse. */
interface KeptState {
  state: unknown;
  base: number;
  at: number;
}

export class RegionMemo {
  private last = new Map<string, Entry>();
  private next = new Map<string, Entry>();
  /** Regions read again / taken from the last parse (for the bench and tests). */
  readonly counts = { read: 0, reused: 0 };
  /**
   * The last parse's source and sections, as found (before the parse cut them around the tables). The
   * source is that parse's text, which the editor's analysis holds anyway.
   */
  private lastSource: { src: SourceText; found: Section[] } | null = null;
  private nextSource: { src: SourceText; found: Section[] } | null = null;
  /** The edit from the last parse's source to this one's, when only one line changed. */
  private edit: LineEdit | null = null;
  /** Sources read whole / read again on the edited line only; sections found / moved; tables patched (for the bench and tests). */
  readonly lineCounts = { whole: 0, oneLine: 0, sectionsFound: 0, sectionsMoved: 0, tablesPatched: 0 };
  /** What a table reader kept of the last parse to patch after an edit of one number (parse/index.ts `readApplications`), by region. */
  private lastStates = new Map<string, KeptState>();
  private nextStates = new Map<string, KeptState>();

  /** The edit since the last parse when it changed one line, with that line as it was (`readSourceAfterEdit`). */
  lineEdit(): { edit: LineEdit; before: Line } | null {
    return this.edit && this.lastSource ? { edit: this.edit, before: this.lastSource.src.lines[this.edit.line] } : null;
  }

  /**
   * What the reader of region `name` kept at the last parse: its state as read, and how far the region had
   * moved since (it may have been taken from the memo at later parses, moved, without being read).
   */
  tableState<S>(name: string): { state: S; moved: number } | undefined {
    const kept = this.lastStates.get(name) as KeptState | undefined;
    return kept && { state: kept.state as S, moved: kept.at - kept.base };
  }

  private lastNormal = new Map<string, { text: string; norm: string }>();
  private nextNormal = new Map<string, { text: string; norm: string }>();

  /** `normalize(text)` for the text of region `name`, the last parse's when its text is the same (its own copy of the text kept, not a slice). */
  normalized(name: string, text: string, normalize: (text: string) => string): string {
    const last = this.lastNormal.get(name);
    const entry = last && last.text === text ? last : { text: ownText(text), norm: normalize(text) };
    this.nextNormal.set(name, entry);
    return entry.norm;
  }

  /** Keep what the reader of region `name`, at `start`, read at this parse, for the next. */
  keepTableState(name: string, start: number, state: unknown): void {
    this.nextStates.set(name, { state, base: start, at: start });
  }

  /** The source of `text`: from the last parse's when an edit changed one line only (`readSourceAfterEdit`), else read whole. */
  source(text: string): SourceText {
    const after = this.lastSource ? readSourceAfterEdit(text, this.lastSource.src) : null;
    this.edit = after?.edit ?? null;
    if (after) this.lineCounts.oneLine++;
    else this.lineCounts.whole++;
    const src = after?.src ?? readSource(text);
    this.nextSource = { src, found: [] };
    return src;
  }

  /** The sections of `src` (the source `source` gave): the last parse's, moved, when the edited line cannot change them (`sectionsAfterEdit`). */
  sections(src: SourceText, find: () => Section[]): Section[] {
    const last = this.lastSource;
    const moved = this.edit && last ? sectionsAfterEdit(last.found, last.src, src, this.edit) : null;
    if (moved) this.lineCounts.sectionsMoved++;
    else this.lineCounts.sectionsFound++;
    const found = moved ?? find();
    // As found: the parse goes on to change them (their ends, their subsections).
    if (this.nextSource?.src === src) this.nextSource.found = copySections(found);
    return found;
  }

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
        // What its reader kept goes on to the next parse too, where the region now is.
        const state = this.lastStates.get(name) as KeptState | undefined;
        if (state) this.nextStates.set(name, { ...state, at: range.start });
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
    this.lastSource = this.nextSource;
    this.nextSource = null;
    this.edit = null;
    this.lastStates = this.nextStates;
    this.nextStates = new Map();
    this.lastNormal = this.nextNormal;
    this.nextNormal = new Map();
  }

  /** A parse that failed: nothing of it is kept. */
  discard(): void {
    this.next = new Map();
    this.nextSource = null;
    this.edit = null;
    this.nextStates = new Map();
    this.nextNormal = new Map();
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

/** What `copy` returns for a reading it cannot move: the memo does not keep it. */
const UNCOPYABLE = Symbol('uncopyable');

function copy(value: unknown, delta: number, seen: Map<object, unknown>, owned: boolean): unknown {
  if (typeof value === 'string') return owned ? ownText(value) : value;
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
