import { describe, expect, it } from 'vitest';
import { accuracy, misses, scoreInvoice } from '../../../../bin/bench-extraction/score.ts';
import { median, percentile } from '../../../../bin/bench-extraction/stats.ts';
import type { Field, NormalizedInvoice } from '../../../../lambdas/processes/invoice/domain/invoice.ts';
import { expectedFields, randomInvoiceSpec } from '../../../../lambdas/processes/invoice/samples/index.ts';

const field = (value: string): Field => ({ value, confidence: 90 });

/** An invoice that read everything the spec prints. */
function perfect(seed: number): { expected: ReturnType<typeof expectedFields>; read: NormalizedInvoice } {
  const expected = expectedFields(randomInvoiceSpec(seed));
  const read: NormalizedInvoice = {
    vendor: field(expected.vendor),
    invoiceNumber: field(expected.invoiceNumber),
    invoiceDate: field(expected.invoiceDate),
    dueDate: expected.dueDate === null ? null : field(expected.dueDate),
    currency: field(expected.currency),
    subtotal: field(expected.subtotal),
    tax: field(expected.tax),
    total: field(expected.total),
    bankAccountHash: null,
    lineItems: [],
    pageCount: 1,
    warnings: [],
  };
  return { expected, read };
}

describe('scoreInvoice', () => {
  it('counts exact matches only', () => {
    // Prepare
    const { expected, read } = perfect(3);
    const wrong = { ...read, total: field(`${expected.total}0`), vendor: null };

    // Act
    const scores = scoreInvoice(expected, wrong);

    // Assess
    expect(misses(scores)).toEqual(['vendor', 'total']);
  });

  it('takes a due date the invoice does not print as right when none is read', () => {
    const { expected, read } = perfect(3);
    const noDue = { ...expected, dueDate: null };
    expect([
      scoreInvoice(noDue, { ...read, dueDate: null }).dueDate,
      scoreInvoice(noDue, read).dueDate,
    ]).toEqual([true, expected.dueDate === null]);
  });
});

describe('accuracy', () => {
  it('is the share right per field and for all fields together', () => {
    // Prepare
    const { expected, read } = perfect(4);
    const scores = [
      scoreInvoice(expected, read),
      scoreInvoice(expected, { ...read, currency: null }),
      scoreInvoice(expected, { ...read, currency: null, invoiceNumber: null }),
      scoreInvoice(expected, read),
    ];

    // Act
    const acc = accuracy(scores);

    // Assess
    expect(acc).toMatchObject({ vendor: 1, currency: 0.5, invoiceNumber: 0.75, all: 0.5 });
  });

  it('is zero, not NaN, for no cases', () => {
    expect(accuracy([]).all).toBe(0);
  });
});

describe('percentile', () => {
  it.each([
    [[1, 2, 3, 4], 50, 2],
    [[4, 1, 3, 2], 95, 4],
    [[5], 95, 5],
    [Array.from({ length: 20 }, (_, i) => i + 1), 95, 19],
  ])('of %j at p%d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is NaN for no values, and the median is p50', () => {
    expect([Number.isNaN(percentile([], 50)), median([3, 1, 2])]).toEqual([true, 2]);
  });
});
