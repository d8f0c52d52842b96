/**
 * A small reader of JavaScript regular expressions for the linearity tests: where the nested
 * quantifiers are (`(a+)+`, `(\s*x)*`: the shapes that backtrack exponentially or polynomially), the
 * characters the pattern can consume and its literal runs (what adversarial inputs are made of).
 * It reads the syntax our sources use; anything it does not know it takes as a literal.
 */

export interface RegexShape {
  /** Each quantified group that contains an unbounded quantifier, as written (`(\s*x)*`). */
  nested: string[];
  /** Characters the pattern can consume: literals, and a few members of each class. */
  alphabet: string[];
  /** Runs of two or more literal characters (`<!--`, `统计期限`). */
  literals: string[];
  /**
   * Beginnings of a text the pattern matches (its first alternatives, each atom once), cut after
   * each atom: `统计期限自2023年1月1日` for the statistics period. What a pump is appended to.
   */
  prefixes: string[];
}

const CLASS_MEMBERS: Record<string, string[]> = {
  s: [' ', '\t', '\n', '\u3000', '\u00a0', '\r'],
  d: ['1', '0'],
  w: ['a', '_'],
  S: ['a', '中', '1'],
  D: ['a', '中', ' '],
  W: [' ', '中', '-'],
};
/** Tried against negated classes and `.`: one of each kind of character a report has. */
const PROBES = ['a', '1', ' ', '\u3000', '中', '。', '，', '|', '-', '#', '*', '\t', '\n', '（', '年', '<', '【', '.'];

interface Frame {
  start: number;
  unbounded: boolean;
  /** Where the group's example text starts, and whether the rest of it is skipped (after `|`). */
  exampleStart: number;
  skipping: boolean;
}

/** `{n}`, `{n,}`, `{n,m}` at `i`: its length and whether it is unbounded (or large), else null. */
function braces(src: string, i: number): { length: number; max: number } | null {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
  if (!m) return null;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, max };
}

function escapeChar(src: string, i: number): { chars: string[]; length: number; literal: string | null } {
  const c = src[i + 1];
  if (c === undefined) return { chars: ['\\'], length: 1, literal: '\\' };
  if (CLASS_MEMBERS[c]) return { chars: CLASS_MEMBERS[c], length: 2, literal: null };
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
    const ch = String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
    return { chars: [ch], length: 6, literal: ch };
  }
  if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) {
    const ch = String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16));
    return { chars: [ch], length: 4, literal: ch };
  }
  if (c === 'b' || c === 'B') return { chars: [], length: 2, literal: null };
  if (/\d/.test(c)) return { chars: [], length: 2, literal: null };
  const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
  const ch = named[c] ?? c;
  return { chars: [ch], length: 2, literal: ch };
}

