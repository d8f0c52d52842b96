import * as path from 'path';
import { checkAcross, checkReport, sortFindings, type AcrossSummaries } from '../service/check';
import { configForReport, type FoundConfig, type NianbaoConfig } from '../service/config';
import { fileURLToPath } from 'url';
import { fixUntilStable } from '../service/fixes';
import { reportToJson } from '../service/json';
import { parseReport, type ReportModel } from '../service/parse';
import type { Locale } from '../service/rules';
import { ConfigFinder, loadConfigFile } from './config';
import { formatDiffs, unifiedDiff } from './dryrun';
import { fixRefusal, inputFromBytes, locator, problemText, readInput, type Input } from './documents';
import { encodeReport, expandPaths, type Encoding } from './files';
import { outputProblem, replaceFile, writeOutput } from './write';
import { ReadError } from '../node/readFile';
import { formatJson, formatSarif, formatText, type RunSummary } from './format';
import { exportCommand } from './export';
import { IgnoreFilter } from './ignore';
import { CHECK_HELP, CHECK_OPTIONS, MAIN_HELP, parseOptions, PARSE_HELP, PARSE_OPTIONS, pickLocale, useColor } from './options';
import { checkInWorkers, poolSize, type PoolJob } from './pool';
import { startProgress } from './progress';
import { formatHtml } from './review';
import { readStdinReport, STDIN_NAME } from './stdin';

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard input, for `-` (tests pass their own). */
  stdin?: () => Promise<{ text: string; encoding: Encoding; bytes: Uint8Array }>;
}

const stdio: Io = {
  out: s => process.stdout.write(s),
  err: s => process.stderr.write(s),
};

export async function runCli(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(rest, io);
    case 'check':
      return checkCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case '-v': case '--version':
      io.out(`${VERSION}\n`);
      return 0;
    case '-h': case '--help': case 'help':
      io.out(rest[0] === 'check' ? CHECK_HELP : rest[0] === 'parse' ? PARSE_HELP : MAIN_HELP);
      return 0;
    case undefined:
      io.out(MAIN_HELP);
      return 2;
    default:
      // `check` is the default command: `nianbao DIR`, `nianbao --format json DIR`, `nianbao -`.
      return checkCommand(argv, io);
  }
}

async function parseCommand(argv: string[], io: Io): Promise<number> {
  const args = parseOptions(argv, PARSE_OPTIONS);
  if (typeof args === 'string') {
    io.err(`nianbao parse: ${args}\n\n${PARSE_HELP}`);
    return 2;
  }
  if (args.values.help) {
    io.out(PARSE_HELP);
    return 0;
  }
  const paths = args.positionals;
  if (!paths.length) {
    io.err(`nianbao parse: 缺少文件 missing FILE\n${PARSE_HELP}`);
    return 2;
  }
  const { files, missing, unreadable } = await expandPaths(paths);
  let code = 0;
  for (const m of missing) {
    io.err(`nianbao: 找不到 not found: ${m}\n`);
    code = 2;
  }
  for (const u of unreadable) {
    io.err(`nianbao: 无法读取文件夹 cannot read folder ${u.folder}: ${u.message}\n`);
    code = 2;
  }
  const out = [];
  for (const file of files) {
    try {
      const input = await readInput(file);
      if (input.problems.length) {
        io.err(`nianbao: 无法读取 cannot read ${file}: ${problemText(input, 'zh')} / ${problemText(input, 'en')}\n`);
        code = 2;
        continue;
      }
      out.push(reportToJson(parseReport(input.text), file));
    } catch (e) {
      io.err(`nianbao: 无法读取 cannot read ${file}: ${(e as Error).message}\n`);
      code = 2;
    }
  }
  io.out(JSON.stringify(out.length === 1 && paths.length === 1 && files.length === 1 ? out[0] : out, null, 2) + '\n');
  return code;
}

interface CheckArgs {
  format: 'text' | 'json' | 'sarif' | 'html';
  fix: boolean;
  /** `--fix-dry-run` / `--diff`: fix in memory, show the diff, write nothing. */
  dryRun: boolean;
  help: boolean;
  config: string | null;
  locale: Locale;
  output: string | null;
  quiet: boolean;
  maxWarnings: number | null;
  color: boolean | undefined;
  noColor: boolean;
  /** The name standard input (`-`) is reported under, and whose folder its config is looked up from. */
  stdinName: string | null;
  ignore: boolean;
  paths: string[];
}

