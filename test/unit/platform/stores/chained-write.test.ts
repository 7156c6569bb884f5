import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../lambdas/platform/stores/audit.ts';
import { genesis } from '../../../../lambdas/platform/stores/audit-chain.ts';
import { writeChained } from '../../../../lambdas/platform/stores/chained-write.ts';

// API Reference, TransactWriteItems: a cancelled transaction answers TransactionCanceledException with
// one CancellationReason per action, in the order of TransactItems (`None` where the action had no
// error); a ClientRequestToken makes a call idempotent for 10 minutes after it completes.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html

const tables = { documents: 'documents', audit: 'audit' };
const documentId = 'd'.repeat(64);
const event: AuditEvent = {
  documentId,
  step: 'test',
  type: 'NOTE',
  actor: { kind: 'system', id: 'test' },
  versions: {},
};

interface Sent {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

/**
 * A DynamoDB client whose HTTP handler answers in memory (no network): GetItem with the document at
 * the head seq the test sets, TransactWriteItems with the scripted answers in turn (a list of
 * cancellation codes, or an error name, or success once the script runs out).
 */
function dynamoAnswering(script: (readonly string[] | string)[], headSeq: () => number = () => 0) {
  const sent: Sent[] = [];
  const json = (statusCode: number, body: unknown) => ({
    response: {
      statusCode,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Readable.from([Buffer.from(JSON.stringify(body))]),
    },
  });
  const handle = async (request: { headers: Record<string, string>; body?: unknown }) => {
    const target = request.headers['x-amz-target']?.split('.')[1] ?? '';
    const body = JSON.parse(String(request.body ?? '{}')) as Record<string, unknown>;
    sent.push({ target, body });
    if (target === 'GetItem') {
      const seq = headSeq();
      const item = {
        documentId,
        status: 'EXECUTING',
        revision: 3,
        updatedAt: 'x',
        auditSeq: seq,
        auditHash: 'h'.repeat(64),
      };
      return json(200, {
        Item: marshall(seq === 0 ? { documentId, status: 'EXECUTING', revision: 3 } : item),
      });
    }
    const next = script.shift();
    if (next === undefined) return json(200, {});
    if (typeof next === 'string')
      return json(400, { __type: `com.amazonaws.dynamodb.v20120810#${next}`, message: next });
    return json(400, {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message: 'Transaction cancelled',
      CancellationReasons: next.map((Code) => ({ Code })),
    });
  };
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 's' },
    maxAttempts: 1,
    requestHandler: { handle, updateHttpClientConfig: () => undefined, httpHandlerConfigs: () => ({}) },
  });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const transactions = () => sent.filter((s) => s.target === 'TransactWriteItems');
  return { db, sent, transactions };
}

const append = (db: DynamoDBDocumentClient, idempotencyKey?: string) =>
  writeChained(db, tables, { documentId, idempotencyKey, plan: () => ({ events: [event] }) });

describe('writeChained', () => {
  it('writes the head update and the event put in one TransactWriteItems, with a ClientRequestToken', async () => {
    // Prepare
    const { db, transactions } = dynamoAnswering([]);

    // Act
    const outcome = await append(db, 'step/1');

    // Assess
    expect(outcome).toMatchObject({ written: true, records: [{ seq: 1, prevHash: genesis.hash }] });
    const [transaction] = transactions();
    const items = transaction?.body.TransactItems as Record<string, { TableName: string }>[];
    expect(items.map((i) => `${Object.keys(i)[0]} ${Object.values(i)[0]?.TableName}`)).toEqual([
      'Update documents',
      'Put audit',
      'Put audit',
    ]);
    expect(transaction?.body.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('re-reads and retries when another writer moved the head first, with a new token, at the new head', async () => {
    // Prepare: the first attempt finds the head moved (the document's update refused).
    let seq = 4;
    const { db, transactions } = dynamoAnswering([['ConditionalCheckFailed', 'None']], () => seq++);

    // Act
    const outcome = await append(db);

    // Assess
    expect(outcome).toMatchObject({ written: true, records: [{ seq: 6 }] });
    const tokens = transactions().map((t) => t.body.ClientRequestToken);
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
  });

  it.each([
    ['TransactionConflict', ['TransactionConflict', 'None']],
    ['ThrottlingError', ['None', 'ThrottlingError']],
    ["the event's seq already taken", ['None', 'ConditionalCheckFailed']],
  ])('retries a transaction cancelled for %s', async (_why, codes) => {
    const { db, transactions } = dynamoAnswering([codes]);
    expect(await append(db)).toMatchObject({ written: true });
    expect(transactions()).toHaveLength(2);
  });

  it('answers "recorded" without retrying when the idempotency key was used (its marker exists)', async () => {
    const { db, transactions } = dynamoAnswering([['None', 'None', 'ConditionalCheckFailed']]);
    expect(await append(db, 'step/1')).toMatchObject({ written: false, why: 'recorded' });
    expect(transactions()).toHaveLength(1);
  });

  it("answers 'refused' without retrying when the changed item's own condition fails", async () => {
    // Prepare
    const { db, transactions } = dynamoAnswering([['None', 'ConditionalCheckFailed', 'None']]);
    const item = {
      table: 'approvals',
      key: { approvalId: 'a' },
      parts: { set: ['#s = :s'], names: { '#s': 's' }, values: { ':s': 1 } },
    };

    // Act
    const outcome = await writeChained(db, tables, { documentId, plan: () => ({ events: [event], item }) });

    // Assess
    expect(outcome).toMatchObject({ written: false, why: 'refused' });
    expect(transactions()).toHaveLength(1);
  });

  it('refuses without writing when the plan says no', async () => {
    const { db, transactions } = dynamoAnswering([]);
    const outcome = await writeChained(db, tables, { documentId, plan: () => undefined });
    expect(outcome).toMatchObject({ written: false, why: 'refused' });
    expect(transactions()).toEqual([]);
  });

  it.each([
    ['a cancellation it cannot read (ValidationError)', [['ValidationError', 'None']]],
    ['an error whose outcome is unknown', ['InternalServerError']],
    ['a transaction still in progress under its token', ['TransactionInProgressException']],
  ] as const)('throws %s as it came, without writing again', async (_what, script) => {
    const { db, transactions } = dynamoAnswering([...script]);
    await expect(append(db)).rejects.toBeDefined();
    expect(transactions()).toHaveLength(1);
  });

  it('gives up as transient after 10 attempts when the head keeps moving', async () => {
    // Prepare
    const moving = Array.from({ length: 10 }, () => ['ConditionalCheckFailed', 'None']);
    let seq = 1;
    const { db, transactions } = dynamoAnswering(moving, () => seq++);

    // Act
    const failure = await append(db).catch((e: unknown) => e);

    // Assess
    expect(failure).toMatchObject({ name: 'Tower.Transient' });
    expect(transactions()).toHaveLength(10);
  });
});
