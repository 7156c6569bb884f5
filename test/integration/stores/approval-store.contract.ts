import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApprovalRecord, StoredVote } from '../../../lambdas/platform/human-step/record.ts';
import type { ApprovalStore } from '../../../lambdas/platform/human-step/store.ts';
import type { AuditEvent, AuditTrail } from '../../../lambdas/platform/stores/audit.ts';
import { verifyChain } from '../../../lambdas/platform/stores/audit-chain.ts';
import { approvalRecord, approver } from '../../unit/platform/shared/support/builders.ts';

// Each task under a document of its own: its trail then holds only this test's events.
const task = (overrides: Partial<ApprovalRecord> = {}): ApprovalRecord =>
  approvalRecord({ approvalId: randomUUID(), documentId: randomUUID(), taskToken: undefined, ...overrides });

/** An audit event of the task's document. */
const event = (record: ApprovalRecord, type: string): AuditEvent => ({
  documentId: record.documentId,
  step: record.step,
  type,
  actor: { kind: 'system', id: 'contract' },
  versions: {},
  details: { approvalId: record.approvalId },
});
const ending = (record: ApprovalRecord, type: string, at: string, decidedBy?: readonly string[]) => ({
  at,
  ...(decidedBy ? { decidedBy } : {}),
  events: [event(record, type)],
});

const vote = (approverEmail: string, decision: 'approve' | 'reject' = 'approve'): StoredVote => ({
  approver: approverEmail,
  decision,
  at: '2025-03-01T10:00:00.000Z',
  clientIp: '198.51.100.7',
  userAgent: 'test',
  summaryHash: 'e'.repeat(64),
});

/**
 * What every ApprovalStore does: every change conditional, so a vote or a decision happens once; a
 * vote, an ending and a delivery each written in one write with their audit events, which the trail
 * of the task's document then lists as links of one chain.
 */
