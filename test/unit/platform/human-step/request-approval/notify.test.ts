import { describe, expect, it } from 'vitest';
import type { ApprovalPhase } from '../../../../../lambdas/platform/human-step/record.ts';
import type { ApprovalDeps } from '../../../../../lambdas/platform/human-step/request-approval/context.ts';
import { prepare } from '../../../../../lambdas/platform/human-step/request-approval/prepare.ts';
import { runWaitPhase } from '../../../../../lambdas/platform/human-step/request-approval/wait.ts';
import { approvalDeps, linkWorks, prepared, requested, wait } from './support.ts';

describe('runWaitPhase: an email is keyed by approval, approver and phase', () => {
  /** Deps whose sends land but whose run is cut off right after the n-th send, before it is marked sent. */
  function cutOffAfterSend(f: ReturnType<typeof approvalDeps>, n: number): ApprovalDeps {
    let sends = 0;
    return {
      ...f.deps,
      sendEmail: async (email) => {
        await f.deps.sendEmail(email);
        sends += 1;
        if (sends === n) throw new Error('runtime killed after the send');
      },
      approvals: {
        ...f.approvals.store,
        get: (id) => f.approvals.get(id),
        listByExecution: (arn) => f.approvals.listByExecution(arn),
        create: (r) => f.approvals.create(r),
        addApprovers: (id, e) => f.approvals.addApprovers(id, e),
        addSecretHash: (id, a, h) => f.approvals.addSecretHash(id, a, h),
        markApprover: (id, a, field, at) => f.approvals.markApprover(id, a, field, at),
        claimNotice: (id, a, field, at) => f.approvals.claimNotice(id, a, field, at),
        // The kill lands between the send and giving the claim back: the claim stays.
        releaseNotice: async () => {
          throw new Error('runtime killed after the send');
        },
        registerToken: (id, t, p) => f.approvals.registerToken(id, t, p),
        recordVote: (id, a, v, e) => f.approvals.recordVote(id, a, v, e),
        finish: (id, s, ending) => f.approvals.finish(id, s, ending),
        setOneTimeCode: (id, a, c) => f.approvals.setOneTimeCode(id, a, c),
        countCodeAttempt: (id, a, m) => f.approvals.countCodeAttempt(id, a, m),
        markDelivered: (id, at, e) => f.approvals.markDelivered(id, at, e),
      },
    };
  }

  it.each<[ApprovalPhase, readonly ApprovalPhase[], string, string]>([
    ['request', [], 'APPROVAL_REQUESTED', 'ann@example.com'],
    ['remind', ['request'], 'APPROVAL_REMINDED', 'ann@example.com'],
    ['escalate', ['request', 'remind'], 'APPROVAL_ESCALATED', 'boss@example.com'],
  ])(
    'a %s re-run after a kill between the send and its mark sends nothing again and names the unconfirmed',
    async (phase, before, auditType, first) => {
      // Prepare
      const f = approvalDeps();
      await prepare(f.deps, prepared());
      for (const [i, p] of before.entries()) await runWaitPhase(f.deps, wait(p, `token-${i}`));
      const sentBefore = f.mail.sent.length;
      await expect(runWaitPhase(cutOffAfterSend(f, 1), wait(phase, 'token-x'))).rejects.toThrow('killed');
      const afterKill = f.mail.sent.length;

      // Act
      await runWaitPhase(f.deps, wait(phase, 'token-x'));
      await runWaitPhase(f.deps, wait(phase, 'token-y'));

      // Assess: each (kind, person) once; the first email of this phase is never sent again.
      const sent = f.mail.sent.slice(sentBefore).map((e) => `${e.subject.split(':')[0]} → ${e.to}`);
      const prefix = { request: 'Decision needed', remind: 'Reminder', escalate: 'Escalated' }[phase];
      expect(afterKill - sentBefore).toBe(1);
      expect(sent.filter((e) => e === `${prefix} → ${first}`)).toHaveLength(1);
      expect(new Set(sent).size).toBe(sent.length);
      expect(f.audit.ofType(auditType)).toMatchObject([{ details: { unconfirmed: [first] } }]);
    },
  );

  it('follows a request a kill left unconfirmed with that person’s reminder, once, so they have a link', async () => {
    // Prepare: the request to Ann may or may not have gone out; the run died before marking it.
    const f = approvalDeps();
    await prepare(f.deps, prepared());
    await expect(runWaitPhase(cutOffAfterSend(f, 1), wait('request', 'token-x'))).rejects.toThrow('killed');
    f.mail.sent.splice(0);

    // Act: the request re-run (twice), then the scheduled reminder.
    await runWaitPhase(f.deps, wait('request', 'token-y'));
    await runWaitPhase(f.deps, wait('request', 'token-z'));
    await runWaitPhase(f.deps, wait('remind', 'token-r'));

    // Assess
    const sent = f.mail.sent.map((e) => `${e.subject.split(':')[0]} → ${e.to}`);
    expect(sent.sort()).toEqual([
      'Decision needed → bob@example.com',
      'Reminder → ann@example.com',
      'Reminder → bob@example.com',
    ]);
    const ann = f.mail.sent.find((e) => e.to === 'ann@example.com');
    expect(ann && linkWorks(f.record(), ann)).toBe(true);
    expect(f.audit.ofType('APPROVAL_REQUESTED')).toMatchObject([
      { details: { unconfirmed: ['ann@example.com'], remindedEarly: ['ann@example.com'] } },
    ]);
    expect(f.audit.ofType('APPROVAL_REMINDED')).toMatchObject([
      { details: { notified: ['bob@example.com'] } },
    ]);
  });

  it('writes nothing when a phase is re-run after it succeeded', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    const before = { mail: f.mail.sent.length, audit: f.audit.records.length, record: f.record() };

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1'));

    // Assess
    expect(f.mail.sent).toHaveLength(before.mail);
    expect(f.audit.records).toHaveLength(before.audit);
    expect(f.record()).toEqual(before.record);
  });
});
