import type { CurrencyCode, Language } from './invoice-spec.ts';

/**
 * How each language prints money, dates and rates: `1,234.56` / `1.234,56` / `1 234,56`, and
 * `Jan 31, 2026` / `31.01.2026` / `31/01/2026`. English dates spell the month so that no reader
 * has to guess the day/month order.
 */

const symbols: Readonly<Record<CurrencyCode, string>> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };
const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface NumberStyle {
  readonly group: string;
  readonly decimal: string;
}

const numberStyles: Readonly<Record<Language, NumberStyle>> = {
  en: { group: ',', decimal: '.' },
  de: { group: '.', decimal: ',' },
  fr: { group: ' ', decimal: ',' },
};

/**
 * An amount without its currency, as printed in the line-item table.
 *
 * @example formatNumber(123456, 'fr') // '1 234,56'
 */
export function formatNumber(cents: number, language: Language): string {
  const { group, decimal } = numberStyles[language];
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${units}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

/**
 * An amount with its currency: a leading symbol in English (`$1,234.56`, `CHF 1,234.56`), a
 * trailing one in German and French (`1.234,56 €`).
 */
export function formatMoney(cents: number, currency: CurrencyCode, language: Language): string {
  const number = formatNumber(cents, language);
  const symbol = symbols[currency];
  if (language !== 'en') return `${number} ${symbol}`;
  return symbol.length > 1 ? `${symbol} ${number}` : `${symbol}${number}`;
}

/** @example formatDate('2026-01-31', 'de') // '31.01.2026' */
export function formatDate(iso: string, language: Language): string {
  const [year = '', month = '', day = ''] = iso.split('-');
  if (language === 'de') return `${day}.${month}.${year}`;
  if (language === 'fr') return `${day}/${month}/${year}`;
  return `${englishMonths[Number(month) - 1] ?? month} ${Number(day)}, ${year}`;
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
