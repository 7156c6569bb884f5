import { describe, expect, it } from 'vitest';
import {
  approvalRejectedError,
  deliverDecision,
  outcomeOf,
} from '../../../../lambdas/platform/human-step/delivery.ts';
import type { StoredVote } from '../../../../lambdas/platform/human-step/record.ts';
import { approvalRecord, approver, secrets } from '../shared/support/builders.ts';
import { fakeSfn } from '../shared/support/fakes.ts';

const vote = (who: string, decision: 'approve' | 'reject', at: string, comment?: string): StoredVote => ({
  approver: who,
  decision,
  at,
  comment,
  clientIp: '198.51.100.7',
  userAgent: 'Mozilla/5.0',
  summaryHash: 'e'.repeat(64),
});

/** Bob voted first, Ann second; a third approver has not voted. */
const decided = approvalRecord({
  status: 'APPROVED',
  requiredApprovals: 2,
  decidedAt: '2025-03-01T10:05:00.000Z',
  decidedBy: ['ann@example.com', 'bob@example.com'],
  approvers: {
    a1: approver('ann@example.com', secrets.a1, {
      vote: vote('ann@example.com', 'approve', '2025-03-01T10:05:00.000Z', 'fine'),
    }),
    a2: approver('bob@example.com', secrets.a2, {
      vote: vote('bob@example.com', 'approve', '2025-03-01T10:01:00.000Z'),
    }),
    a3: approver('cy@example.com', 'secret-of-approver-three'),
  },
});

describe('outcomeOf', () => {
  it('lists the votes cast, oldest first, without who clicked from where', () => {
    // Act
    const outcome = outcomeOf(decided, 'approved');

    // Assess
    expect(outcome).toEqual({
      approvalId: decided.approvalId,
      decision: 'approved',
      votes: [
        { approver: 'bob@example.com', decision: 'approve', at: '2025-03-01T10:01:00.000Z' },
        { approver: 'ann@example.com', decision: 'approve', at: '2025-03-01T10:05:00.000Z', comment: 'fine' },
      ],
      decidedAt: '2025-03-01T10:05:00.000Z',
    });
    expect(JSON.stringify(outcome)).not.toMatch(/198\.51|Mozilla|summaryHash/);
  });

  it('stamps an undecided record with the current time', () => {
    const before = Date.now();
    const outcome = outcomeOf(approvalRecord(), 'expired');
    expect(outcome.votes).toEqual([]);
    expect(Date.parse(outcome.decidedAt)).toBeGreaterThanOrEqual(before);
  });
});

describe('deliverDecision', () => {
  it('resumes the waiting task with the outcome when approved', async () => {
    // Prepare
    const sfn = fakeSfn();

    // Act
    const delivery = await deliverDecision(sfn.client, 'token-7', decided, 'approved');

    // Assess
    expect(delivery).toBe('delivered');
    expect(sfn.results).toEqual([
      { kind: 'success', taskToken: 'token-7', output: outcomeOf(decided, 'approved') },
    ]);
  });

  it('fails the waiting task with Approval.Rejected and the votes as cause when rejected', async () => {
    // Prepare
    const sfn = fakeSfn();
    const rejected = { ...decided, status: 'REJECTED' as const };

    // Act
    const delivery = await deliverDecision(sfn.client, 'token-7', rejected, 'rejected');

    // Assess
    expect(delivery).toBe('delivered');
    expect(approvalRejectedError).toBe('Approval.Rejected');
    expect(sfn.results).toEqual([
      {
        kind: 'failure',
        taskToken: 'token-7',
        error: 'Approval.Rejected',
        cause: {
          approvalId: rejected.approvalId,
          decidedAt: '2025-03-01T10:05:00.000Z',
          votes: outcomeOf(rejected, 'rejected').votes,
        },
      },
    ]);
  });

  it.each([
    ['TaskTimedOut', 'approved', 'timed-out'],
    ['TaskTimedOut', 'rejected', 'timed-out'],
    ['TaskDoesNotExist', 'approved', 'task-gone'],
    ['InvalidToken', 'rejected', 'task-gone'],
  ] as const)('reports a wait that answers %s (%s) as %s', async (error, decision, expected) => {
    // Prepare
    const sfn = fakeSfn(() => error);

    // Act
    const delivery = await deliverDecision(sfn.client, 'token-7', decided, decision);

    // Assess
    expect(delivery).toBe(expected);
    expect(sfn.results).toEqual([]);
  });

  it('throws any other failure, so the caller can retry', async () => {
    const sfn = fakeSfn(() => 'ThrottlingException');
    await expect(deliverDecision(sfn.client, 'token-7', decided, 'approved')).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });
});
