import { describe, expect, it } from 'vitest';
import {
  handOnReopened,
  settleAtWait,
  stateOf,
} from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import type { ApprovalRecord } from '../../../../../lambdas/platform/human-step/record.ts';
import { approver, secrets } from '../../shared/support/builders.ts';
import { ballot, deliverer, lifecycle } from './support.ts';

const decided: Partial<ApprovalRecord> = {
  status: 'APPROVED',
  decidedAt: '2025-03-01T09:59:30.000Z',
  decidedBy: ['ann@example.com'],
};

describe('handOnReopened', () => {
  it('hands a decision no wait received to the current wait, once', async () => {
    // Prepare: the run that decided stopped before SendTaskSuccess.
    const f = lifecycle(decided);

    // Act: the link is opened twice.
    await handOnReopened(f.deps, f.record(), deliverer);
    await handOnReopened(f.deps, f.record(), deliverer);

    // Assess
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-request' }]);
    expect(f.audit.ofType('DECISION_DELIVERED')).toMatchObject([{ actor: deliverer }]);
    expect(stateOf(f.record())).toBe('delivered');
  });

  it.each([
    ['pending', {}],
    ['expired', { status: 'EXPIRED' }],
    ['cancelled', { status: 'CANCELLED' }],
    ['without a registered wait', { ...decided, taskToken: undefined }],
  ] as const)('hands nothing on for a task %s', async (_name, overrides) => {
    // Prepare
    const f = lifecycle(overrides);

    // Act
    await handOnReopened(f.deps, f.record(), deliverer);

    // Assess
    expect(f.sfn.results).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it('leaves a decision whose wait timed out to the next phase, still decided', async () => {
    // Prepare
    const f = lifecycle(decided, () => 'TaskTimedOut');

    // Act
    await handOnReopened(f.deps, f.record(), deliverer);

    // Assess
    expect(stateOf(f.record())).toBe('decided');
    expect(f.audit.records).toEqual([]);
  });
});

describe('settleAtWait', () => {
  it('registers the wait’s token while the votes do not decide', async () => {
    // Prepare
    const f = lifecycle({ taskToken: undefined });

    // Act
    const done = await settleAtWait(f.deps, f.seeded.approvalId, 'token-remind', 'remind', deliverer);

    // Assess
    expect(done).toBe(false);
    expect(f.record()).toMatchObject({ status: 'PENDING', taskToken: 'token-remind', phase: 'remind' });
    expect(f.sfn.results).toEqual([]);
  });

  it('decides by stored votes nobody counted and hands the decision to this wait', async () => {
    // Prepare
    const f = lifecycle({
      approvers: {
        a1: approver('ann@example.com', secrets.a1, { vote: ballot('ann@example.com', 'reject') }),
        a2: approver('bob@example.com', secrets.a2),
      },
    });

    // Act
    const done = await settleAtWait(f.deps, f.seeded.approvalId, 'token-remind', 'remind', deliverer);

    // Assess
    expect(done).toBe(true);
    expect(f.audit.types()).toEqual(['APPROVAL_DECIDED', 'DECISION_DELIVERED']);
    expect(f.sfn.results).toMatchObject([
      { kind: 'failure', taskToken: 'token-remind', error: 'Approval.Rejected' },
    ]);
  });

  it('fails permanently for a task that was never prepared', async () => {
    // Prepare
    const f = lifecycle();

    // Act
    const run = settleAtWait(f.deps, 'never-prepared', 'token-1', 'request', deliverer);

    // Assess
    await expect(run).rejects.toThrow('Human task never-prepared does not exist');
  });
});
