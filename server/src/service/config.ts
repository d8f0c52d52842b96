/** `.nianbaorc.json`: rule severities and the format version. Validated by hand, mirrored by the generated schema. */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ConfigFile } from '../protocol/config';
import { RULES, type SeveritySetting } from './rules';
import { SEVERITY_SETTINGS } from './message';
import { isFormatVersion, VERSIONS, type FormatVersion } from './format';

export interface NianbaoConfig {
  /**
   * Force the format the report is checked against; `auto` detects it from the tables and year. Users
   * write the key `template` (settings `nianbao.template`); in the code it is the format (`forcedFormat`).
   */
  template?: 'auto' | FormatVersion;
  /** Per-rule severity: off, info, warning or error. */
  rules?: Record<string, SeveritySetting>;
  /**
   * Files the CLI leaves out when it expands folders and globs: gitignore patterns, relative to the
   * config file's folder (as in `.nianbaoignore`).
   */
  ignores?: string[];
  /** Findings a reviewer chose to ignore, kept outside the report's text. */
  ignoreFindings?: IgnoreEntry[];
  /**
   * Names that are one body, for comparing reports across years when the usual variants do not say so:
   * `{"淮安市洪泽区人民政府": ["洪泽区政府办", …]}` (each name listed is the body it is listed under).
   */
  bodies?: Record<string, string[]>;
}

/**
 * One ignored finding: the rule, the report (a path relative to the config file's folder; absent: any
 * report), and the finding's context (its text and a few characters around it, spaces removed; absent:
 * every finding of the rule in that report). The context survives line shifts and edits elsewhere.
 */
export interface IgnoreEntry {
  rule: string;
  file?: string;
  context?: string;
}

/** The config as it applies to one report: the ignore entries for that report, without their file. */
export function configForReport(config: NianbaoConfig, relativeFile: string | null): NianbaoConfig {
  if (!config.ignoreFindings) return config;
  const norm = (f: string) => f.replace(/\\/g, '/').replace(/^\.\//, '');
  const ignoreFindings = config.ignoreFindings
    .filter(e => e.file === undefined || (relativeFile !== null && norm(e.file) === norm(relativeFile)))
    .map(e => ({ rule: e.rule, ...(e.context !== undefined ? { context: e.context } : {}) }));
  return { ...config, ignoreFindings };
}


export function validateConfig(json: unknown): { config: NianbaoConfig; errors: string[] } {
  const errors: string[] = [];
  const config: NianbaoConfig = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config, errors: ['配置应为 JSON 对象 / the config must be a JSON object'] };
  }
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'template') {
      const allowed = ['auto', ...VERSIONS].map(v => `"${v}"`);
      if (value === 'auto' || isFormatVersion(value)) config.template = value;
      else errors.push(`template 应为 ${allowed.join('、')} / template must be ${allowed.join(', ')}`);
    } else if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push('rules 应为对象 / rules must be an object');
        continue;
      }
      config.rules = {};
      for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
        if (!RULES.some(r => r.meta.id === id)) errors.push(`未知规则 unknown rule: ${id}`);
        else if (typeof sev !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(sev)) errors.push(`${id} 的级别应为 off/info/warning/error / ${id}: severity must be off, info, warning or error`);
        else config.rules[id] = sev as SeveritySetting;
      }
    } else if (key === 'ignoreFindings') {
      const entries = validateIgnore(value, errors);
      if (entries) config.ignoreFindings = entries;
    } else if (key === 'bodies') {
      const ok = typeof value === 'object' && value !== null && !Array.isArray(value)
        && Object.values(value as Record<string, unknown>).every(v => Array.isArray(v) && v.every(n => typeof n === 'string' && n.trim() !== ''));
      if (ok) config.bodies = value as Record<string, string[]>;
      else errors.push('bodies 应为对象：机关名称 → 其别名数组 / bodies must be an object: a body’s name → an array of its other names');
    } else if (key === 'ignores') {
      if (Array.isArray(value) && value.every(v => typeof v === 'string')) config.ignores = value;
      else errors.push('ignores 应为字符串数组（gitignore 写法）/ ignores must be an array of strings (gitignore patterns)');
    } else {
      errors.push(`未知配置项 unknown key: ${key}`);
    }
  }
  return { config, errors };
}