export function approvalStoreContract(
  makeWithTrail: () => { readonly approvals: ApprovalStore; readonly audit: AuditTrail },
): void {
  const make = () => makeWithTrail().approvals;

  it('creates a task once and reads it back whole', async () => {
    const store = make();
    const record = task();
    expect(await store.create(record)).toBe(true);
    expect(await store.create({ ...record, step: 'other' })).toBe(false);
    expect(await store.get(record.approvalId)).toEqual(record);
    expect(await store.get(randomUUID())).toBeUndefined();
  });

  it('registers a wait’s token while pending, and hands back the record once it ended', async () => {
    const store = make();
    const record = task();
    await store.create(record);
    expect(await store.registerToken(record.approvalId, 'token-1', 'remind')).toBeUndefined();
    expect(await store.get(record.approvalId)).toMatchObject({ taskToken: 'token-1', phase: 'remind' });
    await store.finish(
      record.approvalId,
      'APPROVED',
      ending(record, 'APPROVAL_DECIDED', '2025-03-01T10:00:00.000Z', ['ann@example.com']),
    );
    const ended = await store.registerToken(record.approvalId, 'token-2', 'escalate');
    expect(ended).toMatchObject({ status: 'APPROVED', taskToken: 'token-1', decidedBy: ['ann@example.com'] });
  });

  it('records one vote per approver, only while pending, only for an approver of the task, each with its event', async () => {
    const { approvals: store, audit } = makeWithTrail();
    const record = task();
    await store.create(record);
    const voted = event(record, 'VOTE_RECORDED');
    const first = await store.recordVote(record.approvalId, 'a1', vote('ann@example.com'), voted);
    const again = await store.recordVote(record.approvalId, 'a1', vote('ann@example.com', 'reject'), voted);
    const stranger = await store.recordVote(record.approvalId, 'z9', vote('eve@example.com'), voted);
    expect(first.recorded).toBe(true);
    expect(first.record?.approvers.a1?.vote?.decision).toBe('approve');
    expect(again).toMatchObject({
      recorded: false,
      record: { approvers: { a1: { vote: { decision: 'approve' } } } },
    });
    expect(stranger.recorded).toBe(false);
    await store.finish(
      record.approvalId,
      'REJECTED',
      ending(record, 'APPROVAL_DECIDED', '2025-03-01T10:00:00.000Z'),
    );
    expect((await store.recordVote(record.approvalId, 'a2', vote('bob@example.com'), voted)).recorded).toBe(
      false,
    );
    // Only the vote and the decision that were made wrote their events, as links of one chain.
    const trail = await audit.list(record.documentId);
    expect(trail.map((e) => e.type)).toEqual(['VOTE_RECORDED', 'APPROVAL_DECIDED']);
    expect(verifyChain(trail, await audit.head(record.documentId))).toEqual({ verified: 2, unchained: 0 });
  });

  it('records once, with its event, when a decision reached the workflow', async () => {
    const { approvals: store, audit } = makeWithTrail();
    const record = task();
    await store.create(record);
    await store.finish(
      record.approvalId,
      'APPROVED',
      ending(record, 'APPROVAL_DECIDED', '2025-03-01T10:00:00.000Z', ['ann@example.com']),
    );
    const delivered = event(record, 'DECISION_DELIVERED');
    expect(await store.markDelivered(record.approvalId, '2025-03-01T10:00:01.000Z', delivered)).toBe(true);
    expect(await store.markDelivered(record.approvalId, '2025-03-01T10:00:02.000Z', delivered)).toBe(false);
    expect(await store.get(record.approvalId)).toMatchObject({
      status: 'APPROVED',
      deliveredAt: '2025-03-01T10:00:01.000Z',
    });
    expect(await store.markDelivered(randomUUID(), '2025-03-01T10:00:01.000Z', delivered)).toBe(false);
    expect((await audit.list(record.documentId)).map((e) => e.type)).toEqual([
      'APPROVAL_DECIDED',
      'DECISION_DELIVERED',
    ]);
  });

  it('ends a pending task once, writing its events only when it ends it', async () => {
    const { approvals: store, audit } = makeWithTrail();
    const record = task();
    await store.create(record);
    const expired = ending(record, 'APPROVAL_EXPIRED', '2025-03-04T08:00:00.000Z');
    const approved = ending(record, 'APPROVAL_DECIDED', '2025-03-04T08:00:01.000Z', ['ann@example.com']);
    expect(await store.finish(record.approvalId, 'EXPIRED', expired)).toBe(true);
    expect(await store.finish(record.approvalId, 'APPROVED', approved)).toBe(false);
    expect(await store.finish(randomUUID(), 'APPROVED', approved)).toBe(false);
    expect(await store.get(record.approvalId)).toMatchObject({
      status: 'EXPIRED',
      decidedAt: '2025-03-04T08:00:00.000Z',
    });
    expect((await audit.list(record.documentId)).map((e) => e.type)).toEqual(['APPROVAL_EXPIRED']);
  });

  it('keeps every racing change of one document in one unbroken chain', async () => {
    const { approvals: store, audit } = makeWithTrail();
    const documentId = randomUUID();
    const tasks = [task({ documentId }), task({ documentId }), task({ documentId })];
    for (const t of tasks) await store.create(t);
    // Three tasks of one document end at once, each racing the others for the document's chain.
    const ended = await Promise.all(
      tasks.map((t) =>
        store.finish(t.approvalId, 'CANCELLED', ending(t, 'APPROVAL_CANCELLED', '2025-03-04T08:00:00.000Z')),
      ),
    );
    expect(ended).toEqual([true, true, true]);
    const trail = await audit.list(documentId);
    expect(trail.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(verifyChain(trail, await audit.head(documentId))).toEqual({ verified: 3, unchained: 0 });
  });

  it('adds escalation approvers without replacing one already there, and secrets and marks per approver', async () => {
    const store = make();
    const record = task();
    await store.create(record);
    await store.addApprovers(record.approvalId, {
      a1: approver('someone-else@example.com', 's'),
      e1: approver('boss@example.com', 'boss-secret', { role: 'escalation', notifiedAt: undefined }),
    });
    await store.addSecretHash(record.approvalId, 'e1', 'f'.repeat(64));
    await store.markApprover(record.approvalId, 'e1', 'notifiedAt', '2025-03-02T09:00:00.000Z');
    const stored = await store.get(record.approvalId);
    expect(stored?.approvers.a1?.email).toBe('ann@example.com');
    expect(stored?.approvers.e1).toMatchObject({
      role: 'escalation',
      notifiedAt: '2025-03-02T09:00:00.000Z',
    });
    expect(stored?.approvers.e1?.secretHashes).toHaveLength(2);
  });

  it('lets one run claim an email of a phase: not again, not once sent, and again only after a release', async () => {
    const store = make();
    const record = task();
    await store.create(record);
    const at = '2025-03-02T09:00:00.000Z';
    expect(await store.claimNotice(record.approvalId, 'e1', 'notifiedAt', at)).toBe(false);
    expect(await store.claimNotice(record.approvalId, 'a1', 'remindedAt', at)).toBe(true);
    expect(await store.claimNotice(record.approvalId, 'a1', 'remindedAt', at)).toBe(false);
    await store.releaseNotice(record.approvalId, 'a1', 'remindedAt');
    expect((await store.get(record.approvalId))?.approvers.a1?.remindingAt).toBeUndefined();
    expect(await store.claimNotice(record.approvalId, 'a1', 'remindedAt', at)).toBe(true);
    await store.markApprover(record.approvalId, 'a1', 'remindedAt', at);
    await store.releaseNotice(record.approvalId, 'a1', 'remindedAt');
    expect(await store.claimNotice(record.approvalId, 'a1', 'remindedAt', at)).toBe(false);
  });

  it('refuses a secret for an approver the task does not have', async () => {
    const store = make();
    const record = task();
    await store.create(record);
    await expect(store.addSecretHash(record.approvalId, 'z9', 'f'.repeat(64))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('counts one-time-code attempts up to the limit', async () => {
    const store = make();
    const record = task();
    await store.create(record);
    await store.setOneTimeCode(record.approvalId, 'a1', { codeHash: 'h', expiresAt: 1, attempts: 0 });
    const counted = [];
    for (let i = 0; i < 4; i++) counted.push(await store.countCodeAttempt(record.approvalId, 'a1', 3));
    expect(counted).toEqual([true, true, true, false]);
  });

  it("lists an execution's tasks, and only its own", async () => {
    const store = make();
    const executionArn = `arn:aws:states:us-east-1:000000000000:execution:m:${randomUUID()}`;
    const first = task({ executionArn, step: 'approval' });
    const second = task({ executionArn, step: 'review' });
    await store.create(first);
    await store.create(second);
    await store.create(task());
    const listed = await store.listByExecution(executionArn);
    expect(listed.map((r) => r.approvalId).sort()).toEqual([first.approvalId, second.approvalId].sort());
  });
}
