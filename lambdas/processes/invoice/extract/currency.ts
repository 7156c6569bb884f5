/**
 * ISO 4217 currency codes, from Textract's `Currency.Code` or from the codes and symbols printed
 * next to an amount.
 */

/** Codes recognised in printed text; a short list, since any three capitals could otherwise match. */
// biome-ignore format: a table reads better packed
export const printedCodes: ReadonlySet<string> = new Set([
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
  ['₨', 'INR'],
  ['Rs.', 'INR'],
  ['Rs', 'INR'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['SFr.', 'CHF'],
  ['$', 'USD'],
];

/** Currencies written out (`12,50 euro`, `Rupees one thousand`, `złotych`), in matching form. */
const words: readonly (readonly [RegExp, string])[] = [
  [/\beuros?\b/iu, 'EUR'],
  [/\b(?:us\s+)?dollars?\b/iu, 'USD'],
  [/\brupees?\b/iu, 'INR'],
  [/\b(?:pounds?\s+)?sterling\b/iu, 'GBP'],
  [/(?<!\p{L})z[łl]ot(?:y|ych|e)(?!\p{L})/iu, 'PLN'],
  [/\b(?:swiss\s+francs?|franken|francs?\s+suisses?)\b/iu, 'CHF'],
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
  return words.find(([word]) => word.test(text))?.[1] ?? null;
}

/** Textract's `Currency.Code`, when it is a well-formed code. */
export function currencyCode(code: string | undefined | null): string | null {
  const upper = code?.trim().toUpperCase();
  return upper !== undefined && /^[A-Z]{3}$/.test(upper) ? upper : null;
}

/**
 * Day/month order of numeric dates: US documents (USD, in English or of unknown language) put the
 * month first, every other the day.
 */
export function monthFirstFor(currency: string | null, language: string | null = null): boolean {
  return currency === 'USD' && (language === null || language === 'en');
}

/**
 * A letter-led symbol (`S$`, `zł`) only counts when no letter precedes it (`US$` is not `S$`), and one
 * ending in a letter (`Rs`) only when none follows (`Rsvp` is no rupee).
 */
function symbolAt(text: string, symbol: string): boolean {
  const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
  let index = text.indexOf(symbol);
  while (index !== -1) {
    const before = !isLetter(symbol[0]) || !isLetter(text[index - 1]);
    const after = !isLetter(symbol.at(-1)) || !isLetter(text[index + symbol.length]);
    if (before && after) return true;
    index = text.indexOf(symbol, index + 1);
  }
  return false;
}
