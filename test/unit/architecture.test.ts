/** The analysis core stays pure: no editor, no connection, no file system — so it runs in a web worker. */
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/corpus';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN = /from\s+['"](vscode|vscode-languageserver|vscode-languageserver\/.*|vscode-languageclient.*|fs|path|os|child_process|node:.*)['"]|require\(/;

describe('architecture', () => {
  it('server/src/service imports nothing from vscode, the LSP connection or Node', () => {
    const offenders = files(path.join(ROOT, 'server', 'src', 'service'))
      .flatMap(f => readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const))
      .filter(([, , l]) => FORBIDDEN.test(l))
      .map(([f, n, l]) => `${path.relative(ROOT, f)}:${n}: ${l.trim()}`);
    assert.deepStrictEqual(offenders, []);
  });

  it('one rule per file: every registered rule lives in rules/<id>.ts', () => {
    const { RULES } = require('../../server/src/service/rules') as typeof import('../../server/src/service/rules');
    for (const r of RULES) {
      const file = path.join(ROOT, 'server', 'src', 'service', 'rules', `${r.meta.id}.ts`);
      assert.match(readFileSync(file, 'utf8'), new RegExp(`id: '${r.meta.id}'`), `${r.meta.id} is defined in its own file`);
    }
  });

  it('rules/ holds only rules: every file but the registry and its types is a registered rule (shared facts live in facts/)', () => {
    const { RULES } = require('../../server/src/service/rules') as typeof import('../../server/src/service/rules');
    const ids = new Set(RULES.map(r => r.meta.id));
    const others = readdirSync(path.join(ROOT, 'server', 'src', 'service', 'rules'))
      .filter(f => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts' && !ids.has(f.replace(/\.ts$/, '')));
    assert.deepStrictEqual(others, []);
  });

  it('the formats live in format/: no version literal or column count elsewhere', () => {
    const FORMAT_KNOWLEDGE: [RegExp, string][] = [
      [/\b20(19|21)\b/, 'a format version'],
      // Not inside a regex quantifier like {1,7}.
      [/(?<![\w.{,])(7|15|23|25)(?![\w.},])/, 'a table width or row count'],
      [/%\s*5\b|(cells|values|reviews|totals)\??\.?\[(4|6|9|14)\]/, 'a 四 group or 三 total column by number'],
    ];
    const formatDir = path.join(ROOT, 'server', 'src', 'service', 'format');
    const offenders = [...files(path.join(ROOT, 'server', 'src')), ...files(path.join(ROOT, 'client', 'src'))]
      .filter(f => !f.startsWith(formatDir))
      .flatMap(f => codeLines(readFileSync(f, 'utf8')).map(([n, l]) => [f, n, l] as const))
      // A named constant beside its reason is not format knowledge.
      .filter(([, , l]) => !/^\s*(export )?const [A-Z_]+ = \d+;/.test(l))
      .flatMap(([f, n, l]) => FORMAT_KNOWLEDGE.filter(([re]) => re.test(l)).map(([, what]) => `${path.relative(ROOT, f)}:${n}: ${what}: ${l.trim()}`));
    assert.deepStrictEqual(offenders, []);
  });
});

describe('architecture: one home per fact (issue 22)', () => {
  const SOURCES = ['server/src', 'client/src', 'scripts'].flatMap(d => files(path.join(ROOT, d)));
  /** Where a fact is said: each code line (comments left out) that matches, as `file:line`. */
  const saidAt = (pattern: RegExp) => SOURCES
    .flatMap(f => codeLines(readFileSync(f, 'utf8')).filter(([, l]) => pattern.test(l)).map(([n]) => `${path.relative(ROOT, f).split(path.sep).join('/')}:${n}`));
  const filesOf = (places: string[]) => [...new Set(places.map(p => p.replace(/:\d+$/, '')))];
  /** [the fact, how it is written, the one file that may say it, how many times there]. */
  const HOMES: [string, RegExp, string, number][] = [
    ['the severities\' names', /warning:\s*'警告'/, 'server/src/service/message.ts', 1],
    ['the severities\' order', /\b(?:info|warning|error):\s*[1-9]/, 'server/src/service/message.ts', 0],
    ['the settings a rule can take', /'off',\s*'info'/, 'server/src/service/message.ts', 0],
    ['the facts the rules share (the arithmetic too: a check result and an analysis take it from there)', /\b(?:arithmetic|sentences|breakdowns|claims)\(\):\s/, 'server/src/service/facts/index.ts', 4],
    ['the units a table cell writes after its number', /'万元'|万元\|/, 'server/src/service/parse/units.ts', 1],
    ['the shape of a label candidate', /^\s*pattern: Pattern;/, 'server/src/service/parse/labels.ts', 1],
    ['the line classifier\'s one walk over the lines', /(?<!function )\bclassifyLines\(/, 'server/src/service/parse/text.ts', 1],
    ['how a section\'s signature words are matched', /\.signature\b/, 'server/src/service/parse/lines.ts', 1],
    ['how a relation is added up (its terms and its totals)', /\bof \w+(?:\.relation)?\.(?:terms|totals)\)\s*\{/, 'server/src/service/format/relations.ts', 2],
    ['the words of a report\'s title', /政务公开\|/, 'server/src/protocol/names.ts', 1],
    ['how a text is chosen by the locale (the one t(zh, en), shared by the CLI, render, the server and the client)', /\(zh\w*: string, en\w*: string\)(?:: string)? =>|=== 'en' \? en\w* : zh\b|Record<Locale, \{/, 'server/src/protocol/text.ts', 2],
    ['a text chosen by the locale (inLocale / translator / msg, never `locale === \'en\' ? … : …` by hand)', /\blocale === '(?:zh|en)'\s*(?:\?|$)/, 'server/src/protocol/text.ts', 1],
    ['a megabyte, the unit of the size limits', /\bconst MB\b/, 'server/src/protocol/names.ts', 1],
    ['the size of a report, of a config file, of a document the editor reads and of a Word file or PDF the CLI reads', /_BYTES = \d+ \* MB|\b(?:10|50|100) \* 1024 \* 1024\b|maxBytes: 1024 \* 1024/, 'server/src/protocol/names.ts', 4],
    ['the configuration\'s policy on a finding (atMost, a note\'s fix as a suggestion)', /\batMost\s*&&|=== 'info'(?: \|\| \w+\))? && \w+\.fix\b/, 'server/src/service/check.ts', 2],
  ];
  it('the 四 header words: the readers ask format/ for them', () => {
    const readers = saidAt(/结果维持|尚未审结|结\\s\*果|行政复议诉讼|未经复议/).filter(p => /^server\/src\/(service\/parse|readers)\//.test(p));
    assert.deepStrictEqual(readers, []);
  });
  it('one name for the report format: "format" in the code, "template" only where users read it', () => {
    // Users keep `template` (the config key, `parse --json`'s `template` / `templateLabel`, the rule id
    // template-mismatch); the code says format (FormatVersion, ReportModel.format, Row.officialLabel).
    const code = [...SOURCES, ...files(path.join(ROOT, 'test'))].filter(f => !f.endsWith('architecture.test.ts'));
    const named = code
      .flatMap(f => codeLines(readFileSync(f, 'utf8')).map(([n, l]) => [f, n, l] as const))
      .flatMap(([f, n, l]) => [...l.matchAll(/\w*Template\w*|\btemplate[A-Z]\w*|\btemplates\b|\/template['/]/g)]
        .map(m => m[0])
        // The JSON output's row field, where that shape is declared or read; code-server's product.json keys.
        .filter(w => !(w === 'templateLabel' && /\b(?:ReportJson|RowJson)\b/.test(readFileSync(f, 'utf8'))) && !/UrlTemplate$/.test(w))
        .map(w => `${path.relative(ROOT, f)}:${n}: ${w}`));
    assert.deepStrictEqual(named, []);
    assert.ok(!readdirSync(path.join(ROOT, 'server', 'src', 'service')).includes('template'), 'the formats\' folder is service/format/, under its old name no more');
  });
  for (const [fact, pattern, home, times] of HOMES) {
    it(`${fact}: said in ${home} only`, () => {
      const places = saidAt(pattern);
      assert.deepStrictEqual(filesOf(places).filter(f => f !== home), [], `${fact} is said outside ${home}`);
      assert.strictEqual(places.length, times, `${fact}: ${places.join(', ')}`);
    });
  }
});

/** The lines of a TypeScript file with comments blanked out, numbered from 1. */
function codeLines(source: string): [number, string][] {
  const noBlocks = source.replace(/\/\*[\s\S]*?\*\//g, m => m.replace(/[^\n]/g, ' '));
  return noBlocks.split('\n').map((l, i) => [i + 1, l.replace(/(^|\s)\/\/\s.*$/, '$1')] as [number, string]);
}

/** Every module specifier a TypeScript file imports or re-exports (static, dynamic, require). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

/** A relative specifier as the file it names (`x` → `x.ts` or `x/index.ts`); `null` for packages. */
function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${spec}, which does not exist`);
}

/** Every repository file reachable by imports from the given files, themselves included. */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(file)) {
      const local = resolveLocal(file, spec);
      if (local) todo.push(local);
    }
  }
  return seen;
}

describe('architecture: the edges (client, protocol, runtimes, CLI)', () => {
  const SERVER_SRC = path.join(ROOT, 'server', 'src');
  const PROTOCOL = path.join(SERVER_SRC, 'protocol') + path.sep;
  const rel = (f: string) => path.relative(ROOT, f);

  it('the finder of imports sees what it must (so the checks below can fail)', () => {
    const found = reachable([path.join(ROOT, 'server', 'src', 'node', 'main.ts')]);
    assert.ok(found.has(path.join(SERVER_SRC, 'service', 'rules', 'index.ts')), 'node/main reaches the rules through server.ts');
    assert.ok(found.has(path.join(PROTOCOL, 'index.ts')));
  });

  it('the VS Code client imports from the server side only the protocol module, and that module nothing else of the server', () => {
    const client = files(path.join(ROOT, 'client', 'src'));
    const outside = [...reachable(client)].filter(f => f.startsWith(ROOT + path.sep + 'server') && !f.startsWith(PROTOCOL)).map(rel);
    assert.deepStrictEqual(outside, []);
    const packages = client.flatMap(f => specifiers(f).filter(s => !s.startsWith('.')).map(s => `${rel(f)}: ${s}`));
    assert.deepStrictEqual(packages.filter(p => !/: (vscode|vscode-languageclient(\/node|\/browser)?)$/.test(p)), []);
  });

  it('the protocol module needs nothing but the LSP protocol package, so it runs in the client, a web worker and the CLI', () => {
    const protocol = files(PROTOCOL);
    const outside = [...reachable(protocol)].filter(f => !f.startsWith(PROTOCOL)).map(rel);
    assert.deepStrictEqual(outside, []);
    const packages = protocol.flatMap(f => specifiers(f).filter(s => !s.startsWith('.')));
    assert.deepStrictEqual([...new Set(packages)], ['vscode-languageserver-protocol']);
  });

  it('the Node and web servers never import the CLI', () => {
    const entries = [...files(path.join(SERVER_SRC, 'node')), ...files(path.join(SERVER_SRC, 'browser'))];
    const cli = [...reachable(entries)].filter(f => f.startsWith(path.join(SERVER_SRC, 'cli') + path.sep)).map(rel);
    assert.deepStrictEqual(cli, []);
  });

  it('custom method names are written once, in the protocol module', () => {
    const sources = ['client', 'server', 'test', 'scripts'].flatMap(d => files(path.join(ROOT, d)));
    const literals = sources
      .filter(f => f !== path.join(PROTOCOL, 'index.ts'))
      .flatMap(f => readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const))
      .filter(([, , l]) => /['"`]nianbao\/[A-Za-z]/.test(l))
      .map(([f, n, l]) => `${rel(f)}:${n}: ${l.trim()}`);
    assert.deepStrictEqual(literals, []);
  });
});

/** Every file under `dir`, skipping build output and dependencies. */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    if (name === 'node_modules' || name === 'dist' || name === 'out' || name.startsWith('.git')) return [];
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? [p + path.sep, ...allFiles(p)] : [p];
  });
}

