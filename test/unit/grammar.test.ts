/** The TextMate grammar, tokenized by the same engine VS Code uses (vscode-textmate + oniguruma). */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { ROOT } from '../helpers/corpus';

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: p => new oniguruma.OnigScanner(p), createOnigString: s => new oniguruma.OnigString(s) }),
    loadGrammar: async () => {
      const file = path.join(ROOT, 'syntaxes', 'nianbao.tmLanguage.json');
      return parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  grammar = (await registry.loadGrammar('text.nianbao'))!;
});

/** The scopes of the token that covers `piece` in `line`. */
function scopesOf(line: string, piece: string): string[] {
  const at = line.indexOf(piece);
  const { tokens } = grammar.tokenizeLine(line, INITIAL);
  const t = tokens.find(x => x.startIndex <= at && at < x.endIndex)!;
  return t.scopes;
}

describe('TextMate grammar', () => {
  const cases: [string, string, string][] = [
    ['一、总体情况', '一、总体情况', 'markup.heading.section.nianbao'],
    ['## 三、收到和处理政府信息公开申请情况', '收到', 'markup.heading.section.nianbao'],
    ['四、结转下年度继续办理 1 0 0 0 0 0 1', '四、结转', 'entity.name.tag.row-label.nianbao'],
    ['（一）做好主动公开工作', '（一）', 'markup.heading.subsection.nianbao'],
    ['（一）予以公开 3 0 0 0 0 1 4', '予以公开', 'entity.name.tag.row-label.nianbao'],
    ['1.属于国家秘密 0 0 0 0 0 0 0', '1.属于', 'entity.name.tag.row-label.nianbao'],
    ['（七）总计 62 3 0 0 0 2 67', '总计', 'keyword.other.total.nianbao'],
    ['（七）总计 62 3 0 0 0 2 67', '67', 'constant.numeric.nianbao'],
    ['第二十条第（一）项', '第二十条', 'entity.name.section.item.nianbao'],
    ['【nianbao-disable-next-line review-total】', 'review-total', 'comment.block.suppression.nianbao'],
    ['[bookmark: _Hlk66973412]一、本年新收', 'bookmark', 'comment.block.artifact.nianbao'],
    ['— 6 —', '6', 'comment.line.page-footer.nianbao'],
  ];
  for (const [line, piece, scope] of cases) {
    it(`「${line}」: ${piece} is ${scope}`, () => assert.ok(scopesOf(line, piece).includes(scope), scopesOf(line, piece).join(' ')));
  }
  it('a prose line starting with 一是 is not a heading', () => {
    assert.ok(!scopesOf('一是常态化推进政府信息主动公开工作。', '一是').some(s => s.startsWith('markup.heading')));
  });
});
