/** Small decisions inside rules, as tables. */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { checkAcross, checkReport } from '../../server/src/service/check';
import { parseReport } from '../../server/src/service/parse';
import { isCountyLevelOrBelow } from '../../server/src/service/rules/regulation-authority';
import { fixturePath } from '../helpers/corpus';

describe('which bodies may make 规章', () => {
  const cases: [string, boolean][] = [
    ['淄博市张店区机关事务服务中心', true],
    ['张店区人民政府办公室', true],
    ['某县人民政府办公室', true],
    ['科苑街道办事处', true],
    ['淄博市人民政府', false],
    ['山东省人民政府办公厅', false],
    ['广西壮族自治区人民政府', false],
    ['江苏省住房和城乡建设厅', false],
    ['杭州市住房和城乡建设局', false],
    ['阿克苏地区行政公署', false],
  ];
  for (const [agency, county] of cases) {
    it(`${agency}: ${county ? 'county level or below' : 'may make 规章'}`, () => assert.strictEqual(isCountyLevelOrBelow(agency), county));
  }
});

describe('template configuration', () => {
  const valid = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
  const old = valid.replace(
    /（六）其他处理\n1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他 0 0 0 0 0 0 0/,
    '（六）其他处理 1 0 0 0 0 0 1',
  );

  it('a 2022 report with the 2019 （六） row: template-mismatch', () => {
    assert.deepStrictEqual(checkReport(old).findings.map(f => f.ruleId), ['template-mismatch']);
  });

  it('forcing "template": "2019" in the config accepts the 三 table; its 二 tables are still 2021 ones', () => {
    const findings = checkReport(old, { template: '2019' }).findings;
    assert.deepStrictEqual(findings.map(f => [f.ruleId, f.message.zh]), [['template-mismatch', '按配置应使用 2019 年格式（国办公开办函〔2019〕60号），但二表的栏目是 2021 年格式']]);
  });

  it('forcing "2019" on a 2021-format report reports the mismatch', () => {
    assert.deepStrictEqual(checkReport(valid, { template: '2019' }).findings.map(f => f.ruleId), ['template-mismatch', 'template-mismatch']);
  });

  it('a label written （1） keeps its bracket', () => {
    const m = parseReport(valid.replace('1.属于国家秘密 0', '（1）属于国家秘密 0'));
    assert.strictEqual(m.applications!.rows.find(r => r.key === 'denied.1')!.label, '（1）属于国家秘密');
  });
});

describe('one failing rule', () => {
  it('does not stop the others', () => {
    const text = readFileSync(fixturePath('valid-2021.txt'), 'utf8').replace('0 1 0 0 1 0 0 0 0 0', '0 1 0 0 9 0 0 0 0 0');
    const broken = { meta: { id: 'broken-rule', description: { zh: '', en: '' }, severity: 'error' as const, fixable: false, tags: [] }, check: () => { throw new Error('boom'); } };
    const { RULES } = require('../../server/src/service/rules') as typeof import('../../server/src/service/rules');
    RULES.unshift(broken);
    try {
      const r = checkReport(text);
      assert.deepStrictEqual(r.failures, [{ ruleId: 'broken-rule', error: 'boom' }]);
      assert.deepStrictEqual(r.findings.map(f => f.ruleId), ['review-total']);
    } finally {
      RULES.shift();
    }
  });
});

describe('carryover-continuity (across reports)', () => {
  const y2022 = readFileSync(fixturePath('valid-2021.txt'), 'utf8');
  const y2021 = y2022.replace(/2022/g, '2021');
  // The 2021 report is the 2022 text with its years changed: content-reuse, problems-section and
  // in-force-continuity rightly find that too (their own tests are in across.test.ts); here, the carry-over.
  const compare = (a: string, b: string) => new Map([...checkAcross([{ id: '2021.txt', text: a, model: parseReport(a) }, { id: '2022.txt', text: b, model: parseReport(b) }])]
    .map(([id, fs]) => [id, fs.filter(f => f.ruleId === 'carryover-continuity')]));

  it('2022 carries over 3, 2021 carried forward 1: a warning on the 2022 row', () => {
    const out = compare(y2021, y2022);
    assert.deepStrictEqual(out.get('2021.txt'), []);
    assert.deepStrictEqual(out.get('2022.txt')!.map(f => [f.ruleId, f.severity, y2022.slice(f.range.start, f.range.end), f.message.zh]), [
      ['carryover-continuity', 'warning', '二、上年结转政府信息公开申请数量', '“二、上年结转”与 2021 年度报告（2021.txt）的“四、结转下年度继续办理”不一致：自然人 3 ≠ 1，总计 3 ≠ 1'],
    ]);
  });

  it('another body, or a year apart, is not compared', () => {
    assert.deepStrictEqual(compare(y2021.replace('某县人民政府办公室', '某县财政局'), y2022).get('2022.txt'), []);
    assert.deepStrictEqual(compare(y2022.replace(/2022/g, '2020'), y2022).get('2022.txt'), []);
  });

  it('honours the config and suppression comments of the report it reports on', () => {
    const off = [{ id: '2021.txt', text: y2021, model: parseReport(y2021) }, { id: '2022.txt', text: y2022, model: parseReport(y2022), config: { rules: { 'carryover-continuity': 'off' as const } } }];
    assert.deepStrictEqual(checkAcross(off).get('2022.txt')!.filter(f => f.ruleId === 'carryover-continuity'), []);
    const quiet = '【nianbao-disable-file carryover-continuity】\n' + y2022;
    assert.deepStrictEqual(compare(y2021, quiet).get('2022.txt'), []);
  });
});
