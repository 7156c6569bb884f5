/**
 * What a sample invoice says, independent of how it is drawn: parties, ids, dates, lines and tax.
 * Money is integer cents and totals are computed here once, so the PDF and the expected fields agree
 * to the cent.
 */

export const languages = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt', 'pl'] as const;
export type Language = (typeof languages)[number];

/**
 * `inline`: labels left with values right on the same line.
 * `columns`: a header block in two columns, labels above their values.
 * `title-first`: a big title (`FACTUUR`, `Kopie factuur`) above a smaller issuer block that carries
 * a legal form, a VAT number, a mail address and a web site; month-name dates.
 * `right-column`: the issuer's block on the right, the customer's on the left without a label,
 * totals labelled at the left margin with their amounts far away at the right edge, a payable line
 * under the total, regional number formats (`1'234.50`, `1,23,456.00`, `1 234,56`).
 * `title-number`: the number (and in some languages the date) only in the title line
 * (`Facture n°F-12 du 2 juillet 2015`), amounts without a currency, which is named once elsewhere.
 */
export const layouts = ['inline', 'columns', 'title-first', 'right-column', 'title-number'] as const;
export type LayoutVariant = (typeof layouts)[number];

export const currencies = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'INR'] as const;
export type CurrencyCode = (typeof currencies)[number];

export interface Party {
  readonly name: string;
  readonly addressLines: readonly string[];
}

export interface InvoiceLine {
  readonly description: string;
  /** A positive whole number of units. */
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface InvoiceSpec {
  readonly vendor: Party;
  readonly customer: Party;
  readonly invoiceNumber: string;
  /** ISO `YYYY-MM-DD`. */
  readonly invoiceDate: string;
  /** ISO `YYYY-MM-DD`; not printed when absent. */
  readonly dueDate?: string;
  readonly currency: CurrencyCode;
  readonly lineItems: readonly InvoiceLine[];
  /** 1900 is 19 %. */
  readonly taxRateBasisPoints: number;
  /** Printed grouped in fours, e.g. `DE89 3704 0044 0532 0130 00`; compact form here. */
  readonly iban?: string;
  readonly language: Language;
  readonly layout: LayoutVariant;
}

export interface InvoiceTotals {
  readonly lineAmountsCents: readonly number[];
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
}

/** One page holds this many lines in either layout. */
export const maxLineItems = 12;

/** Tax on the subtotal, rounded half up to the cent, all in integers. */
export function invoiceTotals(spec: InvoiceSpec): InvoiceTotals {
  const lineAmountsCents = spec.lineItems.map((line) => line.quantity * line.unitPriceCents);
  const subtotalCents = lineAmountsCents.reduce((sum, cents) => sum + cents, 0);
  const taxCents = Math.floor((subtotalCents * spec.taxRateBasisPoints + 5000) / 10000);
  return { lineAmountsCents, subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

/** Throws a RangeError naming the first thing that cannot be printed on one page or summed exactly. */
export function validateSpec(spec: InvoiceSpec): void {
  const fail = (what: string) => {
    throw new RangeError(`Invalid invoice spec: ${what}`);
  };
  if (spec.lineItems.length === 0 || spec.lineItems.length > maxLineItems)
    fail(`1 to ${maxLineItems} line items, got ${spec.lineItems.length}`);
  for (const [i, line] of spec.lineItems.entries()) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) fail(`lineItems[${i}].quantity`);
    if (!Number.isInteger(line.unitPriceCents) || line.unitPriceCents < 0) fail(`lineItems[${i}].unitPrice`);
    if (line.description.trim() === '') fail(`lineItems[${i}].description`);
  }
  if (
    !Number.isInteger(spec.taxRateBasisPoints) ||
    spec.taxRateBasisPoints < 0 ||
    spec.taxRateBasisPoints > 10000
  )
    fail('taxRateBasisPoints');
  if (!isIsoDate(spec.invoiceDate)) fail('invoiceDate');
  if (spec.dueDate !== undefined && !isIsoDate(spec.dueDate)) fail('dueDate');
  if (!Number.isSafeInteger(invoiceTotals(spec).totalCents * 10000)) fail('amounts too large');
  if (spec.vendor.name.trim() === '' || spec.invoiceNumber.trim() === '')
    fail('vendor name or invoice number');
}

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}
