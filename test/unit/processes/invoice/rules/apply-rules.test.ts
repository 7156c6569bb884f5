import { describe, expect, it } from 'vitest';
import type { InvoiceHeader } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import type { ScoreResult } from '../../../../../lambdas/processes/invoice/domain/workflow.ts';
import { applyRules } from '../../../../../lambdas/processes/invoice/rules/apply-rules.ts';
import type { InvoiceRuleParameters } from '../../../../../lambdas/processes/invoice/rules/parameters.ts';
import { invoiceRuleSet } from '../../../../../lambdas/processes/invoice/rules/rule-set.ts';
import { contribution, field, invoice, parameters, score } from './fixtures.ts';

const run = (inv: InvoiceHeader, sc: ScoreResult = score(), par: InvoiceRuleParameters = parameters()) =>
  applyRules({ invoice: inv, score: sc }, par, invoiceRuleSet);

describe('approval reasons', () => {
  it.each<[string, InvoiceHeader, ScoreResult, InvoiceRuleParameters, string[]]>([
    ['a clean invoice', invoice(), score(), parameters(), []],
    [
      'a total a cent above the threshold',
      invoice({ total: field('10000.01') }),
      score(),
      parameters(),
      ['amount-above-threshold'],
    ],
    ['a total exactly at the threshold', invoice({ total: field('10000.00') }), score(), parameters(), []],
    [
      'a total equal to the threshold written with one place',
      invoice({ total: field('10000.1') }),
      score(),
      parameters({ amountThreshold: '10000.10' }),
      [],
    ],
    [
      'a lower threshold',
      invoice({ total: field('500.01') }),
      score(),
      parameters({ amountThreshold: '500' }),
      ['amount-above-threshold'],
    ],
    ['a high band under a high parameter', invoice(), score({ band: 'high' }), parameters(), ['risk-band']],
    ['a medium band under a high parameter', invoice(), score({ band: 'medium' }), parameters(), []],
    [
      'a medium band under a medium parameter',
      invoice(),
      score({ band: 'medium' }),
      parameters({ riskBandRequiringApproval: 'medium' }),
      ['risk-band'],
    ],
    [
      'a high band under a medium parameter',
      invoice(),
      score({ band: 'high' }),
      parameters({ riskBandRequiringApproval: 'medium' }),
      ['risk-band'],
    ],
    [
      'a low band under a medium parameter',
      invoice(),
      score(),
      parameters({ riskBandRequiringApproval: 'medium' }),
      [],
    ],
    [
      'a degraded score',
      invoice(),
      score({ degraded: true, degradedReason: 'model-unavailable', method: 'heuristic' }),
      parameters(),
      ['score-degraded'],
    ],
    [
      'a duplicate invoice number',
      invoice(),
      score({ rationale: [contribution('duplicateInvoiceNumber', 1)] }),
      parameters(),
      ['duplicate-invoice'],
    ],
    [
      'a duplicate feature that did not fire',
      invoice(),
      score({ rationale: [contribution('duplicateInvoiceNumber', 0, -0.2)] }),
      parameters(),
      [],
    ],
    [
      'changed bank details',
      invoice(),
      score({ rationale: [contribution('bankDetailsChanged', 1)] }),
      parameters(),
      ['bank-details-changed'],
    ],
    [
      "a new vendor's first invoice, by default",
      invoice(),
      score({ rationale: [contribution('newVendor', 1)] }),
      parameters(),
      ['new-vendor'],
    ],
    [
      "a new vendor's first invoice, when the deployment lets it through",
      invoice(),
      score({ rationale: [contribution('newVendor', 1)] }),
      parameters({ newVendorRequiresApproval: false }),
      [],
    ],
    [
      'a known vendor',
      invoice(),
      score({ rationale: [contribution('newVendor', 0, -0.3)] }),
      parameters(),
      [],
    ],
    [
      'a missing vendor (no history to look up: the missing name is the reason, not the newness)',
      invoice({ vendor: null }),
      score({ rationale: [contribution('newVendor', 1)] }),
      parameters(),
      ['missing-vendor'],
    ],
    ['a missing vendor', invoice({ vendor: null }), score(), parameters(), ['missing-vendor']],
    [
      'a blank invoice number',
      invoice({ invoiceNumber: field('  ') }),
      score(),
      parameters(),
      ['missing-invoice-number'],
    ],
    [
      'an impossible invoice date',
      invoice({ invoiceDate: field('2024-02-30'), dueDate: field('2024-03-30') }),
      score(),
      parameters(),
      ['missing-invoice-date'],
    ],
    ['an unreadable total', invoice({ total: field('12,00') }), score(), parameters(), ['missing-total']],
    ['a missing currency', invoice({ currency: null }), score(), parameters(), ['missing-currency']],
    [
      'a vendor below 80',
      invoice({ vendor: field('Umbrella Supplies Ltd.', 79.5) }),
      score(),
      parameters(),
      ['low-confidence-vendor'],
    ],
    [
      'an invoice number below 85',
      invoice({ invoiceNumber: field('INV-1', 84) }),
      score(),
      parameters(),
      ['low-confidence-invoice-number'],
    ],
    [
      'an invoice date below 85',
      invoice({ invoiceDate: field('2024-03-01', 60) }),
      score(),
      parameters(),
      ['low-confidence-invoice-date'],
    ],
    [
      'a total below 90',
      invoice({ total: field('500.00', 89.9) }),
      score(),
      parameters(),
      ['low-confidence-total'],
    ],
    ['a total at exactly 90', invoice({ total: field('500.00', 90) }), score(), parameters(), []],
    [
      'a currency below 80',
      invoice({ currency: field('USD', 10) }),
      score(),
      parameters(),
      ['low-confidence-currency'],
    ],
    [
      'several problems at once, in rule order',
      invoice({ total: field('20000.00', 50), vendor: null }),
      score({ band: 'high', rationale: [contribution('bankDetailsChanged', 1)] }),
      parameters(),
      [
        'amount-above-threshold',
        'risk-band',
        'bank-details-changed',
        'missing-vendor',
        'low-confidence-total',
      ],
    ],
  ])('%s', async (_, inv, sc, pol, expected) => {
    // Act
    const result = await run(inv, sc, pol);

    // Assess
    expect(result.approval.reasons.map((r) => r.rule)).toEqual(expected);
    expect(result.approval.required).toBe(expected.length > 0);
  });

  it.each([
    [
      invoice({ total: field('12500.00') }),
      score(),
      'Total 12500.00 USD is above the approval threshold 10000.00',
    ],
    [invoice(), score({ band: 'high' }), 'Risk band high is at or above high'],
    [
      invoice(),
      score({ degraded: true, degradedReason: 'model-unavailable' }),
      'The risk model could not decide (model-unavailable)',
    ],
    [
      invoice({ total: field('500.00', 72.5) }),
      score(),
      'Check the total: read as 500.00 USD with confidence 72.5, below 90; compare the total on the document with its subtotal plus tax',
    ],
    [
      invoice({ vendor: field('Acme', 40) }),
      score(),
      'Check the vendor: read as Acme with confidence 40, below 80; make sure it is the issuer (by its VAT number or bank details), not the customer billed',
    ],
    [
      invoice({ invoiceNumber: field('INV-1', 60) }),
      score(),
      'Check the invoice number: read as INV-1 with confidence 60, below 85; compare it with the document character by character',
    ],
    [
      invoice({ currency: null }),
      score(),
      'Currency is missing or unreadable: read it beside the total on the document',
    ],
  ])('explains the reason with the facts behind it (%#)', async (inv, sc, message) => {
    // Act
    const result = await run(inv, sc);

    // Assess
    expect(result.approval.reasons.map((r) => r.message)).toEqual([message]);
  });
});

