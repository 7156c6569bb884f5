import { describe, expect, it } from 'vitest';
import { confidenceCaps } from '../../../../../lambdas/processes/invoice/extract/calibration.ts';
import {
  normaliseExpense,
  readInvoice,
} from '../../../../../lambdas/processes/invoice/extract/normalise-expense.ts';
import invoiceRules from '../../../../../lambdas/processes/invoice/rules/rulesets/invoice.rules.json' with {
  type: 'json',
};
import { field, lineBlock, response } from './expense-builders.ts';

/** A letterhead: the issuer small at the left with its VAT id and domain, the customer larger at the right. */
const letterhead = [
  lineBlock('Weber Bau AG', 0.08, 0.08, 0.012),
  lineBlock('USt-IdNr. DE773104919', 0.08, 0.095, 0.011),
  lineBlock('info@weber-bau.de · www.weber-bau.de', 0.08, 0.108, 0.011),
  lineBlock('Rechnungsadresse', 0.55, 0.08, 0.01),
  lineBlock('Müller Logistik GmbH', 0.55, 0.092, 0.016),
  lineBlock('Hafenstraße 7', 0.55, 0.11, 0.011),
  lineBlock('RECHNUNG', 0.08, 0.18, 0.02),
];

describe('calibrated vendor confidence', () => {
  it("passes over a VENDOR_NAME the page shows as the customer's and takes the issuer the page ties", () => {
    // Prepare: Textract took the customer's larger, legal-form name for the vendor.
    const doc = response([field('VENDOR_NAME', 'Müller Logistik GmbH', 96)], [], 1, letterhead);

    // Act
    const { invoice, weighed } = readInvoice(doc);

    // Assess
    expect(invoice.vendor?.value).toBe('Weber Bau AG');
    expect(weighed.vendor?.evidence).toBe('tied');
    expect(invoice.vendor?.confidence).toBeGreaterThanOrEqual(invoiceRules.fieldConfidence.vendor);
  });

  it("never takes Textract's RECEIVER name for the vendor, even without the page's lines", () => {
    // Prepare
    const doc = response([
      field('VENDOR_NAME', 'Müller Logistik GmbH', 96),
      field('RECEIVER_NAME', 'Müller Logistik GmbH', 96),
    ]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.vendor).toBeNull();
    expect(invoice.warnings).toContain(
      'vendor: the only name read is the customer’s (a recipient block or beside a customer number)',
    );
  });

  it('caps a name nothing ties to the issuer below the rule, and says why', () => {
    // Prepare: a header band's words, large and high, read as the vendor; the issuer's name is under it.
    const doc = response([field('VENDOR_NAME', 'Service · Reparatur · Montage', 81)], [], 1, [
      lineBlock('Service · Reparatur · Montage', 0.08, 0.02, 0.02),
      lineBlock('Weber Bau', 0.08, 0.08, 0.012),
      lineBlock('RECHNUNG', 0.08, 0.18, 0.02),
    ]);

    // Act
    const { invoice, weighed } = readInvoice(doc);

    // Assess
    expect(weighed.vendor).toEqual({ evidence: 'untied', read: 81 });
    expect(invoice.vendor?.confidence).toBe(confidenceCaps.vendor.untied);
    expect(invoice.vendor?.confidence).toBeLessThan(invoiceRules.fieldConfidence.vendor);
    expect(invoice.warnings.some((w) => w.startsWith('vendor: nothing on the page ties the name'))).toBe(
      true,
    );
  });

  it('keeps the confidence of the only name printed above the title', () => {
    // Prepare
    const doc = response([field('VENDOR_NAME', 'Northwind Consulting Ltd', 97)], [], 1, [
      lineBlock('Northwind Consulting Ltd', 0.08, 0.05, 0.025),
      lineBlock('INVOICE', 0.08, 0.15, 0.02),
    ]);

    // Act / Assess
    expect(normaliseExpense(doc).vendor).toEqual({ value: 'Northwind Consulting Ltd', confidence: 97 });
  });
});

describe('calibrated total confidence', () => {
  const threshold = invoiceRules.fieldConfidence.total;

  it.each([
    [
      'a subtotal and a tax that add up to it',
      [field('SUBTOTAL', '1.000,00'), field('TAX', '190,00')],
      'reconciled',
    ],
    [
      'a discount taken off the subtotal before the tax',
      [field('SUBTOTAL', '1.250,00'), field('DISCOUNT', '-250,00'), field('TAX', '190,00')],
      'reconciled',
    ],
  ])('keeps the read confidence of a total confirmed by %s', (_, fields, evidence) => {
    // Prepare
    const doc = response([...fields, field('TOTAL', '1.190,00 €', 97)]);

    // Act
    const { invoice, weighed } = readInvoice(doc);

    // Assess
    expect(weighed.total?.evidence).toBe(evidence);
    expect(invoice.total).toEqual({ value: '1190.00', confidence: 97 });
  });

  it.each([
    ['no subtotal and tax to check it', [], 'unconfirmed'],
    [
      'a subtotal and a tax that add up to no total',
      [field('SUBTOTAL', '1.000,00'), field('TAX', '100,00')],
      'unreconciled',
    ],
    [
      'a larger payable amount beside the one that adds up (a subtotal read as a total?)',
      [field('SUBTOTAL', '1.000,00'), field('TAX', '190,00'), field('TOTAL', '1.250,00', 95)],
      'smaller',
    ],
  ])('caps a total with %s below the rule', (_, fields, evidence) => {
    // Prepare
    const doc = response([...fields, field('TOTAL', '1.190,00 €', 97)]);

    // Act
    const { invoice, weighed } = readInvoice(doc);

    // Assess
    expect(weighed.total?.evidence).toBe(evidence);
    expect(invoice.total?.confidence).toBeLessThan(threshold);
    expect(
      invoice.warnings.some((w) => w.startsWith('total: ') && w.endsWith(`capped at ${threshold - 1}`)),
    ).toBe(true);
  });
});

describe('calibrated currency', () => {
  it('caps a currency without cents when the total has cents (a rupee sign read as a yen sign)', () => {
    // Prepare
    const doc = response([
      field('SUBTOTAL', '¥2,898.49', 84, { currency: 'JPY' }),
      field('TAX', '¥130.43', 93, { currency: 'JPY' }),
      field('TOTAL', '¥3,028.92', 90, { currency: 'JPY' }),
    ]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.currency?.value).toBe('JPY');
    expect(invoice.currency?.confidence).toBeLessThan(invoiceRules.fieldConfidence.currency);
    expect(invoice.warnings).toContain(
      'currency: JPY has no cents, yet the total has some; confidence capped at 79',
    );
  });

  it('leaves a whole yen total alone', () => {
    // Prepare
    const doc = response([field('TOTAL', '¥3,029', 90, { currency: 'JPY' })]);

    // Act / Assess
    expect(normaliseExpense(doc).currency?.confidence).toBe(90);
  });
});
