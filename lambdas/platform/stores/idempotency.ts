import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import { dynamo } from './client.ts';
import { conditionalWrite } from './dynamo-conditions.ts';

export type ClaimResult =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'done'; readonly result: Readonly<Record<string, unknown>> }
  | { readonly outcome: 'in-progress' };

export interface ClaimOptions {
  /** How long a claim blocks others; keep it below the queue's visibility timeout. */
  readonly lockSeconds: number;
  /** How long the record is kept (DynamoDB TTL on AWS; expired records are treated as absent). */
  readonly ttlSeconds: number;
  readonly now?: Date;
}

/** The idempotency port: claim a unit of work once, complete it with its result. */
export interface IdempotencyStore {
  claim(key: string, options: ClaimOptions): Promise<ClaimResult>;
  /** Marks a claimed unit done with its result, so later claims return it. */
  complete(key: string, result: Readonly<Record<string, unknown>>): Promise<void>;
}

/**
 * Claims units of work with single-item conditional writes: one claimant at a time, a crashed
 * claimant's lock expires, and a completed unit is recognised as done.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(tables.idempotency.envVar),
  ) {}

  async claim(key: string, options: ClaimOptions): Promise<ClaimResult> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const claimed = await conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            key,
            state: 'IN_PROGRESS',
            lockUntil: now + options.lockSeconds,
            expiresAt: now + options.ttlSeconds,
          },
          ConditionExpression:
            'attribute_not_exists(#key) OR expiresAt < :now OR (#state = :inProgress AND lockUntil < :now)',
          ExpressionAttributeNames: { '#key': 'key', '#state': 'state' },
          ExpressionAttributeValues: { ':now': now, ':inProgress': 'IN_PROGRESS' },
        }),
      ),
    );
    if (claimed) return { outcome: 'claimed' };
    const existing = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { key }, ConsistentRead: true }),
    );
    if (existing.Item?.state === 'DONE') {
      return { outcome: 'done', result: (existing.Item.result ?? {}) as Record<string, unknown> };
    }
    return { outcome: 'in-progress' };
  }

  /** Marks a claimed unit done with its result, so later claims return it. */
  async complete(key: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { key },
        UpdateExpression: 'SET #state = :done, #result = :result REMOVE lockUntil',
        ExpressionAttributeNames: { '#state': 'state', '#result': 'result' },
        ExpressionAttributeValues: { ':done': 'DONE', ':result': result },
      }),
    );
  }
}
