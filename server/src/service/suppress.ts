/**
 * Comments a report writer can leave in a draft to quiet a rule:
 *   <!-- nianbao-disable-next-line row-label -->     or     【nianbao-disable-line】
 * Forms: nianbao-disable / nianbao-enable (a range), nianbao-disable-line, nianbao-disable-next-line,
 * nianbao-disable-file; followed by rule ids (space or comma separated), none meaning every rule.
 */
import type { LineIndex } from './parse';

/**
 * The directive, then its rule ids as one run of id characters and separators (one quantifier, not a
 * repeated group: linear on any text); each id is checked apart.
 */
export const SUPPRESSION = /(?:<!--|【)\s*nianbao-(disable-next-line|disable-line|disable-file|disable|enable)((?:[\s,，][\s,，a-z0-9-]*)?)(?:-->|】)/g;
const RULE_ID = /^[a-z][a-z0-9-]*$/;

interface Directive {
  kind: string;
  rules: string[] | null;
  line: number;
}

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

export function readSuppressions(text: string, lines: LineIndex): Suppressions {
  const directives: Directive[] = [];
  SUPPRESSION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SUPPRESSION.exec(text)) !== null) {
    const ids = m[2].split(/[\s,，]+/).filter(Boolean);
    // As the grammar says: ids only, and a comma is followed by an id (`disable a,` is no directive).
    if (!ids.every(id => RULE_ID.test(id)) || /[,，]$/.test(m[2].trimEnd())) continue;
    directives.push({ kind: m[1], rules: ids.length ? ids : null, line: lines.lineOf(m.index) });
  }
  if (!directives.length) return { isSuppressed: () => false };
  const applies = (d: Directive, id: string) => d.rules === null || d.rules.includes(id);
  const nextContentLine = (line: number) => {
    for (let l = line + 1; l < lines.lineCount; l++) {
      if (text.slice(lines.lineStart(l), lines.lineEnd(l)).trim()) return l;
    }
    return line + 1;
  };
  return {
    isSuppressed(id, line) {
      let disabled = false;
      for (const d of directives) {
        if (!applies(d, id)) continue;
        switch (d.kind) {
          case 'disable-file': return true;
          case 'disable-line': if (d.line === line) return true; break;
          case 'disable-next-line': if (nextContentLine(d.line) === line) return true; break;
          case 'disable': if (d.line <= line) disabled = true; break;
          case 'enable': if (d.line <= line) disabled = false; break;
        }
      }
      return disabled;
    },
  };
}

/** How many characters (spaces removed) on each side of a finding make its context. */
const CONTEXT_CHARS = 12;

/**
 * A finding's context: its own text and a few characters on each side, spaces removed. It names the
 * finding in `.nianbaorc.json` (`ignore`), and survives line shifts and edits elsewhere in the report.
 */
export function findingContext(text: string, range: { start: number; end: number }): string {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  let before = '';
  for (let i = range.start - 1; i >= 0 && before.length < CONTEXT_CHARS; i--) if (!/\s/.test(text[i])) before = text[i] + before;
  let after = '';
  for (let i = range.end; i < text.length && after.length < CONTEXT_CHARS; i++) if (!/\s/.test(text[i])) after += text[i];
  return before + squeeze(text.slice(range.start, range.end)) + after;
}
