import {
  CreateTableCommand,
  DeleteTableCommand,
  type StreamViewType,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, DeleteStateMachineCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { errorName, retrying } from './eventually.ts';
import type { Planned } from './plan.ts';
import type { ConformanceTarget } from './target.ts';

/**
 * The tests' throw-away resources, made through the APIs under test and deleted when the file ends;
 * the same calls on both targets.
 */

export interface Queue {
  readonly url: string;
  readonly arn: string;
}

export async function createQueue(
  target: ConformanceTarget,
  purpose: Planned,
  attributes: Record<string, string> = {},
): Promise<Queue> {
  const { sqs } = target.clients();
  const created = await sqs.send(
    new CreateQueueCommand({ QueueName: target.name(purpose), Attributes: attributes }),
  );
  const url = created.QueueUrl ?? '';
  target.defer(() => sqs.send(new DeleteQueueCommand({ QueueUrl: url })));
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = attrs.Attributes?.QueueArn ?? '';
  if (attributes.KmsMasterKeyId)
    await target.encryptWith({ kind: 'queue', name: target.name(purpose), arn }, attributes.KmsMasterKeyId);
  return { url, arn };
}

export async function createStateMachine(
  target: ConformanceTarget,
  purpose: Planned,
  definition: object,
): Promise<string> {
  const { sfn } = target.clients();
  // A role created a moment ago is not yet assumable by Step Functions: AWS answers AccessDenied.
  const created = await retrying(
    () =>
      sfn.send(
        new CreateStateMachineCommand({
          name: target.name(purpose),
          definition: JSON.stringify(definition),
          roleArn: target.stateMachineRoleArn,
          type: 'STANDARD',
        }),
      ),
    (error) => errorName(error) === 'AccessDeniedException' && /assume/i.test(String(error)),
  );
  const arn = created.stateMachineArn ?? '';
  target.defer(() => sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn })));
  return arn;
}

/** A bucket (SSE-KMS by default with `keyArn`), emptied of every object and version before it is deleted. */
export async function createBucket(
  target: ConformanceTarget,
  purpose: Planned,
  keyArn?: string,
): Promise<string> {
  const { s3 } = target.clients();
  const bucket = target.name(purpose);
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(target.region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: target.region as BucketLocationConstraint } }),
    }),
  );
  target.defer(async () => {
    await emptyBucket(target, bucket);
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });
  if (keyArn)
    await target.encryptWith({ kind: 'bucket', name: bucket, arn: `arn:aws:s3:::${bucket}` }, keyArn);
  return bucket;
}

async function emptyBucket(target: ConformanceTarget, bucket: string): Promise<void> {
  const { s3 } = target.clients();
  const remove = async (objects: { Key: string; VersionId?: string }[]) => {
    for (let i = 0; i < objects.length; i += 1000)
      await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects.slice(i, i + 1000) } }),
      );
  };
  if (target.kind === 'aws') {
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      await remove(
        [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
          Key: v.Key ?? '',
          VersionId: v.VersionId,
        })),
      );
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
    return;
  }
  // The local S3 keeps no versions (README, known differences): plain listing finds everything.
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    await remove((page.Contents ?? []).map((o) => ({ Key: o.Key ?? '' })));
    token = page.NextContinuationToken;
  } while (token);
}

/**
 * An on-demand table keyed by `pk` (a string), encrypted with `keyArn` (a customer managed key) if given,
 * with a stream of `stream` records if given.
 */
export async function createTable(
  target: ConformanceTarget,
  purpose: Planned,
  keyArn?: string,
  stream?: StreamViewType,
): Promise<{ name: string; arn: string; streamArn?: string }> {
  const { dynamodb } = target.clients();
  const table = target.name(purpose);
  const created = await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(keyArn ? { SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn } } : {}),
      ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream } } : {}),
    }),
  );
  target.defer(() => dynamodb.send(new DeleteTableCommand({ TableName: table })));
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 120 }, { TableName: table });
  const arn = created.TableDescription?.TableArn ?? '';
  if (keyArn) await target.encryptWith({ kind: 'table', name: table, arn }, keyArn);
  return { name: table, arn, streamArn: created.TableDescription?.LatestStreamArn };
}
