import { parseAmount } from '../extract/amounts.ts';
import { parseDate } from '../extract/dates.ts';
import { type LabelKind, labelKind } from './labels.ts';

/**
 * Whether a text can be the value of a label: an id has digits and is short, a date parses, an
 * amount is one number with at most a currency beside it. A label's value candidates that fail
 * are passed over, so `Datum` never takes the line `Factuurnr.` sits on.
 */

export function valueFits(kind: LabelKind, text: string): boolean {
  const value = text.trim();
  if (value === '' || labelKind(value) !== null) return false;
  switch (kind) {
    case 'INVOICE_RECEIPT_ID':
      return looksLikeId(value);
    case 'INVOICE_RECEIPT_DATE':
    case 'DUE_DATE':
      return parseDate(value, { monthFirst: false }) !== null;
    case 'SUBTOTAL':
    case 'TAX':
    case 'TOTAL':
    case 'AMOUNT_DUE':
    case 'DISCOUNT':
      return looksLikeAmount(value);
    case 'RECEIVER':
    case 'VENDOR':
      return /\p{L}{2}/u.test(value);
    case 'OTHER':
      return true;
  }
}

/** `INV-2024-001`, `2024/00123`, `FT 2024/17`, `123PQR456`: up to three tokens, with a digit, not a date or money. */
export function looksLikeId(text: string): boolean {
  const tokens = text.split(/\s+/u);
  if (tokens.length > 3 || text.length > 32 || !/\d/u.test(text)) return false;
  if (/[€$£¥₹]/u.test(text) || parseDate(text, { monthFirst: false }) !== null) return false;
  return !/^\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}$/u.test(text);
}

/** One number, and besides it only a currency (`€`, `EUR`, `Rs.`, `zł`) or a one-letter tax mark. */
export function looksLikeAmount(text: string): boolean {
  if (parseAmount(text) === null) return false;
  const rest = text.replace(/\b[A-Z]{3}\b|[€$£¥₹]|zł|Rs\.?/gu, '').replace(/[\d\s.,'’()+\-−]/gu, '');
  return rest.length <= 1;
}
