import { describe, expect, it } from 'vitest';
import {
  centsOf,
  formatCents,
  parseAmount,
} from '../../../../../lambdas/processes/invoice/extract/amounts.ts';

describe('parseAmount', () => {
  it.each([
    ['$6,169.40', '6169.40'],
    ['$6169.40', '6169.40'],
    ['1.234,56 €', '1234.56'],
    ['1 234,56', '1234.56'],
    ['1\u00a0234,56 EUR', '1234.56'],
    ['1\u202f234,56', '1234.56'],
    ["CHF 1'234.50", '1234.50'],
    ['CHF 1’234.50', '1234.50'],
    ['(12.00)', '-12.00'],
    ['-12.00', '-12.00'],
    ['−12.00', '-12.00'],
    ['$-12.00', '-12.00'],
    ['12.00-', '-12.00'],
    ['$1000', '1000.00'],
    ['1,234,567', '1234567.00'],
    ['1.234', '1234.00'],
    ['12,5', '12.50'],
    ['0.125', '0.13'],
    ['1.234.567,891', '1234567.89'],
    ['$899.99 S', '899.99'],
    ['P21.50/Unit', '21.50'],
    ['USD 0.00', '0.00'],
    // Indian lakh grouping: one lakh twenty-three thousand …
    ['1,23,456', '123456.00'],
    ['Rs. 12,34,567.80', '1234567.80'],
    ['€ 50,-', '50.00'],
  ])('reads %j as %s', (text, amount) => {
    // Act
    const parsed = parseAmount(text);

    // Assess
    expect(parsed).toBe(amount);
  });

  it.each(['', 'n/a', '#2034 2049 1021', 'P14. 50/Unit', '2 X 21.50', '12.34.56', '12,34,56'])(
    'refuses %j',
    (text) => {
      // Act
      const parsed = parseAmount(text);

      // Assess
      expect(parsed).toBeNull();
    },
  );

  it('round-trips its own form through cents', () => {
    // Act
    const sum = centsOf('6169.40') + centsOf('61.69');

    // Assess
    expect(formatCents(sum)).toBe('6231.09');
    expect(formatCents(centsOf('-0.05'))).toBe('-0.05');
  });
});
