import { describe, expect, it } from 'vitest';
import {
  castVote,
  settleVotes,
  stateOf,
} from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import { follow } from '../../../../../lambdas/platform/human-step/lifecycle/transitions.ts';
import { approver, secrets } from '../../shared/support/builders.ts';
import { ballot, deliverer, lifecycle } from './support.ts';

describe('castVote', () => {
  it('stores the vote, decides and hands the decision back, each audited once', async () => {
    // Prepare
    const f = lifecycle();

    // Act
    const result = await castVote(f.deps, f.seeded, 'a1', ballot('ann@example.com', 'approve'), deliverer);

    // Assess
    expect(result).toEqual({ kind: 'delivered', decision: 'approved' });
    expect(stateOf(f.record())).toBe('delivered');
    expect(f.audit.records).toMatchObject([
      { type: 'VOTE_RECORDED', actor: { kind: 'person', id: 'ann@example.com' }, decision: 'approve' },
      { type: 'APPROVAL_DECIDED', actor: { kind: 'person', id: 'ann@example.com' }, decision: 'approved' },
      { type: 'DECISION_DELIVERED', actor: deliverer, decision: 'approved' },
    ]);
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-request' }]);
  });

  it('keeps the task pending while the quorum is not met, and says how many approvals are missing', async () => {
    // Prepare
    const f = lifecycle({ requiredApprovals: 2 });

    // Act
    const result = await castVote(f.deps, f.seeded, 'a1', ballot('ann@example.com', 'approve'), deliverer);

    // Assess
    expect(result).toEqual({ kind: 'pending', approvals: 1, remaining: 1 });
    expect(stateOf(f.record())).toBe('pending');
    expect(f.audit.types()).toEqual(['VOTE_RECORDED']);
    expect(f.sfn.results).toEqual([]);
  });

  it('keeps a person’s first vote: a second one is not recorded and decides nothing', async () => {
    // Prepare
    const f = lifecycle({ requiredApprovals: 2 });
    await castVote(f.deps, f.seeded, 'a1', ballot('ann@example.com', 'approve'), deliverer);

    // Act
    const again = await castVote(f.deps, f.seeded, 'a1', ballot('ann@example.com', 'reject'), deliverer);

    // Assess
    expect(again).toMatchObject({ kind: 'already-voted', vote: { decision: 'approve' } });
    expect(f.audit.types()).toEqual(['VOTE_RECORDED']);
    expect(stateOf(f.record())).toBe('pending');
  });

  it('reports a task another vote ended in between, and writes nothing', async () => {
    // Prepare: Bob's rejection (veto) decided it first.
    const f = lifecycle();
    await castVote(f.deps, f.seeded, 'a2', ballot('bob@example.com', 'reject'), deliverer);
    const before = f.audit.records.length;

    // Act
    const result = await castVote(f.deps, f.seeded, 'a1', ballot('ann@example.com', 'approve'), deliverer);

    // Assess
    expect(result).toMatchObject({ kind: 'ended', record: { status: 'REJECTED' } });
    expect(f.audit.records).toHaveLength(before);
    expect(f.sfn.results.map((r) => r.kind)).toEqual(['failure']);
  });

  it('reports a task that no longer exists', async () => {
    // Prepare
    const f = lifecycle();

    // Act
    const result = await castVote(
      f.deps,
      { ...f.seeded, approvalId: 'purged' },
      'a1',
      ballot('ann@example.com', 'approve'),
      deliverer,
    );

    // Assess
    expect(result).toEqual({ kind: 'unknown' });
    expect(f.audit.records).toEqual([]);
  });
});

describe('settleVotes', () => {
  it('decides once: settling the same votes again finds the task decided and writes nothing', async () => {
    // Prepare: Ann's approval stored by a run that stopped before counting it.
    const voted = {
      approvers: {
        a1: approver('ann@example.com', secrets.a1, { vote: ballot('ann@example.com', 'approve') }),
        a2: approver('bob@example.com', secrets.a2),
      },
    };
    const f = lifecycle(voted);
    const ann = { kind: 'person', id: 'ann@example.com' } as const;

    // Act
    const first = await settleVotes(f.deps, f.seeded, ann, deliverer);
    const second = await settleVotes(f.deps, f.seeded, ann, deliverer);

    // Assess
    expect(first).toEqual({ kind: 'delivered', decision: 'approved' });
    expect(second).toMatchObject({ kind: 'ended', record: { status: 'APPROVED' } });
    expect(f.audit.types()).toEqual(['APPROVAL_DECIDED', 'DECISION_DELIVERED']);
    expect(f.sfn.results).toHaveLength(1);
  });

  it('audits a decision the workflow no longer waits for once, however often its wait is found gone', async () => {
    // Prepare
    const f = lifecycle(
      {
        approvers: {
          a1: approver('ann@example.com', secrets.a1, { vote: ballot('ann@example.com', 'approve') }),
          a2: approver('bob@example.com', secrets.a2),
        },
      },
      () => 'TaskDoesNotExist',
    );

    // Act: the first settles it; a later attempt (another click, a retried run) follows it again.
    const result = await settleVotes(f.deps, f.seeded, { kind: 'person', id: 'ann@example.com' }, deliverer);
    const again = await follow(f.deps, f.record(), 'approved', deliverer);

    // Assess
    expect([result, again]).toEqual([{ kind: 'not-applied', decision: 'approved' }, 'not-applied']);
    expect(stateOf(f.record())).toBe('decided');
    expect(f.audit.ofType('DECISION_NOT_APPLIED')).toMatchObject([
      { actor: deliverer, decision: 'approved' },
    ]);
  });
});
