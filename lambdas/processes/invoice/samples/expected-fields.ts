import { type InvoiceSpec, invoiceTotals } from './invoice-spec.ts';

/**
 * What a perfect extractor reads from a sample invoice, in Tower's normalised form (see
 * lambdas/processes/invoice/domain/invoice.ts): ISO dates, ISO 4217 currency, amounts as decimal strings with two places.
 */
export interface ExpectedFields {
  readonly vendor: string;
  readonly invoiceNumber: string;
  readonly invoiceDate: string;
  readonly dueDate: string | null;
  readonly currency: string;
  /** What tax is charged on (the subtotal less any discount): subtotal + tax = total. */
  readonly subtotal: string;
  readonly tax: string;
  readonly total: string;
  /** The IBAN without spaces, or null when none is printed. */
  readonly bankAccount: string | null;
  readonly lineItems: readonly ExpectedLineItem[];
}

export interface ExpectedLineItem {
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amount: string;
}

/** @example expectedFields(spec).total // '1469.13' */
export function expectedFields(spec: InvoiceSpec): ExpectedFields {
  const totals = invoiceTotals(spec);
  return {
    vendor: collapse(spec.vendor.name),
    invoiceNumber: collapse(spec.invoiceNumber),
    invoiceDate: spec.invoiceDate,
    dueDate: spec.dueDate ?? null,
    currency: spec.currency,
    subtotal: decimal(totals.netCents),
    tax: decimal(totals.taxCents),
    total: decimal(totals.totalCents),
    bankAccount: spec.iban === undefined ? null : spec.iban.replace(/\s+/g, '').toUpperCase(),
    lineItems: spec.lineItems.map((line, i) => ({
      description: collapse(line.description),
      quantity: String(line.quantity),
      unitPrice: decimal(line.unitPriceCents),
      amount: decimal(totals.lineAmountsCents[i] ?? 0),
    })),
  };
}

/** Cents as `1234.56`. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
