/**
 * The sample reports rewritten into deviations seen in real reports (the trust issue): the 三 table
 * with （六）其他处理 printed as one row in a 2021 report, with one row missing, or with its long labels
 * wrapped the way `pdftotext -layout` wraps them (the label's tail on the line after the numbers).
 *
 * Written from the samples' true values (sample-values.ts, read by hand), as PDF text: a title, the six
 * headings with a line each, and flattened tables `label n n n n n n n`.
 */
import { formatOf, LATEST_FORMAT, type FormatApplicationRow } from '../../server/src/service/format';
import type { CorpusId } from './corpus';
import { sampleValues } from './sample-values';

export type Deviation = 'six-as-one-row' | 'row-missing' | 'labels-wrapped';

/** Labels longer than this are wrapped: their tail goes on the next line, as pdftotext -layout prints a narrow column. */
const WRAP_AT = 12;

export interface DeviatedReport {
  text: string;
  /** The 三 row keys as printed, in order. */
  rows: string[];
}

export function deviate(id: CorpusId, deviation: Deviation): DeviatedReport {
  const values = sampleValues(id);
  const format = formatOf(values.template);
  const year = values.template === '2019' ? 2020 : 2023;
  const byKey = new Map(values.applications.map(r => [r.key, r.values]));
  const lines: string[] = [`${year}年政府信息公开工作年度报告`, '', '一、总体情况', '', `${year}年，本机关认真贯彻落实《条例》要求，做好政府信息公开工作。`, ''];
  lines.push('二、主动公开政府信息情况', '');
  for (const block of values.proactive) {
    lines.push(block.item);
    for (const r of block.rows) lines.push(`${r.label} ${r.values.map(v => v ?? '').join(' ')}`.trim());
    lines.push('');
  }
  lines.push('三、收到和处理政府信息公开申请情况', '', `申请人情况 ${format.applications.columns.map(c => c.label).join(' ')}`, '');
  const printed: string[] = [];
  const entries: { entry: FormatApplicationRow; values: (number | null)[] | null }[] = format.applications.entries.map(e => ({ entry: e, values: e.kind === 'row' ? byKey.get(e.key) ?? null : null }));
  let rows = entries;
  if (deviation === 'six-as-one-row' && format === LATEST_FORMAT) {
    // The three 其他处理 rows summed into the one row of the 2019 format.
    const parts = entries.filter(e => e.entry.group === 'other');
    const sum = parts[0].values!.map((_, c) => parts.reduce((a, p) => a + (p.values![c] ?? 0), 0));
    const at = entries.findIndex(e => e.entry.kind === 'group' && e.entry.key === 'other');
    rows = [...entries.slice(0, at), { entry: { key: 'other', label: '（六）其他处理', kind: 'row', result: true }, values: sum }, ...entries.slice(at + 1).filter(e => e.entry.group !== 'other')];
  }
  if (deviation === 'row-missing') {
    // A result row that real reports drop (8.属于行政查询事项, the last 不予公开 reason; zeros in every sample).
    rows = rows.filter(e => e.entry.key !== 'denied.8');
  }
  for (const { entry, values: v } of rows) {
    if (entry.kind === 'group' || !v) {
      lines.push(entry.label);
      continue;
    }
    printed.push(entry.key);
    const numbers = v.map(x => x ?? '').join(' ');
    if (deviation === 'labels-wrapped' && entry.label.length > WRAP_AT) {
      lines.push(`${entry.label.slice(0, WRAP_AT)}    ${numbers}`, entry.label.slice(WRAP_AT));
    } else {
      lines.push(`${entry.label} ${numbers}`);
    }
  }
  lines.push('', '四、政府信息公开行政复议、行政诉讼情况', '', '行政复议 行政诉讼', `${format.reviews.columns.map(c => c.label).join(' ')} 未经复议直接起诉 复议后起诉`);
  lines.push(values.reviews.map(v => v ?? '').join(' '), '');
  lines.push('五、存在的主要问题及改进情况', '', '政务公开的深度和广度仍需拓展。', '', '六、其他需要报告的事项', '', '本年度未收取信息处理费。', '');
  return { text: lines.join('\n'), rows: printed };
}
