import { detectCurrency } from '../extract/currency.ts';

/**
 * The currency an amount shows, for the `Currency` Textract attaches to money fields: an ISO code
 * printed next to the number wins, then a symbol, then a word. Null when the value shows none or has
 * no digits. The same reading as the normaliser's, so both sides agree on what a value says.
 *
 * @example currencyOf('1.234,56 €') // 'EUR'
 */
export function currencyOf(value: string): string | null {
  return /\d/u.test(value) ? detectCurrency(value) : null;
}
