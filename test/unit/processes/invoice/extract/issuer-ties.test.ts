import { describe, expect, it } from 'vitest';
import {
  identityTies,
  isRegistrationId,
  issuerTies,
} from '../../../../../lambdas/processes/invoice/extract/issuer-ties.ts';
import type { TextLine } from '../../../../../lambdas/processes/invoice/extract/text-blocks.ts';

function line(text: string, left: number, top: number, size = 10): TextLine {
  return { text, left, top, right: left + text.length * size * 0.5, bottom: top + size };
}

describe('isRegistrationId', () => {
  it.each([
    ['USt-IdNr. DE773104919', true],
    ['N° TVA intracommunautaire : FR77239056868', true],
    ['NIP: 123-456-78-90', true],
    ['VAT ID: 12-3456789', true],
    ['MwSt. 19 %:', false],
    ['Cuota IVA 10%', false],
    ['VAT Reg. No.', false],
  ])('%j: %s', (text, expected) => {
    expect(isRegistrationId(text)).toBe(expected);
  });
});

describe('issuerTies', () => {
  it('ties a name to the issuer by the VAT id in its block and the domain that echoes it', () => {
    // Prepare
    const lines = [
      line('Weber Bau AG', 50, 70),
      line('USt-IdNr. DE773104919', 50, 82, 9),
      line('info@weber-bau.de  ·  www.weber-bau.de', 50, 94, 9),
      line('Müller Logistik GmbH', 330, 70, 13),
    ];

    // Act
    const [issuer, customer] = [
      issuerTies(lines, 0, 'Weber Bau AG'),
      issuerTies(lines, 3, 'Müller Logistik GmbH'),
    ];

    // Assess
    expect(issuer).toMatchObject({ registration: true, domain: true, bankAccount: false });
    expect(identityTies(issuer)).toBe(2);
    expect(identityTies(customer)).toBe(0);
  });

  it('ties a name by a foot line that repeats it with a VAT id, and by an IBAN in its block', () => {
    // Prepare
    const lines = [
      line('Garnier Transports', 50, 70),
      line('IBAN FR20 5198 9316 4079 0496 5927 347', 50, 82, 9),
      line('Garnier Transports · 31000 Toulouse · N° TVA : FR77239056868', 50, 800, 7.5),
    ];

    // Act
    const ties = issuerTies(lines, 0, 'Garnier Transports');

    // Assess
    expect(ties).toMatchObject({ registration: true, bankAccount: true, domain: false });
  });

  it('places a name above the document title, and only that', () => {
    // Prepare
    const lines = [
      line('Northwind Consulting', 50, 60, 18),
      line('INVOICE', 50, 140, 16),
      line('Contoso Ltd', 50, 180),
    ];

    // Act
    const [above, below] = [
      issuerTies(lines, 0, 'Northwind Consulting'),
      issuerTies(lines, 2, 'Contoso Ltd'),
    ];

    // Assess
    expect(above).toEqual({
      vendorLabel: false,
      domain: false,
      registration: false,
      bankAccount: false,
      aboveTitle: true,
    });
    expect(below.aboveTitle).toBe(false);
  });

  it('ties a name under a seller label', () => {
    // Prepare
    const lines = [line('Sprzedawca:', 50, 60, 9), line('Nowak Transport Sp. z o.o.', 50, 72)];

    // Act / Assess
    expect(issuerTies(lines, 1, 'Nowak Transport Sp. z o.o.').vendorLabel).toBe(true);
  });
});
