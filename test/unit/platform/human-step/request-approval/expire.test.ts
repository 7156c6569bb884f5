import { describe, expect, it } from 'vitest';
import { expire } from '../../../../../lambdas/platform/human-step/request-approval/expire.ts';
import { documentId, executionArn } from '../../shared/support/builders.ts';
import { ending } from '../../shared/support/fakes.ts';
import { approvalDeps, approvalId, requested, vote } from './support.ts';

describe('expire', () => {
  it('closes a pending approval as expired and audits it once across a retry', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    f.time.advance(3 * 24 * 3600_000);

    // Act
    const outcome = await expire(f.deps, { phase: 'expire', taskId: approvalId, executionArn });
    f.time.advance(10_000);
    const retried = await expire(f.deps, { phase: 'expire', taskId: approvalId, executionArn });

    // Assess
    const expected = { approvalId, decision: 'expired', votes: [], decidedAt: '2025-03-04T09:00:00.000Z' };
    expect(outcome).toEqual(expected);
    expect(retried).toEqual(expected);
    expect(f.record()).toMatchObject({ status: 'EXPIRED', decidedAt: '2025-03-04T09:00:00.000Z' });
    expect(f.audit.ofType('APPROVAL_EXPIRED')).toMatchObject([{ decision: 'expired', documentId }]);
  });

  it('keeps the votes cast before the deadline in the outcome', async () => {
    // Prepare: one of two required approvals arrived in time.
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'approve');

    // Act
    const outcome = await expire(f.deps, { phase: 'expire', taskId: approvalId, executionArn });

    // Assess
    expect(outcome.decision).toBe('expired');
    expect(outcome.votes.map((v) => v.approver)).toEqual(['ann@example.com']);
  });

  it.each([
    ['APPROVED', 'approve', 'approved'],
    ['REJECTED', 'reject', 'rejected'],
  ] as const)('returns the decision that already stands (%s)', async (status, decision, expected) => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', decision);
    await f.approvals.finish(
      approvalId,
      status,
      ending('APPROVAL_DECIDED', '2025-03-02T12:00:00.000Z', ['ann@example.com']),
    );

    // Act
    const outcome = await expire(f.deps, { phase: 'expire', taskId: approvalId, executionArn });

    // Assess
    expect(outcome).toMatchObject({ decision: expected, decidedAt: '2025-03-02T12:00:00.000Z' });
    expect(outcome.votes).toHaveLength(1);
    expect(f.record().status).toBe(status);
    expect(f.audit.ofType('APPROVAL_EXPIRED')).toEqual([]);
  });

  it('fails when there is no approval to expire', async () => {
    const f = approvalDeps();
    await expect(expire(f.deps, { phase: 'expire', taskId: approvalId, executionArn })).rejects.toThrow(
      /does not exist/,
    );
  });
});
