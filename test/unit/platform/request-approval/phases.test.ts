import { describe, expect, it } from 'vitest';
import {
  type ApprovalPolicy,
  defaultApprovalPolicy,
} from '../../../../lambdas/platform/human-step/policy.ts';
import type { ApprovalPhase, ApprovalRecord } from '../../../../lambdas/platform/human-step/record.ts';
import type { HumanStepRequest } from '../../../../lambdas/platform/human-step/request.ts';
import { approvalIdFor, secretMatches } from '../../../../lambdas/platform/human-step/secrets.ts';
import {
  type ApprovalDeps,
  expire,
  type PrepareEvent,
  prepare,
  runWaitPhase,
  type WaitEvent,
} from '../../../../lambdas/platform/request-approval/phases.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/shared/documents.ts';
import { PermanentError } from '../../../../lambdas/platform/shared/errors.ts';
import { hashJson } from '../../../../lambdas/platform/shared/hash.ts';
import type { Email } from '../../../../lambdas/platform/shared/mailer.ts';
import {
  documentId,
  documentRecord,
  documentRef,
  executionArn,
  humanRequest,
} from '../shared/support/builders.ts';
import {
  clock,
  fakeMailer,
  fakeSfn,
  MemoryApprovals,
  MemoryAudit,
  MemoryDocuments,
} from '../shared/support/fakes.ts';

const approvalId = approvalIdFor(executionArn, 'approval');
/** The invoice's rules asked for one approval more than the quorum, and a one-time code. */
const request = humanRequest({
  requirement: { additionalApprovals: 1, stepUp: true, amount: { value: '12138.00', currency: 'EUR' } },
});

interface Options {
  readonly policy?: Partial<ApprovalPolicy>;
  /** Whether the n-th send (1-based) of an email fails. */
  readonly mailFails?: (email: Email, attempt: number) => boolean;
  readonly refuse?: (taskToken: string) => string | undefined;
  /** The document as the store holds it. @default EXECUTING, owned by this execution */
  readonly document?: Partial<DocumentRecord>;
}

function approvalDeps(options: Options = {}) {
  const time = clock('2025-03-01T09:00:00.000Z');
  const approvals = new MemoryApprovals();
  const documents = new MemoryDocuments([documentRecord({ status: 'EXECUTING', ...options.document })]);
  const audit = new MemoryAudit();
  const mail = fakeMailer(options.mailFails);
  const sfn = fakeSfn(options.refuse);
  const deps: ApprovalDeps = {
    approvals: approvals.store,
    documents: documents.store,
    audit: audit.trail,
    sendEmail: mail.send,
    sfn: sfn.client,
    policies: {
      invoice: {
        ...defaultApprovalPolicy,
        approvers: ['ann@example.com', 'bob@example.com'],
        escalationApprovers: ['boss@example.com'],
        ...options.policy,
      },
    },
    baseUrl: 'https://approvals.example.com/',
    now: time.now,
  };
  const record = () => approvals.peek(approvalId) as ApprovalRecord;
  return { deps, approvals, documents, audit, mail, sfn, time, record };
}

const prepared = (overrides: Partial<PrepareEvent> = {}): PrepareEvent => ({
  phase: 'prepare',
  step: 'approval',
  document: documentRef(),
  workflowVersion: 'invoice@2+0123abcd',
  executionArn,
  request,
  ...overrides,
});

const wait = (phase: ApprovalPhase, taskToken: string): WaitEvent => ({
  phase,
  taskToken,
  taskId: approvalId,
  executionArn,
});

/** The prepare phase, then the first wait: what the state machine does on entering the human step. */
async function requested(f: ReturnType<typeof approvalDeps>, taskToken = 'token-1'): Promise<void> {
  await prepare(f.deps, prepared());
  await runWaitPhase(f.deps, wait('request', taskToken));
}

const recipients = (emails: readonly Email[]) => emails.map((e) => e.to);

/** Whether an email's link opens the approval as this recipient (its secret matches their stored hashes). */
function linkWorks(record: ApprovalRecord, email: Email, as = email.to): boolean {
  const match = /\/a\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/m.exec(email.text);
  const approver = Object.values(record.approvers).find((a) => a.email === as);
  return (
    match?.[1] === record.approvalId &&
    approver !== undefined &&
    secretMatches(match[2] ?? '', approver.secretHashes)
  );
}

