/**
 * The command line of `nianbao`: each command's options and help text, one parser for all of them,
 * and the choices that follow from options and environment (colour, locale).
 */
import { parseArgs } from 'node:util';
import { CONFIG_FILE } from '../protocol/names';
import type { Locale } from '../service/rules';

/** `parseArgs` options; every string option needs a value. */
export type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export const PARSE_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

export const CHECK_OPTIONS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  diff: { type: 'boolean' },
  config: { type: 'string' },
  locale: { type: 'string' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'no-ignore': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

/** What each option says when its value is missing or wrong (kept as users have seen them). */
const OPTION_PROBLEM: Record<string, string> = {
  format: '--format 应为 text、json、sarif 或 html / --format must be text, json, sarif or html',
  config: '--config 需要文件名 / --config needs a file',
  output: '--output 需要文件名 / --output needs a file',
  locale: '--locale 应为 zh 或 en / --locale must be zh or en',
  'max-warnings': '--max-warnings 应为不小于 0 的整数 / --max-warnings must be a whole number, 0 or more',
  'stdin-filename': '--stdin-filename 需要文件名 / --stdin-filename needs a file name',
};

const ALLOWED: Record<string, readonly string[]> = { format: ['text', 'json', 'sarif', 'html'], locale: ['zh', 'en'] };
const PATTERN: Record<string, RegExp> = { 'max-warnings': /^\d+$/ };

export type Parsed<O extends Options> = {
  values: { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };
  positionals: string[];
};

/**
 * `parseArgs` splits the command line (`--a=b`, `-o FILE`, `--`); unknown options and missing or
 * wrong values are reported here, in the order given, with our bilingual messages (strict mode's are English).
 * A lone `-` is a positional: standard input.
 */
export function parseOptions<O extends Options>(args: string[], options: O): Parsed<O> | string {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const option = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!option) return `未知选项 unknown option: ${t.rawName}`;
    if (option.type === 'boolean') {
      if (t.value !== undefined) return `${t.rawName} 不带值 / ${t.rawName} takes no value`;
      values[t.name] = true;
    } else if (
      t.value === undefined || t.value === ''
      || (ALLOWED[t.name] && !ALLOWED[t.name].includes(t.value))
      || (PATTERN[t.name] && !PATTERN[t.name].test(t.value))
    ) return OPTION_PROBLEM[t.name] ?? `${t.rawName} 需要值 / ${t.rawName} needs a value`;
    else values[t.name] = t.value;
  }
  return { values: values as never, positionals };
}

export const COMMANDS = ['check', 'parse', 'export'] as const;

export const MAIN_HELP = `用法 Usage:
  nianbao [check] [选项 options] PATH...   检查报告（check 可省略）/ check reports (the default command)
  nianbao parse --json FILE...           打印报告模型（JSON）/ print the report model
  nianbao export [--format csv|json] [--sum] PATH...   导出或相加统计表中的数字 / export or add up the tables' numbers
  nianbao --version

  nianbao <命令 command> --help          各命令的选项 / the options of a command

退出码 exit codes: 0 没有错误级问题 / 1 有错误级问题或警告超过 --max-warnings / 2 用法或读写问题
`;

export const CHECK_HELP = `用法 Usage:
  nianbao check [选项 options] PATH...   检查报告：文件、文件夹（.txt .md .html .docx .pdf）、通配符，或 - 读标准输入
  nianbao [选项 options] PATH...         同上（check 是默认命令）

选项 options:
      --format text|json|sarif|html     输出格式（默认 text；html：供审阅的网页）/ output format (html: a review page)
      --fix                             自动修正可修正的问题并写回文件 / fix and write back
      --fix-dry-run, --diff             显示 --fix 会做的修改（统一 diff），不写文件 / show what --fix would change, write nothing
  -q, --quiet                           只报告错误 / report errors only
      --max-warnings N                  警告多于 N 个时退出码为 1 / exit 1 when there are more than N warnings
      --config FILE                     使用此配置文件（默认向上查找 ${CONFIG_FILE}）/ use this config file
      --no-ignore                       不理会 .nianbaoignore 和配置中的 ignores / check ignored files too
      --locale zh|en                    消息语言（默认 zh，或环境变量 NIANBAO_LOCALE）/ message language
      --color, --no-color               强制或关闭彩色输出（也看 FORCE_COLOR、NO_COLOR）/ force or turn off colours
      --stdin-filename NAME             从标准输入（-）读取时在消息中使用的文件名 / file name for standard input
  -o, --output FILE                     输出写入文件 / write the output to a file
  -h, --help                            显示本帮助 / show this help

忽略 ignoring: 当前文件夹的 .nianbaoignore（gitignore 语法）和 ${CONFIG_FILE} 的 "ignores"
对文件夹和通配符找到的文件生效；命令行上直接写出的文件总会检查。
.nianbaoignore in the working folder (gitignore syntax) and "ignores" in ${CONFIG_FILE} apply to files
found in folders and by globs; a file named on the command line is always checked.

退出码 exit codes: 0 没有错误级问题 / 1 有错误级问题或警告超过 --max-warnings / 2 用法或读写问题
`;

export const PARSE_HELP = `用法 Usage:
  nianbao parse --json FILE...          打印报告模型（JSON）/ print the report model as JSON

选项 options:
      --json                            JSON 输出（目前唯一的格式）/ JSON output (the only format)
  -h, --help                            显示本帮助 / show this help
`;

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
