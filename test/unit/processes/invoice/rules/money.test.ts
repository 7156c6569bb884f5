import { describe, expect, it } from 'vitest';
import {
  compareAmounts,
  fromCents,
  percentOf,
  toCents,
} from '../../../../../lambdas/processes/invoice/rules/money.ts';

describe('money', () => {
  it.each<[string, bigint | null]>([
    ['0', 0n],
    ['12', 1200n],
    ['12.3', 1230n],
    ['12.34', 1234n],
    ['-0.05', -5n],
    [' 7.00 ', 700n],
    ['90071992547409.93', 9007199254740993n],
    ['12.345', null],
    ['1,000.00', null],
    ['1e3', null],
    ['', null],
    ['.50', null],
  ])('toCents(%j) is %s', (amount, cents) => {
    // Act / Assess
    expect(toCents(amount)).toBe(cents);
  });

  it.each<[bigint, string]>([
    [0n, '0.00'],
    [5n, '0.05'],
    [123450n, '1234.50'],
    [-1999n, '-19.99'],
  ])('fromCents(%s) is %s', (cents, amount) => {
    // Act / Assess
    expect(fromCents(cents)).toBe(amount);
  });

  it.each<[unknown, unknown, -1 | 0 | 1 | null]>([
    ['10000.01', '10000.00', 1],
    ['10000.1', '10000.10', 0],
    ['0.30', '0.3', 0],
    ['9.99', '10', -1],
    // Beyond 2^53 cents a float comparison would call these equal.
    ['90071992547409.93', '90071992547409.92', 1],
    [null, '10.00', null],
    ['10.00', null, null],
    ['abc', '10.00', null],
    [10, '10.00', null],
  ])('compareAmounts(%j, %j) is %s', (a, b, order) => {
    // Act / Assess
    expect(compareAmounts(a, b)).toBe(order);
  });

  it.each<[string, number, string]>([
    ['1000.00', 2, '20.00'],
    ['1234.75', 2, '24.70'],
    ['1234.74', 2, '24.69'],
    ['0.25', 2, '0.01'],
    ['0.24', 2, '0.00'],
    ['100.00', 1.5, '1.50'],
    ['-1234.75', 2, '-24.70'],
  ])('percentOf(%s, %s) is %s', (amount, percent, expected) => {
    // Act / Assess
    expect(percentOf(amount, percent)).toBe(expected);
  });

  it.each<[string, number]>([
    ['1.234', 2],
    ['10.00', 2.125],
  ])('percentOf(%s, %s) refuses inexact input', (amount, percent) => {
    // Act / Assess
    expect(() => percentOf(amount, percent)).toThrow(RangeError);
  });
});
