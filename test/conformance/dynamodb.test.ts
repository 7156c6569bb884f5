import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import { createTable } from './support/resources.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// Amazon DynamoDB Developer Guide, "Condition expressions" / "Conditional writes": a write whose
// condition is false fails with ConditionalCheckFailedException and changes nothing. API Reference
// PutItem `ReturnValuesOnConditionCheckFailure`: ALL_OLD returns the item as it was in the exception
// (dynalite, the runtime's DynamoDB before AWS's DynamoDB Local, returned none).
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html

let target: ConformanceTarget;
let table: string;

beforeAll(async () => {
  target = await openTarget();
  table = (await createTable(target, 'conditions')).name;
});
afterAll(() => target.close());

const db = () => target.clients().dynamodb;
const failure = (promise: Promise<unknown>) => promise.then(() => 'no error', errorName);

describe('DynamoDB conditional writes', () => {
  it('refuses a second create with attribute_not_exists and keeps the first item', async () => {
    const create = (value: string) =>
      db().send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'once' }, value: { S: value } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await create('first');
    expect(await failure(create('second'))).toBe('ConditionalCheckFailedException');
    const item = await db().send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'once' } }, ConsistentRead: true }),
    );
    expect(item.Item?.value).toEqual({ S: 'first' });
  });

  it('moves a revision only from the revision it read (optimistic locking)', async () => {
    await db().send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'rev' }, revision: { N: '1' } } }),
    );
    const bump = (from: number) =>
      db().send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'rev' } },
          UpdateExpression: 'SET revision = :next',
          ConditionExpression: 'revision = :from',
          ExpressionAttributeValues: { ':from': { N: String(from) }, ':next': { N: String(from + 1) } },
        }),
      );
    await bump(1);
    expect(await failure(bump(1))).toBe('ConditionalCheckFailedException');
    await bump(2);
    const item = await db().send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'rev' } }, ConsistentRead: true }),
    );
    expect(item.Item?.revision).toEqual({ N: '3' });
  });

  it('returns the item as it was with ReturnValuesOnConditionCheckFailure ALL_OLD', async () => {
    await db().send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'old' }, value: { S: 'kept' } } }),
    );
    const error = await db()
      .send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'old' }, value: { S: 'new' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e as { name?: string; Item?: unknown },
      );
    expect(error?.name).toBe('ConditionalCheckFailedException');
    expect(error?.Item).toEqual({ pk: { S: 'old' }, value: { S: 'kept' } });
  });
});