function parseCheckArgs(argv: string[]): CheckArgs | string {
  const parsed = parseOptions(argv, CHECK_OPTIONS);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  const out: CheckArgs = {
    format: (values.format ?? 'text') as CheckArgs['format'],
    fix: !!values.fix,
    dryRun: !!(values['fix-dry-run'] || values.diff),
    help: !!values.help,
    config: values.config ?? null,
    locale: pickLocale(values.locale, process.env),
    output: values.output ?? null,
    quiet: !!values.quiet,
    maxWarnings: values['max-warnings'] === undefined ? null : Number(values['max-warnings']),
    color: values.color,
    noColor: !!values['no-color'],
    stdinName: positionals.includes('-') ? values['stdin-filename'] ?? STDIN_NAME : null,
    ignore: !values['no-ignore'],
    paths: positionals,
  };
  if (!out.paths.length && !out.help) return '缺少要检查的路径 / no PATH to check';
  if (out.fix && out.dryRun) return '--fix 与 --fix-dry-run / --diff 不能同时使用 / --fix and --fix-dry-run (--diff) cannot be used together';
  if (out.fix && out.stdinName !== null) return '--fix 不能写回标准输入，请用 --fix-dry-run 或 --diff / --fix cannot write back to standard input: use --fix-dry-run or --diff';
  if (values['stdin-filename'] !== undefined && out.stdinName === null) return '--stdin-filename 需要以 - 读取标准输入 / --stdin-filename goes with - (standard input)';
  return out;
}