export function regexShape(source: string, flags = ''): RegexShape {
  const nested: string[] = [];
  const alphabet = new Set<string>();
  const literals: string[] = [];
  const frames: Frame[] = [{ start: -1, unbounded: false, exampleStart: 0, skipping: false }];
  let example = '';
  const cuts: number[] = [];
  const emitting = () => frames.every(f => !f.skipping);
  /** One character the atom consumes, for the example. */
  const emit = (chars: string[]) => {
    if (emitting() && chars.length) example += chars[0];
  };
  let run = '';
  const endRun = () => {
    if ([...run].length >= 2) literals.push(run);
    run = '';
  };
  // The atom just read: where it starts, and (for a group) whether it holds an unbounded quantifier.
  let atom: { start: number; unboundedInside: boolean; literal: string | null; example: number } | null = null;
  const atomDone = () => {
    if (emitting()) cuts.push(example.length);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    // Quantifiers apply to the atom before them.
    const q = c === '*' || c === '+' ? { length: 1, max: Infinity } : c === '?' ? { length: 1, max: 1 } : c === '{' ? braces(source, i) : null;
    if (q && atom) {
      const unbounded = q.max === Infinity;
      if (atom.unboundedInside && (unbounded || q.max >= 10)) nested.push(source.slice(atom.start, i + q.length));
      if (unbounded || atom.unboundedInside) frames[frames.length - 1].unbounded = true;
      // The example takes the atom as often as the quantifier's minimum, and at least once.
      const min = c === '{' ? Number(/^\{(\d+)/.exec(source.slice(i))![1]) : c === '+' ? 1 : 0;
      if (emitting() && min > 1) example += example.slice(atom.example).repeat(min - 1);
      atomDone();
      // A quantified literal ends the run before it (`ab+`: the run is `a`).
      if (atom.literal !== null) {
        run = run.slice(0, run.length - atom.literal.length);
        endRun();
      }
      i += q.length;
      if (source[i] === '?') i++;
      atom = null;
      continue;
    }
    if (c === '\\') {
      const e = escapeChar(source, i);
      e.chars.forEach(ch => alphabet.add(ch));
      if (e.literal !== null) run += e.literal;
      else endRun();
      atom = { start: i, unboundedInside: false, literal: e.literal, example: example.length };
      emit(e.chars);
      atomDone();
      i += e.length;
      continue;
    }
    if (c === '[') {
      endRun();
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      const members: string[] = [];
      while (j < source.length && source[j] !== ']') {
        if (source[j] === '\\') {
          const e = escapeChar(source, j);
          members.push(...e.chars);
          j += e.length;
        } else {
          members.push(source[j]);
          j++;
        }
      }
      const cls = source.slice(i, j + 1);
      const exampleAt = example.length;
      if (negated) {
        let re: RegExp | null = null;
        try {
          re = new RegExp(cls, flags.replace(/[gy]/g, ''));
        } catch {
          re = null;
        }
        const accepted = PROBES.filter(p => re?.test(p));
        accepted.forEach(p => alphabet.add(p));
        emit(accepted);
      } else {
        const listed = members.filter(m => m !== '-');
        listed.forEach(m => alphabet.add(m));
        emit(listed);
      }
      atom = { start: i, unboundedInside: false, literal: null, example: exampleAt };
      atomDone();
      i = j + 1;
      continue;
    }
    if (c === '(') {
      endRun();
      const lookaround = /^\?(?:=|!|<=|<!)/.test(source.slice(i + 1));
      // A lookaround consumes nothing: the example skips it.
      frames.push({ start: i, unbounded: false, exampleStart: example.length, skipping: lookaround });
      i++;
      if (source[i] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i));
        i += m ? m[0].length : 1;
      }
      atom = null;
      continue;
    }
    if (c === ')') {
      endRun();
      const frame = frames.length > 1 ? frames.pop()! : frames[0];
      atom = { start: frame.start, unboundedInside: frame.unbounded, literal: null, example: frame.exampleStart };
      atomDone();
      if (frame.unbounded) frames[frames.length - 1].unbounded = true;
      i++;
      continue;
    }
    if (c === '|' || c === '^' || c === '$') {
      endRun();
      // The example follows the first alternative only.
      if (c === '|') frames[frames.length - 1].skipping = true;
      atom = null;
      i++;
      continue;
    }
    if (c === '.') {
      endRun();
      PROBES.filter(p => p !== '\n').forEach(p => alphabet.add(p));
      atom = { start: i, unboundedInside: false, literal: null, example: example.length };
      emit(['a']);
      atomDone();
      i++;
      continue;
    }
    // A literal character (a surrogate pair stays whole).
    const ch = String.fromCodePoint(source.codePointAt(i)!);
    alphabet.add(ch);
    run += ch;
    atom = { start: i, unboundedInside: false, literal: ch, example: example.length };
    emit([ch]);
    atomDone();
    i += ch.length;
  }
  endRun();
  const prefixes = [...new Set(cuts.map(n => example.slice(0, n)))].filter(p => p.length > 0);
  return { nested, alphabet: [...alphabet], literals: [...new Set(literals)], prefixes };
}
