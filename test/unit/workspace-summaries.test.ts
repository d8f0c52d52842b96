import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { acrossSummaries } from '../../server/src/service/check';
import { createLanguageService } from '../../server/src/service/languageService';
import { parseReport } from '../../server/src/service/parse';
import { isRecognisedText, recognitionTraces } from '../../server/src/service/parse/recognition';
import { corpusText } from '../helpers/corpus';

/** Sample 000 as a recogniser would give it: four OCR traces (brackets with spaces, two kinds of bracket). */
function recognised(): string {
  let text = corpusText('000');
  for (const [from, to] of [['第二十条第（一）项', '第二十条第〈一) 项'], ['第二十条第（五）项', '第二十条第( 五 )项'], ['第二十条第（六）项', '第二十条第(六 )项'], ['第二十条第（八）项', '第二十条第《八)项']]) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
  }
  return text;
}

describe('the workspace check: what a report gives the rules across reports', () => {
  // setReport takes whether the text is OCR'd from its check instead of reading the traces again.
  for (const [name, text, ocr] of [['a typed report', corpusText('000'), false], ['an OCR\'d report', recognised(), true]] as const) {
    it(`${name}: the same summaries as reading the traces of its text again`, () => {
      assert.strictEqual(isRecognisedText(recognitionTraces(text)), ocr);
      const service = createLanguageService({ locale: 'zh' });
      const doc = TextDocument.create('file:///r/a.txt', 'nianbao', 1, text);
      const own = service.setReport(service.analyse(doc));
      const full = acrossSummaries(parseReport(text));
      assert.deepStrictEqual(own.summaries, full);
      assert.strictEqual(Object.keys(full).length === 0, ocr, 'an OCR\'d report is compared with no other');
    });
  }
});
