import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';

import { processes } from '../../lambdas/processes/index.ts';
import {
  flat,
  logicalIdOf,
  queueOf,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
} from './tower-template.ts';

const catalog = towerCatalog(processes);

let tower: SynthesizedTower;
let keyRef: { 'Fn::GetAtt': [string, 'Arn'] };

beforeAll(() => {
  tower = synthTower();
  keyRef = { 'Fn::GetAtt': [logicalIdOf(tower.stack.platform.key.key), 'Arn'] };
}, synthTimeout);

const denyPlainHttp = Match.objectLike({
  Statement: Match.arrayWith([
    Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  ]),
});

describe('the encryption key', () => {
  it('is a single customer-managed key with rotation on', () => {
    tower.template.resourceCountIs('AWS::KMS::Key', 1);
    tower.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('lets CloudWatch Logs use it for this account’s log groups only', () => {
    tower.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogs',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      }),
    });
  });
});

describe('the data bucket', () => {
  it('is encrypted with the key, versioned and private', () => {
    tower.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyRef },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } })]),
      },
    });
  });

  it('logs access to the separate log bucket', () => {
    const data = tower.resources[logicalIdOf(tower.stack.platform.data.bucket)];
    expect(data?.Properties?.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(tower.stack.platform.data.accessLogBucket) },
      LogFilePrefix: 'data/',
    });
    const logs = tower.resources[logicalIdOf(tower.stack.platform.data.accessLogBucket)];
    expect(flat(logs?.Properties?.BucketEncryption)).toContain('"SSEAlgorithm":"AES256"');
    expect(logs?.Properties?.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true });
  });

  it('refuses plain HTTP, as does its log bucket', () => {
    for (const bucket of [tower.stack.platform.data.bucket, tower.stack.platform.data.accessLogBucket])
      tower.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalIdOf(bucket) },
        PolicyDocument: denyPlainHttp,
      });
  });

  it('sends ObjectCreated under each process’s intake prefix to the intake queue', () => {
    tower.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: processes.map((p) => ({
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: p.intakePrefix }] } },
          QueueArn: { 'Fn::GetAtt': [logicalIdOf(queueOf(tower, 'intake').queue), 'Arn'] },
        })),
      },
    });
  });
});

describe('the queues', () => {
  const cases = catalog.queues.map((spec) => [spec.id, spec] as const);

  it('are exactly the registry’s queues and their dead-letter queues', () => {
    tower.template.resourceCountIs('AWS::SQS::Queue', 2 * catalog.queues.length);
  });

  it.each(cases)(
    '%s: encrypted with the key, keeps messages 14 days, dead-letters after its registered receives',
    (id, spec) => {
      const queue = tower.resources[logicalIdOf(queueOf(tower, id).queue)]?.Properties;
      expect(queue).toMatchObject({
        KmsMasterKeyId: keyRef,
        MessageRetentionPeriod: 14 * 24 * 3600,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(queueOf(tower, id).deadLetterQueue), 'Arn'] },
          maxReceiveCount: spec.maxReceiveCount,
        },
      });
      expect(queue?.VisibilityTimeout).toBe(spec.visibilityTimeoutSeconds + spec.maxBatchingWindowSeconds);
      expect(queue?.VisibilityTimeout).toBeGreaterThanOrEqual(
        6 * catalog.function(spec.consumer).timeoutSeconds,
      );
    },
  );

  it.each(cases)('%s: keeps failed messages encrypted for 14 days in its dead-letter queue', (id) => {
    const dlq = tower.resources[logicalIdOf(queueOf(tower, id).deadLetterQueue)]?.Properties;
    expect(dlq).toMatchObject({ KmsMasterKeyId: keyRef, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(dlq?.RedrivePolicy).toBeUndefined();
  });

  it.each(cases)('%s: both queues refuse plain HTTP', (id) => {
    for (const queue of [queueOf(tower, id).queue, queueOf(tower, id).deadLetterQueue])
      tower.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalIdOf(queue) }],
        PolicyDocument: denyPlainHttp,
      });
  });

  // S3's documented key policy for notifications to an SSE-KMS queue grants s3.amazonaws.com
  // kms:GenerateDataKey and kms:Decrypt on "*" with no condition; the queue policy is what pins the bucket.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
  it("grants S3 the key as S3's documented policy does, with no condition", () => {
    const keyPolicy = tower.resources[logicalIdOf(tower.stack.platform.key.key)]?.Properties?.KeyPolicy as {
      Statement: { Principal?: unknown; Action: unknown; Resource: unknown; Condition?: unknown }[];
    };
    const forS3 = keyPolicy.Statement.filter((s) => JSON.stringify(s.Principal).includes('"s3.'));
    expect(forS3).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
      },
    ]);
  });

  it('keeps the intake queue’s logical ids, so adding queues never replaces it', () => {
    expect(logicalIdOf(queueOf(tower, 'intake').queue)).toMatch(/^IntakeQueue[0-9A-F]{8}$/);
    expect(logicalIdOf(queueOf(tower, 'intake').deadLetterQueue)).toMatch(
      /^IntakeDeadLetterQueue[0-9A-F]{8}$/,
    );
  });

  it('lets S3 send to the intake queue only, and only from the data bucket', () => {
    const fromS3 = Object.values(tower.template.findResources('AWS::SQS::QueuePolicy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('s3.amazonaws.com'),
    );
    expect(fromS3.map((policy) => policy.Properties.Queues)).toEqual([
      [{ Ref: logicalIdOf(queueOf(tower, 'intake').queue) }],
    ]);
    tower.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalIdOf(queueOf(tower, 'intake').queue) }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 's3.amazonaws.com' },
            Condition: Match.objectLike({
              ArnLike: {
                'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(tower.stack.platform.data.bucket), 'Arn'] },
              },
            }),
          }),
        ]),
      }),
    });
  });
});

describe('the tables', () => {
  it.each(catalog.tables.map((spec) => [spec.id, spec] as const))(
    '%s: on demand, CMK, PITR, TTL and indexes as registered',
    (id, spec) => {
      const table = tower.resources[logicalIdOf(tower.stack.platform.tables.table(id))]?.Properties;
      expect(table).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyRef },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: 'RANGE' }] : []),
        ],
      });
      expect(table?.TimeToLiveSpecification).toEqual(
        spec.expiresAttribute ? { AttributeName: spec.expiresAttribute, Enabled: true } : undefined,
      );
      const indexes = (table?.GlobalSecondaryIndexes ?? []) as { IndexName: string }[];
      expect(indexes.map((index) => index.IndexName)).toEqual(
        (spec.indexes ?? []).map((index) => index.name),
      );
    },
  );

  it('has no deletion protection outside prod, so dev stacks can be torn down', () => {
    for (const table of Object.values(tower.stack.platform.tables.tables))
      expect(tower.resources[logicalIdOf(table)]?.Properties?.DeletionProtectionEnabled).toBe(false);
  });
});

describe('log groups', () => {
  it('are all encrypted with the key and expire', () => {
    const groups = Object.values(tower.template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups)
      expect(group.Properties).toMatchObject({
        KmsKeyId: keyRef,
        RetentionInDays: tower.config.logRetentionDays,
      });
  });
});

describe('the SNS alarm topic', () => {
  it('is encrypted with the key', () => {
    tower.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyRef });
  });
});
