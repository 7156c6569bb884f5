import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../../../../lambdas/platform/human-step/policy.ts';
import type { InvoiceHeader } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import type { ScoreResult } from '../../../../../lambdas/processes/invoice/domain/workflow.ts';
import { applyRules } from '../../../../../lambdas/processes/invoice/rules/apply-rules.ts';
import { invoiceRuleSet } from '../../../../../lambdas/processes/invoice/rules/rule-set.ts';
import { contribution, field, invoice, policy, score } from './fixtures.ts';

const run = (inv: InvoiceHeader, sc: ScoreResult = score(), pol: ApprovalPolicy = policy()) =>
  applyRules({ invoice: inv, score: sc }, pol, invoiceRuleSet);

describe('approval reasons', () => {
  it.each<[string, InvoiceHeader, ScoreResult, ApprovalPolicy, string[]]>([
    ['a clean invoice', invoice(), score(), policy(), []],
    [
      'a total a cent above the threshold',
      invoice({ total: field('10000.01') }),
      score(),
      policy(),
      ['amount-above-threshold'],
    ],
    ['a total exactly at the threshold', invoice({ total: field('10000.00') }), score(), policy(), []],
    [
      'a total equal to the threshold written with one place',
      invoice({ total: field('10000.1') }),
      score(),
      policy({ amountThreshold: '10000.10' }),
      [],
    ],
    [
      'a lower policy threshold',
      invoice({ total: field('500.01') }),
      score(),
      policy({ amountThreshold: '500' }),
      ['amount-above-threshold'],
    ],
    ['a high band under a high policy', invoice(), score({ band: 'high' }), policy(), ['risk-band']],
    ['a medium band under a high policy', invoice(), score({ band: 'medium' }), policy(), []],
    [
      'a medium band under a medium policy',
      invoice(),
      score({ band: 'medium' }),
      policy({ riskBandRequiringApproval: 'medium' }),
      ['risk-band'],
    ],
    [
      'a high band under a medium policy',
      invoice(),
      score({ band: 'high' }),
      policy({ riskBandRequiringApproval: 'medium' }),
      ['risk-band'],
    ],
    [
      'a low band under a medium policy',
      invoice(),
      score(),
      policy({ riskBandRequiringApproval: 'medium' }),
      [],
    ],
    [
      'a degraded score',
      invoice(),
      score({ degraded: true, degradedReason: 'model-unavailable', method: 'heuristic' }),
      policy(),
      ['score-degraded'],
    ],
    [
      'a duplicate invoice number',
      invoice(),
      score({ rationale: [contribution('duplicateInvoiceNumber', 1)] }),
      policy(),
      ['duplicate-invoice'],
    ],
    [
      'a duplicate feature that did not fire',
      invoice(),
      score({ rationale: [contribution('duplicateInvoiceNumber', 0, -0.2)] }),
      policy(),
      [],
    ],
    [
      'changed bank details',
      invoice(),
      score({ rationale: [contribution('bankDetailsChanged', 1)] }),
      policy(),
      ['bank-details-changed'],
    ],
    ['a missing vendor', invoice({ vendor: null }), score(), policy(), ['missing-vendor']],
    [
      'a blank invoice number',
      invoice({ invoiceNumber: field('  ') }),
      score(),
      policy(),
      ['missing-invoice-number'],
    ],
    [
      'an impossible invoice date',
      invoice({ invoiceDate: field('2024-02-30'), dueDate: field('2024-03-30') }),
      score(),
      policy(),
      ['missing-invoice-date'],
    ],
    ['an unreadable total', invoice({ total: field('12,00') }), score(), policy(), ['missing-total']],
    ['a missing currency', invoice({ currency: null }), score(), policy(), ['missing-currency']],
    [
      'a vendor below 80',
      invoice({ vendor: field('Umbrella Supplies Ltd.', 79.5) }),
      score(),
      policy(),
      ['low-confidence-vendor'],
    ],
    [
      'an invoice number below 85',
      invoice({ invoiceNumber: field('INV-1', 84) }),
      score(),
      policy(),
      ['low-confidence-invoice-number'],
    ],
    [
      'an invoice date below 85',
      invoice({ invoiceDate: field('2024-03-01', 60) }),
      score(),
      policy(),
      ['low-confidence-invoice-date'],
    ],
    [
      'a total below 90',
      invoice({ total: field('500.00', 89.9) }),
      score(),
      policy(),
      ['low-confidence-total'],
    ],
    ['a total at exactly 90', invoice({ total: field('500.00', 90) }), score(), policy(), []],
    [
      'a currency below 80',
      invoice({ currency: field('USD', 10) }),
      score(),
      policy(),
      ['low-confidence-currency'],
    ],
    [
      'several problems at once, in rule order',
      invoice({ total: field('20000.00', 50), vendor: null }),
      score({ band: 'high', rationale: [contribution('bankDetailsChanged', 1)] }),
      policy(),
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
    [invoice({ total: field('500.00', 72.5) }), score(), 'Total confidence 72.5 is below 90'],
    [invoice({ vendor: field('Acme', 40) }), score(), 'Vendor confidence 40 is below 80'],
    [invoice({ currency: null }), score(), 'Currency is missing or unreadable'],
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

describe('quorum and step-up', () => {
  const three = ['a@example.com', 'b@example.com', 'c@example.com'];

  it.each<[string, string, Partial<ApprovalPolicy>, number]>([
    ['no second-approver amount', '50000.00', { approvers: three, quorum: 1 }, 1],
    [
      'a total above the second-approver amount',
      '5000.01',
      { approvers: three, quorum: 1, secondApproverAbove: '5000.00' },
      2,
    ],
    [
      'a total at the second-approver amount',
      '5000.00',
      { approvers: three, quorum: 1, secondApproverAbove: '5000.00' },
      1,
    ],
    [
      'a quorum already using every approver',
      '9000.00',
      { approvers: three.slice(0, 2), quorum: 2, secondApproverAbove: '10' },
      2,
    ],
    ['a quorum of two of three', '9000.00', { approvers: three, quorum: 2, secondApproverAbove: '10' }, 3],
  ])('%s', async (_, total, overrides, requiredApprovals) => {
    // Act
    const result = await run(invoice({ total: field(total) }), score(), policy(overrides));

    // Assess
    expect(result.approval.requiredApprovals).toBe(requiredApprovals);
  });

  it.each<[string, string, Partial<ApprovalPolicy>, boolean]>([
    ['never', '50000.00', { stepUp: 'never' }, false],
    ['always, even for a small total', '10.00', { stepUp: 'always' }, true],
    ['above an amount, total above', '1000.01', { stepUp: 'above-amount', stepUpAbove: '1000.00' }, true],
    ['above an amount, total at it', '1000.00', { stepUp: 'above-amount', stepUpAbove: '1000.00' }, false],
    ['above an amount, total unreadable', 'n/a', { stepUp: 'above-amount', stepUpAbove: '1000.00' }, false],
  ])('step-up %s', async (_, total, overrides, stepUp) => {
    // Act
    const result = await run(invoice({ total: field(total) }), score(), policy(overrides));

    // Assess
    expect(result.approval.stepUp).toBe(stepUp);
  });
});

describe('SLA fields', () => {
  it.each<[string, Partial<ApprovalPolicy>, [number, number, boolean, number]]>([
    ['the default policy', {}, [172800, 86400, false, 86400]],
    [
      'a reminder longer than the timeout',
      { timeoutSeconds: 60, reminderBeforeSeconds: 120 },
      [1, 60, false, 86400],
    ],
    ['no reminder', { timeoutSeconds: 3600, reminderBeforeSeconds: 0 }, [3600, 1, false, 86400]],
    [
      'escalation approvers',
      { escalationApprovers: ['boss@example.com'], escalationTimeoutSeconds: 600 },
      [172800, 86400, true, 600],
    ],
    ['a zero escalation timeout', { escalationTimeoutSeconds: 0 }, [172800, 86400, false, 1]],
  ])(
    '%s, whether or not approval is required',
    async (_, overrides, [reminder, remaining, escalate, escalation]) => {
      // Act
      const results = await Promise.all([
        run(invoice(), score(), policy(overrides)),
        run(invoice({ total: field('99999.00') }), score(), policy(overrides)),
      ]);

      // Assess
      expect(results.map((r) => r.approval.required)).toEqual([false, true]);
      for (const { approval } of results) {
        expect(approval.reminderAfterSeconds).toBe(reminder);
        expect(approval.remainingAfterReminderSeconds).toBe(remaining);
        expect(approval.escalate).toBe(escalate);
        expect(approval.escalationSeconds).toBe(escalation);
      }
    },
  );
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
    expect(a?.ruleSetVersion).toBe(invoiceRuleSet.version);
    expect(a?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.inputHash).toBe(a?.inputHash);
    expect(c?.inputHash).not.toBe(a?.inputHash);
  });
});
