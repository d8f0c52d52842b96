import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE } from '../protocol/names';
import { checkAcross, checkReport, sortFindings } from '../service/check';
import { configForReport, type FoundConfig, type NianbaoConfig } from '../service/config';
import { fileURLToPath } from 'url';
import { fixUntilStable } from '../service/fixes';
import { reportToJson } from '../service/json';
import { parseReport, type ReportModel } from '../service/parse';
import type { Locale } from '../service/rules';
import { ConfigFinder, loadConfigFile } from './config';
import { fixRefusal, locator, problemText, readInput, type Input } from './documents';
import { encodeReport, expandPaths, type Encoding } from './files';
import { formatJson, formatSarif, formatText, type RunSummary } from './format';
import { exportCommand, EXPORT_USAGE } from './export';
import { startProgress } from './progress';
import { formatHtml } from './review';

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev';

const USAGE = `用法 Usage:
  nianbao check [选项 options] PATH...   检查报告：文件、文件夹（.txt .md .html .docx .pdf）或通配符
      --format text|json|sarif|html     输出格式（默认 text；html：供审阅的网页，含表格与图表）
      --fix                             自动修正可修正的问题并写回文件
      --config FILE                     使用此配置文件（默认向上查找 ${CONFIG_FILE}）
      --locale zh|en                    消息语言（默认 zh，或环境变量 NIANBAO_LOCALE）
      --output FILE                     输出写入文件
  nianbao parse --json FILE...          打印报告模型（JSON）
${EXPORT_USAGE}  nianbao --version

退出码 exit codes: 0 没有错误级问题 / 1 有错误级问题 / 2 用法或读写问题
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
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
    case '-h': case '--help': case 'help': case undefined:
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`nianbao: 未知命令 unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

