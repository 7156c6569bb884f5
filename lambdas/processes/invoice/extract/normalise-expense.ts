import { type Field, type HeaderField, headerFields, type NormalizedInvoice } from '../domain/invoice.ts';
import { centsOf, formatCents } from './amounts.ts';
import { bankAccountHash } from './bank-account.ts';
import { calibrateCurrency, calibrateTotal, calibrateVendor } from './calibration.ts';
import { currencyCode, detectCurrency, monthFirstFor } from './currency.ts';
import { parseDate } from './dates.ts';
import { type ExpenseResponse, type RawField, readExpense } from './expense-fields.ts';
import { readInvoiceId } from './invoice-id.ts';
import { pageLanguages } from './labels.ts';
import { normaliseLineItems } from './line-items.ts';
import { pageCurrency } from './page-currency.ts';
import { type Picked, pickParsed, rankFields, roundConfidence } from './pick-field.ts';
import { pickVendor } from './pick-vendor.ts';
import { type Amount, amountsOf, reconcileAmounts, type TotalEvidence } from './reconcile-amounts.ts';
import type { NamedVendorEvidence } from './vendor-evidence.ts';

/** Summary field types that hold money, searched for a printed currency when Textract names none. */
const amountTypes = new Set([
  'TOTAL',
  'SUBTOTAL',
  'TAX',
  'AMOUNT_DUE',
  'AMOUNT_PAID',
  'DISCOUNT',
  'GRATUITY',
  'PRIOR_BALANCE',
  'SERVICE_CHARGE',
  'SHIPPING_HANDLING_CHARGE',
]);

/**
 * Turns Textract expense analysis into Tower's invoice: one AnalyzeExpense response, or the pages of
 * a GetExpenseAnalysis job merged as one document. Pure: no I/O, no clock.
 *
 * @example normaliseExpense(await textract.send(new AnalyzeExpenseCommand(input))).total?.value // '6231.09'
 */
export function normaliseExpense(response: ExpenseResponse | readonly ExpenseResponse[]): NormalizedInvoice {
  return readInvoice(response).invoice;
}

/** What the calibration weighed for a field: its evidence class and the confidence it was read with. */
export interface Weighed<E extends string> {
  readonly evidence: E;
  readonly read: number;
}

/** The invoice, with the evidence its vendor and total were calibrated on (the bench fits the caps on it). */
export function readInvoice(response: ExpenseResponse | readonly ExpenseResponse[]): {
  readonly invoice: NormalizedInvoice;
  readonly weighed: {
    readonly vendor: Weighed<NamedVendorEvidence> | null;
    readonly total: Weighed<TotalEvidence> | null;
  };
} {
  const content = readExpense(([] as ExpenseResponse[]).concat(response));
  const { summary } = content;
  const ofType = (...types: string[]) => types.flatMap((t) => rankFields(summary, (f) => f.type === t));
  const notes = new Map<HeaderField, string>();
  const settle = <T>(name: HeaderField, picked: Picked<T>, value: (v: T) => string): Field | null => {
    if (picked.kind === 'found')
      return { value: value(picked.value), confidence: roundConfidence(picked.field.confidence) };
    notes.set(name, `${name}: ${picked.kind}`);
    return null;
  };
  const asIs = (v: string) => v;

  const calibrations: string[] = [];
  const picked = pickVendor(content);
  let vendor: Field | null = null;
  if ('field' in picked) {
    const calibrated = calibrateVendor(picked.field, picked.evidence);
    vendor = calibrated.field;
    if (calibrated.warning !== null) calibrations.push(calibrated.warning);
  } else
    notes.set(
      'vendor',
      picked.kind === 'customer'
        ? 'vendor: the only name read is the customer’s (a recipient block or beside a customer number)'
        : `vendor: ${picked.kind}`,
    );
  const invoiceNumber = settle(
    'invoiceNumber',
    pickParsed(ofType('INVOICE_RECEIPT_ID'), (f) => readInvoiceId(f.value)),
    asIs,
  );
  const amounts = reconcileAmounts({
    subtotal: amountsOf(ofType('SUBTOTAL')),
    tax: amountsOf(ofType('TAX')),
    total: amountsOf(ofType('TOTAL', 'AMOUNT_DUE')),
    discount: amountsOf(ofType('DISCOUNT')),
  });
  const amount = (name: HeaderField, types: readonly string[], chosen: Amount | null) => {
    if (chosen !== null)
      return { value: formatCents(chosen.cents), confidence: roundConfidence(chosen.field.confidence) };
    notes.set(name, `${name}: ${ofType(...types).length > 0 ? 'unparseable' : 'missing'}`);
    return null;
  };
  const subtotal = amount('subtotal', ['SUBTOTAL'], amounts.subtotal);
  const tax = amount('tax', ['TAX'], amounts.tax);
  const readTotal = amount('total', ['TOTAL', 'AMOUNT_DUE'], amounts.total);
  const calibratedTotal = readTotal === null ? null : calibrateTotal(readTotal, amounts.evidence);
  const total = calibratedTotal?.field ?? null;
  if (calibratedTotal?.warning) calibrations.push(calibratedTotal.warning);
  const chosenAmounts = [amounts.total, amounts.subtotal, amounts.tax].flatMap((a) =>
    a === null ? [] : [a.field],
  );
  const lineTexts = content.lines.map((l) => l.text);
  const languages = pageLanguages([
    ...lineTexts,
    ...summary.flatMap((f) => (f.label === null ? [] : [f.label])),
  ]);
  const printedCurrency = pickCurrency(summary, chosenAmounts, content.lineItems.flat());
  const readCurrency =
    printedCurrency === null
      ? fromPage(content.lines, languages)
      : corroborated(printedCurrency, summary, lineTexts);
  const calibratedCurrency = readCurrency === null ? null : calibrateCurrency(readCurrency, total);
  const currency = calibratedCurrency?.field ?? null;
  if (calibratedCurrency?.warning) calibrations.push(calibratedCurrency.warning);
  if (currency === null) notes.set('currency', 'currency: missing');

  const monthFirst = monthFirstFor(currency?.value ?? null, languages[0] ?? null);
  const date = (name: HeaderField, type: string) => {
    const picked = pickParsed(ofType(type), (f) => parseDate(f.value, { monthFirst }));
    if (picked.kind === 'found' && picked.value.ambiguous)
      notes.set(name, `${name}: ambiguous day/month order, read as ${monthFirst ? 'month' : 'day'}-first`);
    return settle(name, picked, (d) => d.iso);
  };
  const invoiceDate = date('invoiceDate', 'INVOICE_RECEIPT_DATE');
  const dueDate = date('dueDate', 'DUE_DATE');

  const items = normaliseLineItems(content.lineItems);
  const warnings = [
    ...headerFields.flatMap((name) => notes.get(name) ?? []),
    ...totalsWarning(subtotal, tax, total),
    ...calibrations,
    ...items.warnings,
  ];
  const invoice: NormalizedInvoice = {
    vendor,
    invoiceNumber,
    invoiceDate,
    dueDate,
    currency,
    subtotal,
    tax,
    total,
    bankAccountHash: bankAccountHash(summary.filter((f) => f.type === 'OTHER')),
    lineItems: items.lineItems,
    pageCount: content.pageCount,
    warnings,
  };
  return {
    invoice,
    weighed: {
      vendor: 'field' in picked ? { evidence: picked.evidence, read: picked.field.confidence } : null,
      total: readTotal === null ? null : { evidence: amounts.evidence, read: readTotal.confidence },
    },
  };
}

