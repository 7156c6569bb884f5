import { describe, expect, it } from 'vitest';
import {
  currencyCode,
  detectCurrency,
  monthFirstFor,
} from '../../../../../lambdas/processes/invoice/extract/currency.ts';

describe('detectCurrency', () => {
  it.each([
    ['1.234,56 €', 'EUR'],
    ['EUR 10.00', 'EUR'],
    ['£12.00', 'GBP'],
    ["CHF 1'234.50", 'CHF'],
    ['$6,169.40', 'USD'],
    ['US$ 5', 'USD'],
    ['CAD $12.00', 'CAD'],
    ['C$12.00', 'CAD'],
    ['A$ 9.99', 'AUD'],
    ['S$ 3.00', 'SGD'],
    ['¥1200', 'JPY'],
    ['₹ 500', 'INR'],
    ['12,00 zł', 'PLN'],
    ['100 Kč', 'CZK'],
    ['SEK 99', 'SEK'],
  ])('finds %j as %s', (text, code) => {
    // Act
    const found = detectCurrency(text);

    // Assess
    expect(found).toBe(code);
  });

  it.each(['1234.56', 'TAX 12.00', 'P21.50/Unit', ''])('finds none in %j', (text) => {
    // Act
    const found = detectCurrency(text);

    // Assess
    expect(found).toBeNull();
  });
});

describe('currencyCode', () => {
  it.each([
    ['USD', 'USD'],
    [' eur ', 'EUR'],
    ['dollars', null],
    [undefined, null],
  ])("accepts Textract's %j as %s", (code, expected) => {
    // Act
    const result = currencyCode(code);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('monthFirstFor', () => {
  it.each([
    ['USD', true],
    ['EUR', false],
    [null, false],
  ])('orders numeric dates of %s month-first: %s', (currency, expected) => {
    // Act
    const monthFirst = monthFirstFor(currency);

    // Assess
    expect(monthFirst).toBe(expected);
  });
});
