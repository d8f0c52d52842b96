import * as path from 'path';
import { acrossSummaries, checkReport, compareReports, effectiveFormat, proactiveFormatOf, sortFindings, type AcrossSummaries, type CheckResult } from '../service/check';
import type { SetFacts } from '../service/across';
import { configForReport, type FoundConfig, type NianbaoConfig } from '../service/config';
import { fileURLToPath } from 'url';
import { fixUntilStable } from '../service/fixes';
import { reportToJson } from '../service/json';
import { parseReport, type ReportModel } from '../service/parse';
import type { Locale } from '../service/rules';
import { ConfigFinder, loadConfigFile } from './config';
import { formatDiffs, unifiedDiff } from './dryrun';
import { fixRefusal, inputFromBytes, locator, problemText, readErrorText, readInput, readInputBytes, type Input } from './documents';
import { encodeReport, expandPaths, type Encoding } from './files';
import { outputProblem, replaceFile, writeOutput } from './write';
import { formatJson, formatSarif, formatText, type RunSummary } from './format';
import { exportCommand } from './export';
import { IgnoreFilter } from './ignore';
import { COMMANDS, given, helpOf, MAIN_HELP, parseOptions, pickLocale, useColor, valueOf, type Command } from './options';
import { checkInWorkers, poolSize, type PoolJob } from './pool';
import { LineStarts } from './lines';
import { textHash } from './reportBytes';
import { startProgress, type Progress } from './progress';
import { formatHtml } from './review';
import { findingPlaces, reportStatus, sameReports, sameReportsText } from './summary';
import { looksLikeReport } from '../service/rules/not-a-report';
import { readStdinReport, STDIN_NAME } from './stdin';
import { inLocale } from '../service/message';

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
      // `nianbao help export` says what `nianbao export --help` says.
      if (rest[0] === undefined) {
        io.out(MAIN_HELP);
        return 0;
      }
      if (!(COMMANDS as readonly string[]).includes(rest[0])) {
        io.err(`nianbao: 没有这个命令 no such command: ${rest[0]}\n\n${MAIN_HELP}`);
        return 2;
      }
      io.out(helpOf(rest[0] as Command));
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
  const args = parseOptions(argv, 'parse');
  if (typeof args === 'string') {
    io.err(`nianbao parse: ${args}\n\n${helpOf('parse')}`);
    return 2;
  }
  if (args.values.help) {
    io.out(helpOf('parse'));
    return 0;
  }
  const paths = args.positionals;
  if (!paths.length) {
    io.err(`nianbao parse: 缺少文件 missing FILE\n${helpOf('parse')}`);
    return 2;
  }
  const { files, missing, unmatched, unreadable } = await expandPaths(paths);
  let code = 0;
  for (const m of missing) {
    io.err(`nianbao: 找不到 not found: ${m}\n`);
    code = 2;
  }
  for (const m of unmatched) {
    io.err(`nianbao: 通配符没有匹配到报告文件 the pattern matches no report file: ${m}\n`);
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
  const parsed = parseOptions(argv, 'check');
  if (typeof parsed === 'string') return parsed;
  const { positionals } = parsed;
  const value = (name: string) => valueOf(parsed, name);
  const flag = (name: string) => given(parsed, name);
  const out: CheckArgs = {
    format: (value('format') ?? 'text') as CheckArgs['format'],
    fix: flag('fix'),
    dryRun: flag('fix-dry-run') || flag('diff'),
    help: flag('help'),
    config: value('config') ?? null,
    locale: pickLocale(value('locale'), process.env),
    output: value('output') ?? null,
    quiet: flag('quiet'),
    maxWarnings: value('max-warnings') === undefined ? null : Number(value('max-warnings')),
    color: flag('color') || undefined,
    noColor: flag('no-color'),
    stdinName: positionals.includes('-') ? value('stdin-filename') ?? STDIN_NAME : null,
    ignore: !flag('no-ignore'),
    paths: positionals,
  };
  // --help wins over whatever else the line says.
  if (out.help) return out;
  if (!out.paths.length) return '缺少要检查的路径 / no PATH to check';
  if (out.fix && out.dryRun) return '--fix 与 --fix-dry-run / --diff 不能同时使用 / --fix and --fix-dry-run (--diff) cannot be used together';
  if (out.fix && out.stdinName !== null) return '--fix 不能写回标准输入，请用 --fix-dry-run 或 --diff / --fix cannot write back to standard input: use --fix-dry-run or --diff';
  if (value('stdin-filename') !== undefined && out.stdinName === null) return '--stdin-filename 需要以 - 读取标准输入 / --stdin-filename goes with - (standard input)';
  return out;
}

