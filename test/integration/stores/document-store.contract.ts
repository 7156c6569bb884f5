import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DocumentRef } from '../../../lambdas/platform/shared/workflow.ts';
import type { AuditEvent, AuditTrail } from '../../../lambdas/platform/stores/audit.ts';
import { verifyChain } from '../../../lambdas/platform/stores/audit-chain.ts';
import type { DocumentStore, Move, TransitionOptions } from '../../../lambdas/platform/stores/documents.ts';

/** A document's reference as intake records it. */
export const ref = (documentId: string = randomUUID()): DocumentRef => ({
  documentId,
  process: 'invoice',
  bucket: 'b',
  key: `invoices/${documentId}.pdf`,
  size: 10,
  receivedAt: '2025-03-01T08:00:00.000Z',
});
const execution = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:m:${name}`;
const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute));
const event = (documentId: string, type: string, details?: Record<string, unknown>): AuditEvent => ({
  documentId,
  step: 'test',
  type,
  actor: { kind: 'system', id: 'contract' },
  versions: {},
  ...(details ? { details } : {}),
});
/** A move's request: its STATUS_CHANGED event names where it came from and the revision it made. */
const moving = (documentId: string, options: TransitionOptions = {}) => ({
  ...options,
  events: (move: Move) => [event(documentId, 'STATUS_CHANGED', { from: move.from, revision: move.revision })],
});

type Stores = { readonly documents: DocumentStore; readonly audit: AuditTrail };

/**
 * What every DocumentStore does, whatever keeps the records: a creation and every move are one write
 * with their audit events (none when refused), which the document's trail lists as one chain whose
 * head the record holds.
 */
export function documentStoreContract(make: () => Stores): void {
  it('creates a document once, in RECEIVED at revision 1, with its first event', async () => {
    const { documents: store, audit } = make();
    const doc = ref();
    expect(await store.create(doc, [event(doc.documentId, 'DOCUMENT_RECEIVED')], at(0))).toBe(true);
    expect(await store.create({ ...doc, key: 'other' }, [event(doc.documentId, 'AGAIN')], at(1))).toBe(false);
    expect(await store.get(doc.documentId)).toMatchObject({
      ...doc,
      status: 'RECEIVED',
      revision: 1,
      updatedAt: at(0).toISOString(),
      auditSeq: 1,
    });
    expect((await audit.list(doc.documentId)).map((e) => [e.type, e.seq, e.at])).toEqual([
      ['DOCUMENT_RECEIVED', 1, at(0).toISOString()],
    ]);
    expect(await store.get(randomUUID())).toBeUndefined();
  });

  it('moves the status only along allowed transitions, each a new revision with its events; a refused move writes nothing', async () => {
    const { documents: store, audit } = make();
    const doc = ref();
    await store.create(doc, [event(doc.documentId, 'DOCUMENT_RECEIVED')], at(0));
    const queued = await store.transition(doc.documentId, 'QUEUED', moving(doc.documentId, { now: at(1) }));
    expect(queued).toEqual({ applied: true, from: 'RECEIVED', revision: 2 });
    await store.transition(doc.documentId, 'COMPLETED', moving(doc.documentId, { now: at(2) }));
    const backwards = await store.transition(doc.documentId, 'AWAITING_APPROVAL', moving(doc.documentId));
    expect(backwards).toMatchObject({ applied: false, current: { status: 'COMPLETED', revision: 3 } });
    expect(await store.transition(randomUUID(), 'QUEUED', moving(doc.documentId))).toEqual({
      applied: false,
      current: undefined,
    });
    const trail = await audit.list(doc.documentId);
    expect(trail.map((e) => e.details)).toEqual([
      undefined,
      { from: 'RECEIVED', revision: 2 },
      { from: 'QUEUED', revision: 3 },
    ]);
    expect(verifyChain(trail, await audit.head(doc.documentId))).toEqual({ verified: 3, unchained: 0 });
  });

  it('lets only the owning execution move a document once one claimed it', async () => {
    const { documents: store } = make();
    const doc = ref();
    await store.create(doc, [], at(0));
    const claim = { executionArn: execution('a'), claimOwnership: true };
    await store.transition(doc.documentId, 'QUEUED', moving(doc.documentId, claim));
    const other = await store.transition(
      doc.documentId,
      'EXECUTING',
      moving(doc.documentId, { executionArn: execution('b') }),
    );
    const owner = await store.transition(
      doc.documentId,
      'EXECUTING',
      moving(doc.documentId, { executionArn: execution('a') }),
    );
    expect(other.applied).toBe(false);
    expect(owner.applied).toBe(true);
    expect(await store.get(doc.documentId)).toMatchObject({
      status: 'EXECUTING',
      ownerExecution: execution('a'),
      auditSeq: 2,
    });
  });

  it('keeps the reason and the attributes, and writes every event of the move in order', async () => {
    const { documents: store, audit } = make();
    const doc = ref();
    await store.create(doc, [], at(0));
    await store.transition(doc.documentId, 'QUEUED', {
      reason: 'why',
      attributes: { failedStep: 'x' },
      events: (move) => [
        event(doc.documentId, 'STATUS_CHANGED', { from: move.from }),
        event(doc.documentId, 'FINALIZED'),
      ],
    });
    expect(await store.get(doc.documentId)).toMatchObject({ statusReason: 'why', failedStep: 'x' });
    expect((await audit.list(doc.documentId)).map((e) => [e.type, e.seq])).toEqual([
      ['STATUS_CHANGED', 1],
      ['FINALIZED', 2],
    ]);
  });

  it('keeps two writers racing on one document in one unbroken chain, both audited', async () => {
    const { documents: store, audit } = make();
    const doc = ref();
    await store.create(doc, [event(doc.documentId, 'DOCUMENT_RECEIVED')], at(0));
    // A move and three appends race for the same head: each re-reads and retries until it links.
    const [moved] = await Promise.all([
      store.transition(doc.documentId, 'QUEUED', moving(doc.documentId)),
      audit.append(event(doc.documentId, 'NOTE-1')),
      audit.append(event(doc.documentId, 'NOTE-2')),
      audit.append(event(doc.documentId, 'NOTE-3')),
    ]);
    expect(moved.applied).toBe(true);
    const trail = await audit.list(doc.documentId);
    expect(trail.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(trail.map((e) => e.type).sort()).toEqual(
      ['DOCUMENT_RECEIVED', 'NOTE-1', 'NOTE-2', 'NOTE-3', 'STATUS_CHANGED'].sort(),
    );
    expect(verifyChain(trail, await audit.head(doc.documentId))).toEqual({ verified: 5, unchained: 0 });
  });

  it('lists the documents in a status, oldest update first, up to the limit', async () => {
    const { documents: store } = make();
    const ids: string[] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      await store.create(ref(id), [], at(10 + i));
      await store.transition(id, 'QUEUED', moving(id, { now: at(30 - i) }));
    }
    const listed = (await store.listByStatus('QUEUED', 100)).filter((d) => ids.includes(d.documentId));
    expect(listed.map((d) => d.documentId)).toEqual([...ids].reverse());
    expect((await store.listByStatus('QUEUED', 1)).length).toBe(1);
  });

  it('records a pending result only for the owner and only over the one the writer read', async () => {
    const { documents: store } = make();
    const doc = ref();
    await store.create(doc, [], at(0));
    await store.transition(
      doc.documentId,
      'QUEUED',
      moving(doc.documentId, { executionArn: execution('a'), claimOwnership: true }),
    );
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
