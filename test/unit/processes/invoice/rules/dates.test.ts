import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate } from '../../../../../lambdas/processes/invoice/rules/dates.ts';

describe('dates', () => {
  it.each<[unknown, boolean]>([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['01/02/2024', false],
    [null, false],
    [20240101, false],
  ])('isIsoDate(%j) is %s', (value, expected) => {
    // Act / Assess
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each<[string, number, string]>([
    ['2024-03-01', 30, '2024-03-31'],
    ['2024-02-10', 30, '2024-03-11'],
    ['2023-02-10', 30, '2023-03-12'],
    ['2024-12-15', 30, '2025-01-14'],
    ['2024-03-30', 1, '2024-03-31'],
    ['2024-03-01', 0, '2024-03-01'],
  ])('addDays(%s, %s) is %s', (date, days, expected) => {
    // Act / Assess
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses a date that is not ISO', () => {
    // Act / Assess
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
  });
});
