/** `.nianbaorc.json`: rule severities and the format version. Validated by hand, mirrored by the generated schema. */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ConfigFile } from '../protocol/config';
import { RULES, type SeveritySetting } from './rules';
import { isTemplateVersion, VERSIONS, type TemplateVersion } from './template';

export interface NianbaoConfig {
  /** Force the format the report is checked against; `auto` detects it from the tables and year. */
  template?: 'auto' | TemplateVersion;
  /** Per-rule severity: off, info, warning or error. */
  rules?: Record<string, SeveritySetting>;
  /**
   * Files the CLI leaves out when it expands folders and globs: gitignore patterns, relative to the
   * config file's folder (as in `.nianbaoignore`).
   */
  ignores?: string[];
}

const SEVERITIES = ['off', 'info', 'warning', 'error'];

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
      if (value === 'auto' || isTemplateVersion(value)) config.template = value;
      else errors.push(`template 应为 ${allowed.join('、')} / template must be ${allowed.join(', ')}`);
    } else if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push('rules 应为对象 / rules must be an object');
        continue;
      }
      config.rules = {};
      for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
        if (!RULES.some(r => r.meta.id === id)) errors.push(`未知规则 unknown rule: ${id}`);
        else if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) errors.push(`${id} 的级别应为 off/info/warning/error / ${id}: severity must be off, info, warning or error`);
        else config.rules[id] = sev as SeveritySetting;
      }
    } else if (key === 'ignores') {
      if (Array.isArray(value) && value.every(v => typeof v === 'string')) config.ignores = value;
      else errors.push('ignores 应为字符串数组（gitignore 写法）/ ignores must be an array of strings (gitignore patterns)');
    } else {
      errors.push(`未知配置项 unknown key: ${key}`);
    }
  }
  return { config, errors };
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
  return { config, file, errors: errors.map(e => `${file}: ${e}`) };
}

/** The JSON schema of `.nianbaorc.json`, generated from the rule registry. */
export function configSchema(): object {
  const rules: Record<string, object> = {};
  for (const r of RULES) {
    rules[r.meta.id] = {
      description: `${r.meta.description.zh} / ${r.meta.description.en} (default: ${r.meta.severity})`,
      enum: SEVERITIES,
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
    },
  };
}
