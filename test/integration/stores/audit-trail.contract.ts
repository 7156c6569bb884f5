import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEvent, AuditTrail } from '../../../lambdas/platform/stores/audit.ts';

const event = (documentId: string, type: string): AuditEvent => ({
  documentId,
  step: 'test',
  type,
  actor: { kind: 'system', id: 'test' },
  versions: {},
});

/** What every AuditTrail does: append only, once per idempotency key, listed oldest first. */
export function auditTrailContract(make: () => AuditTrail): void {
  it('records an event with the same idempotency key once, whatever the retries', async () => {
    const trail = make();
    const id = randomUUID();
    expect(await trail.append(event(id, 'A'), { idempotencyKey: `${id}/a` })).toBe(true);
    expect(await trail.append(event(id, 'A again'), { idempotencyKey: `${id}/a` })).toBe(false);
    expect((await trail.list(id)).map((e) => e.type)).toEqual(['A']);
  });

  it('keeps every event appended without a key, never overwriting one', async () => {
    const trail = make();
    const id = randomUUID();
    await trail.append(event(id, 'A'), { now: new Date('2025-03-01T09:00:00.000Z') });
    await trail.append(event(id, 'A'), { now: new Date('2025-03-01T09:00:00.000Z') });
    expect(await trail.list(id)).toHaveLength(2);
  });

  it("lists a document's events oldest first, and only its own", async () => {
    const trail = make();
    const [id, other] = [randomUUID(), randomUUID()];
    await trail.append(event(id, 'second'), { now: new Date('2025-03-01T09:00:02.000Z') });
    await trail.append(event(other, 'elsewhere'), { now: new Date('2025-03-01T09:00:01.000Z') });
    await trail.append(event(id, 'first'), {
      now: new Date('2025-03-01T09:00:01.000Z'),
      idempotencyKey: randomUUID(),
    });
    const listed = await trail.list(id);
    expect(listed.map((e) => e.type)).toEqual(['first', 'second']);
    expect(listed[0]).toMatchObject({ documentId: id, at: '2025-03-01T09:00:01.000Z' });
    expect(listed[0]?.eventId).toEqual(expect.any(String));
  });
}
