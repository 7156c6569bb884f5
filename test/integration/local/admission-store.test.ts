import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLeases } from '../../../lambdas/platform/textract/job-leases.ts';
import { RateSlots } from '../../../lambdas/platform/textract/rate-slots.ts';
import type { Listening } from '../../../local/http/json-server.ts';
import { freshDynamoDb } from '../../support/shared-dynamodb.ts';

describe('Textract admission state in DynamoDB', () => {
  let dynamo: Listening;
  let db: DynamoDBDocumentClient;
  const table = 'extraction';
  beforeAll(async () => {
    dynamo = await freshDynamoDb();
    const client = new DynamoDBClient({
      endpoint: dynamo.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
      }),
    );
    db = DynamoDBDocumentClient.from(client);
  });
  afterAll(async () => dynamo?.close());

  it('admits calls evenly: one per 1/rate slot under contention, the configured number per second', async () => {
    // Prepare
    const slots = new RateSlots(db, table);
    const second = 1_800_000_000_000;
    // Act
    const contended = await Promise.all(
      Array.from({ length: 12 }, () => slots.tryTake('sync', 5, second + 10)),
    );
    const acrossSecond: boolean[] = [];
    for (let t = second + 20; t < second + 1000; t += 20)
      acrossSecond.push(await slots.tryTake('sync', 5, t));
    const otherKind = await slots.tryTake('start', 5, second + 10);
    // Assess
    expect(contended.filter(Boolean)).toHaveLength(1);
    expect(acrossSecond.filter(Boolean)).toHaveLength(4);
    expect(otherKind).toBe(true);
  });

  it('waits for the next free slot until a deadline', async () => {
    const slots = new RateSlots(db, table);
    const start = Date.now();
    const taken = await Promise.all(Array.from({ length: 3 }, () => slots.take('sync', 10, start + 2000)));
    expect(taken).toEqual([true, true, true]);
    const fixed = 1_900_000_000_000;
    expect(await slots.take('start', 1, fixed + 10, () => fixed)).toBe(true);
    // The slot is taken and the next one starts after the deadline: the caller is told to come back later.
    expect(await slots.take('start', 1, fixed + 10, () => fixed)).toBe(false);
  });

  it('leases job slots up to the limit, frees them on release, and reclaims an expired lease', async () => {
    const leases = new JobLeases(db, table);
    const now = 1_800_000_000_000;
    const held = await Promise.all(['d1', 'd2', 'd3'].map((owner) => leases.acquire(owner, 3, 60, now)));
    expect(new Set(held).size).toBe(3);
    expect(await leases.acquire('d4', 3, 60, now)).toBeUndefined();
    await leases.release(held[1] ?? '', 'someone-else');
    expect(await leases.acquire('d4', 3, 60, now)).toBeUndefined();
    await leases.release(held[1] ?? '', 'd2');
    expect(await leases.acquire('d4', 3, 60, now)).toBe(held[1]);
    // A completion that never came: the lease runs out and the slot comes back.
    expect(await leases.acquire('d5', 3, 60, now + 61_000)).toBeDefined();
  });
});