async function parseCommand(argv: string[], io: Io): Promise<number> {
  const args = parseOptions(argv, PARSE_OPTIONS);
  if (typeof args === 'string') {
    io.err(`nianbao parse: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  const paths = args.positionals;
  if (!paths.length) {
    io.err(`nianbao parse: 缺少文件 missing FILE\n${USAGE}`);
    return 2;
  }
  const { files, missing } = await expandPaths(paths);
  let code = 0;
  for (const m of missing) {
    io.err(`nianbao: 找不到 not found: ${m}\n`);
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

/** `parseArgs` options; every string option needs a value. */
type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const PARSE_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

const CHECK_OPTIONS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  config: { type: 'string' },
  locale: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

/** What each option says when its value is missing or wrong (kept as users have seen them). */
const OPTION_PROBLEM: Record<string, string> = {
  format: '--format 应为 text、json、sarif 或 html / --format must be text, json, sarif or html',
  config: '--config 需要文件名 / --config needs a file',
  output: '--output 需要文件名 / --output needs a file',
  locale: '--locale 应为 zh 或 en / --locale must be zh or en',
};

const ALLOWED: Record<string, readonly string[]> = { format: ['text', 'json', 'sarif', 'html'], locale: ['zh', 'en'] };

/**
 * `parseArgs` splits the command line (`--a=b`, `-o FILE`, `--`); unknown options and missing or
 * wrong values are reported here, in the order given, with our bilingual messages (strict mode's are English).
 */
function parseOptions<O extends Options>(args: string[], options: O): { values: { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean }; positionals: string[] } | string {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const option = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!option) return `未知选项 unknown option: ${t.rawName}`;
    if (option.type === 'boolean') values[t.name] = true;
    else if (t.value === undefined || t.value === '' || (ALLOWED[t.name] && !ALLOWED[t.name].includes(t.value))) return OPTION_PROBLEM[t.name] ?? `${t.rawName} 需要值 / ${t.rawName} needs a value`;
    else values[t.name] = t.value;
  }
  return { values: values as never, positionals };
}

interface CheckArgs {
  format: 'text' | 'json' | 'sarif' | 'html';
  fix: boolean;
  help: boolean;
  config: string | null;
  locale: Locale;
  output: string | null;
  paths: string[];
}

function parseCheckArgs(argv: string[]): CheckArgs | string {
  const parsed = parseOptions(argv, CHECK_OPTIONS);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  const envLocale = process.env.NIANBAO_LOCALE;
  const out: CheckArgs = {
    format: (values.format ?? 'text') as CheckArgs['format'],
    fix: !!values.fix,
    help: !!values.help,
    config: values.config ?? null,
    locale: (values.locale ?? (envLocale === 'en' ? 'en' : 'zh')) as Locale,
    output: values.output ?? null,
    paths: positionals,
  };
  if (!out.paths.length && !out.help) return '缺少要检查的路径 / no PATH to check';
  return out;
}

async function checkCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCheckArgs(argv);
  if (typeof args === 'string') {
    io.err(`nianbao check: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
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
  const { files, missing } = await expandPaths(args.paths);
  const run: RunSummary = { files: [], errors: missing.map(m => ({ file: m, message: args.locale === 'zh' ? '找不到文件或文件夹' : 'no such file or folder' })) };
  const reportedConfigErrors = new Set<string>();
  const configs = new Map<string, NianbaoConfig>();
  const models = new Map<string, ReportModel>();
  const progress = startProgress(files.length);
  for (const file of files) {
    progress.tick(file);
    const loaded = forced ?? (await finder.find(file));
    const config = configForReport(loaded.config, reportRelativeToConfig(loaded, file));
    for (const e of loaded.errors) {
      if (reportedConfigErrors.has(e)) continue;
      reportedConfigErrors.add(e);
      io.err(`nianbao: 配置错误 config error: ${e}\n`);
      usageProblem = true;
    }
    let read;
    try {
      read = await readInput(file);
    } catch (e) {
      run.errors.push({ file, message: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      continue;
    }
    if (read.problems.length) {
      run.errors.push({ file, message: problemText(read, args.locale) });
      continue;
    }
    let text = read.text;
    let result;
    let fixed = 0;
    const refusal = args.fix ? fixRefusal(read, args.locale) : null;
    if (refusal) io.err(`nianbao: ${file}: ${refusal}\n`);
    if (args.fix && !refusal) {
      const stable = fixUntilStable(text, t => checkReport(t, config), r => r.findings.flatMap(f => (f.fix ? [f.fix] : [])));
      result = stable.result;
      if (stable.fixed) {
        const problem = await writeBack(file, read, stable.text, args.locale);
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
    run.files.push({ file, text, encoding: read.encoding, template: result.model.template.version, findings: result.findings, fixed, locate: locator(read) });
  }
  progress.done();
  // Reports compared with each other: a body's carry-over against its report of the year before.
  const reports = run.files.map(f => ({ id: f.file, text: f.text, model: models.get(f.file)!, config: configs.get(f.file) }));
  for (const [id, extra] of checkAcross(reports)) {
    const f = run.files.find(x => x.file === id)!;
    if (extra.length) f.findings = sortFindings([...f.findings, ...extra]);
  }
  const color = args.format === 'text' && !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const rendered = args.format === 'json'
    ? formatJson(run, args.locale)
    : args.format === 'sarif'
      ? formatSarif(run, args.locale, VERSION, toUri)
      : args.format === 'html'
        ? formatHtml(run, { locale: args.locale, version: VERSION, models, configs })
        : formatText(run, args.locale, color);
  if (args.output) await fs.writeFile(args.output, rendered);
  else io.out(rendered);
  if (usageProblem || run.errors.length) return 2;
  return run.files.some(f => f.findings.some(x => x.severity === 'error')) ? 1 : 0;
}

/**
 * Write fixed text back in the file's own encoding; the reason when it cannot be done faithfully.
 * A file whose bytes do not survive decoding (bytes invalid in GB18030, say) is left as it is: writing
 * it would change more than the fixed cells.
 */
async function writeBack(file: string, input: Input, text: string, locale: Locale): Promise<string | null> {
  // Only text files get here (fixRefusal): their encoding is one the CLI writes.
  const read = { ...input, encoding: input.encoding as Encoding };
  if (!Buffer.from(encodeReport(read.text, read.encoding)).equals(Buffer.from(read.bytes))) {
    return locale === 'zh' ? `含有无法按原编码（${read.encoding}）写回的字节，未修正` : `has bytes that cannot be written back as ${read.encoding}; not fixed`;
  }
  try {
    await fs.writeFile(file, encodeReport(text, read.encoding));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
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
