import { describe, expect, it } from 'vitest';
import { issuerName, type TextLine } from '../../../../../lambdas/processes/invoice/extract/issuer.ts';
import { domainWords } from '../../../../../lambdas/processes/invoice/extract/issuer-ties.ts';

/** A line at (left, top), `size` high, about half a size per character wide. */
function line(text: string, left: number, top: number, size = 10): TextLine {
  return { text, left, top, right: left + text.length * size * 0.5, bottom: top + size };
}

describe('issuerName', () => {
  it('passes over a title above the issuer and takes the name with a legal form', () => {
    // Prepare
    const lines = [
      line('Kopie factuur', 50, 30, 20),
      line('Bakker Advies B.V.', 50, 70, 11),
      line('Stationsweg 26', 50, 84, 9),
      line('Btw-nummer: NL771839900B01', 50, 96, 9),
      line('info@bakker-advies.nl', 50, 108, 9),
    ];

    // Act
    const issuer = issuerName(lines, { pageHeight: 842 });

    // Assess
    expect(issuer).toMatchObject({ name: 'Bakker Advies B.V.', line: 1 });
    expect(issuer?.confidence).toBeGreaterThanOrEqual(90);
  });

  it('prefers the block with a VAT number and a matching domain over the customer, who also has a legal form', () => {
    // Prepare
    const lines = [
      line('Factuur', 50, 40, 22),
      line('Hotel Zeezicht V.O.F.', 50, 140, 10),
      line('Kerkstraat 136', 50, 152, 9),
      line('Bakker Advies B.V.', 360, 40, 12),
      line('Btw-nummer: NL771839900B01', 360, 54, 9),
      line('www.bakker-advies.nl', 360, 66, 9),
    ];

    // Act
    const issuer = issuerName(lines, { pageHeight: 842 });

    // Assess
    expect(issuer?.name).toBe('Bakker Advies B.V.');
  });

  it('drops a document word after a name, and is less sure of such a name', () => {
    // Prepare
    const lines = [line('Northwind Invoice', 50, 40, 18), line('12 High Street', 50, 62, 9)];

    // Act
    const issuer = issuerName(lines, { pageHeight: 842 });

    // Assess
    expect(issuer?.name).toBe('Northwind');
    expect(issuer?.confidence).toBeLessThan(80);
  });

  it('never takes a title, a label with its value, an address or an excluded line', () => {
    // Prepare
    const lines = [
      line('INVOICE', 50, 40, 24),
      line('Invoice 1258', 50, 70, 16),
      line('Invoice number: 77', 50, 100),
      line('Contoso Holdings Ltd', 50, 130),
      line('1 Market Road', 50, 142),
    ];

    // Act
    const issuer = issuerName(lines, { pageHeight: 842, exclude: new Set([3]) });

    // Assess
    expect(issuer).toBeNull();
  });

  it('gives a name chosen by size alone a confidence the rules send to a person', () => {
    // Prepare
    const lines = [line('Riverside Print Works', 50, 40, 16), line('Contoso Retail', 300, 40, 15)];

    // Act
    const issuer = issuerName(lines, { pageHeight: 842 });

    // Assess
    expect(issuer?.name).toBe('Riverside Print Works');
    expect(issuer?.confidence).toBeLessThan(80);
  });

  it.each([
    ['info@oakridge-supplies.co.uk', ['oakridge-supplies']],
    ['www.bakker-advies.nl', ['bakker-advies']],
    ['https://mail.brandt.de', ['brandt']],
    ['someone@gmail.com', []],
  ])('reads the name part of the domain in %j', (text, words) => {
    // Act / Assess
    expect(domainWords(text)).toEqual(words);
  });
});
