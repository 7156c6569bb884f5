import { describe, expect, it } from 'vitest';
import { expire } from '../../../../../lambdas/platform/human-step/request-approval/expire.ts';
import { runWaitPhase } from '../../../../../lambdas/platform/human-step/request-approval/wait.ts';
import { executionArn } from '../../shared/support/builders.ts';
import { ending } from '../../shared/support/fakes.ts';
import { approvalDeps, approvalId, recipients, requested, vote, wait } from './support.ts';

describe('runWaitPhase: a decision that landed between waits', () => {
  it.each([
    ['APPROVED', 'approve', { kind: 'success', taskToken: 'token-2' }],
    ['REJECTED', 'reject', { kind: 'failure', taskToken: 'token-2', error: 'Approval.Rejected' }],
  ] as const)(
    'is delivered by the next phase (%s), which emails no one',
    async (status, decision, expected) => {
      // Prepare: a vote decided the approval while the first wait had already timed out.
      const f = approvalDeps();
      await requested(f);
      await vote(f, 'a1', decision);
      await f.approvals.finish(
        approvalId,
        status,
        ending('APPROVAL_DECIDED', f.time.now().toISOString(), ['ann@example.com']),
      );
      const sentBefore = f.mail.sent.length;

      // Act
      await runWaitPhase(f.deps, wait('remind', 'token-2'));

      // Assess
      expect(f.sfn.results).toMatchObject([expected]);
      expect(f.mail.sent).toHaveLength(sentBefore);
      expect(f.audit.ofType('APPROVAL_REMINDED')).toEqual([]);
      expect(f.record().status).toBe(status);
    },
  );

  it('hands the votes on with an approval', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a2', 'approve');
    await f.approvals.finish(
      approvalId,
      'APPROVED',
      ending('APPROVAL_DECIDED', '2025-03-01T09:30:00.000Z', ['bob@example.com']),
    );

    // Act
    await runWaitPhase(f.deps, wait('escalate', 'token-3'));

    // Assess
    expect(f.sfn.results).toEqual([
      {
        kind: 'success',
        taskToken: 'token-3',
        output: {
          approvalId,
          decision: 'approved',
          votes: [{ approver: 'bob@example.com', decision: 'approve', at: '2025-03-01T09:00:00.000Z' }],
          decidedAt: '2025-03-01T09:30:00.000Z',
        },
      },
    ]);
  });
});

describe('runWaitPhase: a run stopped after storing votes, before counting them', () => {
  it('is decided and delivered by the wait run again, audited once, with no email sent again', async () => {
    // Prepare: both required approvals stored, never counted (the approval API died in between).
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'approve');
    await vote(f, 'a2', 'approve');
    const sentBefore = f.mail.sent.length;

    // Act: the restarted execution runs the request wait again, then a retry of it.
    await runWaitPhase(f.deps, wait('request', 'token-1b'));
    await runWaitPhase(f.deps, wait('request', 'token-1c'));

    // Assess
    expect(f.record()).toMatchObject({
      status: 'APPROVED',
      decidedBy: ['ann@example.com', 'bob@example.com'],
    });
    expect(f.sfn.results).toMatchObject([
      { kind: 'success', taskToken: 'token-1b', output: { decision: 'approved' } },
      { kind: 'success', taskToken: 'token-1c', output: { decision: 'approved' } },
    ]);
    expect(f.audit.ofType('APPROVAL_DECIDED')).toMatchObject([{ decision: 'approved' }]);
    expect(f.record().deliveredAt).toBeDefined();
    expect(f.audit.ofType('VOTE_RECORDED').map((e) => e.actor.id)).toEqual([
      'ann@example.com',
      'bob@example.com',
    ]);
    expect(f.mail.sent).toHaveLength(sentBefore);
  });

  it('leaves votes that do not decide yet pending, and reminds whoever has not voted', async () => {
    // Prepare: one of two required approvals stored.
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'approve');

    // Act
    await runWaitPhase(f.deps, wait('remind', 'token-2'));

    // Assess
    expect(f.record().status).toBe('PENDING');
    expect(f.sfn.results).toEqual([]);
    expect(recipients(f.mail.sent.slice(-1))).toEqual(['bob@example.com']);
  });

  it('never audits a decision again: later waits deliver it and record its delivery once', async () => {
    // Prepare: decided, its APPROVAL_DECIDED written with the move (one write), never delivered.
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'reject');
    await f.approvals.finish(
      approvalId,
      'REJECTED',
      ending('APPROVAL_DECIDED', f.time.now().toISOString(), ['ann@example.com']),
    );

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1b'));
    await runWaitPhase(f.deps, wait('remind', 'token-2'));

    // Assess
    expect(f.audit.ofType('APPROVAL_DECIDED')).toHaveLength(1);
    expect(f.audit.ofType('DECISION_DELIVERED')).toMatchObject([
      { decision: 'rejected', actor: { kind: 'system', id: 'request-approval' }, details: { approvalId } },
    ]);
    expect(f.sfn.results.map((r) => r.kind)).toEqual(['failure', 'failure']);
  });

  it('counts them at the deadline: the votes decide, not the deadline', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'approve');
    await vote(f, 'a2', 'approve');
    f.time.advance(3 * 24 * 3600_000);

    // Act
    const outcome = await expire(f.deps, { phase: 'expire', taskId: approvalId, executionArn });

    // Assess
    expect(outcome.decision).toBe('approved');
    expect(f.record().status).toBe('APPROVED');
    expect(f.audit.ofType('APPROVAL_EXPIRED')).toEqual([]);
    expect(f.audit.ofType('APPROVAL_DECIDED')).toHaveLength(1);
  });
});