/**
 * The invoice currency: Textract's code on the chosen amounts, then on any field; failing that, a code
 * or symbol printed in the chosen amounts, any other amount, then the line item prices.
 */
function pickCurrency(
  summary: readonly RawField[],
  chosenAmounts: readonly RawField[],
  lineItemFields: readonly RawField[],
): Field | null {
  for (const f of [...chosenAmounts, ...rankFields(summary, (s) => s.currencyCode !== null)]) {
    const code = currencyCode(f.currencyCode);
    if (code !== null)
      return { value: code, confidence: roundConfidence(f.currencyConfidence ?? f.confidence) };
  }
  const printed = [
    ...chosenAmounts,
    ...rankFields(summary, (f) => amountTypes.has(f.type)),
    ...rankFields(lineItemFields, (f) => f.type === 'PRICE' || f.type === 'UNIT_PRICE'),
  ];
  for (const f of printed) {
    const code = detectCurrency(f.value);
    if (code !== null) return { value: code, confidence: roundConfidence(f.confidence) };
  }
  return null;
}

/** A currency seen once is trusted less, and one that other amounts contradict less still. */
const seenOnceFactor = 0.9;
const contradictedFactor = 0.8;

/**
 * The printed currency weighed against the rest of the page: how many amounts and LINEs show it, and
 * whether any amount shows another (an OCR misreading `₹` as `¥` shows it once, and alone).
 */
function corroborated(currency: Field, summary: readonly RawField[], lines: readonly string[]): Field {
  const shown = summary
    .filter((f) => amountTypes.has(f.type))
    .flatMap((f) => currencyCode(f.currencyCode) ?? detectCurrency(f.value) ?? []);
  const onLines = lines.filter((l) => detectCurrency(l) === currency.value).length;
  const agreeing = Math.max(shown.filter((c) => c === currency.value).length, onLines);
  // Without the page's LINEs there is nothing to weigh it against.
  let factor = lines.length > 0 && agreeing <= 1 ? seenOnceFactor : 1;
  if (shown.some((c) => c !== currency.value)) factor *= contradictedFactor;
  return { value: currency.value, confidence: roundConfidence(currency.confidence * factor) };
}

/** Printed anywhere on the page, or the issuer's country's currency as a low-confidence guess. */
function fromPage(
  lines: Parameters<typeof pageCurrency>[0],
  languages: Parameters<typeof pageCurrency>[1],
): Field | null {
  const found = pageCurrency(lines, languages);
  return found === null ? null : { value: found.code, confidence: found.confidence };
}

/** Totals are checked to the cent, only when all three were read. */
function totalsWarning(subtotal: Field | null, tax: Field | null, total: Field | null): string[] {
  if (subtotal === null || tax === null || total === null) return [];
  return centsOf(subtotal.value) + centsOf(tax.value) === centsOf(total.value)
    ? []
    : ['totals: subtotal + tax does not equal total'];
}
