import { describe, expect, it } from 'vitest';
import type { RawField } from '../../../../../lambdas/processes/invoice/extract/expense-fields.ts';
import {
  amountsOf,
  reconcileAmounts,
} from '../../../../../lambdas/processes/invoice/extract/reconcile-amounts.ts';

function raw(type: string, value: string, confidence = 99): RawField {
  return {
    type,
    label: null,
    value,
    confidence,
    page: 1,
    currencyCode: null,
    currencyConfidence: null,
    groups: [],
  };
}

const cents = (a: { cents: bigint } | null) => (a === null ? null : a.cents);

describe('reconcileAmounts', () => {
  it('chooses the subtotal, tax and total that add up, whatever was read first', () => {
    // Prepare
    const candidates = {
      subtotal: amountsOf([raw('SUBTOTAL', '1.000,00')]),
      tax: amountsOf([raw('TAX', '19,00'), raw('TAX', '190,00')]),
      total: amountsOf([raw('TOTAL', '1.019,00', 99.5), raw('AMOUNT_DUE', '1.190,00', 98)]),
    };

    // Act
    const chosen = reconcileAmounts(candidates);

    // Assess
    expect([cents(chosen.subtotal), cents(chosen.tax), cents(chosen.total)]).toEqual([
      100000n,
      19000n,
      119000n,
    ]);
    expect(chosen).toMatchObject({ reconciled: true, evidence: 'reconciled' });
  });

  it('adds up the tax lines of two rates', () => {
    // Act
    const chosen = reconcileAmounts({
      subtotal: amountsOf([raw('SUBTOTAL', '200.00')]),
      tax: amountsOf([raw('TAX', '9.00'), raw('TAX', '21.00')]),
      total: amountsOf([raw('TOTAL', '230.00')]),
    });

    // Assess
    expect(chosen.reconciled).toBe(true);
    expect(cents(chosen.tax)).toBe(3000n);
  });

  it('allows a cent of rounding', () => {
    // Act
    const chosen = reconcileAmounts({
      subtotal: amountsOf([raw('SUBTOTAL', '10.01')]),
      tax: amountsOf([raw('TAX', '2.10')]),
      total: amountsOf([raw('TOTAL', '12.12')]),
    });

    // Assess
    expect(chosen.reconciled).toBe(true);
  });

  it('without a sum that adds up, takes the largest payable amount and trusts it less', () => {
    // Act
    const chosen = reconcileAmounts({
      subtotal: amountsOf([raw('SUBTOTAL', '100.00')]),
      tax: amountsOf([raw('TAX', '19.00')]),
      total: amountsOf([raw('TOTAL', '120.00'), raw('AMOUNT_DUE', '0.00')]),
    });

    // Assess
    expect(cents(chosen.total)).toBe(12000n);
    expect(chosen.reconciled).toBe(false);
    expect(chosen.evidence).toBe('unreconciled');
  });

  it('keeps a lone total as read', () => {
    // Act
    const chosen = reconcileAmounts({ subtotal: [], tax: [], total: amountsOf([raw('TOTAL', '€ 42,00')]) });

    // Assess
    expect(chosen).toMatchObject({ reconciled: false, evidence: 'unconfirmed', subtotal: null, tax: null });
    expect(cents(chosen.total)).toBe(4200n);
  });
});
