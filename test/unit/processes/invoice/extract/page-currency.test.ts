import { describe, expect, it } from 'vitest';
import {
  issuerCountry,
  pageCurrency,
} from '../../../../../lambdas/processes/invoice/extract/page-currency.ts';

describe('pageCurrency', () => {
  it.each([
    [['Alle bedragen in €', 'Totaal 1.234,56'], 'EUR'],
    [['Amount in words: Rupees one thousand only'], 'INR'],
    [['Total Rs. 1,23,456.00'], 'INR'],
    [['Kwoty w zł'], 'PLN'],
    [['All amounts in CHF'], 'CHF'],
  ])('reads %j as %s, printed on the page', (texts, code) => {
    // Act
    const found = pageCurrency(
      texts.map((text) => ({ text })),
      [],
    );

    // Assess
    expect(found).toMatchObject({ code, source: 'page' });
    expect(found?.confidence).toBeGreaterThanOrEqual(80);
  });

  it('falls back to the issuer country, with a confidence below every rule', () => {
    // Act
    const found = pageCurrency([{ text: 'IBAN NL91 ABNA 0417 1643 00' }, { text: 'Totaal 12,50' }], ['nl']);

    // Assess
    expect(found).toEqual({ code: 'EUR', confidence: 40, source: 'country' });
  });

  it('knows nothing from an English page with no currency and no country', () => {
    // Act / Assess
    expect(pageCurrency([{ text: 'Total 12.50' }], ['en'])).toBeNull();
  });

  it('is only as sure of a sign as the reader was of its line', () => {
    // Act
    const found = pageCurrency([{ text: 'All amounts in ¥', confidence: 85 }], []);

    // Assess
    expect(found?.code).toBe('JPY');
    expect(found?.confidence).toBeLessThan(80);
  });

  it.each([
    [['NIP: PL 123-456-78-90'], 'PL'],
    [['Tel. +49 30 1234567'], 'DE'],
    [['IBAN: FR76 3000 6000 0112 3456 7890 189'], 'FR'],
  ])('finds the issuer country in %j', (lines, country) => {
    // Act / Assess
    expect(issuerCountry(lines)).toBe(country);
  });
});
