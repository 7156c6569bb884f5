import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent } from '../stores/dynamo-conditions.ts';

/** AnalyzeExpense, StartExpenseAnalysis and GetExpenseAnalysis each have their own quota. */
export type RateKind = 'sync' | 'start' | 'get';

/**
 * Textract calls per second, admitted evenly: each second is cut into `perSecond` slots and each slot
 * is one DynamoDB item taken with a conditional put, so calls are spaced 1/rate apart rather than
 * bunched at the start of each second (which the service's own rate limiter would throttle). Slots
 * expire, so nothing drifts and a crashed caller holds nothing.
 */
export class RateSlots {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Takes the current slot; false when someone else already has it. */
  async tryTake(kind: RateKind, perSecond: number, nowMs: number): Promise<boolean> {
    const slot = Math.floor((nowMs * perSecond) / 1000);
    const item = { key: `rate#${kind}#${perSecond}#${slot}`, expiresAt: Math.floor(nowMs / 1000) + 120 };
    return putIfAbsent(this.db, this.tableName, item, 'key');
  }

  /** Waits for a free slot until `deadlineMs`; false if none came in time. */
  async take(
    kind: RateKind,
    perSecond: number,
    deadlineMs: number,
    now: () => number = Date.now,
  ): Promise<boolean> {
    const slotMs = 1000 / perSecond;
    for (;;) {
      const t = now();
      if (await this.tryTake(kind, perSecond, t)) return true;
      // Try one of the next few slots at random, so waiting callers do not all race for the same one.
      const nextSlotAt = (Math.floor(t / slotMs) + 1 + Math.floor(Math.random() * 3)) * slotMs;
      if (nextSlotAt > deadlineMs) return false;
      await new Promise((resolve) => setTimeout(resolve, nextSlotAt - t + 1));
    }
  }
}

/**
 * One call's admission as a function: waits up to `waitMs` for a slot of `kind`. A caller that gets
 * false has no capacity now and hands its work back (the queue redelivers it, the workflow retries).
 */
export function slotGate(
  rates: Pick<RateSlots, 'take'>,
  kind: RateKind,
  perSecond: number,
  waitMs: number,
  now: () => number = Date.now,
): () => Promise<boolean> {
  return () => rates.take(kind, perSecond, now() + waitMs, now);
}