async function checkCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCheckArgs(argv);
  if (typeof args === 'string') {
    io.err(`nianbao check: ${args}\n\n${helpOf('check')}`);
    return 2;
  }
  if (args.help) {
    io.out(helpOf('check'));
    return 0;
  }
  const forced = args.config ? await loadConfigFile(args.config) : null;
  for (const e of forced?.errors ?? []) io.err(`nianbao: 配置错误 config error: ${e}\n`);
  const expanded = await expandPaths(args.paths.filter(p => p !== '-'));
  const ignoring = await IgnoreFilter.create(args.ignore, args.paths, process.cwd());
  const files = [...(args.stdinName !== null ? [args.stdinName] : []), ...ignoring.keep(expanded.files).filter(f => f !== args.stdinName)];
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
      ...expanded.missing.map(m => ({ file: m, message: inLocale(args.locale, '没有这个文件或文件夹', 'no such file or folder'), notFound: true as const })),
      ...expanded.unmatched.map(m => ({ file: m, message: inLocale(args.locale, '通配符没有匹配到报告文件', 'the pattern matches no report file'), notFound: true as const })),
      // A folder that cannot be listed is reported; the reports beside it are still checked.
      ...expanded.unreadable.map(u => ({ file: u.folder, message: u.message, folder: true as const })),
    ],
    dryRun: args.dryRun,
  };
  const progress = startProgress(files.length);
  const planned = await planJobs(files, args, forced, ignoring, io, progress);
  const checked = await checkJobs(planned.jobs, args, io, run, expanded.roots, progress);
  progress.done();
  const across = await addComparisons(run, checked, args.locale);
  completePlaces(run, checked);
  // One status per report, on all its findings (--quiet hides some of them later).
  for (const f of run.files) f.status = reportStatus(f.findings, f.report !== false);
  // A page and its text copy are one report: said once, whatever the format.
  io.err(sameReportsText(sameReports(run.files.filter(f => f.status !== 'not-a-report').map(f => ({ file: f.file, body: f.body ?? null, year: f.year ?? null }))), args.locale));
  const output = await writeFindings(run, args, io, checked, across);
  if (output === 'failed') return 2;
  if (planned.configProblem || (forced?.errors.length ?? 0) > 0 || run.errors.length) return 2;
  return output === 'too many warnings' || run.files.some(f => f.findings.some(x => x.severity === 'error')) ? 1 : 0;
}

/**
 * What the check keeps of each report beside its findings: for the comparisons and the review page.
 * The models only for the review page; else a report's summaries for the comparisons, and of a report
 * checked in a worker not even its text: the hash of the text checked, to read it again for the
 * comparisons' findings (`addComparisons`).
 */
interface Checked {
  configs: Map<string, NianbaoConfig>;
  models: Map<string, ReportModel>;
  summaries: Map<string, AcrossSummaries>;
  hashes: Map<string, string>;
}

/** Each file's config (its errors reported once) and whether it is skipped by an ignore list. */
async function planJobs(files: string[], args: CheckArgs, forced: FoundConfig | null, ignoring: IgnoreFilter, io: Io, progress: Progress): Promise<{ jobs: PoolJob[]; configProblem: boolean }> {
  const finder = new ConfigFinder();
  const reported = new Set<string>(forced?.errors ?? []);
  const jobs: PoolJob[] = [];
  let configProblem = false;
  for (const file of files) {
    const loaded = forced ?? (await finder.find(file));
    const config = configForReport(loaded.config, reportRelativeToConfig(loaded, file));
    for (const e of loaded.errors) {
      if (reported.has(e)) continue;
      reported.add(e);
      io.err(`nianbao: 配置错误 config error: ${e}\n`);
      configProblem = true;
    }
    if (!isStdin(args, file) && ignoring.skips(file, loaded, forced !== null)) progress.tick(file);
    else jobs.push({ file, config });
  }
  return { jobs, configProblem };
}

const isStdin = (args: CheckArgs, file: string) => args.stdinName !== null && file === args.stdinName;

/**
 * Check the files, in worker threads when there are several and nothing is to be written (pool.ts),
 * their results taken in the order of the files; with --fix or --diff, here, one at a time.
 */
