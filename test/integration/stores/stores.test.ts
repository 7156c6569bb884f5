import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoApprovalStore } from '../../../lambdas/platform/human-step/store.ts';
import { DynamoAuditTrail } from '../../../lambdas/platform/stores/audit.ts';
import { DynamoDocumentStore } from '../../../lambdas/platform/stores/documents.ts';
import { conditionalWrite, putIfAbsent } from '../../../lambdas/platform/stores/dynamo-conditions.ts';
import { queryAll } from '../../../lambdas/platform/stores/dynamo-pages.ts';
import { DynamoIdempotencyStore } from '../../../lambdas/platform/stores/idempotency.ts';
import { towerCatalog } from '../../../lambdas/platform/tower-catalog.ts';
import type { Listening } from '../../../local/http/json-server.ts';
import { localClients } from '../../../local/runtime/clients.ts';
import { createTables, localNames } from '../../../local/runtime/resources.ts';
import { freshDynamoDb } from '../../support/shared-dynamodb.ts';
import {
  MemoryApprovals,
  MemoryAudit,
  MemoryDocuments,
  MemoryIdempotency,
} from '../../unit/platform/shared/support/fakes.ts';
import { approvalStoreContract } from './approval-store.contract.ts';
import { auditTrailContract } from './audit-trail.contract.ts';
import { documentStoreContract } from './document-store.contract.ts';
import { idempotencyContract } from './idempotency.contract.ts';

// One suite per port, run against the in-memory fake the unit tests use and the DynamoDB adapter on
// AWS's DynamoDB Local (transactions: a change and its audit events are one TransactWriteItems), so a
// fake cannot drift from DynamoDB's conditional and transactional semantics.

const names = localNames('us-east-1');
const chainTables = { documents: names.table('documents'), audit: names.table('audit') };
let dynamo: Listening | undefined;
let db: DynamoDBDocumentClient | undefined;

beforeAll(async () => {
  dynamo = await freshDynamoDb();
  const unused = 'http://127.0.0.1:9';
  const clients = localClients(
    { dynamodb: dynamo.url, s3: unused, sqs: unused, ses: unused, sfn: unused, sns: unused },
    'us-east-1',
  );
  await createTables(clients.dynamo, names, towerCatalog([]).tables);
  db = clients.documents;
}, 120_000);
afterAll(async () => dynamo?.close(), 30_000);

const client = () => {
  if (!db) throw new Error('DynamoDB Local has not started');
  return db;
};

/** The fakes, sharing one trail as the adapters share one audit table. */
function memory() {
  const audit = new MemoryAudit();
  return { audit, documents: new MemoryDocuments([], audit), approvals: new MemoryApprovals([], audit) };
}

/** The DynamoDB adapters on DynamoDB Local. */
function dynamodb() {
  return {
    audit: new DynamoAuditTrail(client(), chainTables),
    documents: new DynamoDocumentStore(client(), chainTables.documents, chainTables.audit),
    approvals: new DynamoApprovalStore(client(), names.table('approvals'), chainTables),
  };
}

describe.each([
  ['the in-memory fake', memory],
  ['DynamoDocumentStore on DynamoDB Local', dynamodb],
])('DocumentStore: %s', (_, make) => documentStoreContract(make));

describe.each([
  ['the in-memory fake', memory],
  ['DynamoAuditTrail on DynamoDB Local', dynamodb],
])('AuditTrail: %s', (_, make) => auditTrailContract(make));

describe.each([
  ['the in-memory fake', memory],
  ['DynamoApprovalStore on DynamoDB Local', dynamodb],
])('ApprovalStore: %s', (_, make) => approvalStoreContract(make));

describe.each([
  ['the in-memory fake', () => new MemoryIdempotency()],
  [
    'DynamoIdempotencyStore on DynamoDB Local',
    () => new DynamoIdempotencyStore(client(), names.table('idempotency')),
  ],
])('IdempotencyStore: %s', (_, make) => idempotencyContract(make));

// The create-only put every store uses (PutItem with attribute_not_exists on the key): a second put of
// the same key is refused and changes nothing, whatever the key attribute is called (`key` is one of
// DynamoDB's reserved words). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
describe('putIfAbsent on DynamoDB Local', () => {
  it('creates an item once and leaves it as it was; other failures are thrown', async () => {
    // Prepare
    const table = names.table('extraction');
    const key = 'put-if-absent#1';

    // Act
    const first = await putIfAbsent(client(), table, { key, value: 'first' }, 'key');
    const second = await putIfAbsent(client(), table, { key, value: 'second' }, 'key');
    const stored = await client().send(
      new GetCommand({ TableName: table, Key: { key }, ConsistentRead: true }),
    );
    const missingTable = putIfAbsent(client(), 'no-such-table', { key, value: 'x' }, 'key');

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(stored.Item).toEqual({ key, value: 'first' });
    await expect(missingTable).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

// A Query returns at most 1 MB or `Limit` items a page and the key to go on from as LastEvaluatedKey:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
describe('queryAll on DynamoDB Local', () => {
  it('reads every page of a Query', async () => {
    // Prepare
    const table = names.table('audit');
    const documentId = 'query-all-doc';
    for (const eventId of ['e1', 'e2', 'e3'])
      await putIfAbsent(client(), table, { documentId, eventId }, 'eventId');

    // Act
    const items = await queryAll<{ eventId: string }>(client(), {
      TableName: table,
      KeyConditionExpression: 'documentId = :d',
      ExpressionAttributeValues: { ':d': documentId },
      Limit: 1,
    });

    // Assess
    expect(items.map((i) => i.eventId)).toEqual(['e1', 'e2', 'e3']);
  });
});

describe('conditionalWrite on DynamoDB Local', () => {
  it('answers true when the condition held, false when DynamoDB refused the write', async () => {
    // Prepare
    const table = names.table('extraction');
    const key = 'conditional-write#1';
    await putIfAbsent(client(), table, { key, count: 0 }, 'key');
    const bumpIfZero = () =>
      client().send(
        new UpdateCommand({
          TableName: table,
          Key: { key },
          UpdateExpression: 'SET #count = #count + :one',
          ConditionExpression: '#count = :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
        }),
      );

    // Act
    const first = await conditionalWrite(bumpIfZero());
    const second = await conditionalWrite(bumpIfZero());
    const stored = await client().send(
      new GetCommand({ TableName: table, Key: { key }, ConsistentRead: true }),
    );

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(stored.Item?.count).toBe(1);
  });
});
