import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTower } from '../../../bin/operator/cli.ts';
import type { Target } from '../../../bin/operator/target.ts';
import type { ChainCheck } from '../../../bin/operator/verify.ts';
import { changeStatus } from '../../../lambdas/platform/shared/status-change.ts';
import { DynamoAuditTrail } from '../../../lambdas/platform/stores/audit.ts';
import { eventIdOf, verifyChain } from '../../../lambdas/platform/stores/audit-chain.ts';
import { DynamoDocumentStore } from '../../../lambdas/platform/stores/documents.ts';
import { towerCatalog } from '../../../lambdas/platform/tower-catalog.ts';
import type { Listening } from '../../../local/http/json-server.ts';
import { localClients } from '../../../local/runtime/clients.ts';
import { createTables, localNames } from '../../../local/runtime/resources.ts';
import { freshDynamoDb } from '../../support/shared-dynamodb.ts';

// Someone with write access to the audit table changes or deletes an event: the one verifier
// (audit-chain.ts) names the first broken link, and `tower verify` exits 1 saying so.

const names = localNames('us-east-1');
const tables = { documents: names.table('documents'), audit: names.table('audit') };
const unused = 'http://127.0.0.1:9';
let dynamo: Listening | undefined;
let clients: ReturnType<typeof localClients> | undefined;

beforeAll(async () => {
  dynamo = await freshDynamoDb();
  clients = localClients(
    { dynamodb: dynamo.url, s3: unused, sqs: unused, ses: unused, sfn: unused, sns: unused },
    'us-east-1',
  );
  await createTables(clients.dynamo, names, towerCatalog([]).tables);
}, 120_000);
afterAll(async () => dynamo?.close(), 30_000);

const db = (): DynamoDBDocumentClient => {
  if (!clients) throw new Error('DynamoDB Local has not started');
  return clients.documents;
};

/** A document received, queued, executing and completed: five events, seq 1 to 5. */
async function audited(): Promise<string> {
  const documentId = randomUUID().replaceAll('-', '').padEnd(64, '0');
  const documents = new DynamoDocumentStore(db(), tables.documents, tables.audit);
  const audit = new DynamoAuditTrail(db(), tables);
  const actor = { kind: 'system', id: 'test' } as const;
  const ref = {
    documentId,
    process: 'invoice',
    bucket: 'b',
    key: 'invoices/a.pdf',
    size: 1,
    receivedAt: '2026-01-01T00:00:00.000Z',
  };
  await documents.create(ref, [
    { documentId, step: 'intake', type: 'DOCUMENT_RECEIVED', actor, versions: {} },
  ]);
  for (const to of ['QUEUED', 'EXECUTING', 'COMPLETED'] as const)
    await changeStatus({ documents, audit }, { documentId, to, step: 'test', actor, versions: {} });
  await audit.append({ documentId, step: 'test', type: 'NOTE', actor, versions: {} });
  return documentId;
}

async function verify(documentId: string): Promise<{ code: number; check: ChainCheck }> {
  if (!clients) throw new Error('DynamoDB Local has not started');
  const target: Target = {
    label: 'DynamoDB Local',
    db: db(),
    sfn: clients.sfn,
    sqs: clients.sqs,
    tables,
    queues: Object.fromEntries(
      towerCatalog([]).queues.map((q) => [q.id, { url: unused, dlqUrl: unused }]),
    ) as Target['queues'],
    stateMachines: {},
    close: () => undefined,
  };
  let out = '';
  const code = await runTower(['verify', documentId, '--json'], {
    stdout: (text) => {
      out += text;
    },
    stderr: () => undefined,
    env: {},
    cwd: process.cwd(),
    target,
  });
  return { code, check: JSON.parse(out) as ChainCheck };
}

const key = (documentId: string, seq: number) => ({
  TableName: tables.audit,
  Key: { documentId, eventId: eventIdOf(seq) },
});

describe('a tampered audit trail in DynamoDB', () => {
  it('verifies an untouched trail, and names an event changed after it was written', async () => {
    // Prepare
    const documentId = await audited();
    const before = await verify(documentId);

    // Act: the COMPLETED move's event now says FAILED.
    await db().send(
      new UpdateCommand({
        ...key(documentId, 4),
        UpdateExpression: 'SET #d = :d',
        ExpressionAttributeNames: { '#d': 'decision' },
        ExpressionAttributeValues: { ':d': 'FAILED' },
      }),
    );
    const after = await verify(documentId);

    // Assess
    expect(before).toMatchObject({ code: 0, check: { verdict: { verified: 5, unchained: 0 } } });
    expect(after.code).toBe(1);
    expect(after.check.verdict.broken).toMatchObject({ seq: 4, problem: 'hash' });
    expect(after.check.summary).toMatch(/^chain broken at seq 4: its fields hash to/);
  });

  it('names a deleted event by its seq, and a deleted last event against the head on the record', async () => {
    // Prepare
    const [middle, last] = [await audited(), await audited()];

    // Act
    await db().send(new DeleteCommand(key(middle, 2)));
    await db().send(new DeleteCommand(key(last, 5)));

    // Assess
    expect((await verify(middle)).check.verdict.broken).toEqual({ seq: 2, problem: 'missing' });
    expect((await verify(last)).check.verdict.broken).toEqual({ seq: 5, problem: 'missing' });
    const audit = new DynamoAuditTrail(db(), tables);
    expect(verifyChain(await audit.list(last)).broken).toBeUndefined();
  });
});
