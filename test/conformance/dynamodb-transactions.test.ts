import {
  type AttributeValue,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import { createTable } from './support/resources.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// What Tower will rely on when a state change and its audit event become one write (issue 21):
// Developer Guide, "Amazon DynamoDB Transactions: How it works"
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html
//   (up to 100 actions, all or nothing; ConditionCheck; a client token makes the call idempotent)
// API Reference, TransactWriteItems
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
//   (TransactionCanceledException with one CancellationReason per action, in the order of TransactItems;
//    the same ClientRequestToken with other parameters: IdempotentParameterMismatchException;
//    TransactItems has at most 100 members, beyond that a ValidationException)
// API Reference, ConditionCheck: ReturnValuesOnConditionCheckFailure ALL_OLD returns the item in its
// CancellationReason (PutItem's, outside a transaction: dynamodb.test.ts)
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConditionCheck.html

let target: ConformanceTarget;
let table: string;

beforeAll(async () => {
  target = await openTarget();
  table = (await createTable(target, 'transactions')).name;
});
afterAll(() => target.close());

const db = () => target.clients().dynamodb;
const key = (pk: string) => ({ pk: { S: pk } });
const put = (pk: string, value: string) =>
  db().send(new PutItemCommand({ TableName: table, Item: { ...key(pk), value: { S: value } } }));
const read = async (pk: string) =>
  (await db().send(new GetItemCommand({ TableName: table, Key: key(pk), ConsistentRead: true }))).Item;
const transact = (input: TransactWriteItemsCommandInput) => db().send(new TransactWriteItemsCommand(input));

interface Cancelled {
  readonly name: string;
  readonly CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[];
}
const cancelled = (promise: Promise<unknown>): Promise<Cancelled | undefined> =>
  promise.then(
    () => undefined,
    (e: unknown) => ({ ...(e as Cancelled), name: errorName(e) }),
  );

describe('DynamoDB TransactWriteItems', () => {
  it('writes nothing when one condition fails, and every action when all hold', async () => {
    await put('tx-a', 'a0');
    const move = (from: string) =>
      transact({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: key('tx-a'),
              UpdateExpression: 'SET #v = :to',
              ConditionExpression: '#v = :from',
              ExpressionAttributeNames: { '#v': 'value' },
              ExpressionAttributeValues: { ':from': { S: from }, ':to': { S: 'a1' } },
            },
          },
          { Put: { TableName: table, Item: { ...key('tx-b'), value: { S: 'b1' } } } },
        ],
      });
    expect((await cancelled(move('stale')))?.name).toBe('TransactionCanceledException');
    expect(await read('tx-a')).toEqual({ ...key('tx-a'), value: { S: 'a0' } });
    expect(await read('tx-b')).toBeUndefined();
    await move('a0');
    expect((await read('tx-a'))?.value).toEqual({ S: 'a1' });
    expect((await read('tx-b'))?.value).toEqual({ S: 'b1' });
  });

  it('lets a ConditionCheck on another item decide, without writing that item', async () => {
    await put('cc-guard', 'open');
    const guarded = (state: string) =>
      transact({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: table,
              Key: key('cc-guard'),
              ConditionExpression: '#v = :state',
              ExpressionAttributeNames: { '#v': 'value' },
              ExpressionAttributeValues: { ':state': { S: state } },
            },
          },
          { Put: { TableName: table, Item: { ...key(`cc-${state}`), value: { S: 'written' } } } },
        ],
      });
    expect((await cancelled(guarded('closed')))?.name).toBe('TransactionCanceledException');
    expect(await read('cc-closed')).toBeUndefined();
    await guarded('open');
    expect((await read('cc-open'))?.value).toEqual({ S: 'written' });
    expect(await read('cc-guard')).toEqual({ ...key('cc-guard'), value: { S: 'open' } });
  });

  it('names a reason per action, in order, with the item under ALL_OLD', async () => {
    await put('why-1', 'kept');
    const error = await cancelled(
      transact({
        TransactItems: [
          { Put: { TableName: table, Item: { ...key('why-0'), value: { S: 'new' } } } },
          {
            Put: {
              TableName: table,
              Item: { ...key('why-1'), value: { S: 'overwritten' } },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            ConditionCheck: {
              TableName: table,
              Key: key('why-2'),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
      }),
    );
    expect(error?.name).toBe('TransactionCanceledException');
    expect(error?.CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'ConditionalCheckFailed',
      'ConditionalCheckFailed',
    ]);
    expect(error?.CancellationReasons?.[1]?.Item).toEqual({ ...key('why-1'), value: { S: 'kept' } });
    expect(await read('why-0')).toBeUndefined();
  });

  it('applies a request once per ClientRequestToken, and refuses the token with other parameters', async () => {
    await put('idem', '0');
    const token = `tower-conformance-${target.context.runId}-idempotency`;
    const increment = (by: string) =>
      transact({
        ClientRequestToken: token,
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: key('idem'),
              UpdateExpression: 'ADD n :by',
              ExpressionAttributeValues: { ':by': { N: by } },
            },
          },
        ],
      });
    await increment('1');
    await increment('1');
    expect((await read('idem'))?.n).toEqual({ N: '1' });
    expect((await cancelled(increment('2')))?.name).toBe('IdempotentParameterMismatchException');
    expect((await read('idem'))?.n).toEqual({ N: '1' });
  });

  it('takes 100 actions and refuses 101 with a ValidationException, writing nothing', async () => {
    const items = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, i) => ({
        Put: { TableName: table, Item: { ...key(`${prefix}-${i}`), value: { S: 'x' } } },
      }));
    await transact({ TransactItems: items(100, 'hundred') });
    expect((await read('hundred-99'))?.value).toEqual({ S: 'x' });
    expect((await cancelled(transact({ TransactItems: items(101, 'over') })))?.name).toBe(
      'ValidationException',
    );
    expect(await read('over-0')).toBeUndefined();
  });
});
