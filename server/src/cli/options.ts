/**
 * The command line of `nianbao`: each command's options and help text, one parser for all of them,
 * and the choices that follow from options and environment (colour, locale).
 */
import { parseArgs } from 'node:util';
import { CONFIG_FILE } from '../protocol/names';
import type { Locale } from '../service/rules';

export const COMMANDS = ['check', 'parse', 'export'] as const;
export type Command = (typeof COMMANDS)[number];

/** `parseArgs` options; every string option needs a value. */
export type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** One option of the command line: which commands take it, its help line, and what its value may be. */
interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  commands: readonly Command[];
  /** What stands for the value in the help (FILE, N); for a choice, the choices are shown. */
  value?: string;
  /** The help text, or one per command where it differs; a line break continues it under the first line. */
  help: string | Partial<Record<Command, string>>;
  /** The values it may take, per command. */
  allowed?: Partial<Record<Command, readonly string[]>>;
  pattern?: RegExp;
  /** What is said when its value is missing or wrong (kept as users have seen them), per command where it differs. */
  problem?: string | Partial<Record<Command, string>>;
  /** Another name for the option before it in the table: printed on that option's line. */
  sameLine?: true;
}

const EXPORT_FORMAT_PROBLEM = '--format 应为 csv 或 json（与 --sum 同用时另可为 text 或 html）/ --format must be csv or json (with --sum also text or html)';

/** Every option of every command, in the order the help lists them. */
const OPTION_TABLE: readonly OptionSpec[] = [
  {
    name: 'format', type: 'string', commands: ['check', 'export'],
    help: {
      check: '输出格式（默认 text；html：供审阅的网页）/ output format (html: a review page)',
      export: '输出格式（默认 csv，带 BOM，Excel 可直接打开）/ output format (csv by default, with a BOM for Excel)\n'
        + '与 --sum 同用时另可为 text（合计的报告文本）或 html（合计的审阅网页）/ with --sum also text (the sum as a report) or html (its review page)',
    },
    allowed: { check: ['text', 'json', 'sarif', 'html'], export: ['csv', 'json', 'text', 'html'] },
    problem: { check: '--format 应为 text、json、sarif 或 html / --format must be text, json, sarif or html', export: EXPORT_FORMAT_PROBLEM },
  },
  { name: 'json', type: 'boolean', commands: ['parse'], help: 'JSON 输出（目前唯一的格式）/ JSON output (the only format)' },
  { name: 'sum', type: 'boolean', commands: ['export'], help: '将多份报告相加为一套二、三、四表（按格式和年度分别相加），并检查合计\n/ add the reports up into one set of tables per format and year, and check the sums' },
  {
    name: 'pairs', type: 'boolean', commands: ['export'],
    help: '导出同一机关相邻年度的报告配对（机关、年度、上一年度、配对依据、结转与现行有效件数、文字雷同比例）\n/ export the pairs of one body\'s consecutive years (body, years, why paired, carry-over and in-force counts, reuse share)',
  },
  { name: 'fix', type: 'boolean', commands: ['check'], help: '自动修正可修正的问题并写回文件 / fix and write back' },
  { name: 'fix-dry-run', type: 'boolean', commands: ['check'], help: '显示 --fix 会做的修改（统一 diff），不写文件 / show what --fix would change, write nothing' },
  { name: 'diff', type: 'boolean', commands: ['check'], help: '', sameLine: true },
  { name: 'quiet', short: 'q', type: 'boolean', commands: ['check'], help: '只报告错误 / report errors only' },
  {
    name: 'max-warnings', type: 'string', value: 'N', commands: ['check'], pattern: /^\d+$/,
    help: '警告多于 N 个时退出码为 1 / exit 1 when there are more than N warnings',
    problem: '--max-warnings 应为不小于 0 的整数 / --max-warnings must be a whole number, 0 or more',
  },
  {
    name: 'config', type: 'string', value: 'FILE', commands: ['check', 'export'],
    help: `使用此配置文件（默认向上查找 ${CONFIG_FILE}）/ use this config file`,
    problem: '--config 需要文件名 / --config needs a file',
  },
  { name: 'no-ignore', type: 'boolean', commands: ['check'], help: '不理会 .nianbaoignore 和配置中的 ignores / check ignored files too' },
  {
    name: 'locale', type: 'string', commands: ['check', 'export'], allowed: { check: ['zh', 'en'], export: ['zh', 'en'] },
    help: '消息语言（默认 zh，或环境变量 NIANBAO_LOCALE）/ message language',
    problem: '--locale 应为 zh 或 en / --locale must be zh or en',
  },
  { name: 'color', type: 'boolean', commands: ['check'], help: '强制或关闭彩色输出（也看 FORCE_COLOR、NO_COLOR）/ force or turn off colours' },
  { name: 'no-color', type: 'boolean', commands: ['check'], help: '', sameLine: true },
  {
    name: 'stdin-filename', type: 'string', value: 'NAME', commands: ['check'],
    help: '从标准输入（-）读取时在消息中使用的文件名 / file name for standard input',
    problem: '--stdin-filename 需要文件名 / --stdin-filename needs a file name',
  },
  {
    name: 'output', short: 'o', type: 'string', value: 'FILE', commands: ['check', 'export'],
    help: '输出写入文件 / write the output to a file',
    problem: '--output 需要文件名 / --output needs a file',
  },
  { name: 'help', short: 'h', type: 'boolean', commands: COMMANDS, help: '显示本帮助 / show this help' },
];

const perCommand = <T>(v: T | Partial<Record<Command, T>> | undefined, command: Command): T | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegExp) ? (v as Partial<Record<Command, T>>)[command] : v as T | undefined;

