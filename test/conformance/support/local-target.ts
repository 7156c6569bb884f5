import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startDynamoDbFront } from '../../../local/emulators/dynamodb-front.ts';
import { startS3 } from '../../../local/emulators/s3.ts';
import { startSes } from '../../../local/emulators/ses.ts';
import { startSqs } from '../../../local/emulators/sqs.ts';
import { SqsPoller } from '../../../local/event-sources/sqs-poller.ts';
import { DecisionLog } from '../../../local/iam/decisions.ts';
import { IamEvaluator } from '../../../local/iam/evaluator.ts';
import { sessionTokenFor } from '../../../local/iam/identity.ts';
import { startIamProxy } from '../../../local/iam/proxy.ts';
import { RegisteredPolicyModel } from '../../../local/iam/registered-model.ts';
import type { MappingScope } from '../../../local/iam/requests.ts';
import { localCredentials } from '../../../local/runtime/clients.ts';
import { startStepFunctionsApi } from '../../../local/stepfunctions/api-server.ts';
import { ExecutionStore } from '../../../local/stepfunctions/executions.ts';
import { LocalStepFunctions } from '../../../local/stepfunctions/service.ts';
import { TaskTokenBroker } from '../../../local/stepfunctions/task-tokens.ts';
import { sharedDynamoDb } from '../../support/shared-dynamodb.ts';
import type { ConformanceContext } from './context.ts';
import { LocalFunctions } from './local-functions.ts';
import { type Planned, resourceName } from './plan.ts';
import { Cleanups, type ConformanceTarget, type PrincipalCredentials, type TargetClients } from './target.ts';

const accountId = '000000000000';

/**
 * The local side: Tower's emulators and its Step Functions API, each on loopback with an ephemeral
 * port, started for one test file and stopped after it; its DynamoDB a database of its own on the
 * run's shared DynamoDB Local (AWS's, as the runtime runs it).
 */
export async function openLocalTarget(context: ConformanceContext): Promise<ConformanceTarget> {
  const { region } = context;
  const dir = mkdtempSync(join(tmpdir(), 'tower-conformance-'));
  const [sqs, s3, dynamodb, ses] = await Promise.all([
    startSqs(),
    startS3(join(dir, 's3')),
    startDynamoDbFront(sharedDynamoDb(), { namespace: dir }),
    startSes(),
  ]);
  const functions = new LocalFunctions(region);
  const broker = new TaskTokenBroker();
  const sqsClient = new SQSClient({ region, endpoint: sqs.url, credentials: localCredentials });
  const sender = {
    send: async (queueUrl: string, body: string) =>
      (await sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))).MessageId ??
      '',
  };
  const stepFunctions = new LocalStepFunctions([], new ExecutionStore(), broker, {
    deps: { lambda: functions, broker, sqs: sender },
    clock: { scale: 1 },
    region,
    accountId,
  });
  const sfnApi = await startStepFunctionsApi(stepFunctions);
  const cleanups = new Cleanups();
  const pollers: SqsPoller[] = [];
  // Throw-away principals call through IAM proxies evaluating the registered roles and keys, as the runtime's do.
  const iam = new RegisteredPolicyModel(accountId, region);
  const scope: MappingScope = {
    region,
    account: accountId,
    encryptionKeyOf: (arn) =>
      iam.encryptionKeys.get(arn.startsWith('arn:aws:s3:::') ? (arn.split('/')[0] ?? arn) : arn),
    sesSandbox: false,
  };
  const evaluator = new IamEvaluator(iam, new DecisionLog([]));
  const [dynamodbIam, s3Iam, sqsIam] = await Promise.all([
    startIamProxy(dynamodb.url, 'dynamodb', evaluator, scope),
    startIamProxy(s3.url, 's3', evaluator, scope),
    startIamProxy(sqs.url, 'sqs', evaluator, scope),
  ]);
  let keys = 0;

  const clients = (credentials: PrincipalCredentials = localCredentials): TargetClients => {
    const common = { region, credentials };
    const evaluated = credentials.sessionToken !== undefined;
    return {
      sfn: new SFNClient({ ...common, endpoint: sfnApi.url }),
      sqs: new SQSClient({ ...common, endpoint: evaluated ? sqsIam.url : sqs.url }),
      s3: new S3Client({
        ...common,
        endpoint: evaluated ? s3Iam.url : s3.url,
        forcePathStyle: true,
        // s3rver stores streamed uploads corrupted when the SDK adds its default checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
      dynamodb: new DynamoDBClient({ ...common, endpoint: evaluated ? dynamodbIam.url : dynamodb.url }),
      // DynamoDB Local answers the Streams API on DynamoDB's endpoint, so its IAM proxy maps both.
      dynamodbStreams: new DynamoDBStreamsClient({
        ...common,
        endpoint: evaluated ? dynamodbIam.url : dynamodb.url,
      }),
      sesv2: new SESv2Client({ ...common, endpoint: ses.url }),
    };
  };
  const name = (purpose: Planned) => resourceName(context.runId, purpose);

  return {
    kind: 'local',
    region,
    context,
    clients,
    name,
    stateMachineRoleArn: `arn:aws:iam::${accountId}:role/${name('states-role')}`,
    sesFrom: 'tower-conformance@example.com',
    defer: (cleanup) => cleanups.add(cleanup),
    createFunction: (purpose, source) => functions.create(name(purpose), source),
    mapQueueToFunction: async (_purpose, queueArn, functionArn, batchSize) => {
      const queueName = queueArn.split(':').at(-1) ?? '';
      const { QueueUrl: queueUrl = '' } = await sqsClient.send(
        new GetQueueUrlCommand({ QueueName: queueName }),
      );
      const poller = new SqsPoller(
        sqsClient,
        (fn, event) => functions.invoke(fn, event),
        { queueUrl, queueArn, functionName: functionArn, batchSize, maxConcurrency: 1 },
        region,
      );
      poller.start();
      pollers.push(poller);
    },
    createKey: async (purpose) => {
      keys += 1;
      // No KMS runs locally: the key exists in the IAM model only, as in the runtime.
      const arn = `arn:aws:kms:${region}:${accountId}:key/${name(purpose)}-${keys}`;
      iam.addKey(arn);
      return arn;
    },
    createPrincipal: async (purpose, statements) => {
      const roleArn = `arn:aws:iam::${accountId}:role/${name(purpose)}`;
      iam.addRole(roleArn, `principal ${purpose}`, statements as unknown as Record<string, unknown>[]);
      return clients({ ...localCredentials, sessionToken: sessionTokenFor(roleArn) });
    },
    encryptWith: async (resource, keyArn) => iam.encrypt(resource.arn, keyArn),
    close: async () => {
      await Promise.all(pollers.map((p) => p.stop()));
      try {
        await cleanups.run();
      } finally {
        await stepFunctions.shutdown();
        await Promise.all([dynamodbIam.close(), s3Iam.close(), sqsIam.close()]);
        await Promise.all([sfnApi.close(), sqs.close(), s3.close(), dynamodb.close(), ses.close()]);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
