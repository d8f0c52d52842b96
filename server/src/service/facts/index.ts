/**
 * The facts the rules share, derived from one report once per analysis and each on first use: the
 * tables' arithmetic, the prose's sentences and 「共…其中…」 breakdowns, and the figures the prose states.
 */
import type { OffsetRange, ReportModel } from '../parse';
import { recognitionTraces, recognitionTracesAfterEdit } from '../parse/recognition';
import type { ReportFormat } from '../format';
import { solveArithmetic, type Arithmetic } from './arithmetic';
import { readBreakdowns, readSentences, type Breakdown, type Sentence } from './prose';
import { proseEvidence, readClaims, type Claim } from './proseClaims';
import type { FactsMemo } from './memo';

/** The one list of the shared facts: the rule context and a prepared report both serve it. */
export interface ReportFacts {
  /** The tables' arithmetic, solved at most once per analysis. */
  arithmetic(): Arithmetic;
  sentences(): Sentence[];
  breakdowns(): Breakdown[];
  /** Figures the prose states about the tables. */
  claims(): Claim[];
  /** Where the model's text bears OCR's traces (`parse/recognition.ts`): asked by the rule runner and by ocr-text. */
  recognitionTraces(): OffsetRange[];
}

/** Derived facts, each computed on first use and then shared. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: make() }).v;
}

/** `memo`: the editor's memo of the document's last facts (`memo.ts`): what is the same is taken from it. */
export function reportFacts(model: ReportModel, format: ReportFormat, memo?: FactsMemo): ReportFacts {
  const sentences = once<Sentence[]>(() => readSentences(model));
  const breakdowns = once<Breakdown[]>(() => readBreakdowns(sentences(), memo));
  const claims = once<Claim[]>(() => readClaims(sentences(), model, format, memo));
  const arithmetic = once(() => solveArithmetic(model, format, proseEvidence(claims()), memo));
  const traces = once(() => {
    const last = memo?.recognition;
    if (!memo) return recognitionTraces(model.text);
    const value = last ? recognitionTracesAfterEdit(model.text, last.text, last.traces) : recognitionTraces(model.text);
    if (last) memo.counts.reused++;
    else memo.counts.computed++;
    memo.recognition = { text: model.text, traces: value };
    return value;
  });
  return { arithmetic, sentences, breakdowns, claims, recognitionTraces: traces };
}
