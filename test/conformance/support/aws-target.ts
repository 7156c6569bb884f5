import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createRunRole } from './aws-roles.ts';
import type { ConformanceContext } from './context.ts';
import { errorName, eventually, retrying } from './eventually.ts';
import { type Planned, resourceName } from './plan.ts';
import { Cleanups, type ConformanceTarget, type PrincipalCredentials, type TargetClients } from './target.ts';
import { zipOneFile } from './zip.ts';

/**
 * A real account in one region, through the default credential chain (or a principal's own). The
 * global setup made the roles; functions and event source mappings are made here and deleted when
 * the test file ends.
 */
export async function openAwsTarget(context: ConformanceContext): Promise<ConformanceTarget> {
  const { region, roles, accountId, sesFrom } = context;
  if (!roles || !accountId)
    throw new Error('the AWS conformance run has no roles: run it through npm run conformance');
  if (!sesFrom) throw new Error('the AWS conformance run needs a verified sender: --ses-from');
  const cleanups = new Cleanups();
  const lambda = new LambdaClient({ region });
  const kms = new KMSClient({ region });
  const iam = new IAMClient({ region });
  const sts = new STSClient({ region });
  const name = (purpose: Planned) => resourceName(context.runId, purpose, accountId);
  const clients = (credentials?: PrincipalCredentials): TargetClients => {
    const common = { region, ...(credentials ? { credentials } : {}) };
    return {
      sfn: new SFNClient(common),
      sqs: new SQSClient(common),
      s3: new S3Client(common),
      dynamodb: new DynamoDBClient(common),
      dynamodbStreams: new DynamoDBStreamsClient(common),
      sesv2: new SESv2Client(common),
    };
  };
  return {
    kind: 'aws',
    region,
    context,
    clients,
    name,
    stateMachineRoleArn: roles.stateMachine,
    sesFrom,
    defer: (cleanup) => cleanups.add(cleanup),
    createFunction: async (purpose, source) => {
      const functionName = name(purpose);
      // A new role reaches Lambda after a few seconds; until then CreateFunction says it cannot assume it.
      const created = await retrying(
        () =>
          lambda.send(
            new CreateFunctionCommand({
              FunctionName: functionName,
              Runtime: 'nodejs22.x',
              Handler: 'index.handler',
              Role: roles.lambda,
              Code: { ZipFile: zipOneFile('index.mjs', source) },
              Timeout: 3,
              MemorySize: 128,
            }),
          ),
        (error) => errorName(error) === 'InvalidParameterValueException' && /assume/i.test(String(error)),
      );
      cleanups.add(() => lambda.send(new DeleteFunctionCommand({ FunctionName: functionName })));
      await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 120 }, { FunctionName: functionName });
      return created.FunctionArn ?? '';
    },
    mapQueueToFunction: async (_purpose, queueArn, functionArn, batchSize) => {
      const mapping = await retrying(
        () =>
          lambda.send(
            new CreateEventSourceMappingCommand({
              EventSourceArn: queueArn,
              FunctionName: functionArn,
              BatchSize: batchSize,
              FunctionResponseTypes: ['ReportBatchItemFailures'],
            }),
          ),
        (error) => errorName(error) === 'InvalidParameterValueException',
      );
      const uuid = mapping.UUID ?? '';
      cleanups.add(() => lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })));
      await eventually(
        async () => {
          const state = (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State;
          return state === 'Enabled' ? state : undefined;
        },
        'the event source mapping to be enabled',
        { timeoutMs: 180_000, everyMs: 2000 },
      );
    },
    createKey: async (purpose) => {
      const key = await kms.send(
        new CreateKeyCommand({
          Description: 'Tower conformance suite, scheduled for deletion when the file ends',
        }),
      );
      const keyId = key.KeyMetadata?.KeyId ?? '';
      // The shortest waiting period KMS allows (KMS Developer Guide, "Deleting AWS KMS keys").
      cleanups.add(() => kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })));
      const alias = `alias/${name(purpose)}`;
      await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
      cleanups.add(() => kms.send(new DeleteAliasCommand({ AliasName: alias })));
      return key.KeyMetadata?.Arn ?? '';
    },
    createPrincipal: async (purpose, statements) => {
      const roleName = name(purpose);
      const partition = context.partition ?? 'aws';
      const role = await createRunRole(iam, {
        name: roleName,
        // Assumed by the run's own credentials (any principal of the account its IAM lets assume roles).
        trust: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
        statements,
        runId: context.runId,
        deletedWhen: 'the file ends',
      });
      cleanups.add(role.remove);
      // A new role is assumable only once IAM has propagated it (IAM User Guide, "Troubleshooting IAM": eventual consistency).
      const assumed = await retrying(
        () =>
          sts.send(
            new AssumeRoleCommand({
              RoleArn: role.arn,
              RoleSessionName: 'conformance',
              DurationSeconds: 900,
            }),
          ),
        (error) => errorName(error) === 'AccessDenied',
      );
      const c = assumed.Credentials;
      return clients({
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      });
    },
    encryptWith: async (resource, keyArn) => {
      // Tables and queues take their key in the create call; a bucket takes it as default encryption.
      if (resource.kind !== 'bucket') return;
      await clients().s3.send(
        new PutBucketEncryptionCommand({
          Bucket: resource.name,
          ServerSideEncryptionConfiguration: {
            Rules: [
              { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
            ],
          },
        }),
      );
    },
    close: () => cleanups.run(),
  };
}
