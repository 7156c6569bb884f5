import { describe, expect, it } from 'vitest';
import {
  type ApprovalInput,
  approvalDecision,
} from '../../../../../lambdas/processes/invoice/rules/approval-request.ts';
import { invoiceHeader, score } from '../../../platform/shared/support/builders.ts';

const input = (overrides: Partial<ApprovalInput> = {}): ApprovalInput => ({
  invoice: invoiceHeader(),
  score: score(),
  dueDate: '2025-03-22',
  reasons: [{ rule: 'amount-above-threshold', message: 'total above 10,000.00' }],
  secondApprover: false,
  stepUp: false,
  ruleSetVersion: 'invoice-rules@2.0.0+abcd1234/params-00000000',
  ...overrides,
});

describe('approvalDecision: what the invoice asks a person', () => {
  it('shows the invoice header as facts, its risk and why a person is asked', () => {
    // Act
    const decision = approvalDecision(input());

    // Assess
    expect(decision.required).toBe(true);
    expect(decision.request).toEqual({
      title: 'Invoice INV-0107 from Acme Supplies Ltd (EUR 12,138.00)',
      facts: [
        { label: 'Vendor', value: 'Acme Supplies Ltd' },
        { label: 'Invoice', value: 'INV-0107' },
        { label: 'Amount', value: 'EUR 12,138.00' },
        { label: 'Invoice date', value: '2025-02-20' },
        { label: 'Due', value: '2025-03-22' },
      ],
      reasons: ['total above 10,000.00'],
      risk: {
        level: 'high',
        score: 0.81,
        rationale: ['the bank account is new', 'the amount is unusually high'],
      },
      requirement: { additionalApprovals: 0, stepUp: false, amount: { value: '12138.00', currency: 'EUR' } },
      versions: { model: 'vendor-risk@2+abc', rules: 'invoice-rules@2.0.0+abcd1234/params-00000000' },
    });
  });

  it("prefers the rules' due date (from the terms) to the printed one, then the printed one, then none", () => {
    const due = (overrides: Partial<ApprovalInput>) =>
      approvalDecision(input(overrides)).request.facts.find((f) => f.label === 'Due')?.value;
    expect(due({ dueDate: '2025-04-01' })).toBe('2025-04-01');
    expect(due({ dueDate: null })).toBe('2025-03-22');
    expect(due({ dueDate: null, invoice: invoiceHeader({ dueDate: null }) })).toBe('—');
  });

  it('shows unread fields as unknown rather than inventing them, and asks for no amount it cannot read', () => {
    // Prepare
    const invoice = invoiceHeader({
      vendor: null,
      invoiceNumber: null,
      total: null,
      currency: null,
      invoiceDate: null,
    });

    // Act
    const { request } = approvalDecision(input({ invoice }));

    // Assess
    expect(request.title).toBe('Invoice (no number) from an unknown vendor (—)');
    expect(request.facts.map((f) => f.value)).toEqual(['—', '—', '—', '—', '2025-03-22']);
    expect(request.requirement.amount).toBeNull();
  });

  it('rounds the risk score to two places and says when the fallback scored it', () => {
    const { request } = approvalDecision(
      input({ score: score({ score: 0.456789, degraded: true, method: 'heuristic' }) }),
    );
    expect(request.risk).toMatchObject({ score: 0.46, note: 'scored by fallback' });
  });

  it('asks for one more approval and a one-time code when the rules say so', () => {
    const { requirement } = approvalDecision(input({ secondApprover: true, stepUp: true })).request;
    expect(requirement).toMatchObject({ additionalApprovals: 1, stepUp: true });
  });

  it('needs nobody when no rule gave a reason', () => {
    expect(approvalDecision(input({ reasons: [] })).required).toBe(false);
  });
});
