/** The ordered registry of rules: docs, the config schema and the settings are generated from it. */
import { balance } from './balance';
import { notAReport } from './not-a-report';
import { ocrText } from './ocr-text';
import { tableDuplicate } from './table-duplicate';
import { carryoverContinuity } from './carryover-continuity';
import { cellCount } from './cell-count';
import { cellValue } from './cell-value';
import { columnTotal } from './column-total';
import { reviewTotal } from './review-total';
import { rowLabel } from './row-label';
import { rowMissing } from './row-missing';
import { rowTotal } from './row-total';
import { sectionHeading } from './section-heading';
import { sectionMissing } from './section-missing';
import { sectionOrder } from './section-order';
import { tableMissing } from './table-missing';
import { tableRebuilt } from './table-rebuilt';
import { tableUnreadable } from './table-unreadable';
import { formatMismatch } from './template-mismatch';
import type { Rule } from './types';
import { yearMismatch } from './year-mismatch';
import { feeStatement } from './fee-statement';
import { proseBreakdown } from './prose-breakdown';
import { prosePercentage } from './prose-percentage';
import { proseTable } from './prose-table';
import { regulationAuthority } from './regulation-authority';
import { inForceContinuity } from './in-force-continuity';
import { yearOverYear } from './year-over-year';
import { contentReuse } from './content-reuse';
import { problemsSection } from './problems-section';
import { publishDeadline } from './publish-deadline';

export const RULES: Rule[] = [
  sectionMissing,
  sectionOrder,
  sectionHeading,
  tableMissing,
  tableUnreadable,
  tableRebuilt,
  ocrText,
  rowMissing,
  rowLabel,
  cellCount,
  cellValue,
  rowTotal,
  columnTotal,
  balance,
  reviewTotal,
  formatMismatch,
  yearMismatch,
  carryoverContinuity,
  inForceContinuity,
  yearOverYear,
  regulationAuthority,
  problemsSection,
  feeStatement,
  publishDeadline,
  contentReuse,
  proseTable,
  proseBreakdown,
  prosePercentage,
  tableDuplicate,
  notAReport,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find(r => r.meta.id === id);
}

export * from './types';
