import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DocumentRef } from '../../../lambdas/platform/shared/workflow.ts';
import type { DocumentStore, StatusMove } from '../../../lambdas/platform/stores/documents.ts';

const ref = (documentId: string = randomUUID()): DocumentRef => ({
  documentId,
  process: 'invoice',
  bucket: 'b',
  key: `invoices/${documentId}.pdf`,
  size: 10,
  receivedAt: '2025-03-01T08:00:00.000Z',
});
const execution = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:m:${name}`;
const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute));

/** What every DocumentStore does, whatever keeps the records. */
export function documentStoreContract(make: () => DocumentStore): void {
  it('creates a document once, in RECEIVED at revision 1', async () => {
    const store = make();
    const doc = ref();
    expect(await store.create(doc, at(0))).toBe(true);
    expect(await store.create({ ...doc, key: 'other' }, at(1))).toBe(false);
    expect(await store.get(doc.documentId)).toMatchObject({
      ...doc,
      status: 'RECEIVED',
      revision: 1,
      updatedAt: at(0).toISOString(),
    });
    expect(await store.get(randomUUID())).toBeUndefined();
  });

  it('moves the status only along allowed transitions, each a new revision, reporting the record before', async () => {
    const store = make();
    const doc = ref();
    await store.create(doc, at(0));
    const queued = await store.transition(doc.documentId, 'QUEUED', { now: at(1) });
    expect(queued).toMatchObject({
      applied: true,
      from: 'RECEIVED',
      revision: 2,
      before: { status: 'RECEIVED' },
    });
    await store.transition(doc.documentId, 'COMPLETED', { now: at(2) });
    const backwards = await store.transition(doc.documentId, 'AWAITING_APPROVAL', { now: at(3) });
    expect(backwards).toMatchObject({ applied: false, current: { status: 'COMPLETED', revision: 3 } });
    expect(await store.transition(randomUUID(), 'QUEUED')).toEqual({ applied: false, current: undefined });
  });

  it('lets only the owning execution move a document once one claimed it', async () => {
    const store = make();
    const doc = ref();
    await store.create(doc, at(0));
    await store.transition(doc.documentId, 'QUEUED', { executionArn: execution('a'), claimOwnership: true });
    const other = await store.transition(doc.documentId, 'EXECUTING', { executionArn: execution('b') });
    const owner = await store.transition(doc.documentId, 'EXECUTING', { executionArn: execution('a') });
    expect(other.applied).toBe(false);
    expect(owner.applied).toBe(true);
    expect(await store.get(doc.documentId)).toMatchObject({
      status: 'EXECUTING',
      ownerExecution: execution('a'),
    });
  });

  it('keeps the reason, the attributes and the last move with the status it left', async () => {
    const store = make();
    const doc = ref();
    await store.create(doc, at(0));
    const move: StatusMove = {
      to: 'QUEUED',
      step: 'intake',
      actor: { kind: 'system', id: 'test' },
      versions: { workflow: 'w@1' },
      at: at(1).toISOString(),
    };
    await store.transition(doc.documentId, 'QUEUED', {
      reason: 'why',
      attributes: { failedStep: 'x' },
      move,
    });
    expect(await store.get(doc.documentId)).toMatchObject({
      statusReason: 'why',
      failedStep: 'x',
      lastMove: move,
      lastMoveFrom: 'RECEIVED',
    });
  });

  it('lists the documents in a status, oldest update first, up to the limit', async () => {
    const store = make();
    const ids: string[] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      await store.create(ref(id), at(10 + i));
      await store.transition(id, 'QUEUED', { now: at(30 - i) });
    }
    const listed = (await store.listByStatus('QUEUED', 100)).filter((d) => ids.includes(d.documentId));
    expect(listed.map((d) => d.documentId)).toEqual([...ids].reverse());
    expect((await store.listByStatus('QUEUED', 1)).length).toBe(1);
  });

  it('records a pending result only for the owner and only over the one the writer read', async () => {
    const store = make();
    const doc = ref();
    await store.create(doc, at(0));
    await store.transition(doc.documentId, 'QUEUED', { executionArn: execution('a'), claimOwnership: true });
    const first = {
      executionArn: execution('a'),
      key: 'results/x.json',
      hash: 'h1',
      at: at(1).toISOString(),
    };
    const second = { ...first, hash: 'h2' };
    expect(
      await store.recordPendingResult(doc.documentId, { ...first, executionArn: execution('b') }, undefined),
    ).toBe(false);
    expect(await store.recordPendingResult(doc.documentId, first, undefined)).toBe(true);
    expect(await store.recordPendingResult(doc.documentId, second, undefined)).toBe(false);
    expect(await store.recordPendingResult(doc.documentId, second, first)).toBe(true);
    expect(await store.recordPendingResult(randomUUID(), first, undefined)).toBe(false);
    expect((await store.get(doc.documentId))?.pendingResult).toEqual(second);
  });
}
