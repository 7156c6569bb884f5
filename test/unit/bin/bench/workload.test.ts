import { describe, expect, it } from 'vitest';
import {
  aboveThreshold,
  belowThreshold,
  decimalToCents,
  needsApproval,
  planWorkload,
  renderWorkload,
  totalCents,
  withStableBankDetails,
} from '../../../../bin/bench/workload.ts';
import { randomInvoiceSpec } from '../../../../lambdas/processes/invoice/samples/index.ts';

const threshold = 1_000_000;

describe('bench workload', () => {
  it.each([
    ['10000.00', 1_000_000],
    ['10000', 1_000_000],
    ['2500.5', 250_050],
    ['0.07', 7],
  ])('reads %s as %i cents', (decimal, cents) => {
    // Act / Assess
    expect(decimalToCents(decimal)).toBe(cents);
  });

  it.each([
    [200, 0.1, 20],
    [1000, 0.1, 100],
    [7, 0.5, 3],
    [50, 0, 0],
    [50, 1, 50],
  ])('marks %i documents with share %d for approval: %i of them', (count, share, expected) => {
    // Act
    const marked = Array.from({ length: count }, (_, i) => i).filter((i) => needsApproval(i, share));
    // Assess
    expect(marked).toHaveLength(expected);
  });

  it('spreads approvals evenly: every tenth document at 10 %', () => {
    // Act
    const marked = Array.from({ length: 40 }, (_, i) => i).filter((i) => needsApproval(i, 0.1));
    // Assess
    expect(marked).toEqual([9, 19, 29, 39]);
  });

  it('keeps every happy invoice below the threshold and every approval one at twice it or more', () => {
    // Prepare
    const specs = Array.from({ length: 300 }, (_, i) => randomInvoiceSpec(`threshold-${i}`));
    // Act
    const below = specs.map((s) => totalCents(belowThreshold(s, threshold)));
    const above = specs.map((s) => totalCents(aboveThreshold(s, threshold)));
    // Assess
    expect(Math.max(...below)).toBeLessThan(threshold);
    expect(Math.min(...above)).toBeGreaterThanOrEqual(2 * threshold);
  });

  it('gives every invoice of a vendor the bank account of its first invoice', () => {
    // Prepare
    const base = randomInvoiceSpec('stable-bank', { language: 'en', currency: 'GBP' });
    const vendor = (name: string) => ({ ...base.vendor, name });
    const specs = [
      { ...base, vendor: vendor('Smith Joinery Ltd'), iban: 'GB29NWBK60161331926819' },
      { ...base, vendor: vendor('Smith Joinery'), iban: 'GB94BARC10201530093459' },
      { ...base, vendor: vendor('Jones Plumbing'), iban: undefined },
      { ...base, vendor: vendor('Jones Plumbing Ltd'), iban: 'GB33BUKB20201555555555' },
    ];
    // Act
    const stable = withStableBankDetails(specs);
    // Assess
    expect(stable.map((s) => s.iban)).toEqual([
      'GB29NWBK60161331926819',
      'GB29NWBK60161331926819',
      undefined,
      undefined,
    ]);
    expect(stable[3]).not.toHaveProperty('iban');
    expect(stable.map((s) => s.vendor.name)).toEqual(specs.map((s) => s.vendor.name));
  });

  it('plans a reproducible workload with distinct file names', () => {
    // Act
    const first = planWorkload(30, 0.1, threshold);
    const again = planWorkload(30, 0.1, threshold);
    // Assess
    expect(again).toEqual(first);
    expect(new Set(first.map((d) => d.fileName)).size).toBe(30);
    expect(first.filter((d) => d.planned === 'approval').map((d) => d.index)).toEqual([9, 19, 29]);
    expect(first[0]?.fileName).toBe('bench-00000.pdf');
  });

  it('renders PDFs whose document ids are their SHA-256', async () => {
    // Prepare
    const plan = planWorkload(2, 0.5, threshold);
    // Act
    const docs = await renderWorkload(plan);
    // Assess
    expect(docs.map((d) => d.documentId)).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.any(String),
    ]);
    expect(docs[0]?.documentId).not.toBe(docs[1]?.documentId);
    expect(new TextDecoder().decode(docs[0]?.body.slice(0, 5))).toBe('%PDF-');
  });

  it('refuses a workload in which two invoices are the same document', async () => {
    // Prepare
    const [doc] = planWorkload(1, 0, threshold);
    if (!doc) throw new Error('no document planned');
    // Act / Assess
    await expect(renderWorkload([doc, { ...doc, index: 1, fileName: 'copy.pdf' }])).rejects.toThrow(
      /copy\.pdf renders to the same bytes/,
    );
  });
});
