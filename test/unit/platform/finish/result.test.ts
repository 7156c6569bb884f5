import { describe, expect, it } from 'vitest';
import { type FinishEvent, resultDocument, verdictOf } from '../../../../lambdas/platform/finish/result.ts';
import type {
  ApprovalOutcome,
  CaughtError,
  HumanTaskState,
} from '../../../../lambdas/platform/shared/workflow.ts';
import { documentRef, executionArn } from '../shared/support/builders.ts';

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

const rejection: CaughtError = {
  Error: 'Approval.Rejected',
  Cause: JSON.stringify({ approvalId: 'approval-1', decidedAt: '2025-03-01T10:00:00.000Z', votes: [] }),
};

const task = (result?: HumanTaskState['outcome']): HumanTaskState => ({
  taskId: 'approval-1',
  timings: {
    reminderAfterSeconds: 1,
    remainingAfterReminderSeconds: 1,
    escalate: false,
    escalationSeconds: 1,
  },
  ...(result === undefined ? {} : { outcome: result }),
});

const event = (humanTasks: FinishEvent['humanTasks'], versions?: FinishEvent['versions']): FinishEvent => ({
  document: documentRef(),
  workflowVersion: 'invoice@2+0123abcd',
  executionArn,
  humanTasks,
  ...(versions ? { versions } : {}),
});

describe('verdictOf', () => {
  it.each<[string, FinishEvent['humanTasks'], string, string]>([
    ['approved', { approval: task(outcome('approved')) }, 'COMPLETED', 'approved'],
    ['rejected by a task failure', { approval: task(rejection) }, 'REJECTED', 'rejected by the approvers'],
    [
      'rejected as an outcome',
      { approval: task(outcome('rejected')) },
      'REJECTED',
      'rejected by the approvers',
    ],
    [
      'expired',
      { approval: task(outcome('expired')) },
      'REJECTED',
      'approval expired; rejected automatically',
    ],
    ['no person needed', {}, 'COMPLETED', 'no approval required'],
    ['a task prepared but never decided', { approval: task() }, 'COMPLETED', 'no approval required'],
  ])('%s', (_name, humanTasks, status, reason) => {
    expect(verdictOf(humanTasks)).toEqual({ status, reason });
  });

  it('lets a rejection in any task win over approvals in others', () => {
    expect(verdictOf({ first: task(outcome('approved')), second: task(rejection) }).status).toBe('REJECTED');
  });
});

describe('resultDocument', () => {
  it('records the decision with its inputs and the versions that produced it', () => {
    // Prepare
    const finish = event(
      { approval: task(outcome('approved')) },
      { model: 'vendor-risk@2+abc', rules: 'r@4' },
    );

    // Act
    const result = resultDocument(
      finish,
      { invoice: { total: '1.00' } },
      verdictOf(finish.humanTasks),
      'now',
    );

    // Assess
    expect(result).toEqual({
      documentId: finish.document.documentId,
      process: 'invoice',
      status: 'COMPLETED',
      reason: 'approved',
      source: { bucket: 'tower-data', key: 'invoices/acme-0107.pdf', versionId: undefined },
      invoice: { total: '1.00' },
      humanTasks: { approval: outcome('approved') },
      versions: { workflow: 'invoice@2+0123abcd', model: 'vendor-risk@2+abc', rules: 'r@4' },
      executionArn,
      finalizedAt: 'now',
    });
  });

  it('reads a rejection delivered as a task failure from its cause', () => {
    const finish = event({ approval: task(rejection) });
    expect(resultDocument(finish, {}, verdictOf(finish.humanTasks), 'now').humanTasks).toEqual({
      approval: {
        decision: 'rejected',
        detail: { approvalId: 'approval-1', decidedAt: '2025-03-01T10:00:00.000Z', votes: [] },
      },
    });
  });

  it('keeps a rejection cause that is not JSON as text', () => {
    const finish = event({ approval: task({ Error: 'Approval.Rejected', Cause: 'rejected by ann' }) });
    expect(resultDocument(finish, {}, verdictOf(finish.humanTasks), 'now').humanTasks).toEqual({
      approval: { decision: 'rejected', detail: 'rejected by ann' },
    });
  });

  it('writes null for versions and outcomes the workflow never produced', () => {
    // Prepare
    const finish = event({ approval: task() });

    // Act
    const result = resultDocument(finish, {}, verdictOf(finish.humanTasks), 'now');

    // Assess
    expect(result.humanTasks).toEqual({ approval: null });
    expect(result.versions).toEqual({ workflow: 'invoice@2+0123abcd', model: null, rules: null });
  });
});
