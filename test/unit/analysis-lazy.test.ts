/**
 * The editor's features that need no finding do not run the rules (issue 11): completion, the
 * outline, folding and hover on a label read the parse only; diagnostics and a hover on a number
 * with a finding run them, once per version. And after a change, push diagnostics wait as long as
 * the analysis takes, not a fixed 200 ms.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { typingDelay } from '../../server/src/server';
import { createLanguageService } from '../../server/src/service/languageService';
import { corpusText } from '../helpers/corpus';

const ROW = '51 3 0 0 0 2 56';

function documentWith(text: string, version = 1) {
  const doc = TextDocument.create('file:///r/000.txt', 'nianbao', version, text);
  const at = (needle: string, plus = 0) => doc.positionAt(text.indexOf(needle) + plus);
  return { doc, at };
}

describe('analysis: the rules run only for what needs findings', () => {
  const text = corpusText('000');
  it('the sample has the row these tests point at', () => assert.ok(text.includes(ROW)));

  it('completion, document symbols, folding and hover on a row label leave the rules unrun', () => {
    const service = createLanguageService({ locale: 'zh' });
    const { doc, at } = documentWith(text);
    assert.ok(service.completion(doc, at('（七）总计')).items.length > 0, 'completion has items');
    assert.ok(service.documentSymbols(doc).length >= 6, 'the six sections are in the outline');
    assert.ok(service.foldingRanges(doc).length > 0, 'folding ranges');
    const hover = service.hover(doc, at('（七）总计', 2));
    assert.strictEqual(hover, null, 'a label is not a number');
    assert.strictEqual(service.analyse(doc).checked, false, 'no rule ran');
    service.diagnostics(doc);
    assert.strictEqual(service.analyse(doc).checked, true, 'diagnostics ran them');
  });

  it('hover on a number runs the rules once for that hover: its own finding is left to the editor, a finding elsewhere that names it is said', () => {
    const service = createLanguageService({ locale: 'zh' });
    const wrong = text.replace(ROW, '51 3 0 0 0 2 57');
    const { doc, at } = documentWith(wrong);
    const hover = service.hover(doc, at('51 3 0 0 0 2 57', '51 3 0 0 0 2 '.length));
    assert.ok(hover, 'a hover on the number');
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /= 57/, 'the cell as written');
    // The diagnostic is on this cell: VS Code shows its message in this same hover; it is not repeated.
    assert.doesNotMatch(value, /⚠/);
    assert.strictEqual(service.analyse(doc).checked, true);
    // The finding names the 总计 column's （七） total as a sum that does not hold: its hover says so.
    const finding = service.analyse(doc).findings.find(f => f.ruleId === 'row-total')!;
    const related = finding.related!.find(r => r.message.zh.includes('总计列'))!;
    const there = service.hover(doc, doc.positionAt(related.range.start));
    assert.match((there!.contents as MarkupContent).value, /⚠ 不相符的合计：总计列/);
    // The same version asked again: the findings are not computed twice.
    const findings = service.analyse(doc).findings;
    service.diagnostics(doc);
    assert.strictEqual(service.analyse(doc).findings, findings);
  });

  it('a column sum names its rows', () => {
    const service = createLanguageService({ locale: 'zh' });
    const { doc, at } = documentWith(text);
    const hover = service.hover(doc, at('\n（七）总计 62 3 0 0 0 2 67', '\n（七）总计 '.length));
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /自然人列：总计 62 = 各办理结果之和 62 ✓\n  - 其中：（一）予以公开 3，（二）部分公开 7，/);
  });

  it('a new version is analysed anew, and its completion still runs no rule', () => {
    const service = createLanguageService({ locale: 'zh' });
    const first = documentWith(text, 1);
    service.diagnostics(first.doc);
    const second = documentWith(text.replace(ROW, '51 3 0 0 0 2 57'), 2);
    service.completion(second.doc, second.at('（七）总计'));
    assert.strictEqual(service.analyse(second.doc).checked, false);
    assert.ok(service.diagnostics(second.doc).some(d => d.code === 'row-total'), 'the new version is checked when asked');
  });
});

describe('analysis: the same text under a new version', () => {
  it('is the same analysis, at the new version, and runs no rule it had not run (an undo back to the text, a save)', () => {
    const service = createLanguageService({ locale: 'zh' });
    const text = corpusText('000');
    const first = TextDocument.create('file:///r/000.txt', 'nianbao', 1, text);
    service.completion(first, first.positionAt(text.indexOf('（七）总计')));
    const again = TextDocument.create('file:///r/000.txt', 'nianbao', 2, text);
    const a = service.analyse(again);
    assert.strictEqual(a.version, 2);
    assert.strictEqual(a.checked, false, 'no rule ran for a completion and a version number');
    assert.strictEqual(a.model, service.analyse(first).model, 'the parse is not done again');
    const findings = a.findings;
    assert.strictEqual(service.analyse(again).checked, true);
    assert.strictEqual(service.analyse(TextDocument.create('file:///r/000.txt', 'nianbao', 3, text)).findings, findings, 'nor the rules');
  });
});

describe('push diagnostics: the wait after a change follows the analysis time', () => {
  it('is at most 50 ms for an analysis of up to 25 ms, and never 0', () => {
    for (const ms of [undefined, 0, 0.3, 1, 5, 12, 25]) {
      const d = typingDelay(ms);
      assert.ok(d > 0 && d <= 50, `${ms} ms analysis → ${d} ms wait`);
    }
  });

  it('grows with a slower analysis, up to a second', () => {
    assert.ok(typingDelay(100) > typingDelay(25));
    assert.ok(typingDelay(300) > typingDelay(100));
    assert.strictEqual(typingDelay(60_000), 1000);
  });
});
