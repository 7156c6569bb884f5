import type { Field } from '../domain/invoice.ts';
import { roundConfidence } from './pick-field.ts';
import type { TotalEvidence } from './reconcile-amounts.ts';
import type { NamedVendorEvidence } from './vendor-evidence.ts';

/**
 * A field's confidence as its evidence allows: what Textract reports says how well the text was
 * read, not whether it is the field (a customer's name is read as well as the vendor's, a subtotal
 * as well as the total). Evidence that confirms the field (a tie to the issuer, subtotal + tax adding
 * up to the largest payable amount) leaves the read confidence; without it the confidence is capped
 * below the rule's threshold, at the share of such reads that were right. Fitted on the generated
 * bench's tune set: `npm run bench:extraction -- --set tune --fit` prints each class's share and cap.
 */

/** The evidence classes that confirm a field: their reads keep the confidence they were read with. */
export const confirming: {
  readonly vendor: readonly NamedVendorEvidence[];
  readonly total: readonly TotalEvidence[];
} = { vendor: ['tied', 'placed'], total: ['reconciled'] };

/** A name read off a domain (`amazon.com`) is a guess, whatever the bench says of it. */
export const domainGuessCap = 50;

/** Each class's cap (null: none), as the last fit set them. */
export const confidenceCaps: {
  readonly vendor: Readonly<Record<NamedVendorEvidence, number | null>>;
  readonly total: Readonly<Record<TotalEvidence, number | null>>;
} = {
  vendor: { tied: null, placed: null, untied: 79, domain: domainGuessCap },
  total: { reconciled: null, smaller: 89, unreconciled: 89, contested: 89, unconfirmed: 89 },
};

const vendorReasons: Readonly<Record<NamedVendorEvidence, string>> = {
  tied: 'vendor: a VAT or registration id, domain or bank account ties the name to the issuer',
  placed:
    'vendor: only its place above the title ties the name to the issuer (no VAT or registration id, domain or bank account of its own)',
  untied:
    'vendor: nothing on the page ties the name to the issuer (no VAT or registration id, domain, bank account or place above the title)',
  domain: 'vendor: no name was read, only the issuer’s web or mail domain',
};

const totalReasons: Readonly<Record<TotalEvidence, string>> = {
  reconciled: 'total: subtotal + tax adds up to it',
  smaller: 'total: a larger payable amount is printed too',
  unreconciled: 'total: subtotal + tax adds up to no total that was read',
  contested: 'total: several different totals are printed and subtotal + tax confirms none',
  unconfirmed: 'total: no subtotal and tax were read to confirm it',
};

export interface Calibrated {
  readonly field: Field;
  /** Why the confidence was capped; null when the read confidence stands. */
  readonly warning: string | null;
}

export function calibrateVendor(field: Field, evidence: NamedVendorEvidence): Calibrated {
  return capped(field, confidenceCaps.vendor[evidence], vendorReasons[evidence]);
}

export function calibrateTotal(field: Field, evidence: TotalEvidence): Calibrated {
  return capped(field, confidenceCaps.total[evidence], totalReasons[evidence]);
}

/** ISO 4217 currencies without a minor unit: a total in cents in one of them was misread (`₹` as `¥`). */
const wholeCurrencies: ReadonlySet<string> = new Set([
  'JPY',
  'KRW',
  'VND',
  'CLP',
  'ISK',
  'PYG',
  'UGX',
  'XAF',
  'XOF',
]);
/** Below the currency rule's threshold (80). */
export const inconsistentCurrencyCap = 79;

/** The currency, capped when the total has cents it cannot have. */
export function calibrateCurrency(field: Field, total: Field | null): Calibrated {
  const cents = total !== null && /\.\d*[1-9]\d*$/u.test(total.value);
  if (!wholeCurrencies.has(field.value) || !cents) return { field, warning: null };
  return capped(
    field,
    inconsistentCurrencyCap,
    `currency: ${field.value} has no cents, yet the total has some`,
  );
}

function capped(field: Field, cap: number | null, reason: string): Calibrated {
  if (cap === null || field.confidence <= cap) return { field, warning: null };
  return {
    field: { value: field.value, confidence: roundConfidence(cap) },
    warning: `${reason}; confidence capped at ${cap}`,
  };
}
