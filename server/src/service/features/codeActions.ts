/** Lightbulb: fix this, fix all of this rule, fix all, turn the rule off for the line or file, open its doc. */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../protocol/names';
import { checkReport } from '../check';
import { compatibleFixes, fixUntilStable } from '../fixes';
import type { Finding, Fix } from '../rules';
import type { Analysis, FeatureOptions } from './document';

export const OPEN_RULE_DOC = 'nianbao.openRuleDoc';

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some(o => kind === o || kind.startsWith(o + '.'));
}

function editOf(a: Analysis, fixes: Fix[]): CodeAction['edit'] {
  const edits: TextEdit[] = compatibleFixes(fixes).applied.flatMap(f => f.edits.map(e => ({ range: a.range(e.range), newText: e.newText })));
  return { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits }] };
}

const fixesOf = (r: { findings: Finding[] }): Fix[] => r.findings.flatMap(f => (f.fix ? [f.fix] : []));

/** Fix all: the same rounds as the CLI's `--fix`, as one edit against the text the editor has. */
export function fixAllAction(a: Analysis, options: FeatureOptions, kind: string = FIX_ALL_KIND): CodeAction | null {
  if (!fixesOf(a).length) return null;
  const stable = fixUntilStable(a.text, text => checkReport(text, a.config), fixesOf, undefined, a);
  if (!stable.edits.length) return null;
  const n = stable.fixed;
  return {
    title: options.locale === 'en' ? `Fix all auto-fixable problems (${n})` : `修正本文件全部可自动修正的问题（${n} 处）`,
    kind,
    edit: { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: stable.edits.map(e => ({ range: a.range(e.range), newText: e.newText })) }] },
  };
}

function touches(a: Analysis, f: Finding, range: Range): boolean {
  const start = a.offset(range.start);
  const end = a.offset(range.end);
  return f.range.start <= end && start <= f.range.end;
}

function matching(a: Analysis, f: Finding, diagnostics: Diagnostic[]): Diagnostic[] {
  const r = a.range(f.range);
  return diagnostics.filter(d => d.code === f.ruleId && d.range.start.line === r.start.line && d.range.start.character === r.start.character);
}

export function codeActions(a: Analysis, range: Range, context: CodeActionContext, options: FeatureOptions): CodeAction[] {
  const only = context.only;
  const en = options.locale === 'en';
  const out: CodeAction[] = [];
  if (only && only.some(o => FIX_ALL_KIND.startsWith(o)) && !wants(only, CodeActionKind.QuickFix)) {
    const all = fixAllAction(a, options);
    return all ? [all] : [];
  }
  if (!wants(only, CodeActionKind.QuickFix)) return out;
  const here = a.findings.filter(f => touches(a, f, range));
  const eol = a.text.includes('\r\n') ? '\r\n' : '\n';
  const seenRules = new Set<string>();
  for (const f of here) {
    const diags = matching(a, f, context.diagnostics);
    if (f.fix) {
      out.push({
        title: f.fix.title[options.locale],
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: diags,
        edit: editOf(a, [f.fix]),
      });
    }
    // Suggestions: a person chooses one; never preferred, never part of fix-all.
    for (const s of f.suggestions ?? []) {
      out.push({ title: s.title[options.locale], kind: CodeActionKind.QuickFix, diagnostics: diags, edit: editOf(a, [s]) });
    }
  }
  for (const f of here) {
    if (seenRules.has(f.ruleId)) continue;
    seenRules.add(f.ruleId);
    const sameRule = a.findings.filter(x => x.ruleId === f.ruleId && x.fix);
    if (sameRule.length > 1) {
      out.push({
        title: en ? `Fix all “${f.ruleId}” problems (${sameRule.length})` : `修正本文件全部“${f.ruleId}”问题（${sameRule.length} 处）`,
        kind: CodeActionKind.QuickFix,
        edit: editOf(a, sameRule.map(x => x.fix!)),
      });
    }
  }
  const all = fixAllAction(a, options, CodeActionKind.QuickFix);
  if (all && here.length && a.findings.filter(x => x.fix).length > 1) out.push(all);
  for (const id of seenRules) {
    const f = here.find(x => x.ruleId === id)!;
    const line = a.lines.lineOf(f.range.start);
    const lineStart = a.lines.lineStart(line);
    out.push({
      title: en ? `Turn off “${id}” for this line` : `在此行关闭规则“${id}”`,
      kind: CodeActionKind.QuickFix,
      edit: { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: [{ range: a.range({ start: lineStart, end: lineStart }), newText: `【nianbao-disable-next-line ${id}】${eol}` }] }] },
    });
    out.push({
      title: en ? `Turn off “${id}” for this file` : `在本文件关闭规则“${id}”`,
      kind: CodeActionKind.QuickFix,
      edit: { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: [{ range: a.range({ start: 0, end: 0 }), newText: `【nianbao-disable-file ${id}】${eol}` }] }] },
    });
    out.push({
      title: en ? `Open the docs of “${id}”` : `查看规则“${id}”的说明`,
      kind: CodeActionKind.QuickFix,
      command: { title: id, command: OPEN_RULE_DOC, arguments: [id] },
    });
  }
  return out;
}
