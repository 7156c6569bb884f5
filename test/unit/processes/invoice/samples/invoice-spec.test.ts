import { describe, expect, it } from 'vitest';
import { expectedFields } from '../../../../../lambdas/processes/invoice/samples/expected-fields.ts';
import {
  type InvoiceSpec,
  invoiceTotals,
  validateSpec,
} from '../../../../../lambdas/processes/invoice/samples/invoice-spec.ts';

const spec: InvoiceSpec = {
  vendor: { name: 'Brandt  Logistik GmbH', addressLines: ['Hauptstraße 5', '10115 Berlin'] },
  customer: { name: 'Hotel Seeblick', addressLines: ['Am Markt 1', '20095 Hamburg'] },
  invoiceNumber: 'RE-2026-0042',
  invoiceDate: '2026-01-31',
  dueDate: '2026-03-02',
  currency: 'EUR',
  lineItems: [
    { description: 'Beratungsleistung', quantity: 3, unitPriceCents: 33333 },
    { description: 'Bürostühle', quantity: 1, unitPriceCents: 2 },
  ],
  taxRateBasisPoints: 1900,
  iban: 'DE89370400440532013000',
  language: 'de',
  layout: 'inline',
};

describe('invoiceTotals', () => {
  it('sums lines and rounds the tax half up, in integer cents', () => {
    // Act
    const totals = invoiceTotals(spec);

    // Assess: 100001 × 19 % = 19000.19 cents → 19000
    expect(totals).toEqual({
      lineAmountsCents: [99999, 2],
      subtotalCents: 100001,
      discountCents: 0,
      netCents: 100001,
      taxCents: 19000,
      totalCents: 119001,
    });
  });

  it('takes a discount off the subtotal before tax, so a large one leaves the total below the subtotal', () => {
    // Act: 100001 − 25 % (25000.25 → 25000) = 75001; tax 7 % = 5250.07 → 5250
    const totals = invoiceTotals({ ...spec, discountBasisPoints: 2500, taxRateBasisPoints: 700 });

    // Assess
    expect(totals).toMatchObject({
      subtotalCents: 100001,
      discountCents: 25000,
      netCents: 75001,
      taxCents: 5250,
    });
    expect(totals.totalCents).toBe(80251);
    expect(totals.totalCents).toBeLessThan(totals.subtotalCents);
    expect(expectedFields({ ...spec, discountBasisPoints: 2500, taxRateBasisPoints: 700 })).toMatchObject({
      subtotal: '750.01',
      tax: '52.50',
      total: '802.51',
    });
  });

  it.each([
    [45, 1000, 5], // 4.5 cents: half rounds up
    [49, 1000, 5],
    [44, 1000, 4],
  ])('tax on %i cents at %i bp is %i cents', (unitPriceCents, taxRateBasisPoints, taxCents) => {
    // Prepare
    const small = {
      ...spec,
      lineItems: [{ description: 'x', quantity: 1, unitPriceCents }],
      taxRateBasisPoints,
    };

    // Act / Assess
    expect(invoiceTotals(small).taxCents).toBe(taxCents);
  });
});

describe('validateSpec', () => {
  it.each<[string, Partial<InvoiceSpec>]>([
    ['no line items', { lineItems: [] }],
    ['a fractional quantity', { lineItems: [{ description: 'x', quantity: 1.5, unitPriceCents: 100 }] }],
    ['fractional cents', { lineItems: [{ description: 'x', quantity: 1, unitPriceCents: 10.5 }] }],
    ['a tax rate above 100 %', { taxRateBasisPoints: 10001 }],
    ['a discount of everything', { discountBasisPoints: 10000 }],
    ['an impossible date', { invoiceDate: '2026-02-30' }],
    ['a due date that is no date', { dueDate: '31.01.2026' }],
    ['an empty invoice number', { invoiceNumber: ' ' }],
  ])('refuses %s', (_, override) => {
    // Act / Assess
    expect(() => validateSpec({ ...spec, ...override })).toThrow(RangeError);
  });

  it('accepts a well-formed spec', () => {
    // Act / Assess
    expect(() => validateSpec(spec)).not.toThrow();
  });
});

describe('expectedFields', () => {
  it('gives the normalised fields a perfect extractor reads', () => {
    // Act
    const expected = expectedFields(spec);

    // Assess
    expect(expected).toEqual({
      vendor: 'Brandt Logistik GmbH',
      invoiceNumber: 'RE-2026-0042',
      invoiceDate: '2026-01-31',
      dueDate: '2026-03-02',
      currency: 'EUR',
      subtotal: '1000.01',
      tax: '190.00',
      total: '1190.01',
      bankAccount: 'DE89370400440532013000',
      lineItems: [
        { description: 'Beratungsleistung', quantity: '3', unitPrice: '333.33', amount: '999.99' },
        { description: 'Bürostühle', quantity: '1', unitPrice: '0.02', amount: '0.02' },
      ],
    });
  });

  it('has no due date or bank account when the spec prints none', () => {
    // Prepare
    const { dueDate: _due, iban: _iban, ...bare } = spec;

    // Act
    const expected = expectedFields(bare);

    // Assess
    expect([expected.dueDate, expected.bankAccount]).toEqual([null, null]);
  });
});
