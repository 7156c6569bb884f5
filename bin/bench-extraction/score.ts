import type { NormalizedInvoice } from '../../lambdas/processes/invoice/domain/invoice.ts';
import type { ExpectedFields } from '../../lambdas/processes/invoice/samples/index.ts';

/**
 * Exact-match scoring of what the extractor read against what the sample prints, both in Tower's
 * normalised form (ISO dates, ISO currency, `1234.56`): a field counts only when it is identical.
 * A due date the invoice does not print is right when nothing is read.
 */

export const scoredFields = [
  'vendor',
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'total',
  'currency',
] as const;
export type ScoredField = (typeof scoredFields)[number];

export type FieldScores = Readonly<Record<ScoredField, boolean>>;

export function scoreInvoice(expected: ExpectedFields, read: NormalizedInvoice): FieldScores {
  return {
    vendor: read.vendor?.value === expected.vendor,
    invoiceNumber: read.invoiceNumber?.value === expected.invoiceNumber,
    invoiceDate: read.invoiceDate?.value === expected.invoiceDate,
    dueDate: (read.dueDate?.value ?? null) === expected.dueDate,
    total: read.total?.value === expected.total,
    currency: read.currency?.value === expected.currency,
  };
}

/** The confidence each scored field was read with; null when it was not read. */
export type FieldConfidences = Readonly<Record<ScoredField, number | null>>;

export function confidencesOf(read: NormalizedInvoice): FieldConfidences {
  return Object.fromEntries(scoredFields.map((f) => [f, read[f]?.confidence ?? null])) as Record<
    ScoredField,
    number | null
  >;
}

/** The fields a case missed. */
export function misses(scores: FieldScores): ScoredField[] {
  return scoredFields.filter((f) => !scores[f]);
}

/** The share of cases (0–1) in which each field was right, and in which all of them were. */
export function accuracy(scores: readonly FieldScores[]): Record<ScoredField | 'all', number> {
  const share = (ok: (s: FieldScores) => boolean) =>
    scores.length === 0 ? 0 : scores.filter(ok).length / scores.length;
  const perField = Object.fromEntries(scoredFields.map((f) => [f, share((s) => s[f])])) as Record<
    ScoredField,
    number
  >;
  return { ...perField, all: share((s) => scoredFields.every((f) => s[f])) };
}
