import { describe, expect, it } from 'vitest';
import type { VendorInvoice } from '../../../../../lambdas/processes/invoice/domain/vendors.ts';
import {
  computeFeatures,
  type FeatureName,
  featureNames,
  type ScoringInput,
} from '../../../../../lambdas/processes/invoice/score/features.ts';
import { field, history, invoice } from './builders.ts';

const input = (overrides: Partial<ScoringInput> = {}): ScoringInput => ({
  documentId: 'doc-new',
  invoice: invoice(),
  history: history(6),
  ...overrides,
});

// The six past totals have a median of 1205.275.
const median = 1205.275;

describe('computeFeatures', () => {
  it.each<[string, Partial<ScoringInput>, FeatureName, number]>([
    ['no history: no amount deviation', { history: [] }, 'amountDeviation', 0],
    ['total at the median', { invoice: invoice({ total: field(median.toFixed(2)) }) }, 'amountDeviation', 0],
    [
      'total 10× the median',
      { invoice: invoice({ total: field('12052.75') }) },
      'amountDeviation',
      Math.LN10,
    ],
    [
      'total a tenth of the median',
      { invoice: invoice({ total: field('120.53') }) },
      'amountDeviation',
      Math.LN10,
    ],
    ['absurd total capped', { invoice: invoice({ total: field('99999999.00') }) }, 'amountDeviation', 5],
    ['missing total', { invoice: invoice({ total: null }) }, 'amountDeviation', 0],
    ['no history: new vendor', { history: [] }, 'newVendor', 1],
    ['history: known vendor', {}, 'newVendor', 0],
    [
      'only itself in history: new vendor',
      { history: history(1, { documentId: 'doc-new' }) },
      'newVendor',
      1,
    ],
    [
      'number already used',
      { invoice: invoice({ invoiceNumber: field('INV-2024-0102') }) },
      'duplicateInvoiceNumber',
      1,
    ],
    [
      'number used, other formatting',
      { invoice: invoice({ invoiceNumber: field('inv 2024 0102') }) },
      'duplicateInvoiceNumber',
      1,
    ],
    ['fresh number', {}, 'duplicateInvoiceNumber', 0],
    ['no number', { invoice: invoice({ invoiceNumber: null }) }, 'duplicateInvoiceNumber', 0],
    [
      'bank differs from latest',
      { invoice: invoice({ bankAccountHash: 'bank-b' }) },
      'bankDetailsChanged',
      1,
    ],
    ['bank matches latest', {}, 'bankDetailsChanged', 0],
    ['no bank shown', { invoice: invoice({ bankAccountHash: null }) }, 'bankDetailsChanged', 0],
    ['no bank known', { history: history(3, { bankAccountHash: null }) }, 'bankDetailsChanged', 0],
    ['multiple of 1,000', { invoice: invoice({ total: field('5000.00') }) }, 'roundAmount', 1],
    ['multiple of 100', { invoice: invoice({ total: field('1200.00') }) }, 'roundAmount', 0.5],
    ['multiple of 50 only', { invoice: invoice({ total: field('1250.00') }) }, 'roundAmount', 0],
    ['cents', {}, 'roundAmount', 0],
    ['confident extraction', {}, 'lowConfidence', 0.02],
    ['total read at 40%', { invoice: invoice({ total: field('1213.80', 40) }) }, 'lowConfidence', 0.6],
    ['vendor missing', { invoice: invoice({ vendor: null }) }, 'lowConfidence', 1],
    ['currency differs', { invoice: invoice({ currency: field('USD') }) }, 'currencyMismatch', 1],
    ['currency matches, other case', { invoice: invoice({ currency: field('eur') }) }, 'currencyMismatch', 0],
    [
      'no usual currency',
      { invoice: invoice({ currency: field('USD') }), history: [] },
      'currencyMismatch',
      0,
    ],
    ['no currency read', { invoice: invoice({ currency: null }) }, 'currencyMismatch', 0],
  ])('%s', (_, overrides, feature, expected) => {
    // Act
    const { values } = computeFeatures(input(overrides));

    // Assess
    expect(values[feature]).toBeCloseTo(expected, 4);
  });

  it('compares bank details with the most recent invoice whatever the order given', () => {
    // Prepare: the older invoices were paid to bank-old, the latest to bank-a; history given shuffled.
    const past: VendorInvoice[] = [
      ...history(2, { bankAccountHash: 'bank-old' }),
      {
        ...(history(1)[0] as VendorInvoice),
        recordKey: 'INV#2024-06-01#doc-latest',
        documentId: 'doc-latest',
      },
    ].reverse();

    // Act
    const same = computeFeatures(input({ history: past }));
    const old = computeFeatures(input({ history: past, invoice: invoice({ bankAccountHash: 'bank-old' }) }));

    // Assess
    expect(same.values.bankDetailsChanged).toBe(0);
    expect(old.values.bankDetailsChanged).toBe(1);
  });

  it('explains every feature in words', () => {
    // Act
    const { explanations } = computeFeatures(
      input({
        invoice: invoice({ total: field('12052.75'), bankAccountHash: 'bank-b', currency: field('USD') }),
      }),
    );

    // Assess
    expect(Object.keys(explanations)).toEqual([...featureNames]);
    expect(explanations.amountDeviation).toBe("Total is 10× this vendor's median invoice (6 invoices)");
    expect(explanations.bankDetailsChanged).toBe("Bank details differ from the vendor's latest invoice");
    expect(explanations.currencyMismatch).toBe("Currency USD differs from this vendor's usual EUR");
    expect(explanations.newVendor).toBe('Known vendor with 6 previous invoices');
    expect(explanations.lowConfidence).toBe('Lowest key-field extraction confidence is 98% (vendor)');
  });
});
