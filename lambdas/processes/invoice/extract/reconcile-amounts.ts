import { formatCents, parseAmountCents } from './amounts.ts';
import type { RawField } from './expense-fields.ts';

/**
 * Subtotal, tax and total chosen together: a page (or Textract) may offer several of each (`Total`
 * above the tax, `Total TTC`, `Te betalen`, a VAT line per rate), and the right ones add up, a
 * discount taken off the subtotal where one is printed. Among
 * combinations that add up the largest total wins; with none, the largest amount labelled payable.
 * How the total was confirmed is its evidence, which the calibration turns into a cap on its confidence.
 */

/**
 * `reconciled`: subtotal + tax = total, and no payable amount on the page is larger;
 * `smaller`: they add up, but a larger payable amount is printed too (a subtotal read as the total?);
 * `unreconciled`: a subtotal and a tax were read and add up to no total;
 * `contested`: several different totals and nothing to tell them apart but their size;
 * `unconfirmed`: one total, and no subtotal and tax to check it against.
 */
export type TotalEvidence = 'reconciled' | 'smaller' | 'unreconciled' | 'contested' | 'unconfirmed';

export interface Amount {
  readonly field: RawField;
  readonly cents: bigint;
}

export interface ReconciledAmounts {
  readonly subtotal: Amount | null;
  readonly tax: Amount | null;
  readonly total: Amount | null;
  /** Subtotal + tax = total, to the cent (or one cent of rounding). */
  readonly reconciled: boolean;
  readonly evidence: TotalEvidence;
}

/** Sums may be off by this much when each line was rounded on its own. */
const roundingCents = 1n;

export function amountsOf(fields: readonly RawField[]): Amount[] {
  return fields.flatMap((field) => {
    const cents = parseAmountCents(field.value);
    return cents === null ? [] : [{ field, cents }];
  });
}

export function reconcileAmounts(candidates: {
  readonly subtotal: readonly Amount[];
  readonly tax: readonly Amount[];
  readonly total: readonly Amount[];
  /** Amounts taken off (`Discount 20 %  -200.00`), printed with or without their minus. @default [] */
  readonly discount?: readonly Amount[];
}): ReconciledAmounts {
  const totals = candidates.total.filter((t) => t.cents > 0n);
  const taxes = taxOptions(candidates.tax);
  // A subtotal as printed, or less a discount: the subtotal is then the amount the tax is charged on.
  const subtotals = candidates.subtotal.flatMap((s) => [
    s,
    ...(candidates.discount ?? []).map((d) => ({ field: s.field, cents: s.cents - abs(d.cents) })),
  ]);
  let best: { subtotal: Amount; tax: Amount; total: Amount } | null = null;
  for (const total of totals)
    for (const subtotal of subtotals)
      for (const tax of taxes) {
        const off = subtotal.cents + tax.cents - total.cents;
        if (off > roundingCents || off < -roundingCents) continue;
        if (best === null || total.cents > best.total.cents) best = { subtotal, tax, total };
      }
  if (best !== null) {
    const top = best.total.cents;
    const larger = totals.some((t) => t.cents > top);
    return { ...best, reconciled: true, evidence: larger ? 'smaller' : 'reconciled' };
  }
  const total = largest(totals) ?? largest(candidates.total);
  const subtotal = first(candidates.subtotal, (s) => total === null || s.cents <= total.cents);
  const tax = first(candidates.tax, (t) => total === null || t.cents < total.cents);
  const distinct = new Set(totals.map((t) => t.cents)).size;
  const evidence: TotalEvidence =
    subtotal !== null && tax !== null ? 'unreconciled' : distinct > 1 ? 'contested' : 'unconfirmed';
  return { subtotal, tax, total, reconciled: false, evidence };
}

/** Each tax line, and their sum when there are several (one per rate). */
function taxOptions(taxes: readonly Amount[]): Amount[] {
  const distinct = taxes.filter((t, i) => taxes.findIndex((u) => u.cents === t.cents) === i);
  if (distinct.length < 2) return distinct;
  const [firstTax] = distinct;
  if (firstTax === undefined) return distinct;
  const sum = distinct.reduce((total, t) => total + t.cents, 0n);
  const weakest = distinct.reduce((w, t) => (t.field.confidence < w.field.confidence ? t : w), firstTax);
  return [...distinct, { field: { ...weakest.field, value: formatCents(sum) }, cents: sum }];
}

function abs(cents: bigint): bigint {
  return cents < 0n ? -cents : cents;
}

/** The largest amount; on a tie, the better-read one (the candidates come best-read first). */
function largest(amounts: readonly Amount[]): Amount | null {
  return amounts.reduce<Amount | null>((max, a) => (max === null || a.cents > max.cents ? a : max), null);
}

function first(amounts: readonly Amount[], accept: (a: Amount) => boolean): Amount | null {
  return amounts.find(accept) ?? null;
}
