import { describe, expect, it } from 'vitest';
import { resultDocument, verdictOf } from '../../../../lambdas/platform/finalize/result.ts';
import type { ApprovalOutcome, WorkflowState } from '../../../../lambdas/platform/shared/workflow.ts';
import { executionArn, normalizedInvoice, workflowState } from '../shared/support/builders.ts';

const outcome = (decision: ApprovalOutcome['decision']): ApprovalOutcome => ({
  approvalId: 'approval-1',
  decision,
  votes: [
    {
      approver: 'ann@example.com',
      decision: decision === 'approved' ? 'approve' : 'reject',
      at: '2025-03-01T10:00:00.000Z',
    },
  ],
  decidedAt: '2025-03-01T10:00:00.000Z',
});

const rejection = {
  Error: 'Approval.Rejected',
  Cause: JSON.stringify({ approvalId: 'approval-1', decidedAt: '2025-03-01T10:00:00.000Z', votes: [] }),
};

describe('verdictOf', () => {
  it.each<[string, Partial<WorkflowState>, string, string]>([
    ['approved', { approval: outcome('approved') }, 'COMPLETED', 'approved'],
    ['rejected by a task failure', { approvalRejection: rejection }, 'REJECTED', 'rejected by the approvers'],
    ['rejected as an outcome', { approval: outcome('rejected') }, 'REJECTED', 'rejected by the approvers'],
    ['expired', { approval: outcome('expired') }, 'REJECTED', 'approval expired; rejected automatically'],
    ['no approval needed', {}, 'COMPLETED', 'no approval required'],
  ])('%s', (_name, overrides, status, reason) => {
    expect(verdictOf(workflowState(overrides))).toEqual({ status, reason });
  });

  it('lets a rejection win over anything else the state holds', () => {
    expect(
      verdictOf(workflowState({ approval: outcome('approved'), approvalRejection: rejection })).status,
    ).toBe('REJECTED');
  });
});

describe('resultDocument', () => {
  it('records the decision with its inputs and the versions that produced it', () => {
    // Prepare
    const state = workflowState({ approval: outcome('approved') });
    const invoice = normalizedInvoice();

    // Act
    const result = resultDocument(state, invoice, verdictOf(state), executionArn, '2025-03-01T10:01:00.000Z');

    // Assess
    expect(result).toEqual({
      documentId: state.document.documentId,
      process: 'invoice',
      status: 'COMPLETED',
      reason: 'approved',
      source: { bucket: 'tower-data', key: 'invoices/acme-0107.pdf', versionId: undefined },
      invoice,
      risk: state.score,
      rules: state.rules,
      approval: state.approval,
      versions: { workflow: 'invoice@1+0123abcd', model: 'vendor-risk@2+abc', rules: 'invoice-rules@4' },
      executionArn,
      finalizedAt: '2025-03-01T10:01:00.000Z',
    });
  });

  it('reads a rejection delivered as a task failure from its cause', () => {
    // Prepare
    const state = workflowState({ approvalRejection: rejection });

    // Act
    const result = resultDocument(state, null, verdictOf(state), executionArn, 'now');

    // Assess
    expect(result.approval).toEqual({
      decision: 'rejected',
      detail: { approvalId: 'approval-1', decidedAt: '2025-03-01T10:00:00.000Z', votes: [] },
    });
  });

  it('keeps a rejection cause that is not JSON as text', () => {
    const state = workflowState({
      approvalRejection: { Error: 'Approval.Rejected', Cause: 'rejected by ann' },
    });
    expect(resultDocument(state, null, verdictOf(state), executionArn, 'now').approval).toEqual({
      decision: 'rejected',
      detail: 'rejected by ann',
    });
  });

  it('writes null for what the workflow never produced', () => {
    // Prepare
    const state = workflowState({ score: undefined, rules: undefined });

    // Act
    const result = resultDocument(state, null, verdictOf(state), executionArn, 'now');

    // Assess
    expect(result).toMatchObject({ invoice: null, risk: null, rules: null, approval: null });
    expect(result.versions).toEqual({ workflow: 'invoice@1+0123abcd', model: null, rules: null });
  });
});
