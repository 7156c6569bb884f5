import { describe, expect, it } from 'vitest';
import { normaliseVendorName } from '../../../../../lambdas/processes/invoice/extract/vendor-name.ts';

describe('normaliseVendorName', () => {
  it.each([
    ['MEGA MARKET PLUS', 'MEGA MARKET PLUS'],
    ['META\n-', 'META'],
    ['  ACME   Ltd ,\n12 High Street\nLondon', 'ACME Ltd'],
    ['ACME GmbH, Hauptstr. 5, 10115 Berlin', 'ACME GmbH'],
    ['Acme, Inc.', 'Acme, Inc.'],
    ['Smith, Jones & Partners LLP', 'Smith, Jones & Partners LLP'],
    ['Abstractors and Design Co., Suite 8', 'Abstractors and Design Co.'],
    ['Dupont SARL, rue de la Paix', 'Dupont SARL'],
    ['3M Company', '3M Company'],
    ['-\nÉditions Gallimard,', 'Éditions Gallimard'],
    ['Northwind Traders,', 'Northwind Traders'],
  ])('reads %j as %j', (text, name) => {
    // Act
    const result = normaliseVendorName(text);

    // Assess
    expect(result).toBe(name);
  });

  it.each(['', '  \n - \n', ',,,'])('finds no name in %j', (text) => {
    // Act
    const result = normaliseVendorName(text);

    // Assess
    expect(result).toBeNull();
  });
});
