import type { CurrencyCode, Language } from './invoice-spec.ts';

/**
 * How each language prints money, dates and rates: `1,234.56` / `1.234,56` / `1 234,56`, and
 * `Jan 31, 2026` / `31.01.2026` / `31/01/2026`. English dates in the two original layouts spell the
 * month so that no reader has to guess the day/month order; the newer layouts also print regional
 * forms (`1'234.50` for francs, `1,23,456.00` for rupees, `08/03/2014` in US order) and long dates
 * (`3 de agosto de 2014`, `3 sierpnia 2014 r.`).
 */

const symbols: Readonly<Record<CurrencyCode, string>> = {
  EUR: '€',
  USD: '$',
  GBP: '£',
  CHF: 'CHF',
  PLN: 'zł',
  INR: '₹',
};
const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Month names as a long date spells them (Polish in the genitive, as dates use it). */
const monthNames: Readonly<Record<Language, readonly string[]>> = {
  en: 'January February March April May June July August September October November December'.split(' '),
  de: 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember'.split(' '),
  fr: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
  nl: 'januari februari maart april mei juni juli augustus september oktober november december'.split(' '),
  es: 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(' '),
  it: 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre'.split(
    ' ',
  ),
  pt: 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro'.split(' '),
  pl: 'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia'.split(
    ' ',
  ),
};

interface NumberStyle {
  readonly group: string;
  readonly decimal: string;
}

const numberStyles: Readonly<Record<Language, NumberStyle>> = {
  en: { group: ',', decimal: '.' },
  de: { group: '.', decimal: ',' },
  fr: { group: ' ', decimal: ',' },
  nl: { group: '.', decimal: ',' },
  es: { group: '.', decimal: ',' },
  it: { group: '.', decimal: ',' },
  pt: { group: ' ', decimal: ',' },
  pl: { group: ' ', decimal: ',' },
};

/** Languages whose amounts carry the symbol in front (`€ 1.234,56` in Dutch, `$1,234.56` in English). */
const symbolFirst: ReadonlySet<Language> = new Set(['en', 'nl']);

/**
 * An amount without its currency, as printed in the line-item table. `regional` prints francs with
 * apostrophes (`1'234.50`) and rupees in lakhs (`1,23,456.00`).
 *
 * @example formatNumber(123456, 'fr') // '1 234,56'
 */
export function formatNumber(
  cents: number,
  language: Language,
  currency?: CurrencyCode,
  regional = false,
): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  if (regional && currency === 'CHF') return `${sign}${group(units, "'")}.${fraction}`;
  if (regional && currency === 'INR') return `${sign}${lakhs(units)}.${fraction}`;
  const { group: separator, decimal } = numberStyles[language];
  return `${sign}${group(units, separator)}${decimal}${fraction}`;
}

/**
 * An amount with its currency: a leading symbol in English (`$1,234.56`, `CHF 1,234.56`) and Dutch
 * (`€ 1.234,56`), a trailing one elsewhere (`1.234,56 €`, `1 234,56 zł`).
 */
export function formatMoney(
  cents: number,
  currency: CurrencyCode,
  language: Language,
  regional = false,
): string {
  const number = formatNumber(cents, language, currency, regional);
  const symbol = symbols[currency];
  if (!symbolFirst.has(language)) return `${number} ${symbol}`;
  return symbol.length > 1 || language === 'nl' ? `${symbol} ${number}` : `${symbol}${number}`;
}

/** The currency's sign as the samples print it. */
export function currencySymbol(currency: CurrencyCode): string {
  return symbols[currency];
}

export type DateStyle = 'usual' | 'long' | 'numeric';

/**
 * `usual`: the two original layouts' forms (`Jan 31, 2026`, `31.01.2026`, `31/01/2026`); `long`: the
 * month spelt out; `numeric`: digits only, in US order for US dollars.
 *
 * @example formatDate('2026-01-31', 'de') // '31.01.2026'
 * @example formatDate('2014-08-03', 'es', 'long') // '3 de agosto de 2014'
 */
export function formatDate(
  iso: string,
  language: Language,
  style: DateStyle = 'usual',
  currency?: CurrencyCode,
): string {
  const [year = '', month = '', day = ''] = iso.split('-');
  const [d, m] = [Number(day), Number(month)];
  if (style === 'long') return longDate(d, monthNames[language][m - 1] ?? month, year, language, currency);
  if (language === 'de' || language === 'pl') return `${day}.${month}.${year}`;
  if (language === 'nl') return `${day}-${month}-${year}`;
  if (language !== 'en') return `${day}/${month}/${year}`;
  if (style === 'numeric') return currency === 'USD' ? `${month}/${day}/${year}` : `${day}/${month}/${year}`;
  return `${englishMonths[m - 1] ?? month} ${d}, ${year}`;
}

function longDate(
  day: number,
  name: string,
  year: string,
  language: Language,
  currency?: CurrencyCode,
): string {
  switch (language) {
    case 'en':
      return currency === 'USD' ? `${name} ${day}, ${year}` : `${day} ${name} ${year}`;
    case 'de':
      return `${day}. ${name} ${year}`;
    case 'fr':
      return `${day === 1 ? '1er' : day} ${name} ${year}`;
    case 'es':
    case 'pt':
      return `${day} de ${name} de ${year}`;
    case 'pl':
      return `${day} ${name} ${year} r.`;
    default:
      return `${day} ${name} ${year}`;
  }
}

/** A tax rate as printed in a label: `19`, `7.7` or `7,7`. */
export function formatRate(basisPoints: number, language: Language): string {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}${numberStyles[language].decimal}${fraction}`;
}

/** An IBAN in groups of four, the way invoices print it. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

function group(units: string, separator: string): string {
  return units.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** `1,23,45,678`: the last three digits, then pairs. */
function lakhs(units: string): string {
  if (units.length <= 3) return units;
  const head = units.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${head},${units.slice(-3)}`;
}
