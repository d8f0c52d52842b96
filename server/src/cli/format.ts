/** Output formats of `nianbao check`: text for people, JSON for tools, SARIF 2.1.0 for CI. */
import { createColors } from 'picocolors';
import { LineIndex } from '../service/parse';
import { RULES, docsPath, type Finding, type Locale, type Severity } from '../service/rules';

export interface FileReport {
  file: string;
  text: string;
  encoding: string;
  template: string | null;
  findings: Finding[];
  fixed: number;
}

export interface RunSummary {
  files: FileReport[];
  /** Files that could not be read, folders (`folder`) that could not be listed, or (`writing`) files whose fixes could not be written back. */
  errors: { file: string; message: string; writing?: true; folder?: true }[];
}

const SEVERITY_TEXT: Record<Locale, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based lines and columns; columns count UTF-16 code units. */
export function position(index: LineIndex, range: { start: number; end: number }): Position {
  const a = index.position(range.start);
  const b = index.position(range.end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function formatText(run: RunSummary, locale: Locale, color: boolean): string {
  const c = createColors(color);
  const sevColor: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  let out = '';
  for (const f of run.files) {
    const index = new LineIndex(f.text);
    for (const x of f.findings) {
      const p = position(index, x.range);
      const sev = SEVERITY_TEXT[locale][x.severity];
      out += `${f.file}:${p.line}:${p.column}  ${sevColor[x.severity](sev)}  ${x.message[locale]}  ${c.dim(`[${x.ruleId}]`)}\n`;
    }
  }
  for (const e of run.errors) {
    const what = e.writing ? (locale === 'zh' ? '无法写回' : 'cannot write') : e.folder ? (locale === 'zh' ? '无法读取文件夹' : 'cannot read folder') : locale === 'zh' ? '无法读取' : 'cannot read';
    out += `${e.file}  ${c.red(what)}  ${e.message}\n`;
  }
  const all = run.files.flatMap(f => f.findings);
  const n = counts(all);
  const folders = run.errors.filter(e => e.folder).length;
  const unreadable = run.errors.filter(e => !e.writing && !e.folder).length;
  const unwritten = run.errors.filter(e => e.writing).length;
  // Nothing found is not "all is well" when something could not be read or written.
  const clean = run.errors.length ? '⚠' : '✔';
  const fixed = run.files.reduce((sum, f) => sum + f.fixed, 0);
  const files = run.files.length;
  if (locale === 'zh') {
    out += all.length
      ? `\n✖ ${all.length} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 条提示），共检查 ${files} 个文件`
      : `\n${clean} 共检查 ${files} 个文件，没有发现问题`;
    if (fixed) out += `，已自动修正 ${fixed} 处`;
    if (unreadable) out += `，${unreadable} 个文件无法读取`;
    if (folders) out += `，${folders} 个文件夹无法读取`;
    if (unwritten) out += `，${unwritten} 个文件未能写回`;
  } else {
    out += all.length
      ? `\n✖ ${all.length} problem${all.length === 1 ? '' : 's'} (${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info) in ${files} file${files === 1 ? '' : 's'}`
      : `\n${clean} ${files} file${files === 1 ? '' : 's'} checked, no problems`;
    if (fixed) out += `, ${fixed} fixed`;
    if (unreadable) out += `, ${unreadable} unreadable`;
    if (folders) out += `, ${folders} folder${folders === 1 ? '' : 's'} unreadable`;
    if (unwritten) out += `, ${unwritten} not written back`;
  }
  return out + '\n';
}

export function formatJson(run: RunSummary, locale: Locale): string {
  return JSON.stringify({
    files: run.files.map(f => {
      const index = new LineIndex(f.text);
      return {
        file: f.file,
        encoding: f.encoding,
        template: f.template,
        fixed: f.fixed,
        findings: f.findings.map(x => ({
          ruleId: x.ruleId,
          severity: x.severity,
          message: x.message[locale],
          ...position(index, x.range),
          ...(x.fix ? { fix: { title: x.fix.title[locale], edits: x.fix.edits.map(e => ({ ...position(index, e.range), newText: e.newText })) } } : {}),
        })),
      };
    }),
    errors: run.errors,
  }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

function region(p: Position) {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

// By hand, not with a SARIF builder library: one object literal, checked against the SARIF 2.1.0 schema in test/unit/cli-check.
export function formatSarif(run: RunSummary, locale: Locale, version: string, toUri: (file: string) => string): string {
  const rules = RULES.map(r => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.description[locale] },
    fullDescription: { text: `${r.meta.description.zh} / ${r.meta.description.en}` },
    help: { text: `${docsPath(r.meta.id)}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
    properties: { tags: r.meta.tags, fixable: r.meta.fixable },
  }));
  const results = run.files.flatMap(f => {
    const index = new LineIndex(f.text);
    const uri = toUri(f.file);
    return f.findings.map(x => ({
      ruleId: x.ruleId,
      ruleIndex: RULES.findIndex(r => r.meta.id === x.ruleId),
      level: SARIF_LEVEL[x.severity],
      message: { text: x.message[locale] },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(position(index, x.range)) } }],
      ...(x.related?.length
        ? { relatedLocations: x.related.map((r, id) => ({ id, message: { text: r.message[locale] }, physicalLocation: { artifactLocation: { uri }, region: region(position(index, r.range)) } })) }
        : {}),
      ...(x.fix
        ? {
          fixes: [{
            description: { text: x.fix.title[locale] },
            artifactChanges: [{
              artifactLocation: { uri },
              replacements: x.fix.edits.map(e => ({ deletedRegion: region(position(index, e.range)), insertedContent: { text: e.newText } })),
            }],
          }],
        }
        : {}),
    }));
  });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'nianbao', version, rules } },
      columnKind: 'utf16CodeUnits',
      artifacts: run.files.map(f => ({ location: { uri: toUri(f.file) }, encoding: f.encoding })),
      results,
      invocations: [{ executionSuccessful: run.errors.length === 0, toolExecutionNotifications: run.errors.map(e => ({ level: 'error', message: { text: `${e.file}: ${e.message}` } })) }],
    }],
  }, null, 2) + '\n';
}
