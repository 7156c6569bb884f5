import { type Field, type HeaderField, headerFields, type NormalizedInvoice } from '../domain/invoice.ts';
import { centsOf, parseAmount } from './amounts.ts';
import { bankAccountHash } from './bank-account.ts';
import { currencyCode, detectCurrency, monthFirstFor } from './currency.ts';
import { parseDate } from './dates.ts';
import { type ExpenseResponse, type RawField, readExpense } from './expense-fields.ts';
import { normaliseLineItems } from './line-items.ts';
import { type Picked, pickParsed, rankFields, roundConfidence } from './pick-field.ts';
import { normaliseVendorName } from './vendor-name.ts';

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

  const vendorFields = [
    ...ofType('VENDOR_NAME'),
    ...rankFields(summary, (f) => f.type === 'NAME' && f.groups.includes('VENDOR')),
  ];
  const vendor = settle(
    'vendor',
    pickParsed(vendorFields, (f) => normaliseVendorName(f.value)),
    asIs,
  );
  const invoiceNumber = settle('invoiceNumber', pickParsed(ofType('INVOICE_RECEIPT_ID'), readId), asIs);
  const amounts = {
    subtotal: pickParsed(ofType('SUBTOTAL'), (f) => parseAmount(f.value)),
    tax: pickParsed(ofType('TAX'), (f) => parseAmount(f.value)),
    // AMOUNT_DUE stands in only when no TOTAL reads.
    total: pickParsed(ofType('TOTAL', 'AMOUNT_DUE'), (f) => parseAmount(f.value)),
  };
  const subtotal = settle('subtotal', amounts.subtotal, asIs);
  const tax = settle('tax', amounts.tax, asIs);
  const total = settle('total', amounts.total, asIs);
  const chosenAmounts = [amounts.total, amounts.subtotal, amounts.tax].flatMap((p) =>
    p.kind === 'found' ? [p.field] : [],
  );
  const currency = pickCurrency(summary, chosenAmounts, content.lineItems.flat());
  if (currency === null) notes.set('currency', 'currency: missing');

  const monthFirst = monthFirstFor(currency?.value ?? null);
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
    ...items.warnings,
  ];
  return {
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
}

/** Invoice ids keep their characters; only spacing and a leading `#` or `№` go. */
function readId(field: RawField): string | null {
  const id = field.value
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[#№]\s*/u, '');
  return id === '' ? null : id;
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

/** Totals are checked to the cent, only when all three were read. */
function totalsWarning(subtotal: Field | null, tax: Field | null, total: Field | null): string[] {
  if (subtotal === null || tax === null || total === null) return [];
  return centsOf(subtotal.value) + centsOf(tax.value) === centsOf(total.value)
    ? []
    : ['totals: subtotal + tax does not equal total'];
}