/** A stored vote, as the approval API records it. */
async function vote(f: ReturnType<typeof approvalDeps>, approverId: string, decision: 'approve' | 'reject') {
  const email = f.record().approvers[approverId]?.email ?? '';
  await f.approvals.recordVote(approvalId, approverId, {
    approver: email,
    decision,
    at: f.time.now().toISOString(),
    clientIp: '198.51.100.7',
    userAgent: 'test',
    summaryHash: f.record().summaryHash,
  });
}

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

describe('runWaitPhase: an execution that does not own its document', () => {
  // A stale duplicate started by hand after the owner had the invoice approved and completed.
  const owner = executionArn.replace(/invoice-/, 'invoice-owner-');

  it('asks no one, cancels its task and ends the wait on the rejection path, also when retried', async () => {
    // Prepare
    const f = approvalDeps({ document: { status: 'COMPLETED', ownerExecution: owner, revision: 6 } });
    await prepare(f.deps, prepared());

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1'));
    await runWaitPhase(f.deps, wait('request', 'token-1b'));

    // Assess
    expect(f.mail.sent).toEqual([]);
    expect(f.record().status).toBe('CANCELLED');
    expect(f.audit.ofType('APPROVAL_REQUESTED')).toEqual([]);
    expect(f.audit.ofType('APPROVAL_CANCELLED')).toMatchObject([
      { executionArn, decision: 'cancelled', details: { approvalId, phase: 'request' } },
    ]);
    expect(f.audit.ofType('STATUS_CHANGED')).toEqual([]);
    expect(f.sfn.results).toMatchObject([
      { kind: 'failure', taskToken: 'token-1', error: 'Approval.Rejected', cause: { approvalId, votes: [] } },
      { kind: 'failure', taskToken: 'token-1b', error: 'Approval.Rejected' },
    ]);
    expect(await f.documents.store.get(documentId)).toMatchObject({
      status: 'COMPLETED',
      ownerExecution: owner,
      revision: 6,
    });
  });

  it('delivers a decision made before it lost the document, and emails no one', async () => {
    // Prepare: approved under this execution, then another execution took the document over.
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'approve');
    await f.approvals.finish(approvalId, 'APPROVED', f.time.now().toISOString(), ['ann@example.com']);
    const sentBefore = f.mail.sent.length;
    await f.documents.store.transition(documentId, 'EXECUTING', {
      executionArn: owner,
      claimOwnership: true,
    });

    // Act
    await runWaitPhase(f.deps, wait('remind', 'token-2'));

    // Assess
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-2' }]);
    expect(f.mail.sent).toHaveLength(sentBefore);
    expect(f.record().status).toBe('APPROVED');
  });
});

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
      await f.approvals.finish(approvalId, status, f.time.now().toISOString(), ['ann@example.com']);
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
    await f.approvals.finish(approvalId, 'APPROVED', '2025-03-01T09:30:00.000Z', ['bob@example.com']);

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

describe('runWaitPhase: a run cut off after storing votes, before counting them', () => {
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

  it('audits a decision whose audit a cut-off run never wrote, once', async () => {
    // Prepare: decided (status moved) but cut off before APPROVAL_DECIDED.
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'reject');
    await f.approvals.finish(approvalId, 'REJECTED', f.time.now().toISOString(), ['ann@example.com']);

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1b'));
    await runWaitPhase(f.deps, wait('remind', 'token-2'));

    // Assess
    expect(f.audit.ofType('APPROVAL_DECIDED')).toMatchObject([
      { decision: 'rejected', details: { decidedBy: ['ann@example.com'] } },
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
    await f.approvals.finish(approvalId, status, '2025-03-02T12:00:00.000Z', ['ann@example.com']);

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
        recordVote: (id, a, v) => f.approvals.recordVote(id, a, v),
        finish: (id, s, at, by) => f.approvals.finish(id, s, at, by),
        setOneTimeCode: (id, a, c) => f.approvals.setOneTimeCode(id, a, c),
        countCodeAttempt: (id, a, m) => f.approvals.countCodeAttempt(id, a, m),
        markDelivered: (id, at) => f.approvals.markDelivered(id, at),
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
