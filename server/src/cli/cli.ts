import * as path from 'path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE } from '../protocol/names';
import { checkAcross, checkReport, sortFindings } from '../service/check';
import type { FoundConfig, NianbaoConfig } from '../service/config';
import { fixUntilStable } from '../service/fixes';
import { reportToJson } from '../service/json';
import { parseReport, type ReportModel } from '../service/parse';
import type { Locale } from '../service/rules';
import { ConfigFinder, loadConfigFile } from './config';
import { encodeReport, expandPaths, readReport, type ReadReport } from './files';
import { formatJson, formatSarif, formatText, type RunSummary } from './format';
import { ReadError } from '../node/readFile';
import { outputProblem, replaceFile, writeOutput } from './write';

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev';

const USAGE = `用法 Usage:
  nianbao check [选项 options] PATH...   检查报告：文件、文件夹（.txt .md）或通配符
      --format text|json|sarif          输出格式（默认 text）
      --fix                             自动修正可修正的问题并写回文件
      --config FILE                     使用此配置文件（默认向上查找 ${CONFIG_FILE}）
      --locale zh|en                    消息语言（默认 zh，或环境变量 NIANBAO_LOCALE）
      --output FILE                     输出写入文件
  nianbao parse --json FILE...          打印报告模型（JSON）
  nianbao --version

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
      const { text } = await readReport(file);
      out.push(reportToJson(parseReport(text), file));
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
  format: '--format 应为 text、json 或 sarif / --format must be text, json or sarif',
  config: '--config 需要文件名 / --config needs a file',
  output: '--output 需要文件名 / --output needs a file',
  locale: '--locale 应为 zh 或 en / --locale must be zh or en',
};

const ALLOWED: Record<string, readonly string[]> = { format: ['text', 'json', 'sarif'], locale: ['zh', 'en'] };

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
  format: 'text' | 'json' | 'sarif';
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
  const { files, missing, unreadable, roots } = await expandPaths(args.paths);
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
  for (const file of files) {
    const loaded = forced ?? (await finder.find(file));
    for (const e of loaded.errors) {
      if (reportedConfigErrors.has(e)) continue;
      reportedConfigErrors.add(e);
      io.err(`nianbao: 配置错误 config error: ${e}\n`);
      usageProblem = true;
    }
    let read;
    try {
      read = await readReport(file);
    } catch (e) {
      run.errors.push({ file, message: e instanceof ReadError ? e.message : (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      continue;
    }
    let text = read.text;
    let result;
    let fixed = 0;
    if (args.fix) {
      const stable = fixUntilStable(text, t => checkReport(t, loaded.config), r => r.findings.flatMap(f => (f.fix ? [f.fix] : [])));
      result = stable.result;
      if (stable.fixed) {
        const problem = await writeBack(file, read, stable.text, roots.get(file) ?? file, args.locale);
        if (problem) {
          // Nothing was written: say so, and report what is in the file.
          run.errors.push({ file, message: problem, writing: true });
          result = checkReport(text, loaded.config);
        } else {
          text = stable.text;
          fixed = stable.fixed;
        }
      }
    } else {
      result = checkReport(text, loaded.config);
    }
    for (const f of result.failures) io.err(`nianbao: 规则 ${f.ruleId} 出错 rule failed on ${file}: ${f.error}\n`);
    configs.set(file, loaded.config);
    models.set(file, result.model);
    run.files.push({ file, text, encoding: read.encoding, template: result.model.template.version, findings: result.findings, fixed });
  }
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
      : formatText(run, args.locale, color);
  if (args.output) {
    try {
      await writeOutput(args.output, rendered);
    } catch (e) {
      io.err(`nianbao check: 无法写入 cannot write --output ${args.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else io.out(rendered);
  if (usageProblem || run.errors.length) return 2;
  return run.files.some(f => f.findings.some(x => x.severity === 'error')) ? 1 : 0;
}

/**
 * Write fixed text back in the file's own encoding; the reason when it cannot be done faithfully.
 * A file whose bytes do not survive decoding (bytes invalid in GB18030, say) is left as it is: writing
 * it would change more than the fixed cells. The write itself is atomic and checked (`write.ts`).
 */
async function writeBack(file: string, read: ReadReport, text: string, root: string, locale: Locale): Promise<string | null> {
  if (!Buffer.from(encodeReport(read.text, read.encoding)).equals(Buffer.from(read.bytes))) {
    return locale === 'zh' ? `含有无法按原编码（${read.encoding}）写回的字节，未修正` : `has bytes that cannot be written back as ${read.encoding}; not fixed`;
  }
  return replaceFile(file, encodeReport(text, read.encoding), read.stats, root, locale);
}

/** SARIF wants URIs: relative paths stay relative (to the working folder), with forward slashes. */
function toUri(file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  const p = rel.startsWith('..') ? path.resolve(file) : rel;
  return p.split(path.sep).map(encodeURIComponent).join('/').replace(/^([A-Za-z])%3A/, '$1:');
}