describe('terms and due date', () => {
  it.each<[string, Partial<InvoiceHeader>, string, number, string | null]>([
    ['the default terms', {}, 'NET30', 30, '2024-03-31'],
    ['the due date printed on the invoice', { dueDate: field('2024-04-15') }, 'NET30', 30, '2024-04-15'],
    ['an unreadable printed due date', { dueDate: field('15/04/2024') }, 'NET30', 30, '2024-03-31'],
    ['a vendor with its own terms', { vendor: field('Globex Corporation') }, 'NET60', 60, '2024-04-30'],
    [
      'the vendor name spelt differently',
      { vendor: field('GLOBEX  corporation.') },
      'NET60',
      60,
      '2024-04-30',
    ],
    ['a currency with its own terms', { currency: field('eur') }, 'NET45', 45, '2024-04-15'],
    [
      'vendor terms over currency terms',
      { vendor: field('Initech'), currency: field('EUR') },
      'NET60',
      60,
      '2024-04-30',
    ],
    ['a leap-year February', { invoiceDate: field('2024-02-10') }, 'NET30', 30, '2024-03-11'],
    ['a year end', { invoiceDate: field('2024-12-15') }, 'NET30', 30, '2025-01-14'],
    ['neither date', { invoiceDate: null }, 'NET30', 30, null],
  ])('%s', async (_, overrides, code, days, dueDate) => {
    // Act
    const result = await run(invoice(overrides));

    // Assess
    expect(result.terms).toEqual({ code, days });
    expect(result.dueDate).toBe(dueDate);
  });

  it('lists the fired rules highest priority first', async () => {
    // Prepare
    const inv = invoice({ vendor: field('Initech'), currency: field('EUR'), total: field('20000.00') });

    // Act
    const result = await run(inv, score({ band: 'high' }));

    // Assess
    expect(result.fired).toEqual([
      'terms-vendor-net60',
      'terms-currency-net45',
      'early-payment-discount',
      'amount-above-threshold',
      'risk-band',
    ]);
  });
});

