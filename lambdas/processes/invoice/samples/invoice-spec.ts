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

/**
 * Layouts that tempt a reader to take the wrong party or amount, drawn only when asked for (so the
 * seeds of `layouts` keep their documents): a band of words above a small issuer block, and the
 * customer's company (its legal form, often larger than the issuer's name) printed top right.
 * `letterhead`: the customer's block labelled ("Rechnungsadresse"), the issuer's block under the band.
 * `window-right`: the customer unlabelled in an envelope window on the right, its customer number
 * beside it, the issuer's legal details repeated at the foot.
 */
export const lookalikeLayouts = ['letterhead', 'window-right'] as const;
export type LayoutVariant = (typeof layouts)[number] | (typeof lookalikeLayouts)[number];

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
  /** The customer's number at the customer's block (`Kundennummer 10234`); lookalike layouts only. */
  readonly customerNumber?: string;
  /** Words in a band across the top (a slogan, the trades); lookalike layouts only. */
  readonly headerBand?: string;
  /** A discount on the subtotal before tax, printed in every layout when set; 2000 is 20 %. */
  readonly discountBasisPoints?: number;
  /** Whether the issuer prints its VAT id, mail and web (lookalike layouts; a small business may not). @default true */
  readonly issuerDetails?: boolean;
}

export interface InvoiceTotals {
  readonly lineAmountsCents: readonly number[];
  /** The lines' sum, before any discount. */
  readonly subtotalCents: number;
  /** 0 without a discount. */
  readonly discountCents: number;
  /** What tax is charged on: the subtotal less the discount. */
  readonly netCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
}

/** One page holds this many lines in either layout. */
export const maxLineItems = 12;

/** The discount, then tax on what is left, each rounded half up to the cent, all in integers. */
export function invoiceTotals(spec: InvoiceSpec): InvoiceTotals {
  const lineAmountsCents = spec.lineItems.map((line) => line.quantity * line.unitPriceCents);
  const subtotalCents = lineAmountsCents.reduce((sum, cents) => sum + cents, 0);
  const discountCents = percentOf(subtotalCents, spec.discountBasisPoints ?? 0);
  const netCents = subtotalCents - discountCents;
  const taxCents = percentOf(netCents, spec.taxRateBasisPoints);
  return {
    lineAmountsCents,
    subtotalCents,
    discountCents,
    netCents,
    taxCents,
    totalCents: netCents + taxCents,
  };
}

function percentOf(cents: number, basisPoints: number): number {
  return Math.floor((cents * basisPoints + 5000) / 10000);
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
  const discount = spec.discountBasisPoints ?? 0;
  if (!Number.isInteger(discount) || discount < 0 || discount >= 10000) fail('discountBasisPoints');
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