async function checkCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCheckArgs(argv);
  if (typeof args === 'string') {
    io.err(`nianbao check: ${args}\n\n${CHECK_HELP}`);
    return 2;
  }
  if (args.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  let usageProblem = false;
  const finder = new ConfigFinder();
  let forced: FoundConfig | null = null;
  if (args.config) {
    forced = await loadConfigFile(args.config);
    if (forced.errors.length) {
      for (const e of forced.errors) io.err(`nianbao: 配置错误 config error: ${e}\n`);
      usageProblem = true;
    }
  }
  const expanded = await expandPaths(args.paths.filter(p => p !== '-'));
  const { missing, unreadable, roots } = expanded;
  const ignoring = await IgnoreFilter.create(args.ignore, args.paths, process.cwd());
  const files = [...(args.stdinName !== null ? [args.stdinName] : []), ...ignoring.keep(expanded.files).filter(f => f !== args.stdinName)];
  const fromStdin = (file: string) => args.stdinName !== null && file === args.stdinName;
  if (args.output) {
    // Before any report is fixed: a bad --output must not be found only after the reports were rewritten.
    const problem = await outputProblem(args.output, files, args.locale);
    if (problem) {
      io.err(`nianbao check: ${problem}\n`);
      return 2;
    }
  }
  const run: RunSummary = {
    files: [],
    errors: [
      ...missing.map(m => ({ file: m, message: args.locale === 'zh' ? '找不到文件或文件夹' : 'no such file or folder' })),
      // A folder that cannot be listed is reported; the reports beside it are still checked.
      ...unreadable.map(u => ({ file: u.folder, message: u.message, folder: true as const })),
    ],
  };
  const reportedConfigErrors = new Set<string>(forced?.errors ?? []);
  const configs = new Map<string, NianbaoConfig>();
  const models = new Map<string, ReportModel>();
  const summaries = new Map<string, AcrossSummaries>();
  const progress = startProgress(files.length);
  // Each file's config first (and which are skipped); then the files are checked, in worker threads
  // when there are several (pool.ts), their results taken in the order of the files.
  const jobs: PoolJob[] = [];
  for (const file of files) {
    const loaded = forced ?? (await finder.find(file));
    const config = configForReport(loaded.config, reportRelativeToConfig(loaded, file));
    for (const e of loaded.errors) {
      if (reportedConfigErrors.has(e)) continue;
      reportedConfigErrors.add(e);
      io.err(`nianbao: 配置错误 config error: ${e}\n`);
      usageProblem = true;
    }
    if (!fromStdin(file) && ignoring.skips(file, loaded, forced !== null)) progress.tick(file);
    else jobs.push({ file, config });
  }
  const pooled = args.fix || args.dryRun ? [] : jobs.filter(j => !fromStdin(j.file));
  const workers = poolSize(pooled.length);
  const pool = workers ? checkInWorkers(pooled, workers, args.locale) : null;
  for (const { file, config } of jobs) {
    progress.tick(file);
    const done = pool && !fromStdin(file) ? await pool.next() : null;
    if (done?.kind === 'error' || done?.kind === 'unreadable') {
      run.errors.push({ file, message: done.message });
      continue;
    }
    if (done?.kind === 'checked') {
      for (const f of done.failures) io.err(`nianbao: 规则 ${f.ruleId} 出错 rule failed on ${file}: ${f.error}\n`);
      configs.set(file, config);
      summaries.set(file, done.summaries);
      run.files.push({ file, text: done.text, encoding: done.encoding, template: done.template, findings: done.findings, fixed: 0 });
      continue;
    }
    let read;
    try {
      read = fromStdin(file) ? await inputFromBytes((await (io.stdin ?? readStdinReport)()).bytes, file) : await readInput(file);
    } catch (e) {
      run.errors.push({ file, message: e instanceof ReadError ? e.message : (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      continue;
    }
    if (read.problems.length) {
      run.errors.push({ file, message: problemText(read, args.locale) });
      continue;
    }
    let text = read.text;
    let result;
    let fixed = 0;
    let diff: string | undefined;
    const refusal = args.fix || args.dryRun ? fixRefusal(read, args.locale) : null;
    if (refusal) io.err(`nianbao: ${file}: ${refusal}\n`);
    if ((args.fix || args.dryRun) && !refusal) {
      const stable = fixUntilStable(text, t => checkReport(t, config), r => r.findings.flatMap(f => (f.fix ? [f.fix] : [])));
      result = stable.result;
      diff = '';
      if (stable.fixed && args.dryRun) {
        // What --fix would write, and the findings that would remain; the file is not touched.
        diff = unifiedDiff(file, text, stable.text);
        text = stable.text;
        fixed = stable.fixed;
      } else if (stable.fixed) {
        const problem = await writeBack(file, read, stable.text, roots.get(file) ?? file, args.locale);
        if (problem) {
          // Nothing was written: say so, and report what is in the file.
          run.errors.push({ file, message: problem, writing: true });
          result = checkReport(text, config);
        } else {
          text = stable.text;
          fixed = stable.fixed;
        }
      }
    } else {
      result = checkReport(text, config);
    }
    for (const f of result.failures) io.err(`nianbao: 规则 ${f.ruleId} 出错 rule failed on ${file}: ${f.error}\n`);
    configs.set(file, config);
    models.set(file, result.model);
    run.files.push({ file, text, encoding: read.encoding, template: result.model.template.version, findings: result.findings, fixed, locate: locator(read), ...(args.dryRun ? { diff } : {}) });
  }
  await pool?.close();
  progress.done();
  // Reports compared with each other: a body's carry-over against its report of the year before.
  const reports = run.files.map(f => ({ id: f.file, text: f.text, model: models.get(f.file), summaries: summaries.get(f.file), config: configs.get(f.file) }));
  for (const [id, extra] of checkAcross(reports)) {
    const f = run.files.find(x => x.file === id)!;
    if (extra.length) f.findings = sortFindings([...f.findings, ...extra]);
  }
  run.dryRun = args.dryRun;
  // --max-warnings counts the warnings --quiet does not show (as ESLint does).
  const warnings = run.files.reduce((n, f) => n + f.findings.filter(x => x.severity === 'warning').length, 0);
  const tooManyWarnings = args.maxWarnings !== null && warnings > args.maxWarnings;
  if (args.quiet) for (const f of run.files) f.findings = f.findings.filter(x => x.severity === 'error');
  const color = args.format === 'text' && useColor(args, process.env, !args.output && process.stdout.isTTY === true);
  const rendered = args.format === 'json'
    ? formatJson(run, args.locale, VERSION)
    : args.format === 'sarif'
      ? formatSarif(run, args.locale, VERSION, toUri)
      : args.format === 'html'
        ? formatHtml(run, { locale: args.locale, version: VERSION, models, configs })
        : formatDiffs(run, color) + formatText(run, args.locale, color);
  if (args.output) {
    try {
      await writeOutput(args.output, rendered);
    } catch (e) {
      io.err(`nianbao check: 无法写入 cannot write --output ${args.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else io.out(rendered);
  if (tooManyWarnings) {
    io.err(args.locale === 'zh'
      ? `nianbao: ${warnings} 个警告，超过 --max-warnings ${args.maxWarnings}\n`
      : `nianbao: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`);
  }
  if (usageProblem || run.errors.length) return 2;
  return tooManyWarnings || run.files.some(f => f.findings.some(x => x.severity === 'error')) ? 1 : 0;
}

/**
 * Write fixed text back in the file's own encoding; the reason when it cannot be done faithfully.
 * A file whose bytes do not survive decoding (bytes invalid in GB18030, say) is left as it is: writing
 * it would change more than the fixed cells. The write itself is atomic and checked (`write.ts`).
 */
async function writeBack(file: string, input: Input, text: string, root: string, locale: Locale): Promise<string | null> {
  // Only files read from disk as text get here (fixRefusal, no --fix on standard input).
  const read = { ...input, encoding: input.encoding as Encoding };
  if (!Buffer.from(encodeReport(read.text, read.encoding)).equals(Buffer.from(read.bytes))) {
    return locale === 'zh' ? `含有无法按原编码（${read.encoding}）写回的字节，未修正` : `has bytes that cannot be written back as ${read.encoding}; not fixed`;
  }
  return replaceFile(file, encodeReport(text, read.encoding), read.stats!, root, locale);
}

/** The report's path relative to its config file's folder (what `ignore[].file` names), with `/`. */
function reportRelativeToConfig(found: FoundConfig, report: string): string | null {
  if (!found.source) return null;
  const configPath = found.source.uri.startsWith('file:') ? fileURLToPath(found.source.uri) : found.source.uri;
  const rel = path.relative(path.dirname(path.resolve(configPath)), path.resolve(report));
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep).join('/');
}

/** SARIF wants URIs: relative paths stay relative (to the working folder), with forward slashes. */
function toUri(file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  const p = rel.startsWith('..') ? path.resolve(file) : rel;
  return p.split(path.sep).map(encodeURIComponent).join('/').replace(/^([A-Za-z])%3A/, '$1:');
}
