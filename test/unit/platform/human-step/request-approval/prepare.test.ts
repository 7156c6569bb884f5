import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../../../../lambdas/platform/human-step/policy.ts';
import type { HumanStepRequest } from '../../../../../lambdas/platform/human-step/request.ts';
import { prepare } from '../../../../../lambdas/platform/human-step/request-approval/prepare.ts';
import { PermanentError } from '../../../../../lambdas/platform/shared/errors.ts';
import { approvalDeps, approvalId, prepared, request } from './support.ts';

describe('prepare', () => {
  it("creates the task from the process's request and its policy, and returns the waits it is timed by", async () => {
    // Prepare
    const f = approvalDeps();

    // Act
    const task = await prepare(f.deps, prepared());

    // Assess
    expect(task).toEqual({
      taskId: approvalId,
      timings: {
        reminderAfterSeconds: 2 * 24 * 3600,
        remainingAfterReminderSeconds: 24 * 3600,
        escalate: true,
        escalationSeconds: 24 * 3600,
      },
    });
    expect(f.record()).toMatchObject({
      step: 'approval',
      policyId: 'invoice',
      escalationApprovers: ['boss@example.com'],
      request,
      choices: [
        { id: 'approve', label: 'Approve', effect: 'approve' },
        { id: 'reject', label: 'Reject', effect: 'reject' },
      ],
    });
    expect(f.mail.sent).toEqual([]);
  });

  it('keeps one task per execution, step and item: a retry finds it, another step gets its own', async () => {
    // Prepare
    const f = approvalDeps();
    await prepare(f.deps, prepared());
    f.time.advance(5_000);

    // Act
    const again = await prepare(f.deps, prepared());
    const review = await prepare(f.deps, prepared({ step: 'review' }));
    const batch = await prepare(f.deps, prepared({ step: 'review', itemKey: 'batch-2' }));

    // Assess
    expect(again.taskId).toBe(approvalId);
    expect(new Set([approvalId, review.taskId, batch.taskId]).size).toBe(3);
    expect(f.approvals.all()).toHaveLength(3);
    expect(f.record().createdAt).toBe('2025-03-01T09:00:00.000Z');
    expect(f.approvals.peek(batch.taskId)).toMatchObject({ step: 'review', itemKey: 'batch-2' });
  });

  it('asks the people the request names instead of the policy, and never more approvals than people', async () => {
    // Prepare
    const f = approvalDeps();
    const toTeam: HumanStepRequest = {
      ...request,
      requirement: { approvers: ['team@example.com'], additionalApprovals: 3 },
    };

    // Act
    await prepare(f.deps, prepared({ request: toTeam }));

    // Assess
    expect(Object.values(f.record().approvers).map((a) => a.email)).toEqual(['team@example.com']);
    expect(f.record().requiredApprovals).toBe(1);
  });

  it.each<[string, Partial<ApprovalPolicy>, HumanStepRequest['requirement'], boolean]>([
    ['the policy always asks', { stepUp: 'always' }, {}, true],
    [
      'the amount is above the policy’s',
      { stepUp: 'above-amount', stepUpAbove: '10000.00' },
      { amount: { value: '10000.01' } },
      true,
    ],
    [
      'the amount is at the policy’s',
      { stepUp: 'above-amount', stepUpAbove: '10000.00' },
      { amount: { value: '10000.00' } },
      false,
    ],
    ['no amount was read', { stepUp: 'above-amount', stepUpAbove: '10000.00' }, { amount: null }, false],
    ['the process asks', { stepUp: 'never' }, { stepUp: true }, true],
  ])('asks for a one-time code when %s', async (_, policy, requirement, expected) => {
    const f = approvalDeps({ policy });
    await prepare(f.deps, prepared({ request: { ...request, requirement } }));
    expect(f.record().stepUp).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['no title', { ...request, title: '' }],
    ['facts that are not label and value', { ...request, facts: [{ label: 'Vendor' }] }],
    ['no way to reject', { ...request, choices: [{ id: 'ok', label: 'OK', effect: 'approve' }] }],
    ['approvers that are no addresses', { ...request, requirement: { approvers: ['bob'] } }],
    ['nothing at all', undefined],
  ])('refuses, permanently, a request with %s, and creates nothing', async (_, bad) => {
    const f = approvalDeps();
    await expect(prepare(f.deps, prepared({ request: bad }))).rejects.toBeInstanceOf(PermanentError);
    expect(f.approvals.all()).toEqual([]);
  });

  it('refuses, permanently, a request under a policy nobody configured', async () => {
    const f = approvalDeps();
    const unknown = { ...request, requirement: { policy: 'claims' } };
    await expect(prepare(f.deps, prepared({ request: unknown }))).rejects.toThrow(
      'No human-step policy claims is configured',
    );
  });
});
