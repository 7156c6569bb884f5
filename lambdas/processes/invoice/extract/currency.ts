/**
 * ISO 4217 currency codes, from Textract's `Currency.Code` or from the codes and symbols printed
 * next to an amount.
 */

/** Codes recognised in printed text; a short list, since any three capitals could otherwise match. */
// biome-ignore format: a table reads better packed
const printedCodes = new Set([
  'AED', 'ARS', 'AUD', 'BGN', 'BHD', 'BRL', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CZK', 'DKK', 'EGP',
  'EUR', 'GBP', 'HKD', 'HUF', 'IDR', 'ILS', 'INR', 'ISK', 'JPY', 'KES', 'KRW', 'KWD', 'MAD', 'MXN',
  'MYR', 'NGN', 'NOK', 'NZD', 'OMR', 'PEN', 'PHP', 'PLN', 'QAR', 'RON', 'RUB', 'SAR', 'SEK', 'SGD',
  'THB', 'TRY', 'TWD', 'UAH', 'USD', 'VND', 'ZAR',
]);

/** Symbols, longest first: `CA$` must win over `$`. */
const symbols: readonly (readonly [string, string])[] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['MX$', 'MXN'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['￥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₱', 'PHP'],
  ['₪', 'ILS'],
  ['฿', 'THB'],
  ['₫', 'VND'],
  ['₴', 'UAH'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['$', 'USD'],
];

/**
 * The currency printed in a value: an ISO code wins over a symbol, so `CAD $12.00` is CAD and a bare
 * `$` is USD. Null when the text shows neither.
 *
 * @example detectCurrency("CHF 1'234.50") // 'CHF'
 */
export function detectCurrency(text: string): string | null {
  for (const match of text.matchAll(/(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])/g)) {
    if (printedCodes.has(match[0])) return match[0];
  }
  for (const [symbol, code] of symbols) {
    if (symbolAt(text, symbol)) return code;
  }
  return null;
}

/** Textract's `Currency.Code`, when it is a well-formed code. */
export function currencyCode(code: string | undefined | null): string | null {
  const upper = code?.trim().toUpperCase();
  return upper !== undefined && /^[A-Z]{3}$/.test(upper) ? upper : null;
}

/** Day/month order of numeric dates: US documents (USD) put the month first, most others the day. */
export function monthFirstFor(currency: string | null): boolean {
  return currency === 'USD';
}

/** A letter-led symbol (`S$`, `zł`) only counts when no letter precedes it (`US$` is not `S$`). */
function symbolAt(text: string, symbol: string): boolean {
  let index = text.indexOf(symbol);
  while (index !== -1) {
    if (!/\p{L}/u.test(symbol[0] ?? '') || index === 0 || !/\p{L}/u.test(text[index - 1] ?? '')) return true;
    index = text.indexOf(symbol, index + 1);
  }
  return false;
}
