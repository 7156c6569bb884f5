import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import type { Planned } from './support/plan.ts';
import { createBucket, createQueue, createTable, type Queue } from './support/resources.ts';
import {
  type ConformanceTarget,
  openTarget,
  type PolicyStatement,
  type TargetClients,
} from './support/target.ts';

// What Tower relies on of a customer managed key, per service, with principals that lack one action:
// - DynamoDB: the service decrypts the table key with the caller's credentials on every data-plane call,
//   reads and writes alike (KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS" → "Table keys";
//   DynamoDB Developer Guide, "DynamoDB encryption at rest"): without kms:Decrypt, AccessDeniedException.
// - S3 SSE-KMS: PutObject needs kms:GenerateDataKey, GetObject kms:Decrypt (S3 User Guide, "Using
//   server-side encryption with AWS KMS keys (SSE-KMS)" → "Permissions"): otherwise 403 AccessDenied.
// - SQS SSE: a producer needs kms:GenerateDataKey (and kms:Decrypt) on the queue's key (SQS Developer
//   Guide, "Amazon SQS key management" → "Configure KMS permissions for producers"):
//   otherwise KMS.AccessDeniedException (the SDK's KmsAccessDenied).

let target: ConformanceTarget;
let key: string;
let table: { name: string; arn: string };
let bucket: string;
let queue: Queue;
const as: Partial<Record<'none' | 'generate' | 'full', TargetClients>> = {};

const principal = (who: keyof typeof as): TargetClients => {
  const clients = as[who];
  if (!clients) throw new Error(`no principal ${who}`);
  return clients;
};

beforeAll(async () => {
  target = await openTarget();
  key = await target.createKey('kms-key');
  table = await createTable(target, 'kms-table', key);
  bucket = await createBucket(target, 'kms-bucket', key);
  queue = await createQueue(target, 'kms-queue', { KmsMasterKeyId: key });
  const data: PolicyStatement[] = [
    { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: table.arn },
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `arn:aws:s3:::${bucket}/*` },
    { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue.arn },
  ];
  const withKey = (purpose: Planned, actions: string[]) =>
    target.createPrincipal(purpose, [...data, { Effect: 'Allow', Action: actions, Resource: key }]);
  as.none = await target.createPrincipal('kms-no-key', data);
  as.generate = await withKey('kms-generate-only', ['kms:GenerateDataKey']);
  as.full = await withKey('kms-full', ['kms:GenerateDataKey', 'kms:Decrypt']);
}, 180_000);
afterAll(() => target.close());

const failure = (promise: Promise<unknown>) => promise.then(() => 'no error', errorName);
const put = (clients: TargetClients, pk: string) =>
  clients.dynamodb.send(new PutItemCommand({ TableName: table.name, Item: { pk: { S: pk } } }));
const get = (clients: TargetClients, pk: string) =>
  clients.dynamodb.send(
    new GetItemCommand({ TableName: table.name, Key: { pk: { S: pk } }, ConsistentRead: true }),
  );

describe('DynamoDB with a customer managed key', () => {
  it('denies a PutItem when the caller may not kms:Decrypt, even with GenerateDataKey', async () => {
    expect(await failure(put(principal('none'), 'a'))).toBe('AccessDeniedException');
    expect(await failure(put(principal('generate'), 'a'))).toBe('AccessDeniedException');
  });

  it('denies a GetItem when the caller may not kms:Decrypt', async () => {
    await put(principal('full'), 'b');
    expect(await failure(get(principal('generate'), 'b'))).toBe('AccessDeniedException');
  });

  it('serves the caller who may kms:Decrypt', async () => {
    await put(principal('full'), 'c');
    expect((await get(principal('full'), 'c')).Item?.pk).toEqual({ S: 'c' });
  });
});

describe('S3 SSE-KMS', () => {
  const putObject = (clients: TargetClients, k: string) =>
    clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: k, Body: 'sealed' }));
  const getObject = async (clients: TargetClients, k: string) =>
    (await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }))).Body?.transformToString();

  it('denies a PutObject when the caller may not kms:GenerateDataKey', async () => {
    expect(await failure(putObject(principal('none'), 'a.txt'))).toBe('AccessDenied');
  });

  it('stores with GenerateDataKey, and denies the GetObject without kms:Decrypt', async () => {
    await putObject(principal('generate'), 'b.txt');
    expect(await failure(getObject(principal('generate'), 'b.txt'))).toBe('AccessDenied');
    expect(await getObject(principal('full'), 'b.txt')).toBe('sealed');
  });
});

describe('SQS SSE', () => {
  const send = (clients: TargetClients) =>
    clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'sealed' }));

  it('denies a SendMessage when the caller may not kms:GenerateDataKey', async () => {
    expect(await failure(send(principal('none')))).toBe('KmsAccessDenied');
  });

  it('accepts the message from the caller who may use the key', async () => {
    expect((await send(principal('full'))).MessageId).toBeTruthy();
  });
});