async function checkJobs(jobs: PoolJob[], args: CheckArgs, io: Io, run: RunSummary, roots: Map<string, string>, progress: Progress): Promise<Checked> {
  const checked: Checked = { configs: new Map(), models: new Map(), summaries: new Map(), hashes: new Map() };
  const pooled = args.fix || args.dryRun ? [] : jobs.filter(j => !isStdin(args, j.file));
  const workers = poolSize(pooled.length);
  // The review page shows every report's text and tables: it keeps them all.
  const review = args.format === 'html';
  const pool = workers ? checkInWorkers(pooled, workers, args.locale, review) : null;
  const reportFailures = (file: string, failures: { ruleId: string; error: string }[]) => {
    for (const f of failures) io.err(`nianbao: 规则 ${f.ruleId} 出错 rule failed on ${file}: ${f.error}\n`);
  };
  // Checked here one by one: the next file's bytes are read while one is checked (not with --fix, which may
  // write a file that a link further on names too); they are decoded in turn (the PDF reader reads one at a time).
  const prefetch = !pool && !args.fix;
  let reading: { file: string; input: Promise<InputBytes> } | null = null;
  for (const [i, { file, config }] of jobs.entries()) {
    progress.tick(file);
    const next = jobs[i + 1]?.file;
    const read = reading?.file === file ? reading.input : undefined;
    reading = prefetch && next !== undefined && !isStdin(args, next) ? { file: next, input: readInputBytes(next) } : null;
    // Its error, if any, is reported when its turn comes.
    reading?.input.catch(() => undefined);
    const done = pool && !isStdin(args, file) ? await pool.next() : null;
    if (done?.kind === 'error' || done?.kind === 'unreadable') {
      run.errors.push({ file, message: done.message });
    } else if (done?.kind === 'checked') {
      reportFailures(file, done.failures);
      checked.configs.set(file, config);
      checked.summaries.set(file, done.summaries);
      if (done.lines) checked.hashes.set(file, done.lines.sha1);
      run.files.push({
        file, ...(done.text !== null ? { text: done.text } : {}), ...(done.lines ? { lines: new LineStarts(done.lines.starts, done.lines.length) } : {}), encoding: done.encoding, template: done.template, findings: done.findings, fixed: 0,
        body: done.body, year: done.year, places: new Map(done.findings.map((x, i) => [x, done.places[i]])), report: done.report,
      });
    } else {
      const one = await checkHere(file, config, args, io, roots.get(file) ?? file, read);
      if ('error' in one) {
        run.errors.push(one.error);
        continue;
      }
      if (one.writeError) run.errors.push(one.writeError);
      reportFailures(file, one.result.failures);
      checked.configs.set(file, config);
      if (review) checked.models.set(file, one.result.model);
      else checked.summaries.set(file, acrossSummaries(one.result.model, one.result.recognised));
      run.files.push(one.entry);
    }
  }
  await pool?.close();
  return checked;
}

type RunError = RunSummary['errors'][number];
type InputBytes = Awaited<ReturnType<typeof readInputBytes>>;
type RunFile = RunSummary['files'][number];

/** One file read (or being read: `reading`) and checked in this thread; with --fix, fixed until stable and written back; with --diff, the diff. */
async function checkHere(file: string, config: NianbaoConfig, args: CheckArgs, io: Io, root: string, reading?: Promise<InputBytes>): Promise<{ error: RunError } | { entry: RunFile; result: CheckResult; writeError?: RunError }> {
  let read: Input;
  try {
    read = isStdin(args, file)
      ? await inputFromBytes((await (io.stdin ?? readStdinReport)()).bytes, file)
      : reading
        ? await reading.then(async ({ bytes, stats }) => ({ ...(await inputFromBytes(new Uint8Array(bytes), file)), stats }))
        : await readInput(file);
  } catch (e) {
    return { error: { file, message: readErrorText(e, args.locale) } };
  }
  if (read.problems.length) return { error: { file, message: problemText(read, args.locale) } };
  const entry = (text: string, result: CheckResult, fixed: number, diff?: string): RunFile => ({
    file, text, encoding: read.encoding, template: result.model.format.version, findings: result.findings, fixed, locate: locator(read), ...(args.dryRun ? { diff } : {}),
    body: result.model.agency?.value ?? null, year: result.model.year?.value ?? null, places: findingPlaces(result), report: looksLikeReport(result.model),
  });
  const refusal = args.fix || args.dryRun ? fixRefusal(read, args.locale) : null;
  if (refusal) io.err(`nianbao: ${file}: ${refusal}\n`);
  if (!(args.fix || args.dryRun) || refusal) {
    const result = checkReport(read.text, config);
    return { entry: entry(read.text, result, 0), result };
  }
  const stable = fixUntilStable(read.text, t => checkReport(t, config), r => r.findings.flatMap(f => (f.fix ? [f.fix] : [])));
  if (!stable.fixed) return { entry: entry(read.text, stable.result, 0, ''), result: stable.result };
  // --diff: what --fix would write, and the findings that would remain; the file is not touched.
  if (args.dryRun) return { entry: entry(stable.text, stable.result, stable.fixed, unifiedDiff(file, read.text, stable.text)), result: stable.result };
  const problem = await writeBack(file, read, stable.text, root, args.locale);
  if (!problem) return { entry: entry(stable.text, stable.result, stable.fixed, ''), result: stable.result };
  // Nothing was written: say so, and report what is in the file.
  const result = checkReport(read.text, config);
  return { entry: entry(read.text, result, 0, ''), result, writeError: { file, message: problem, writing: true } };
}

