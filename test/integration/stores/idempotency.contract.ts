import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { IdempotencyStore } from '../../../lambdas/platform/stores/idempotency.ts';

const at = (seconds: number) => new Date(Date.UTC(2025, 2, 1, 9, 0, seconds));
const options = (seconds: number) => ({ lockSeconds: 60, ttlSeconds: 3600, now: at(seconds) });

/** What every IdempotencyStore does: one claimant at a time, a lost lock expires, a result is kept until its TTL. */
export function idempotencyContract(make: () => IdempotencyStore): void {
  it('claims a unit once while its lock holds, and again once the lock expired', async () => {
    const store = make();
    const key = randomUUID();
    expect(await store.claim(key, options(0))).toEqual({ outcome: 'claimed' });
    expect(await store.claim(key, options(30))).toEqual({ outcome: 'in-progress' });
    expect(await store.claim(key, options(61))).toEqual({ outcome: 'claimed' });
  });

  it('answers a completed unit with its result, until the record expires', async () => {
    const store = make();
    const key = randomUUID();
    await store.claim(key, options(0));
    await store.complete(key, { outcome: 'started', documentId: 'd1' });
    expect(await store.claim(key, options(120))).toEqual({
      outcome: 'done',
      result: { outcome: 'started', documentId: 'd1' },
    });
    expect(await store.claim(key, options(3601))).toEqual({ outcome: 'claimed' });
  });
}
