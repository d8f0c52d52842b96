import { promises as fs } from 'fs';
import * as path from 'path';
import { checkAcross, checkReport, sortFindings } from '../service/check';
import type { NianbaoConfig } from '../service/config';
import { applyFixes } from '../service/fixes';
import { reportToJson } from '../service/json';
import { parseReport, type ReportModel } from '../service/parse';
import type { Locale } from '../service/rules';
import { ConfigFinder, loadConfigFile, type LoadedConfig } from './config';
import { fixRefusal, locator, problemText, readInput } from './documents';
import { encodeReport, expandPaths, type Encoding } from './files';
import { formatJson, formatSarif, formatText, type RunSummary } from './format';

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : '0.0.0-dev';

const USAGE = `用法 Usage:
  nianbao check [选项 options] PATH...   检查报告：文件、文件夹（.txt .md .html .docx .pdf）或通配符
      --format text|json|sarif          输出格式（默认 text）
      --fix                             自动修正可修正的问题并写回文件
      --config FILE                     使用此配置文件（默认向上查找 .nianbaorc.json）
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

async function parseCommand(args: string[], io: Io): Promise<number> {
  const paths = args.filter(a => a !== '--json');
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

interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  config: string | null;
  locale: Locale;
  output: string | null;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckArgs | string {
  const envLocale = process.env.NIANBAO_LOCALE;
  const out: CheckArgs = { format: 'text', fix: false, config: null, locale: envLocale === 'en' ? 'en' : 'zh', output: null, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') return `--format 应为 text、json 或 sarif / --format must be text, json or sarif`;
        out.format = v;
        break;
      }
      case '--fix': out.fix = true; break;
      case '--config': out.config = value() ?? null; if (!out.config) return '--config 需要文件名 / --config needs a file'; break;
      case '--output': case '-o': out.output = value() ?? null; if (!out.output) return '--output 需要文件名 / --output needs a file'; break;
      case '--locale': {
        const v = value();
        if (v !== 'zh' && v !== 'en') return '--locale 应为 zh 或 en / --locale must be zh or en';
        out.locale = v;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return `未知选项 unknown option: ${a}`;
        out.paths.push(a);
    }
  }
  if (!out.paths.length) return '缺少要检查的路径 / no PATH to check';
  return out;
}

async function checkCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCheckArgs(argv);
  if (typeof args === 'string') {
    io.err(`nianbao check: ${args}\n\n${USAGE}`);
    return 2;
  }
  let usageProblem = false;
  const finder = new ConfigFinder();
  let forced: LoadedConfig | null = null;
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
    let result = checkReport(text, loaded.config);
    let fixed = 0;
    const refusal = args.fix ? fixRefusal(read, args.locale) : null;
    if (refusal) io.err(`nianbao: ${file}: ${refusal}\n`);
    if (args.fix && !refusal) {
      // A fix can make room for another (e.g. a heading inserted): a few rounds until nothing changes.
      for (let round = 0; round < 4; round++) {
        const fixes = result.findings.flatMap(f => (f.fix ? [f.fix] : []));
        if (!fixes.length) break;
        const applied = applyFixes(text, fixes);
        if (applied.text === text) break;
        fixed += applied.applied.length;
        text = applied.text;
        result = checkReport(text, loaded.config);
      }
      if (fixed) {
        try {
          await fs.writeFile(file, encodeReport(text, read.encoding as Encoding));
        } catch (e) {
          run.errors.push({ file, message: (e as Error).message });
        }
      }
    }
    for (const f of result.failures) io.err(`nianbao: 规则 ${f.ruleId} 出错 rule failed on ${file}: ${f.error}\n`);
    configs.set(file, loaded.config);
    models.set(file, result.model);
    run.files.push({ file, text, encoding: read.encoding, template: result.model.template.version, findings: result.findings, fixed, locate: locator(read) });
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
  if (args.output) await fs.writeFile(args.output, rendered);
  else io.out(rendered);
  if (usageProblem || run.errors.length) return 2;
  return run.files.some(f => f.findings.some(x => x.severity === 'error')) ? 1 : 0;
}

/** SARIF wants URIs: relative paths stay relative (to the working folder), with forward slashes. */
function toUri(file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  const p = rel.startsWith('..') ? path.resolve(file) : rel;
  return p.split(path.sep).map(encodeURIComponent).join('/').replace(/^([A-Za-z])%3A/, '$1:');
}
