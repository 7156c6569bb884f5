import { CreateTableCommand, type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionId } from '../../lambdas/platform/registry/functions.ts';
import type { QueueId, QueueSpec } from '../../lambdas/platform/registry/queues.ts';
import type { TableId, TableSpec } from '../../lambdas/platform/registry/tables.ts';

export const localAccount = '000000000000';

/** The one customer-managed key of the template, as it is named locally (no KMS runs here: IAM evaluation only). */
export const localKeyArn = (region: string) =>
  `arn:aws:kms:${region}:${localAccount}:key/7f0e0000-0000-4000-8000-00000000c0de`;

/** Local names for the registry's resources, like CDK's generated names on AWS. */
export function localNames(region: string) {
  return {
    table: (id: TableId) => `tower-local-${id}`,
    bucket: 'tower-local-data',
    queue: (id: QueueId) => `tower-local-${id}`,
    deadLetterQueue: (id: QueueId) => `tower-local-${id}-dlq`,
    functionName: (id: FunctionId) => `tower-local-${id}`,
    functionArn: (id: FunctionId) => `arn:aws:lambda:${region}:${localAccount}:function:tower-local-${id}`,
    stateMachineName: (processId: string) => `tower-local-${processId}`,
    topic: (id: string) => `tower-local-${id}`,
    /** A role a service assumes to deliver for Tower (Textract publishing a job's completion). */
    serviceRoleArn: (name: string) => `arn:aws:iam::${localAccount}:role/tower-local-${name}`,
    /** The role a function runs as (its session token names it to the IAM proxy). */
    functionRoleArn: (id: FunctionId) => `arn:aws:iam::${localAccount}:role/tower-local-${id}`,
    /** The role a state machine's tasks run as. */
    stateMachineRoleArn: (processId: string) =>
      `arn:aws:iam::${localAccount}:role/tower-local-${processId}-states`,
    stateMachineArn: (processId: string) =>
      `arn:aws:states:${region}:${localAccount}:stateMachine:tower-local-${processId}`,
  };
}

export type LocalNames = ReturnType<typeof localNames>;

export interface QueueRef {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
}

/**
 * The queue URL as it reads on another SQS endpoint (the queue is its path, /<account>/<name>). A
 * function gets its queue URLs on the endpoint it calls, as on AWS, since the SDK sends a call to the
 * host its queue URL names: a URL on the emulator's own address would bypass the IAM proxy.
 */
export function queueUrlOn(endpoint: string, queueUrl: string): string {
  return `${endpoint.replace(/\/$/, '')}${new URL(queueUrl).pathname}`;
}

/** Creates every table of the catalog that does not exist yet (data survives restarts). */
export async function createTables(
  dynamo: DynamoDBClient,
  names: LocalNames,
  tables: readonly TableSpec[],
): Promise<void> {
  const existing = new Set((await dynamo.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const spec of tables) {
    const name = names.table(spec.id);
    if (existing.has(name)) continue;
    const keys = new Set([
      spec.partitionKey,
      spec.sortKey,
      ...(spec.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
    ]);
    await dynamo.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        AttributeDefinitions: [...keys]
          .filter((k): k is string => !!k)
          .map((k) => ({ AttributeName: k, AttributeType: 'S' as const })),
        GlobalSecondaryIndexes: spec.indexes?.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  }
}

/** Creates the bucket unless it exists (it survives restarts in the data directory). */
export async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

/** Creates each queue with its dead-letter queue and redrive policy, as the CDK app does. */
export async function createQueues(
  sqs: SQSClient,
  names: LocalNames,
  queues: readonly QueueSpec[],
  visibilityOverrideSeconds?: number,
): Promise<Record<QueueId, QueueRef>> {
  const refs: Record<QueueId, QueueRef> = {};
  for (const spec of queues) {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: names.deadLetterQueue(spec.id),
        Attributes: { MessageRetentionPeriod: String(spec.retentionSeconds) },
      }),
    );
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: names.queue(spec.id),
        Attributes: {
          VisibilityTimeout: String(visibilityOverrideSeconds ?? spec.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(spec.retentionSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn,
            maxReceiveCount: spec.maxReceiveCount,
          }),
        },
      }),
    );
    const arn = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes?.QueueArn;
    refs[spec.id] = { url: queue.QueueUrl ?? '', arn: arn ?? '', dlqUrl: dlq.QueueUrl ?? '' };
  }
  return refs;
}