function validateIgnore(value: unknown, errors: string[]): IgnoreEntry[] | null {
  if (!Array.isArray(value)) {
    errors.push('ignoreFindings 应为数组 / ignoreFindings must be an array');
    return null;
  }
  const out: IgnoreEntry[] = [];
  value.forEach((e, i) => {
    const where = `ignoreFindings[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return void errors.push(`${where} 应为对象 / ${where} must be an object`);
    const { rule, file, context, ...rest } = e as Record<string, unknown>;
    if (typeof rule !== 'string' || !RULES.some(r => r.meta.id === rule)) return void errors.push(`${where}.rule 应为规则名 / ${where}.rule must be a rule id`);
    if (file !== undefined && typeof file !== 'string') return void errors.push(`${where}.file 应为字符串 / ${where}.file must be a string`);
    if (context !== undefined && typeof context !== 'string') return void errors.push(`${where}.context 应为字符串 / ${where}.context must be a string`);
    const unknown = Object.keys(rest);
    if (unknown.length) return void errors.push(`${where} 未知字段 unknown key: ${unknown.join(', ')}`);
    out.push({ rule, ...(file !== undefined ? { file } : {}), ...(context !== undefined ? { context } : {}) });
  });
  return out;
}

/**
 * Read a config file's text as VS Code reads its own settings: JSON with comments and trailing
 * commas. A syntax error drops the whole file (half a config would check against rules nobody chose).
 */
export function parseConfig(text: string): { config: NianbaoConfig; errors: string[] } {
  const syntax: ParseError[] = [];
  const json: unknown = parse(text, syntax, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (syntax.length) {
    return {
      config: {},
      errors: syntax.map(e => {
        const before = text.slice(0, e.offset).split('\n');
        const [line, column] = [before.length, before[before.length - 1].length + 1];
        return `第 ${line} 行第 ${column} 列 JSON 语法错误 / JSON syntax error at line ${line}, column ${column}: ${printParseErrorCode(e.error)}`;
      }),
    };
  }
  return validateConfig(json);
}

/** The config that applies to a report, where it came from, and what is wrong with it. */
export interface FoundConfig {
  config: NianbaoConfig;
  /** The config file as shown to the user (a path on disk, else a URI); `null` when there is none. */
  file: string | null;
  /** Each prefixed with the file. */
  errors: string[];
  /** The config file's URI and text, for edits to it (the editor's "ignore" quick fix). */
  source?: { uri: string; text: string };
}

export function noConfig(): FoundConfig {
  return { config: {}, file: null, errors: [] };
}

/** A config file found by `findConfigUpward` (or named by the user), read and validated. */
export function loadConfig(found: ConfigFile | null, display: (file: string) => string = f => f): FoundConfig {
  if (!found) return noConfig();
  const file = display(found.file);
  if ('error' in found) return { config: {}, file, errors: [`${file}: ${found.error}`] };
  const { config, errors } = parseConfig(found.text);
  return { config, file, errors: errors.map(e => `${file}: ${e}`), source: { uri: found.file, text: found.text } };
}

/** The JSON schema of `.nianbaorc.json`, generated from the rule registry. */
export function configSchema(): object {
  const rules: Record<string, object> = {};
  for (const r of RULES) {
    rules[r.meta.id] = {
      description: `${r.meta.description.zh} / ${r.meta.description.en} (default: ${r.meta.severity})`,
      enum: [...SEVERITY_SETTINGS],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Nianbao configuration (.nianbaorc.json)',
    // Read as JSON with comments (parseConfig): VS Code then does not flag trailing commas either.
    allowTrailingCommas: true,
    description: '年报检查配置：各规则的级别和报告格式版本 / Nianbao: rule severities and the format version',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      template: {
        description: '按哪一版格式检查：auto 依据表格和年度自动判断 / The format to check against: auto detects it',
        enum: ['auto', ...VERSIONS],
        default: 'auto',
      },
      ignores: {
        description: '命令行检查文件夹或通配符时跳过的文件（gitignore 写法，相对于本配置文件所在文件夹）/ Files the CLI skips when it expands folders and globs (gitignore patterns, relative to this file\'s folder)',
        type: 'array',
        items: { type: 'string' },
      },
      rules: {
        description: '规则级别 / Rule severities',
        type: 'object',
        additionalProperties: false,
        properties: rules,
      },
      bodies: {
        description: '同一机关的不同名称（跨年度比对时配对用）：机关名称 → 其别名 / Names of one body, for pairing reports across years: a body’s name → its other names',
        type: 'object',
        additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
      ignoreFindings: {
        description: '忽略的发现（编辑器的“忽略”快速修复写在这里）/ Findings to ignore (the editor’s “ignore” quick fix writes here)',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule'],
          properties: {
            rule: { description: '规则 / Rule id', enum: RULES.map(r => r.meta.id) },
            file: { description: '报告文件，相对于本配置文件所在文件夹；不写则适用于所有报告 / The report, relative to this file’s folder; absent: every report', type: 'string' },
            context: { description: '发现所在的文字及其前后几个字（去掉空白）；不写则忽略该报告中这条规则的全部发现 / The finding’s text and a few characters around it, spaces removed; absent: every finding of the rule in the report', type: 'string' },
          },
        },
      },
    },
  };
}