/** The options `command` takes, for `parseArgs`. */
export function optionsOf(command: Command): Options {
  const out: Options = {};
  for (const o of OPTION_TABLE) if (o.commands.includes(command)) out[o.name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  return out;
}

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A string option's value. */
export const valueOf = (p: Parsed, name: string): string | undefined => (typeof p.values[name] === 'string' ? p.values[name] as string : undefined);
/** Whether a boolean option was given. */
export const given = (p: Parsed, name: string): boolean => p.values[name] === true;

/**
 * `parseArgs` splits the command line (`--a=b`, `-o FILE`, `--`); unknown options and missing or
 * wrong values are reported here, in the order given, with our bilingual messages (strict mode's are English).
 * A lone `-` is a positional: standard input.
 */
export function parseOptions(args: string[], command: Command): Parsed | string {
  const options = optionsOf(command);
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(options, t.name) ? OPTION_TABLE.find(o => o.name === t.name) : undefined;
    if (!spec) return `未知选项 unknown option: ${t.rawName}`;
    const allowed = perCommand(spec.allowed, command);
    if (spec.type === 'boolean') {
      if (t.value !== undefined) return `${t.rawName} 不带值 / ${t.rawName} takes no value`;
      values[t.name] = true;
    } else if (
      t.value === undefined || t.value === ''
      || (allowed && !allowed.includes(t.value))
      || (spec.pattern && !spec.pattern.test(t.value))
    ) return perCommand(spec.problem, command) ?? `${t.rawName} 需要值 / ${t.rawName} needs a value`;
    else values[t.name] = t.value;
  }
  return { values, positionals };
}

/** The export formats that need --sum; said with the same words as a wrong --format. */
export const SUM_ONLY_FORMATS: readonly string[] = ['text', 'html'];
export { EXPORT_FORMAT_PROBLEM };

const EXIT_CODES = '退出码 exit codes: 0 没有错误级问题 / 1 有错误级问题或警告超过 --max-warnings / 2 用法或读写问题\n';

export const MAIN_HELP = `用法 Usage:
  nianbao [check] [选项 options] PATH...   检查报告（check 可省略）/ check reports (the default command)
  nianbao parse --json FILE...           打印报告模型（JSON）/ print the report model
  nianbao export [选项 options] PATH...   导出或相加统计表中的数字 / export or add up the tables' numbers
  nianbao --version

  nianbao help <命令 command>            各命令的选项，同 nianbao <命令 command> --help / the options of a command

${EXIT_CODES}`;

/** What each command's help says before and after its options. */
const USAGE: Record<Command, { usage: string; notes?: string }> = {
  check: {
    usage: `  nianbao check [选项 options] PATH...   检查报告：文件、文件夹（.txt .md .html .docx .pdf）、通配符，或 - 读标准输入
  nianbao [选项 options] PATH...         同上（check 是默认命令）`,
    notes: `忽略 ignoring: 当前文件夹的 .nianbaoignore（gitignore 语法）和 ${CONFIG_FILE} 的 "ignores"
对文件夹和通配符找到的文件生效；命令行上直接写出的文件总会检查。
.nianbaoignore in the working folder (gitignore syntax) and "ignores" in ${CONFIG_FILE} apply to files
found in folders and by globs; a file named on the command line is always checked.

${EXIT_CODES}`,
  },
  parse: {
    usage: '  nianbao parse --json FILE...          打印报告模型（JSON）/ print the report model as JSON',
  },
  export: {
    usage: `  nianbao export [选项 options] PATH...  导出统计表中的全部数字（每个格子一行）/ export every number of the tables, one row per cell
  nianbao export --sum [选项 options] PATH...   相加多份报告的统计表 / add the reports' tables up`,
    notes: '退出码 exit codes: 0 没有错误级问题 / 1 合计（--sum）有错误级问题 / 2 用法或读写问题\n',
  },
};

/** Where the help texts start: the options and their values to the left. */
const COLUMN = 40;

/** A command's help: its usage, then every option it takes from the one table, then its notes. */
export function helpOf(command: Command): string {
  const name = (x: OptionSpec) => {
    const choices = perCommand(x.allowed, command);
    return `--${x.name}${x.type === 'string' ? ` ${choices ? choices.join('|') : x.value ?? 'VALUE'}` : ''}`;
  };
  const lines: { head: string; help: string }[] = [];
  for (const o of OPTION_TABLE) {
    if (!o.commands.includes(command)) continue;
    if (o.sameLine && lines.length) lines[lines.length - 1].head += `, ${name(o)}`;
    else lines.push({ head: `  ${o.short ? `-${o.short}, ` : '    '}${name(o)}`, help: perCommand(o.help, command) ?? '' });
  }
  const { usage, notes } = USAGE[command];
  const table = lines.map(l => `${l.head.padEnd(COLUMN - 2)}  ${l.help.split('\n').join(`\n${' '.repeat(COLUMN)}`)}`).join('\n');
  return `用法 Usage:\n${usage}\n\n选项 options:\n${table}\n${notes ? `\n${notes}` : ''}`;
}

/**
 * Colour in text output: `--no-color` and `--color` first, then `NO_COLOR` (any non-empty value) and
 * `FORCE_COLOR` (`0` or `false` turn it off), then whether the output is a terminal.
 */
export function useColor(flags: { color?: boolean; noColor?: boolean }, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return isTTY;
}

/** `--locale`, else `NIANBAO_LOCALE`, else Chinese. */
export function pickLocale(option: string | undefined, env: NodeJS.ProcessEnv): Locale {
  return (option ?? (env.NIANBAO_LOCALE === 'en' ? 'en' : 'zh')) as Locale;
}
