/** Sample invoices for the local runtime, tests and benchmarks: specs, PDFs and what should be read from them. */
export { type ExpectedFields, type ExpectedLineItem, expectedFields } from './expected-fields.ts';
export { isValidIban } from './iban.ts';
export { invoicePdf } from './invoice-pdf.ts';
export {
  type CurrencyCode,
  currencies,
  type InvoiceLine,
  type InvoiceSpec,
  type InvoiceTotals,
  invoiceTotals,
  type Language,
  type LayoutVariant,
  languages,
  layouts,
  type Party,
} from './invoice-spec.ts';
export { type MalformedSample, malformedSamples } from './malformed.ts';
export { type Random, seededRandom } from './prng.ts';
export { randomInvoiceSpec } from './random-spec.ts';
