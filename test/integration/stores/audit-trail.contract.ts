import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEvent, AuditTrail } from '../../../lambdas/platform/stores/audit.ts';
import { verifyChain } from '../../../lambdas/platform/stores/audit-chain.ts';
import type { DocumentStore } from '../../../lambdas/platform/stores/documents.ts';
import { ref } from './document-store.contract.ts';

const event = (documentId: string, type: string): AuditEvent => ({
  documentId,
  step: 'test',
  type,
  actor: { kind: 'system', id: 'test' },
  versions: {},
});

/**
 * What every AuditTrail does: append only, each document's events one hash chain (the head on its
 * record, or with the trail when it has none), once per idempotency key, listed in chain order.
 */
export function auditTrailContract(
  make: () => { readonly audit: AuditTrail; readonly documents: DocumentStore },
): void {
  it('records an event with the same idempotency key once, whatever the retries', async () => {
    const { audit: trail } = make();
    const id = randomUUID();
    expect(await trail.append(event(id, 'A'), { idempotencyKey: `${id}/a` })).toBe(true);
    expect(await trail.append(event(id, 'A again'), { idempotencyKey: `${id}/a` })).toBe(false);
    expect(await trail.append(event(id, 'B'), { idempotencyKey: `${id}/b` })).toBe(true);
    expect((await trail.list(id)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('keeps every event appended without a key, never overwriting one, as the next link', async () => {
    const { audit: trail } = make();
    const id = randomUUID();
    await trail.append(event(id, 'A'), { now: new Date('2025-03-01T09:00:00.000Z') });
    await trail.append(event(id, 'A'), { now: new Date('2025-03-01T09:00:00.000Z') });
    const listed = await trail.list(id);
    expect(listed.map((e) => [e.seq, e.eventId])).toEqual([
      [1, 's#000000000001'],
      [2, 's#000000000002'],
    ]);
    expect(listed[1]?.prevHash).toBe(listed[0]?.hash);
  });

  it("lists a document's events in the order they were written, and only its own", async () => {
    const { audit: trail } = make();
    const [id, other] = [randomUUID(), randomUUID()];
    await trail.append(event(id, 'first'), { now: new Date('2025-03-01T09:00:02.000Z') });
    await trail.append(event(other, 'elsewhere'), { now: new Date('2025-03-01T09:00:01.000Z') });
    await trail.append(event(id, 'second'), { now: new Date('2025-03-01T09:00:01.000Z') });
    const listed = await trail.list(id);
    expect(listed.map((e) => e.type)).toEqual(['first', 'second']);
    expect(listed[0]).toMatchObject({ documentId: id, at: '2025-03-01T09:00:02.000Z', seq: 1 });
  });

  it("moves the head its document's record holds; a trail with no record keeps its own", async () => {
    const { audit: trail, documents } = make();
    const [withRecord, without] = [randomUUID(), randomUUID()];
    await documents.create(ref(withRecord), [event(withRecord, 'DOCUMENT_RECEIVED')]);
    await trail.append(event(withRecord, 'NOTE'));
    await trail.append(event(without, 'LINK_REFUSED'));
    const listed = await trail.list(withRecord);
    expect((await documents.get(withRecord))?.auditSeq).toBe(2);
    expect(await trail.head(withRecord)).toEqual({ seq: 2, hash: listed[1]?.hash });
    expect(await trail.head(without)).toEqual({ seq: 1, hash: (await trail.list(without))[0]?.hash });
    expect(await trail.head(randomUUID())).toBeUndefined();
    expect(await documents.get(without)).toBeUndefined();
  });

  it('links racing appends into one unbroken chain, none lost', async () => {
    const { audit: trail } = make();
    const id = randomUUID();
    const appended = await Promise.all(Array.from({ length: 6 }, (_, i) => trail.append(event(id, `E${i}`))));
    expect(appended.every(Boolean)).toBe(true);
    const listed = await trail.list(id);
    expect(listed.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyChain(listed, await trail.head(id))).toEqual({ verified: 6, unchained: 0 });
  });
}
