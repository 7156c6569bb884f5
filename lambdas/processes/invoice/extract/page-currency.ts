import { detectCurrency } from './currency.ts';
import type { LexiconLanguage } from './lexicon/index.ts';

/**
 * The currency of a page whose amounts print none: codes, symbols and words anywhere in its lines,
 * and failing those the currency of the country the issuer is in (from an IBAN, a VAT number or a
 * phone prefix, then the language), a guess reported with a confidence no rule trusts.
 */

export interface PageCurrency {
  readonly code: string;
  readonly confidence: number;
  readonly source: 'page' | 'country';
}

/** Confidence of a currency printed once on the page, away from the amounts; more mentions add to it. */
const printedOnce = 82;
const printedOften = 90;
/** A country's currency is a guess: below every rule's threshold, so a person checks it. */
export const countryDefaultConfidence = 40;

const countryCurrencies: Readonly<Record<string, string>> = {
  AT: 'EUR',
  BE: 'EUR',
  CY: 'EUR',
  DE: 'EUR',
  EE: 'EUR',
  ES: 'EUR',
  FI: 'EUR',
  FR: 'EUR',
  GR: 'EUR',
  HR: 'EUR',
  IE: 'EUR',
  IT: 'EUR',
  LT: 'EUR',
  LU: 'EUR',
  LV: 'EUR',
  MT: 'EUR',
  NL: 'EUR',
  PT: 'EUR',
  SI: 'EUR',
  SK: 'EUR',
  PL: 'PLN',
  GB: 'GBP',
  US: 'USD',
  IN: 'INR',
  CH: 'CHF',
  LI: 'CHF',
  CZ: 'CZK',
  SE: 'SEK',
  DK: 'DKK',
  NO: 'NOK',
  BR: 'BRL',
  CA: 'CAD',
  AU: 'AUD',
};
const phoneCountries: readonly (readonly [string, string])[] = [
  ['+351', 'PT'],
  ['+31', 'NL'],
  ['+32', 'BE'],
  ['+33', 'FR'],
  ['+34', 'ES'],
  ['+39', 'IT'],
  ['+41', 'CH'],
  ['+43', 'AT'],
  ['+44', 'GB'],
  ['+48', 'PL'],
  ['+49', 'DE'],
  ['+91', 'IN'],
  ['+1', 'US'],
];
/** Languages spoken in one currency area only; English is spoken in many and says nothing. */
const languageCurrencies: Partial<Record<LexiconLanguage, string>> = {
  nl: 'EUR',
  fr: 'EUR',
  de: 'EUR',
  es: 'EUR',
  it: 'EUR',
  pt: 'EUR',
  pl: 'PLN',
};

/** A line of the page and how sure its reader was of it (0–100; a text layer's is 99). */
export interface PageLineText {
  readonly text: string;
  readonly confidence?: number;
}

export function pageCurrency(
  lines: readonly PageLineText[],
  languages: readonly LexiconLanguage[],
): PageCurrency | null {
  const seen = new Map<string, { count: number; read: number }>();
  for (const line of lines) {
    const code = detectCurrency(line.text);
    if (code === null) continue;
    const known = seen.get(code) ?? { count: 0, read: 0 };
    seen.set(code, { count: known.count + 1, read: Math.max(known.read, line.confidence ?? 99) });
  }
  const ranked = [...seen].sort((a, b) => b[1].count - a[1].count);
  const [best, second] = ranked;
  if (best !== undefined) {
    const [code, { count, read }] = best;
    // An OCR'd sign (`₹` read as `¥`) is only as sure as its line.
    const confidence = (count >= 2 ? printedOften : printedOnce) * Math.min(1, read / 99);
    // Two currencies printed as often: whichever is chosen, a person should look.
    const contested = second !== undefined && second[1].count >= count;
    return { code, confidence: contested ? 60 : Math.round(confidence * 100) / 100, source: 'page' };
  }
  const country = issuerCountry(lines.map((l) => l.text));
  const code =
    (country === null ? undefined : countryCurrencies[country]) ??
    (languages[0] === undefined ? undefined : languageCurrencies[languages[0]]);
  return code === undefined ? null : { code, confidence: countryDefaultConfidence, source: 'country' };
}

/** The first country an IBAN, a VAT number or an international phone number on the page names. */
export function issuerCountry(lines: readonly string[]): string | null {
  for (const line of lines) {
    const iban = /\b([A-Z]{2})\d{2}(?:\s?[A-Z0-9]{4}){3,7}/u.exec(line);
    if (iban?.[1] !== undefined && countryCurrencies[iban[1]] !== undefined) return iban[1];
    const vat = /\b(?:VAT|BTW|TVA|USt|MwSt|IVA|NIP|P\.?\s?IVA|NIF)\b[^A-Z0-9]*([A-Z]{2})\s?\d/iu.exec(line);
    if (vat?.[1] !== undefined && countryCurrencies[vat[1].toUpperCase()] !== undefined)
      return vat[1].toUpperCase();
  }
  for (const line of lines) {
    const phone = phoneCountries.find(([prefix]) =>
      new RegExp(`(?:^|[^\\d+])\\${prefix}[\\s(]`, 'u').test(line),
    );
    if (phone !== undefined) return phone[1];
  }
  return null;
}
