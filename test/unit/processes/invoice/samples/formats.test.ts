import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatIban,
  formatMoney,
  formatNumber,
  formatRate,
} from '../../../../../lambdas/processes/invoice/samples/formats.ts';
import type {
  CurrencyCode,
  Language,
} from '../../../../../lambdas/processes/invoice/samples/invoice-spec.ts';

describe('formats', () => {
  it.each<[number, Language, string]>([
    [123456, 'en', '1,234.56'],
    [123456, 'de', '1.234,56'],
    [123456, 'fr', '1 234,56'],
    [5, 'en', '0.05'],
    [100000000, 'de', '1.000.000,00'],
    [99900, 'fr', '999,00'],
  ])('formatNumber(%i, %s) is %j', (cents, language, printed) => {
    // Act / Assess
    expect(formatNumber(cents, language)).toBe(printed);
  });

  it.each<[number, CurrencyCode, Language, string]>([
    [123456, 'USD', 'en', '$1,234.56'],
    [123456, 'GBP', 'en', '£1,234.56'],
    [123456, 'CHF', 'en', 'CHF 1,234.56'],
    [123456, 'EUR', 'de', '1.234,56 €'],
    [123456, 'EUR', 'fr', '1 234,56 €'],
    [123456, 'CHF', 'fr', '1 234,56 CHF'],
  ])('formatMoney(%i, %s, %s) is %j', (cents, currency, language, printed) => {
    // Act / Assess
    expect(formatMoney(cents, currency, language)).toBe(printed);
  });

  it.each<[string, Language, string]>([
    ['2026-01-31', 'en', 'Jan 31, 2026'],
    ['2026-01-31', 'de', '31.01.2026'],
    ['2026-01-31', 'fr', '31/01/2026'],
    ['2025-12-05', 'en', 'Dec 5, 2025'],
  ])('formatDate(%s, %s) is %j', (iso, language, printed) => {
    // Act / Assess
    expect(formatDate(iso, language)).toBe(printed);
  });

  it.each<[number, Language, string]>([
    [1900, 'de', '19'],
    [770, 'en', '7.7'],
    [550, 'fr', '5,5'],
    [825, 'en', '8.25'],
  ])('formatRate(%i, %s) is %j', (basisPoints, language, printed) => {
    // Act / Assess
    expect(formatRate(basisPoints, language)).toBe(printed);
  });

  it('groups an IBAN in fours', () => {
    // Act / Assess
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });

  it.each<[number, CurrencyCode, Language, string]>([
    [123450, 'CHF', 'de', "CHF 1'234.50"],
    [12345678, 'INR', 'en', '₹1,23,456.78'],
    [123456, 'EUR', 'nl', '€ 1.234,56'],
    [123456, 'PLN', 'pl', '1 234,56 zł'],
  ])('prints regional money %i %s %s as %j', (cents, currency, language, printed) => {
    // Act
    const money = formatMoney(cents, currency, language === 'de' ? 'en' : language, true);

    // Assess
    expect(money).toBe(printed);
  });

  it.each<[Language, string]>([
    ['en', '3 August 2014'],
    ['nl', '3 augustus 2014'],
    ['fr', '3 août 2014'],
    ['de', '3. August 2014'],
    ['es', '3 de agosto de 2014'],
    ['it', '3 agosto 2014'],
    ['pt', '3 de agosto de 2014'],
    ['pl', '3 sierpnia 2014 r.'],
  ])('spells a long %s date as %j', (language, printed) => {
    // Act / Assess
    expect(formatDate('2014-08-03', language, 'long', 'EUR')).toBe(printed);
  });

  it('prints numeric English dates in the order of the currency', () => {
    // Act / Assess
    expect(formatDate('2014-08-03', 'en', 'numeric', 'USD')).toBe('08/03/2014');
    expect(formatDate('2014-08-03', 'en', 'numeric', 'GBP')).toBe('03/08/2014');
  });
});
