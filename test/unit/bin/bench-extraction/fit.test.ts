import { describe, expect, it } from 'vitest';
import { fitCaps } from '../../../../bin/bench-extraction/fit.ts';
import type { CaseResult } from '../../../../bin/bench-extraction/run.ts';

const scores = {
  vendor: true,
  invoiceNumber: true,
  invoiceDate: true,
  dueDate: true,
  total: true,
  currency: true,
};
const confidences = {
  vendor: 90,
  invoiceNumber: 90,
  invoiceDate: 90,
  dueDate: null,
  total: 95,
  currency: 90,
};

/** A case whose vendor was read as `read` under the given evidence class. */
function vendorCase(evidence: 'tied' | 'untied', read: string, i: number): CaseResult {
  return {
    id: `case-${i}`,
    format: 'png',
    language: 'de',
    layout: 'letterhead',
    seconds: 1,
    scores: { ...scores, vendor: read === 'Weber Bau AG' },
    confidences,
    weighed: { vendor: { evidence, read: 90 }, total: { evidence: 'reconciled', read: 95 } },
    read: { vendor: read, total: '1190.00' },
    expected: {
      vendor: 'Weber Bau AG',
      customer: 'Müller Logistik GmbH',
      total: '1190.00',
      otherAmounts: ['1000.00'],
    },
    error: null,
  };
}

describe('fitCaps', () => {
  it('leaves a confirming class right every time uncapped, and caps an unconfirmed one at its share, below the rule', () => {
    // Prepare: 25 tied reads, all right; 30 untied reads, 3 of them the customer's name.
    const results = [
      ...Array.from({ length: 25 }, (_, i) => vendorCase('tied', 'Weber Bau AG', i)),
      ...Array.from({ length: 30 }, (_, i) =>
        vendorCase('untied', i < 3 ? 'Müller Logistik GmbH' : 'Weber Bau AG', i),
      ),
    ];

    // Act
    const fits = fitCaps(results);

    // Assess
    const of = (field: string, evidence: string) =>
      fits.find((f) => f.field === field && f.evidence === evidence);
    expect(of('vendor', 'tied')).toMatchObject({ n: 25, right: 25, cap: null, unreliable: false });
    expect(of('vendor', 'untied')).toMatchObject({ n: 30, right: 27, cap: 79, tooFew: false });
    expect(of('total', 'reconciled')).toMatchObject({ n: 55, right: 55, cap: null });
    expect(of('total', 'unconfirmed')).toMatchObject({ n: 0, cap: 89, tooFew: true });
  });

  it('counts a misread name as the right party, and flags a confirming class wrong more than 1 % of the time', () => {
    // Prepare: 30 tied reads, one with an umlaut lost (the right party), two naming the customer.
    const results = Array.from({ length: 30 }, (_, i) =>
      vendorCase('tied', i === 0 ? 'Weber Bau A6' : i < 3 ? 'Müller Logistik GmbH' : 'Weber Bau AG', i),
    );

    // Act
    const tied = fitCaps(results).find((f) => f.field === 'vendor' && f.evidence === 'tied');

    // Assess
    expect(tied).toMatchObject({ n: 30, right: 28, exact: 27, unreliable: true, cap: 79 });
  });
});
