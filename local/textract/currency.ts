/**
 * The currency an amount shows, for the `Currency` Textract attaches to money fields: an ISO code
 * printed next to the number wins, then a symbol. Null when the value shows neither or has no digits.
 */

const codes = new Set(['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK']);

/** Longest first, so `CA$` is not read as `$`. */
const symbols: readonly (readonly [string, string])[] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['A$', 'AUD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['Fr.', 'CHF'],
  ['$', 'USD'],
];

/** @example currencyOf('1.234,56 €') // 'EUR' */
export function currencyOf(value: string): string | null {
  if (!/\d/u.test(value)) return null;
  for (const match of value.matchAll(/(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])/gu)) {
    if (codes.has(match[0])) return match[0];
  }
  return symbols.find(([symbol]) => value.includes(symbol))?.[1] ?? null;
}
