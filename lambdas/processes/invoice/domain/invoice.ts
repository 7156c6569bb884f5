import type { ActiveContentFinding } from '../../../platform/inspection/active-content.ts';
/** A value read from a document, with the extractor's confidence in it (0–100). */
export interface Field<T = string> {
  readonly value: T;
  readonly confidence: number;
}

export interface LineItem {
  readonly description: string | null;
  readonly quantity: string | null;
  readonly unitPrice: string | null;
  /** Decimal string with two places. */
  readonly amount: string | null;
  readonly confidence: number;
}

/**
 * An invoice as Tower understands it, whatever extracted it: ISO dates (YYYY-MM-DD), amounts as
 * decimal strings with two places, ISO 4217 currency codes, vendor names without their address.
 */
export interface NormalizedInvoice {
  readonly vendor: Field | null;
  readonly invoiceNumber: Field | null;
  readonly invoiceDate: Field | null;
  readonly dueDate: Field | null;
  readonly currency: Field | null;
  readonly subtotal: Field | null;
  readonly tax: Field | null;
  readonly total: Field | null;
  /** SHA-256 of the payee bank account (IBAN or account number) when the document shows one; never the number itself. */
  readonly bankAccountHash: string | null;
  readonly lineItems: readonly LineItem[];
  readonly pageCount: number;
  /** What the normaliser noticed: a missing field, an unparseable date, totals that do not add up. */
  readonly warnings: readonly string[];
  /** Active content the platform found at admission (kept with the artifact, so a reuse keeps it). */
  readonly activeContent?: readonly ActiveContentFinding[];
}

/** The fields every invoice is expected to carry. */
export const headerFields = [
  'vendor',
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'currency',
  'subtotal',
  'tax',
  'total',
] as const;
export type HeaderField = (typeof headerFields)[number];

/** How the approver and the operator call each header field. */
export const fieldLabels: Readonly<Record<HeaderField, string>> = {
  vendor: 'Vendor',
  invoiceNumber: 'Invoice number',
  invoiceDate: 'Invoice date',
  dueDate: 'Due date',
  currency: 'Currency',
  subtotal: 'Subtotal',
  tax: 'Tax',
  total: 'Total',
};

/** The invoice as it travels through the state machine: the header, with line items left in S3. */
export type InvoiceHeader = Omit<NormalizedInvoice, 'lineItems'> & { readonly lineItemCount: number };

export function headerOf(invoice: NormalizedInvoice): InvoiceHeader {
  const { lineItems, ...header } = invoice;
  return { ...header, lineItemCount: lineItems.length };
}
