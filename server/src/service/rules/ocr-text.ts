import { isRecognisedText } from '../parse/recognition';
import { msg, type Rule } from './types';

/**
 * The rules that still speak on an OCR'd text: the tables' sums (a recogniser's wrong digit breaks a sum
 * like a writer's wrong number does, and the sum says which cell; the fix is then only a suggestion) and
 * the reading's own notes. Every other rule rests on the wording or on single numbers the recogniser may
 * have misread — a heading 「一、上总体情况」, a label 「行政规范性文仁」, a section whose heading was lost,
 * 「46」 read for 「16」 in a sentence — and is silent.
 */
export const RULES_ON_RECOGNISED_TEXT: ReadonlySet<string> = new Set([
  'not-a-report', 'ocr-text', 'table-unreadable', 'row-total', 'column-total', 'balance', 'review-total',
]);

export const ocrText: Rule = {
  meta: {
    id: 'ocr-text',
    description: msg('文字像是 OCR 识别所得：只检查表内合计', 'The text looks OCR’d: only the tables’ sums are checked'),
    severity: 'warning',
    fixable: false,
    tags: ['structure'],
  },
  check(ctx) {
    const traces = ctx.recognitionTraces();
    if (!isRecognisedText(traces)) return;
    const text = ctx.model.text;
    const examples = [...new Set(traces.map(t => text.slice(t.start, t.end)))].slice(0, 3);
    const zhList = examples.map(e => `“${e}”`).join('');
    const enList = examples.map(e => `“${e}”`).join(', ');
    ctx.report({
      range: traces[0],
      message: msg(
        `这段文字像是扫描件经 OCR 识别所得（有 ${traces.length} 处识别痕迹，如${zhList}）：字和数字都可能被认错，所以不报告标题、行名、缺少的部分或行、文字与表格的出入，也不与其他报告比较；表内合计照常检查，但修正只作建议。请尽量用带文字层的 PDF 或原 Word 文件检查，或对照原件核对`,
        `This text looks OCR’d from a scan (${traces.length} traces of recognition, such as ${enList}): characters and digits may be misread, so headings, labels, missing sections or rows and prose against the tables are not reported, nor is it compared with other reports; the tables’ sums are still checked, their fixes only suggested. Check the PDF with its text layer or the Word file where you can, or compare with the original`,
      ),
    });
  },
};
