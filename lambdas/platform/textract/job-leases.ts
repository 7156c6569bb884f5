import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../stores/dynamo-conditions.ts';

/**
 * Slots for concurrent Textract jobs: `maxJobs` lease items, each taken with a conditional write and
 * held until released or until it expires. A lost completion cannot leak a slot: its lease runs out.
 */
export class JobLeases {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A free slot's key, now leased to `owner` until `leaseSeconds` from now; undefined when all are taken. */
  async acquire(
    owner: string,
    maxJobs: number,
    leaseSeconds: number,
    nowMs: number,
  ): Promise<string | undefined> {
    const now = Math.floor(nowMs / 1000);
    const start = Math.floor(Math.random() * maxJobs);
    for (let i = 0; i < Math.min(maxJobs, 16); i++) {
      const key = `lease#job#${(start + i) % maxJobs}`;
      const leased = await conditionalWrite(
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { key, owner, expiresAt: now + leaseSeconds },
            ConditionExpression: 'attribute_not_exists(#key) OR expiresAt < :now OR #owner = :owner',
            ExpressionAttributeNames: { '#key': 'key', '#owner': 'owner' },
            ExpressionAttributeValues: { ':now': now, ':owner': owner },
          }),
        ),
      );
      if (leased) return key;
    }
    return undefined;
  }

  /** Frees a slot, only if this owner still holds it. */
  async release(key: string, owner: string): Promise<void> {
    // Refused when the lease ran out and another owner took it: theirs now, left alone.
    await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { key },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),
    );
  }
}
