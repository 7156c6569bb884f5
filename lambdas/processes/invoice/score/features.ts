import type { Field, InvoiceHeader } from '../domain/invoice.ts';
import type { VendorInvoice } from '../domain/vendors.ts';

/**
 * The vendor-risk features: pure functions of the invoice header and the vendor's recent invoices.
 * The model, the heuristic and the training script all use these, so they cannot drift apart.
 */
export const featureNames = [
  'amountDeviation',
  'newVendor',
  'duplicateInvoiceNumber',
  'bankDetailsChanged',
  'roundAmount',
  'lowConfidence',
  'currencyMismatch',
] as const;
export type FeatureName = (typeof featureNames)[number];

export type FeatureValues = Readonly<Record<FeatureName, number>>;

/** Each feature's value and the sentence an auditor reads for it. */
export interface FeatureSet {
  readonly values: FeatureValues;
  readonly explanations: Readonly<Record<FeatureName, string>>;
}

export interface ScoringInput {
  readonly documentId: string;
  readonly invoice: InvoiceHeader;
  /** The vendor's recent invoices, any order; empty for a new or unnamed vendor. */
  readonly history: readonly VendorInvoice[];
}

/** |ln(total / median)| is capped here (e^5 ≈ 148×), so one absurd total cannot dominate the score. */
export const maxAmountDeviation = 5;

/** The fields the score leans on most; their lowest confidence drives `lowConfidence`. */
export const keyFields = ['vendor', 'invoiceNumber', 'total'] as const;

/** A decimal amount string as integer cents; null when absent or unparseable. */
export function amountCents(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^-?\d+(\.\d+)?$/.test(value.trim())) return null;
  const cents = Math.round(Number(value) * 100);
  return Number.isFinite(cents) ? cents : null;
}

/** The lowest confidence (0–100) over the key fields; a missing field counts as 0. */
export function keyFieldConfidence(invoice: InvoiceHeader): { field: string; confidence: number } {
  let lowest = { field: keyFields[0] as string, confidence: Number.POSITIVE_INFINITY };
  for (const name of keyFields) {
    const field: Field | null = invoice[name];
    const confidence = field ? clamp(field.confidence, 0, 100) : 0;
    if (confidence < lowest.confidence) lowest = { field: name, confidence };
  }
  return lowest;
}

export function computeFeatures(input: ScoringInput): FeatureSet {
  const { invoice } = input;
  // The same document may already be in the history (a re-run after finalize): it is not its own precedent.
  const history = [...input.history]
    .filter((h) => h.documentId !== input.documentId)
    .sort((a, b) => (a.recordKey < b.recordKey ? 1 : a.recordKey > b.recordKey ? -1 : 0));
  const total = amountCents(invoice.total?.value);
  const currency = normalizeCode(invoice.currency?.value);

  const amount = amountDeviation(total, currency, history);
  const duplicate = isDuplicate(invoice.invoiceNumber?.value, history);
  const bank = bankChange(invoice.bankAccountHash, history);
  const round = roundness(total);
  const lowest = keyFieldConfidence(invoice);
  const usual = usualCurrency(history);
  const currencyDiffers = currency !== null && usual !== null && currency !== usual;

  return {
    values: {
      amountDeviation: amount.value,
      newVendor: history.length === 0 ? 1 : 0,
      duplicateInvoiceNumber: duplicate ? 1 : 0,
      bankDetailsChanged: bank.changed ? 1 : 0,
      roundAmount: round,
      lowConfidence: round4(1 - lowest.confidence / 100),
      currencyMismatch: currencyDiffers ? 1 : 0,
    },
    explanations: {
      amountDeviation: amount.explanation,
      newVendor:
        history.length === 0
          ? 'New vendor: no previous invoices on record'
          : `Known vendor with ${history.length} previous invoice${history.length === 1 ? '' : 's'}`,
      duplicateInvoiceNumber: duplicate
        ? 'Invoice number already used by another invoice of this vendor'
        : 'Invoice number not seen before for this vendor',
      bankDetailsChanged: bank.explanation,
      roundAmount:
        round === 1
          ? 'Total is a round multiple of 1,000'
          : round > 0
            ? 'Total is a round multiple of 100'
            : 'Total is not a round amount',
      lowConfidence: `Lowest key-field extraction confidence is ${Math.round(lowest.confidence)}% (${lowest.field})`,
      currencyMismatch: currencyDiffers
        ? `Currency ${currency} differs from this vendor's usual ${usual}`
        : usual === null || currency === null
          ? 'No usual currency to compare with'
          : "Currency matches this vendor's usual",
    },
  };
}

function amountDeviation(
  total: number | null,
  currency: string | null,
  history: readonly VendorInvoice[],
): { value: number; explanation: string } {
  const priced = history.filter((h) => (amountCents(h.total) ?? 0) > 0);
  // Compare like with like when the vendor has invoices in this currency.
  const sameCurrency = priced.filter((h) => normalizeCode(h.currency) === currency);
  const basis = sameCurrency.length > 0 ? sameCurrency : priced;
  const mid = median(basis.map((h) => amountCents(h.total) ?? 0));
  if (total === null || total <= 0 || mid === null)
    return { value: 0, explanation: 'No history to compare the total with' };
  const ratio = total / mid;
  const value = round4(Math.min(maxAmountDeviation, Math.abs(Math.log(ratio))));
  const count = `${basis.length} invoice${basis.length === 1 ? '' : 's'}`;
  return {
    value,
    explanation: `Total is ${formatRatio(ratio)} this vendor's median invoice (${count})`,
  };
}

function isDuplicate(invoiceNumber: string | undefined, history: readonly VendorInvoice[]): boolean {
  const number = normalizeInvoiceNumber(invoiceNumber);
  return number !== '' && history.some((h) => normalizeInvoiceNumber(h.invoiceNumber) === number);
}

function bankChange(
  bankAccountHash: string | null,
  history: readonly VendorInvoice[],
): { changed: boolean; explanation: string } {
  const latest = history.find((h) => h.bankAccountHash !== null)?.bankAccountHash ?? null;
  if (bankAccountHash === null || latest === null)
    return { changed: false, explanation: 'No bank details to compare with' };
  return bankAccountHash === latest
    ? { changed: false, explanation: "Bank details match the vendor's latest invoice" }
    : { changed: true, explanation: "Bank details differ from the vendor's latest invoice" };
}

/** 1 for a multiple of 1,000, 0.5 for a multiple of 100, else 0. */
function roundness(total: number | null): number {
  if (total === null || total <= 0) return 0;
  if (total % 100_000 === 0) return 1;
  return total % 10_000 === 0 ? 0.5 : 0;
}

/** The vendor's most frequent currency; ties go to the most recent. */
function usualCurrency(history: readonly VendorInvoice[]): string | null {
  const counts = new Map<string, number>();
  for (const h of history) {
    const code = normalizeCode(h.currency);
    if (code !== null) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let usual: string | null = null;
  for (const [code, count] of counts) if (usual === null || count > (counts.get(usual) ?? 0)) usual = code;
  return usual;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function normalizeInvoiceNumber(value: string | null | undefined): string {
  return (value ?? '').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function normalizeCode(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase();
  return code ? code : null;
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low;
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