describe('early-payment discount', () => {
  it.each<[string, Partial<InvoiceHeader>, { deadline: string; amount: string } | null]>([
    ['a total below the minimum', { total: field('999.99') }, null],
    ['a total at the minimum', { total: field('1000.00') }, { deadline: '2024-03-11', amount: '20.00' }],
    [
      'a total needing rounding down',
      { total: field('1234.55') },
      { deadline: '2024-03-11', amount: '24.69' },
    ],
    // 1234.75 × 0.02 is 24.695 exactly; floating point would make it 24.69.
    ['a total on a half cent', { total: field('1234.75') }, { deadline: '2024-03-11', amount: '24.70' }],
    [
      'a large total',
      { total: field('98765432109.99') },
      { deadline: '2024-03-11', amount: '1975308642.20' },
    ],
    ['no invoice date', { total: field('5000.00'), invoiceDate: null }, null],
  ])('%s', async (_, overrides, expected) => {
    // Act
    const result = await run(invoice(overrides));

    // Assess
    expect(result.discount).toEqual(expected && { percent: 2, withinDays: 10, ...expected });
  });
});

describe('what the human step is asked for', () => {
  it.each<[string, string, Partial<InvoiceRuleParameters>, number]>([
    ['no second-approver amount', '50000.00', {}, 0],
    ['a total above the second-approver amount', '5000.01', { secondApproverAbove: '5000.00' }, 1],
    ['a total at the second-approver amount', '5000.00', { secondApproverAbove: '5000.00' }, 0],
  ])('%s', async (_, total, overrides, additional) => {
    // Act
    const result = await run(invoice({ total: field(total) }), score(), parameters(overrides));

    // Assess
    expect(result.approval.request.requirement.additionalApprovals).toBe(additional);
  });

  it('hands the total as the amount at stake (for the policy’s step-up) and asks for no code itself', async () => {
    const result = await run(invoice({ total: field('12000.00') }));
    expect(result.approval.request.requirement).toMatchObject({
      stepUp: false,
      amount: { value: '12000.00', currency: 'USD' },
    });
  });

  it("names the rule set's version, with the parameters' hash, in the request and the result", async () => {
    // Act
    const [a, b] = await Promise.all([
      run(invoice()),
      run(invoice(), score(), parameters({ amountThreshold: '500.00' })),
    ]);

    // Assess
    expect(a.ruleSetVersion).toMatch(
      new RegExp(`^${invoiceRuleSet.version.replace(/[+.]/g, '\\$&')}/params-[0-9a-f]{8}$`),
    );
    expect(b.ruleSetVersion).not.toBe(a.ruleSetVersion);
    expect(a.approval.request.versions?.rules).toBe(a.ruleSetVersion);
  });
});

describe('versions and hashes', () => {
  it('records the rule-set version and a stable input hash', async () => {
    // Act
    const [a, b, c] = await Promise.all([
      run(invoice()),
      run(invoice()),
      run(invoice({ total: field('500.01') })),
    ]);

    // Assess
    expect(a?.ruleSetVersion.startsWith(`${invoiceRuleSet.version}/params-`)).toBe(true);
    expect(a?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.inputHash).toBe(a?.inputHash);
    expect(c?.inputHash).not.toBe(a?.inputHash);
  });
});

describe('a document with active content', () => {
  it('goes to a person, its reason first, even when nothing else asks', async () => {
    // Act
    const result = await applyRules(
      { invoice: invoice(), score: score(), activeContent: [{ kind: 'javascript', automatic: true }] },
      parameters(),
      invoiceRuleSet,
    );

    // Assess
    expect(result.approval.required).toBe(true);
    expect(result.approval.reasons[0]?.rule).toBe('active-content');
    expect(result.approval.request.reasons[0]).toMatch(/^The PDF contains JavaScript, run when it is opened/);
  });

  it('changes nothing when none was found', async () => {
    const result = await applyRules(
      { invoice: invoice(), score: score(), activeContent: [] },
      parameters(),
      invoiceRuleSet,
    );
    expect(result.approval.required).toBe(false);
  });
});

describe('what the person is shown', () => {
  it('names the invoice’s file and shows a due date from the terms as derived', async () => {
    // Prepare
    const document = {
      documentId: 'invoice-abc',
      process: 'invoice',
      bucket: 'tower-data',
      key: 'invoices/a.pdf',
      size: 10,
      receivedAt: '2024-03-01T00:00:00.000Z',
    };
    // Act
    const result = await applyRules(
      { invoice: invoice({ total: field('12500.00') }), score: score(), document },
      parameters(),
      invoiceRuleSet,
    );
    // Assess
    const { request } = result.approval;
    expect(request.document).toEqual({ bucket: 'tower-data', key: 'invoices/a.pdf' });
    expect(request.facts.find((f) => f.label === 'Due')).toEqual({
      label: 'Due',
      value: '2024-03-31',
      derived: 'invoice date + 30 days (NET30 terms); no due date was read',
    });
  });
});
