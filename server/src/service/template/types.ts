/** The two national formats of the annual report, as data. */

export type TemplateVersion = '2019' | '2021';

export const TEMPLATE_DOCUMENTS: Record<TemplateVersion, string> = {
  '2019': '国办公开办函〔2019〕60号',
  '2021': '国办公开办函〔2021〕30号',
};

/** Reports on 2019 and 2020 use the 2019 format; 2021 onward the 2021 format. */
export function templateForYear(year: number): TemplateVersion {
  return year <= 2020 ? '2019' : '2021';
}

export interface SectionTemplate {
  no: 1 | 2 | 3 | 4 | 5 | 6;
  numeral: string;
  /** The official wording, without the numeral. */
  title: string;
  /** Wordings seen in real reports: accepted, reported as non-standard. */
  variants: string[];
  /** Words that a heading of this section contains (any one of each inner list must be present). */
  signature: string[][];
}

export interface ApplicationRowTemplate {
  /** Stable key, e.g. `denied.3`. */
  key: string;
  /** The official label as printed in the format, with its numbering. */
  label: string;
  /** Key of the group this row belongs to (`denied`, `unavailable`, …). */
  group?: string;
  /** A group heading carries no numbers; a row does. */
  kind: 'row' | 'group';
  /** Formats in which this entry exists with this kind. */
  templates: TemplateVersion[];
  /** Whether the row is one of the results summed into （七）总计. */
  result?: boolean;
}

export interface ProactiveRowTemplate {
  key: string;
  label: string;
  /** Older or alternative labels that mean the same row. */
  aliases?: string[];
}

export type ProactiveValueKind = 'count' | 'signed' | 'amount';

export interface ProactiveColumn {
  label: string;
  kind: ProactiveValueKind;
}

export interface ProactiveBlockTemplate {
  /** 第二十条第（一）项 */
  item: string;
  clause: string;
  columns: ProactiveColumn[];
  rows: ProactiveRowTemplate[];
}

export interface TemplateFormat {
  version: TemplateVersion;
  document: string;
  applicationColumns: string[];
  applicationRows: ApplicationRowTemplate[];
  proactive: ProactiveBlockTemplate[];
  reviewColumns: string[];
}
