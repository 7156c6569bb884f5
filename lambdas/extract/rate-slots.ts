import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export type RateKind = 'sync' | 'start';

/**
 * Textract calls per second, admitted through one DynamoDB item per second and kind: a conditional
 * increment below the configured rate. Each second is a fresh item that expires, so nothing drifts
 * and a crashed caller holds nothing.
 */
export class RateSlots {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Takes one call of this second's allowance; false when the second is full. */
  async tryTake(kind: RateKind, perSecond: number, nowMs: number): Promise<boolean> {
    const second = Math.floor(nowMs / 1000);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { key: `rate#${kind}#${second}` },
          UpdateExpression: 'ADD taken :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': perSecond, ':expires': second + 120 },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Waits for an allowance until `deadlineMs`; false if none came in time. */
  async take(
    kind: RateKind,
    perSecond: number,
    deadlineMs: number,
    now: () => number = Date.now,
  ): Promise<boolean> {
    for (;;) {
      const t = now();
      if (await this.tryTake(kind, perSecond, t)) return true;
      const nextSecond = (Math.floor(t / 1000) + 1) * 1000;
      // Spread the callers over the next second so they do not all retry at its first millisecond.
      const wakeAt = nextSecond + Math.floor(Math.random() * Math.min(250, 1000 / perSecond));
      if (wakeAt > deadlineMs) return false;
      await new Promise((resolve) => setTimeout(resolve, wakeAt - t));
    }
  }
}
