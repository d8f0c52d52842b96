import { msg, type Rule } from './types';

/** Only provincial governments and governments of 设区的市 may make 规章. */
export function isCountyLevelOrBelow(agency: string): boolean {
  // Past the province (省, 自治区, 特别行政区) and the city, a 区/县/旗/乡/镇/街道 names a county-level or lower body.
  const rest = agency.replace(/^.*?(省|自治区|特别行政区)/, '').replace(/^[^区县市]{1,8}?市(?!辖)/, '');
  return /(?<!自治|地)区|县|旗|(?<!城)乡|镇|街道/.test(rest);
}

export const regulationAuthority: Rule = {
  meta: {
    id: 'regulation-authority',
    description: msg('县级及以下机关不能制定规章，二表“规章”一行应为 0', 'A county-level or lower body makes no 规章: that row is 0'),
    severity: 'warning',
    fixable: false,
    tags: ['content', 'proactive'],
  },
  check(ctx) {
    const agency = ctx.model.agency?.value;
    if (!agency || !isCountyLevelOrBelow(agency)) return;
    for (const block of ctx.model.proactive) {
      for (const row of block.rows) {
        if (row.key !== 'rules' || !row.cells.some(c => (c.value ?? 0) > 0)) continue;
        ctx.report({
          range: row.range,
          message: msg(
            `只有省级人民政府和设区的市人民政府可以制定规章；“${agency}”为县级或以下机关，“规章”一行的数字应为 0，请核实（可能应填在“行政规范性文件”一行）`,
            `Only provincial governments and governments of cities with districts make 规章; “${agency}” is county-level or below, so this row should be 0 (the numbers may belong to 行政规范性文件)`,
          ),
        });
      }
    }
  },
};
