/**
 * What the editor's next analysis of a document may take from its last one among the shared facts
 * (issue 21): the prose's 「共…其中…」 breakdowns and the figures its sentences state when the sentences
 * read the same, the tables' arithmetic when its cells hold the same values. An edit in a table then
 * reads no sentence again; a character typed in the prose solves no sum again.
 *
 * Why that equals computing them again:
 * - The breakdowns and the claims' matches are read from the sentences' text alone, each place an index
 *   of one sentence: the memo keeps them as (sentence, from, to) and places them again in the new
 *   sentences, so a sentence that moved gives its places where it now is. The claims' readings (what the
 *   tables say) are taken from the new tables each time; only which statements match is reused, and only
 *   when the kinds of statement looked for are the same (they depend on which table values are there).
 * - The OCR traces lie each within a line: those of the lines an edit did not touch are kept, moved by it.
 * - The arithmetic reads the cells' values and keys, the rows present, the format and the values the
 *   prose states (`arithmeticKey` lists exactly those); what it returns points at cells, which are the new
 *   model's cells of the same keys in the reused result.
 * `test/unit/incremental.test.ts` compares the editor's analysis with a fresh one after random edits.
 *
 * Bounded: one entry per fact, the last analysis's; the caller drops the memo with the document. It
 * keeps the sentences' text of the last analysis that read them (slices of that analysis's prose) and the
 * cells of the last that solved the sums: at most one older text per document, until the editor's next
 * findings (which read both) replace them.
 */
import type { Cell, OffsetRange } from '../parse';
import type { Arithmetic } from './arithmetic';
import type { Sentence } from './prose';

/** A place in a sentence: the sentence's index in the list, and [from, to) of its text. */
export interface SentenceSpot {
  k: number;
  from: number;
  to: number;
}

export class FactsMemo {
  /** Facts taken from the last analysis / computed again (for the bench and tests). */
  readonly counts = { reused: 0, computed: 0 };
  breakdowns: { texts: string[]; value: unknown } | null = null;
  claims: { texts: string[]; kinds: readonly unknown[]; value: unknown } | null = null;
  arithmetic: { key: string; cells: Map<string, Cell>; value: Arithmetic } | null = null;
  /** The text's OCR traces (`parse/recognition.ts`): only the lines an edit touched are searched again. */
  recognition: { text: string; traces: OffsetRange[] } | null = null;

  /** Whether `sentences` read as `texts` do, sentence for sentence. */
  static sameTexts(texts: string[], sentences: Sentence[]): boolean {
    if (texts.length !== sentences.length) return false;
    for (let i = 0; i < texts.length; i++) if (texts[i] !== sentences[i].text) return false;
    return true;
  }
}

/** The sentences' texts, as a memo keeps them. */
export function textsOf(sentences: Sentence[]): string[] {
  const out = new Array<string>(sentences.length);
  for (let i = 0; i < sentences.length; i++) out[i] = sentences[i].text;
  return out;
}
