import { describe, expect, it } from 'vitest';
import { prepare } from '../../../../../lambdas/platform/human-step/request-approval/prepare.ts';
import { runWaitPhase } from '../../../../../lambdas/platform/human-step/request-approval/wait.ts';
import type { Email } from '../../../../../lambdas/platform/mail/mailer.ts';
import { PermanentError } from '../../../../../lambdas/platform/shared/errors.ts';
import { hashJson } from '../../../../../lambdas/platform/shared/hash.ts';
import { documentId, executionArn } from '../../shared/support/builders.ts';
import {
  approvalDeps,
  approvalId,
  linkWorks,
  prepared,
  recipients,
  request,
  requested,
  vote,
  wait,
} from './support.ts';

describe('runWaitPhase: request', () => {
  it('moves the document to AWAITING_APPROVAL and emails each approver a working link', async () => {
    // Prepare
    const f = approvalDeps();

    // Act
    await requested(f);

    // Assess
    const record = f.record();
    expect(f.approvals.all()).toHaveLength(1);
    expect(record).toMatchObject({
      approvalId,
      documentId,
      executionArn,
      status: 'PENDING',
      phase: 'request',
      taskToken: 'token-1',
      requiredApprovals: 2,
      stepUp: true,
      veto: true,
      separationOfDuties: true,
      submittedBy: 'clerk@example.com',
      request,
      summaryHash: hashJson(request),
      createdAt: '2025-03-01T09:00:00.000Z',
      deadlineAt: '2025-03-04T09:00:00.000Z',
    });
    expect(Object.values(record.approvers).map((a) => [a.email, a.role, a.notifiedAt])).toEqual([
      ['ann@example.com', 'approver', '2025-03-01T09:00:00.000Z'],
      ['bob@example.com', 'approver', '2025-03-01T09:00:00.000Z'],
    ]);
    expect(f.documents.peek(documentId)?.status).toBe('AWAITING_APPROVAL');
    expect(recipients(f.mail.sent)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(f.mail.sent.every((e) => e.subject.startsWith('Decision needed:'))).toBe(true);
    expect(f.mail.sent.map((e) => linkWorks(record, e))).toEqual([true, true]);
    expect(f.audit.ofType('APPROVAL_REQUESTED')).toMatchObject([
      { details: { approvalId, notified: ['ann@example.com', 'bob@example.com'], requiredApprovals: 2 } },
    ]);
  });

  it('gives each approver a personal link that opens the approval for no one else', async () => {
    // Prepare
    const f = approvalDeps();

    // Act
    await requested(f);

    // Assess
    const [toAnn, toBob] = f.mail.sent as [Email, Email];
    expect(linkWorks(f.record(), toAnn, 'bob@example.com')).toBe(false);
    expect(linkWorks(f.record(), toBob, 'ann@example.com')).toBe(false);
  });

  it('stores no link secret and no task token outside the approval', async () => {
    // Prepare
    const f = approvalDeps();

    // Act
    await requested(f, 'token-secret-1');

    // Assess
    const secretsSent = f.mail.sent.map(
      (e) => /\/a\/[^/]+\/([A-Za-z0-9_-]+)$/m.exec(e.text)?.[1] ?? 'missing',
    );
    const stored = JSON.stringify(f.record());
    for (const secret of secretsSent) expect(stored).not.toContain(secret);
    expect(JSON.stringify(f.audit.records)).not.toContain('token-secret-1');
    expect(f.mail.sent.map((e) => e.text + e.html).join()).not.toContain('token-secret-1');
  });

  it('refuses, permanently, a wait for a task that was never prepared, and emails no one', async () => {
    // Prepare
    const f = approvalDeps();

    // Act
    const attempt = runWaitPhase(f.deps, wait('request', 'token-1'));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PermanentError);
    expect(f.approvals.all()).toEqual([]);
    expect(f.mail.sent).toEqual([]);
  });

  it('creates the approval once and emails each approver once across a retry', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    const first = f.record();
    f.time.advance(30_000);

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1b'));

    // Assess
    expect(f.approvals.all()).toHaveLength(1);
    expect(f.record()).toMatchObject({
      pageKey: first.pageKey,
      createdAt: first.createdAt,
      taskToken: 'token-1b',
    });
    expect(recipients(f.mail.sent)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(f.audit.ofType('APPROVAL_REQUESTED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
  });

  it('after a send failed, the retry emails only whoever was missed, with a working link', async () => {
    // Prepare: the second send of the first try is refused.
    const f = approvalDeps({ mailFails: (_email, attempt) => attempt === 2 });
    await prepare(f.deps, prepared());
    await expect(runWaitPhase(f.deps, wait('request', 'token-1'))).rejects.toThrow();

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1b'));

    // Assess
    expect(recipients(f.mail.sent)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(f.mail.sent.map((e) => linkWorks(f.record(), e))).toEqual([true, true]);
    expect(f.audit.ofType('APPROVAL_REQUESTED')).toMatchObject([
      { details: { notified: ['bob@example.com'] } },
    ]);
  });
});

describe('runWaitPhase: remind', () => {
  it('emails only the approvers who have not voted, with a new link; the old link keeps working', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);
    const firstToBob = f.mail.sent[1] as Email;
    await vote(f, 'a1', 'approve');
    f.time.advance(3600_000);

    // Act
    await runWaitPhase(f.deps, wait('remind', 'token-2'));

    // Assess
    const reminders = f.mail.sent.slice(2);
    expect(recipients(reminders)).toEqual(['bob@example.com']);
    expect(reminders[0]?.subject).toMatch(/^Reminder:/);
    expect(linkWorks(f.record(), reminders[0] as Email)).toBe(true);
    expect(linkWorks(f.record(), firstToBob)).toBe(true);
    expect(f.record()).toMatchObject({ phase: 'remind', taskToken: 'token-2' });
    expect(f.record().approvers.a2?.remindedAt).toBe('2025-03-01T10:00:00.000Z');
    expect(f.record().approvers.a1?.remindedAt).toBeUndefined();
    expect(f.audit.ofType('APPROVAL_REMINDED')).toMatchObject([
      { details: { notified: ['bob@example.com'] } },
    ]);
  });

  it('reminds each approver once across a retry and leaves the status alone', async () => {
    // Prepare
    const f = approvalDeps();
    await requested(f);

    // Act
    await runWaitPhase(f.deps, wait('remind', 'token-2'));
    await runWaitPhase(f.deps, wait('remind', 'token-2b'));

    // Assess
    expect(recipients(f.mail.sent.slice(2))).toEqual(['ann@example.com', 'bob@example.com']);
    expect(f.audit.ofType('APPROVAL_REMINDED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
    expect(f.documents.peek(documentId)?.status).toBe('AWAITING_APPROVAL');
  });
});

describe('runWaitPhase: escalate', () => {
  it('adds the escalation approvers and emails only them, once, with working links', async () => {
    // Prepare
    const f = approvalDeps({ policy: { escalationApprovers: ['boss@example.com', 'cfo@example.com'] } });
    await requested(f);
    await runWaitPhase(f.deps, wait('remind', 'token-2'));
    const before = f.mail.sent.length;

    // Act
    await runWaitPhase(f.deps, wait('escalate', 'token-3'));
    await runWaitPhase(f.deps, wait('escalate', 'token-3b'));

    // Assess
    const escalations = f.mail.sent.slice(before);
    expect(recipients(escalations)).toEqual(['boss@example.com', 'cfo@example.com']);
    expect(escalations.every((e) => e.subject.startsWith('Escalated:'))).toBe(true);
    expect(escalations.map((e) => linkWorks(f.record(), e))).toEqual([true, true]);
    expect(Object.values(f.record().approvers).map((a) => [a.email, a.role])).toEqual([
      ['ann@example.com', 'approver'],
      ['bob@example.com', 'approver'],
      ['boss@example.com', 'escalation'],
      ['cfo@example.com', 'escalation'],
    ]);
    expect(f.record()).toMatchObject({ phase: 'escalate', taskToken: 'token-3b' });
    expect(f.audit.ofType('APPROVAL_ESCALATED')).toMatchObject([
      { details: { notified: ['boss@example.com', 'cfo@example.com'] } },
    ]);
  });

  it('sends a working escalation link after a failed send is retried', async () => {
    // Prepare: the first escalation email fails (SES throttled), so the task is retried.
    let bossAttempts = 0;
    const f = approvalDeps({ mailFails: (email) => email.to === 'boss@example.com' && ++bossAttempts === 1 });
    await requested(f);
    await runWaitPhase(f.deps, wait('remind', 'token-2'));
    await expect(runWaitPhase(f.deps, wait('escalate', 'token-3'))).rejects.toThrow();

    // Act
    await runWaitPhase(f.deps, wait('escalate', 'token-3b'));

    // Assess
    const toBoss = f.mail.sent.filter((e) => e.to === 'boss@example.com');
    expect(toBoss).toHaveLength(1);
    expect(linkWorks(f.record(), toBoss[0] as Email)).toBe(true);
  });
});