describe('docs/architecture.md', () => {
  it('names only files, folders and identifiers that exist (so the map does not go stale)', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const repo = ['server', 'client', 'scripts', 'test', 'docs', 'schemas']
      .flatMap(d => allFiles(path.join(ROOT, d)))
      .map(f => path.relative(ROOT, f).split(path.sep).join('/') + (f.endsWith(path.sep) ? '/' : ''));
    const code = [...repo.filter(f => /\.(ts|mjs|json)$/.test(f)), 'package.json']
      .map(f => readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
    // Not checked: placeholders (`rules/<id>.ts`), alternatives (`node|browser`), files users write (`.nianbaorc.json`).
    const words = [...doc.matchAll(/`([^`]+)`/g)].flatMap(m => m[1].split(/[\s→,()]+/)).filter(w => w && !/[<|]/.test(w) && !w.startsWith('.'));
    const missing: string[] = [];
    for (const w of words) {
      if (/(\.(ts|mjs|json|md)|\/)$/.test(w)) {
        // A path, written from any folder down: some file or folder ends with it.
        if (!repo.some(f => f === w || f.endsWith('/' + w))) missing.push(w);
      } else if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(w)) {
        const last = w.split('.').pop()!;
        if (!new RegExp(`\\b${last}\\b`).test(code)) missing.push(w);
      }
    }
    assert.deepStrictEqual(missing, []);
  });
});