/**
 * Reports compared with each other (a body's years, reused text); the batch as compared, for the review
 * page. A report checked in a worker thread has no text here: the comparisons ask for a report's text
 * only to settle a finding on it (its suppression comments, the config's ignores), so they run once
 * without those texts, and when a finding was on such a report, its file is read again — the text it
 * was checked as, by its hash — and the comparisons run once more on the same batch, with the texts.
 */
async function addComparisons(run: RunSummary, checked: Checked, locale: Locale): Promise<SetFacts> {
  const wanted = new Set<string>();
  const reports = run.files.map(f => ({
    id: f.file, model: checked.models.get(f.file), summaries: checked.summaries.get(f.file), config: checked.configs.get(f.file),
    get text(): string {
      if (f.text !== undefined) return f.text;
      wanted.add(f.file);
      return '';
    },
  }));
  const first = compareReports(reports);
  const set = first.set;
  let findings = first.findings;
  if (wanted.size) {
    for (const f of run.files) if (wanted.has(f.file)) f.text = await readAgain(f.file, checked.hashes.get(f.file)!, locale, run);
    findings = compareReports(reports, set).findings;
    // A report whose text is not found again gets no finding from the comparisons (its error says why).
    for (const f of run.files) if (wanted.has(f.file) && f.text === undefined) findings.set(f.file, []);
  }
  const byFile = new Map(run.files.map(f => [f.file, f]));
  for (const [id, extra] of findings) {
    const f = byFile.get(id)!;
    if (extra.length) f.findings = sortFindings([...f.findings, ...extra]);
  }
  return set;
}

/** A report's text read again, if it is still the text that was checked (`sha1`); else its error, and undefined. */
async function readAgain(file: string, sha1: string, locale: Locale, run: RunSummary): Promise<string | undefined> {
  let text: string | undefined;
  try {
    const read = await readInput(file);
    if (!read.problems.length) text = read.text;
  } catch {
    // Said below, as a file changed since it was checked.
  }
  if (text !== undefined && textHash(text) === sha1) return text;
  run.errors.push({ file, message: inLocale(locale, '检查期间文件被修改或删除，未与其他报告比较', 'the file changed or went away while it was checked; not compared with the other reports') });
  return undefined;
}

/** Places for the findings that have none yet: those the comparisons added (a report checked in a worker is parsed again for them). */
function completePlaces(run: RunSummary, checked: Checked): void {
  for (const f of run.files) {
    if (f.places && f.findings.every(x => f.places!.has(x))) continue;
    const model = checked.models.get(f.file) ?? parseReport(f.text ?? '');
    const format = effectiveFormat(model, checked.configs.get(f.file));
    f.places = findingPlaces({ model, format, proactiveFormat: proactiveFormatOf(model, format), findings: f.findings });
  }
}

/** The findings in the chosen format, to stdout or --output; whether warnings passed --max-warnings. */
async function writeFindings(run: RunSummary, args: CheckArgs, io: Io, checked: Checked, across: SetFacts): Promise<'ok' | 'too many warnings' | 'failed'> {
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
        ? formatHtml(run, { locale: args.locale, version: VERSION, models: checked.models, configs: checked.configs, across })
        : formatDiffs(run, color) + formatText(run, args.locale, color);
  if (args.output) {
    try {
      await writeOutput(args.output, rendered);
    } catch (e) {
      io.err(`nianbao check: 无法写入 cannot write --output ${args.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 'failed';
    }
  } else io.out(rendered);
  if (!tooManyWarnings) return 'ok';
  io.err(inLocale(args.locale, `nianbao: ${warnings} 个警告，超过 --max-warnings ${args.maxWarnings}\n`, `nianbao: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`));
  return 'too many warnings';
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
    return inLocale(locale, `含有无法按原编码（${read.encoding}）写回的字节，未修正`, `has bytes that cannot be written back as ${read.encoding}; not fixed`);
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
