import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../../../lambdas/platform/request-approval/summary.ts';
import { PermanentError } from '../../../../lambdas/platform/shared/errors.ts';
import {
  approvalRequirement,
  documentId,
  invoiceHeader,
  rules,
  score,
  workflowState,
} from '../shared/support/builders.ts';

describe('summaryOf', () => {
  it('shows the invoice header, its risk and why a person is asked', () => {
    // Act
    const summary = summaryOf(workflowState());

    // Assess
    expect(summary).toEqual({
      process: 'invoice',
      documentId,
      vendor: 'Acme Supplies Ltd',
      invoiceNumber: 'INV-0107',
      invoiceDate: '2025-02-20',
      dueDate: '2025-03-22',
      total: '12138.00',
      currency: 'EUR',
      riskBand: 'high',
      riskScore: 0.81,
      riskRationale: ['the bank account is new', 'the amount is unusually high'],
      degraded: false,
      reasons: ['total above 10,000.00'],
    });
  });

  it("prefers the rules' due date (from the terms) to the printed one", () => {
    const state = workflowState({ rules: rules({ dueDate: '2025-04-01' }) });
    expect(summaryOf(state).dueDate).toBe('2025-04-01');
  });

  it('falls back to the printed due date, then to none', () => {
    expect(summaryOf(workflowState({ rules: rules({ dueDate: null }) })).dueDate).toBe('2025-03-22');
    const extraction = { invoice: invoiceHeader({ dueDate: null }), artifactKey: 'k', inputHash: 'h' };
    expect(summaryOf(workflowState({ extraction, rules: rules({ dueDate: null }) })).dueDate).toBeNull();
  });

  it('shows unread fields as unknown rather than inventing them', () => {
    // Prepare
    const invoice = invoiceHeader({
      vendor: null,
      invoiceNumber: null,
      total: null,
      currency: null,
      invoiceDate: null,
    });

    // Act
    const summary = summaryOf(workflowState({ extraction: { invoice, artifactKey: 'k', inputHash: 'h' } }));

    // Assess
    expect(summary).toMatchObject({
      vendor: null,
      invoiceNumber: null,
      total: null,
      currency: null,
      invoiceDate: null,
    });
  });

  it('rounds the risk score to two places and says when the fallback scored it', () => {
    const summary = summaryOf(
      workflowState({ score: score({ score: 0.456789, degraded: true, method: 'heuristic' }) }),
    );
    expect(summary.riskScore).toBe(0.46);
    expect(summary.degraded).toBe(true);
  });

  it('lists every reason the rules gave', () => {
    const approval = approvalRequirement({
      reasons: [
        { rule: 'amount', message: 'total above 10,000.00' },
        { rule: 'bank', message: 'new bank account' },
      ],
    });
    expect(summaryOf(workflowState({ rules: rules({ approval }) })).reasons).toEqual([
      'total above 10,000.00',
      'new bank account',
    ]);
  });

  it.each(['extraction', 'score', 'rules'] as const)(
    'refuses, permanently, a state without %s',
    (missing) => {
      const state = { ...workflowState(), [missing]: undefined };
      expect(() => summaryOf(state)).toThrow(PermanentError);
    },
  );
});
