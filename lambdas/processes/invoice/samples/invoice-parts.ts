import { type DateStyle, formatDate, formatIban, formatMoney, formatNumber, formatRate } from './formats.ts';
import type { InvoiceLabels } from './invoice-labels.ts';
import { type InvoiceSpec, invoiceTotals } from './invoice-spec.ts';
import { lookalikeWords } from './lookalike-words.ts';
import type { Pen } from './pdf-pen.ts';

/**
 * The blocks both layouts share: a party's name and address, the line-item table, the totals and
 * the payment details. Each takes the top baseline and returns the next free one below it.
 */

export const page = { width: 595.28, height: 841.89, left: 50, right: 545 } as const;

/** Right edges of the numeric columns; the description column starts at the left margin. */
const columns = { quantity: 350, unitPrice: 450, amount: page.right } as const;
const rowStep = 16;

export interface PartyStyle {
  readonly nameSize: number;
  readonly x?: number;
}

export function drawParty(
  pen: Pen,
  party: InvoiceSpec['vendor'],
  top: number,
  { nameSize, x = page.left }: PartyStyle,
): number {
  pen.text(party.name, x, top, { size: nameSize, bold: nameSize > 12 });
  let y = top - Math.max(14, nameSize);
  for (const line of party.addressLines) {
    pen.text(line, x, y, { size: 9 });
    y -= 12;
  }
  return y;
}

/**
 * Number, date and (when there is one) due date, each label left at `labelX` and its value at
 * `valueX` on the same line, from `top` down.
 */
export function drawHeaderFields(
  pen: Pen,
  spec: InvoiceSpec,
  labels: InvoiceLabels,
  {
    labelX,
    valueX,
    top,
    dates = 'usual',
  }: { labelX: number; valueX: number; top: number; dates?: DateStyle },
): void {
  const date = (iso: string) => formatDate(iso, spec.language, dates, spec.currency);
  const fields: [string, string][] = [
    [labels.invoiceNumber, spec.invoiceNumber],
    [labels.invoiceDate, date(spec.invoiceDate)],
  ];
  if (spec.dueDate !== undefined) fields.push([labels.dueDate, date(spec.dueDate)]);
  let y = top;
  for (const [label, value] of fields) {
    pen.text(label, labelX, y);
    pen.text(value, valueX, y);
    y -= 14;
  }
}

/** How the newer layouts print amounts: regional forms (`1'234.50`), or no currency at all. */
export interface AmountStyle {
  /** @default false */
  readonly regional?: boolean;
  /** Totals without their currency (named elsewhere on the page). @default false */
  readonly bare?: boolean;
  /** Where the totals' labels start. @default 330 */
  readonly labelX?: number;
}

/** Header, a rule, then one row per line item; numbers right-aligned under right-aligned headers. */
export function drawLineItems(
  pen: Pen,
  spec: InvoiceSpec,
  labels: InvoiceLabels,
  top: number,
  style: AmountStyle = {},
): number {
  const number = (cents: number) => formatNumber(cents, spec.language, spec.currency, style.regional);
  const { lineAmountsCents } = invoiceTotals(spec);
  const header = { size: 9, bold: true } as const;
  pen.text(labels.description, page.left, top, header);
  pen.text(labels.quantity, columns.quantity, top, { ...header, align: 'right' });
  pen.text(labels.unitPrice, columns.unitPrice, top, { ...header, align: 'right' });
  pen.text(labels.amount, columns.amount, top, { ...header, align: 'right' });
  pen.rule(page.left, page.right, top - 6);
  let y = top - 22;
  for (const [i, line] of spec.lineItems.entries()) {
    pen.text(line.description, page.left, y);
    pen.text(String(line.quantity), columns.quantity, y, { align: 'right' });
    pen.text(number(line.unitPriceCents), columns.unitPrice, y, { align: 'right' });
    pen.text(number(lineAmountsCents[i] ?? 0), columns.amount, y, { align: 'right' });
    y -= rowStep;
  }
  pen.rule(page.left, page.right, y + rowStep - 6);
  return y - 14;
}

/**
 * Subtotal, a discount when the spec has one, tax and total (and a payable line when `amountDue` is
 * given): labels on the left, amounts with their currency right-aligned.
 */
export function drawTotals(
  pen: Pen,
  spec: InvoiceSpec,
  labels: InvoiceLabels,
  top: number,
  style: AmountStyle & { readonly amountDue?: string } = {},
): number {
  const totals = invoiceTotals(spec);
  const money = (cents: number) =>
    style.bare
      ? formatNumber(cents, spec.language, spec.currency, style.regional)
      : formatMoney(cents, spec.currency, spec.language, style.regional);
  const words = lookalikeWords[spec.language];
  const discount = spec.discountBasisPoints ?? 0;
  // A discount prints the subtotal before it and the net after it: the subtotal alone no longer adds up.
  const discounted: [string, string, boolean][] =
    discount === 0
      ? []
      : [
          [words.discount(formatRate(discount, spec.language)), money(-totals.discountCents), false],
          [words.afterDiscount, money(totals.netCents), false],
        ];
  const rows: [string, string, boolean][] = [
    [labels.subtotal, money(totals.subtotalCents), false],
    ...discounted,
    [labels.tax(formatRate(spec.taxRateBasisPoints, spec.language)), money(totals.taxCents), false],
    [labels.total, money(totals.totalCents), style.amountDue === undefined],
  ];
  if (style.amountDue !== undefined) rows.push([style.amountDue, money(totals.totalCents), true]);
  let y = top;
  for (const [label, value, bold] of rows) {
    pen.text(label, style.labelX ?? 330, y, { bold });
    pen.text(value, page.right, y, { bold, align: 'right' });
    y -= rowStep;
  }
  return y;
}

/**
 * The bank account near the foot of the page: `IBAN: DE89 …` as one run of text (`together`), or
 * label and value as separate runs with a gap between them.
 */
export function drawPayment(
  pen: Pen,
  spec: InvoiceSpec,
  labels: InvoiceLabels,
  top: number,
  together: boolean,
): void {
  pen.text(labels.thanks, page.left, top, { size: 9, muted: true });
  if (spec.iban === undefined) return;
  pen.text(labels.bankDetails, page.left, top - 30, { size: 9, bold: true });
  const iban = formatIban(spec.iban);
  if (together) {
    pen.text(`${labels.iban} ${iban}`, page.left, top - 44, { size: 9 });
  } else {
    pen.text(labels.iban, page.left, top - 44, { size: 9 });
    pen.text(iban, page.left + 40, top - 44, { size: 9 });
  }
}
