/**
 * Lightbulb: fix this (its title names the cell), a suggestion (「建议：…」, never preferred), fix all of
 * this rule, fix all, ignore this finding or the rule in this file (in .nianbaorc.json), open its doc.
 * Source actions: fix all (`source.fixAll.nianbao`) and 计算合计 (`source.computeTotals.nianbao`).
 */
import { findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { COMPUTE_TOTALS_KIND, CONFIG_FILE, FIX_ALL_KIND, ServerCommand, type ActionSummaryData } from '../../protocol/names';
import type { IgnoreEntry } from '../config';
import { LineIndex } from '../parse';
import { findingContext } from '../suppress';
import { checkReport } from '../check';
import { compatibleFixes, fixUntilStable } from '../fixes';
import type { Finding, Fix } from '../rules';
import { inLocale, translator } from '../message';
import type { Analysis, FeatureOptions } from './document';
import { computeTotals } from './totals';

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
  // What is left after the certain fixes is for a person: 「已修正 1 处，另有 1 处需要您确认」.
  const left = stable.result.findings.filter(f => f.severity !== 'info').length;
  const data: ActionSummaryData = {
    summary: inLocale(options.locale,
      `已修正 ${n} 处${left ? `，另有 ${left} 处需要您确认` : ''}`,
      `Fixed ${n} problem${n === 1 ? '' : 's'}${left ? `; ${left} more for you to check` : ''}`),
  };
  return {
    title: inLocale(options.locale, `修正本文件全部可自动修正的问题（${n} 处）`, `Fix all auto-fixable problems (${n})`),
    kind,
    edit: { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: stable.edits.map(e => ({ range: a.range(e.range), newText: e.newText })) }] },
    data,
  };
}

/**
 * 「计算合计」: the totals the items determine, written where still blank or 0; never an item. With
 * nothing to write the action is there, disabled, saying why (a client that cannot show that drops it).
 */
export function computeTotalsAction(a: Analysis, options: FeatureOptions): CodeAction {
  const t = translator(options.locale);
  const totals = computeTotals(a.arithmetic(), a.text);
  const summary = totals.summary[options.locale];
  const data: ActionSummaryData = { summary };
  const title = t(`计算合计：${summary}`, `Compute totals: ${summary}`);
  if (!totals.edits.length) return { title: t('计算合计', 'Compute totals'), kind: COMPUTE_TOTALS_KIND, disabled: { reason: summary }, data };
  return {
    title,
    kind: COMPUTE_TOTALS_KIND,
    edit: { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: totals.edits.map(e => ({ range: a.range(e.range), newText: e.newText })) }] },
    data,
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

/** Where the "ignore" quick fixes write: the report's config file (existing, or to be created). */
export interface IgnoreTarget {
  uri: string;
  /** The file's text, or null when it does not exist yet. */
  text: string | null;
  /** The report's path relative to the config file's folder, with `/`. */
  file: string;
}

/** A workspace edit that adds an entry to the config's `ignore` list, keeping its comments and layout. */
function ignoreEdit(target: IgnoreTarget, entry: IgnoreEntry): WorkspaceEdit {
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
  if (target.text === null) {
    const text = JSON.stringify({ ignoreFindings: [entry] }, null, 2) + '\n';
    return {
      documentChanges: [
        { kind: 'create', uri: target.uri, options: { ignoreIfExists: true } },
        { textDocument: { uri: target.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
  }
  const tree = parseTree(target.text);
  const list = tree && findNodeAtLocation(tree, ['ignoreFindings']);
  const edits = list?.type === 'array'
    ? modify(target.text, ['ignoreFindings', -1], entry, { formattingOptions, isArrayInsertion: true })
    : modify(target.text, ['ignoreFindings'], [entry], { formattingOptions });
  const lines = new LineIndex(target.text);
  return {
    documentChanges: [{
      textDocument: { uri: target.uri, version: null },
      edits: edits.map(e => ({ range: { start: lines.position(e.offset), end: lines.position(e.offset + e.length) }, newText: e.content })),
    }],
  };
}

export function codeActions(a: Analysis, range: Range, context: CodeActionContext, options: FeatureOptions, ignore?: IgnoreTarget): CodeAction[] {
  const only = context.only;
  const t = translator(options.locale);
  const out: CodeAction[] = [];
  // Source actions, when asked for by kind (the Source Action menu, on save, the commands).
  if (only && !wants(only, CodeActionKind.QuickFix)) {
    if (wants(only, FIX_ALL_KIND)) {
      const all = fixAllAction(a, options);
      if (all) out.push(all);
    }
    if (wants(only, COMPUTE_TOTALS_KIND) && (a.model.applications || a.model.reviews)) out.push(computeTotalsAction(a, options));
    return out;
  }
  const here = a.findings.filter(f => touches(a, f, range));
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
    // Suggestions: a person chooses one; never preferred, never part of fix-all, and titled as what they are.
    for (const s of f.suggestions ?? []) {
      out.push({ title: t(`建议：${s.title.zh}`, `Suggestion: ${s.title.en}`), kind: CodeActionKind.QuickFix, isPreferred: false, diagnostics: diags, edit: editOf(a, [s]) });
    }
  }
  for (const f of here) {
    if (seenRules.has(f.ruleId)) continue;
    seenRules.add(f.ruleId);
    const sameRule = a.findings.filter(x => x.ruleId === f.ruleId && x.fix);
    if (sameRule.length > 1) {
      out.push({
        title: t(`修正本文件全部“${f.ruleId}”问题（${sameRule.length} 处）`, `Fix all “${f.ruleId}” problems (${sameRule.length})`),
        kind: CodeActionKind.QuickFix,
        edit: editOf(a, sameRule.map(x => x.fix!)),
      });
    }
  }
  const all = fixAllAction(a, options, CodeActionKind.QuickFix);
  if (all && here.length && a.findings.filter(x => x.fix).length > 1) out.push(all);
  for (const id of seenRules) {
    const f = here.find(x => x.ruleId === id)!;
    // Ignoring is written to .nianbaorc.json, never into the report (its text gets published).
    if (ignore) {
      out.push({
        title: t(`忽略此处的“${id}”（记入 ${CONFIG_FILE}）`, `Ignore this “${id}” finding (in ${CONFIG_FILE})`),
        kind: CodeActionKind.QuickFix,
        edit: ignoreEdit(ignore, { rule: id, file: ignore.file, context: findingContext(a.text, f.range) }),
      });
      out.push({
        title: t(`在本文件忽略规则“${id}”（记入 ${CONFIG_FILE}）`, `Ignore “${id}” in this file (in ${CONFIG_FILE})`),
        kind: CodeActionKind.QuickFix,
        edit: ignoreEdit(ignore, { rule: id, file: ignore.file }),
      });
    }
    out.push({
      title: t(`查看规则“${id}”的说明`, `Open the docs of “${id}”`),
      kind: CodeActionKind.QuickFix,
      command: { title: id, command: ServerCommand.openRuleDoc, arguments: [id] },
    });
  }
  return out;
}
