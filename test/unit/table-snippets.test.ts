/** The whole-table snippets, in each layout, read back as complete zero-filled tables. */
import * as assert from 'assert';
import { checkReport } from '../../server/src/service/check';
import { applicationsTableText, reviewsTableText } from '../../server/src/service/features/completion';
import type { TableLayout } from '../../server/src/service/parse';
import { formatOf } from '../../server/src/service/format';

const layouts: TableLayout[] = ['flattened', 'cell-per-line', 'pipe'];

describe('whole-table snippets', () => {
  for (const version of ['2021', '2019'] as const) {
    for (const layout of layouts) {
      it(`${version} format, ${layout}: the 三 and 四 tables read back whole, with no finding in them`, () => {
        const year = version === '2021' ? 2023 : 2020;
        const text = [
          `${year}年政府信息公开工作年度报告`, '', '三、收到和处理政府信息公开申请情况', '',
          applicationsTableText(formatOf(version), layout, '\n'), '', '四、政府信息公开行政复议、行政诉讼情况', '',
          reviewsTableText(formatOf(version), layout, '\n'), '', '五、存在的主要问题及改进情况', '',
        ].join('\n');
        const { model, findings } = checkReport(text);
        assert.deepStrictEqual(model.applications!.rows.map(r => r.key), formatOf(version).applications.rows.map(r => r.key));
        assert.ok(model.applications!.rows.every(r => r.cells.length === 7 && r.cells.every(c => c.value === 0)));
        assert.strictEqual(model.applications!.layout, layout);
        assert.deepStrictEqual(model.reviews!.cells.map(c => c.value), new Array(15).fill(0));
        const inTables = findings.filter(f => !['section-missing', 'fee-statement', 'problems-section'].includes(f.ruleId));
        assert.deepStrictEqual(inTables.map(f => [f.ruleId, f.message.zh]), []);
      });
    }
  }
});
