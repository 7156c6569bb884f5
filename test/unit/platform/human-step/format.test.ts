import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../../lambdas/platform/human-step/format.ts';

describe('formatAmount', () => {
  it.each([
    ['1234.50', 'EUR', 'EUR 1,234.50'],
    ['999.99', 'USD', 'USD 999.99'],
    ['1000.00', 'GBP', 'GBP 1,000.00'],
    ['1234567.00', 'EUR', 'EUR 1,234,567.00'],
    ['0.05', 'EUR', 'EUR 0.05'],
    ['12', 'EUR', 'EUR 12.00'],
    ['-1234.50', 'EUR', '-EUR 1,234.50'],
    ['1234.50', null, '1,234.50'],
    [null, 'EUR', '—'],
    [null, null, '—'],
  ])('formats %s %s as %s', (total, currency, expected) => {
    expect(formatAmount(total, currency)).toBe(expected);
  });
});
