import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, listenLoopback } from '../../../../local/http/json-server.ts';
import { DecisionLog } from '../../../../local/iam/decisions.ts';
import { IamEvaluator } from '../../../../local/iam/evaluator.ts';
import { sessionTokenFor } from '../../../../local/iam/identity.ts';
import { type LocalResources, policyModel } from '../../../../local/iam/policy-model.ts';
import { startIamProxy } from '../../../../local/iam/proxy.ts';
import type { MappingScope } from '../../../../local/iam/requests.ts';
import type { SynthesizedTemplate } from '../../../../local/iam/template.ts';

const account = '000000000000';
const region = 'us-east-1';
const keyArn = `arn:aws:kms:${region}:${account}:key/k1`;
const roleArn = `arn:aws:iam::${account}:role/tower-local-f`;
const root = {
  AWS: {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
  },
};
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** A template shaped like the synthesized one: a role granted a table, objects, a queue and the key. */
function template(keyPolicyTrustsAccount: boolean): SynthesizedTemplate {
  return {
    logicalIds: {
      key: 'Key',
      bucket: 'Bucket',
      tables: { docs: 'Docs' },
      queues: { work: { queue: 'Work', deadLetterQueue: 'WorkDlq' } },
      functions: { f: { function: 'Fn', role: 'FnRole' } },
      stateMachines: {},
      provided: {},
    },
    resources: {
      Key: {
        Type: 'AWS::KMS::Key',
        Properties: {
          KeyPolicy: {
            Statement: keyPolicyTrustsAccount
              ? [{ Effect: 'Allow', Principal: root, Action: 'kms:*', Resource: '*' }]
              : [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 's3.amazonaws.com' },
                    Action: 'kms:Decrypt',
                    Resource: '*',
                  },
                ],
          },
        },
      },
      Bucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arnOf('Key') } },
            ],
          },
        },
      },
      BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Bucket' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: { AWS: '*' },
                Action: 's3:GetObject',
                Resource: { 'Fn::Join': ['', [arnOf('Bucket'), '/secret/*']] },
              },
            ],
          },
        },
      },
      Docs: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { SSESpecification: { SSEEnabled: true, KMSMasterKeyId: arnOf('Key') } },
      },
      Work: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: arnOf('Key') } },
      FnRole: { Type: 'AWS::IAM::Role', Properties: {} },
      FnPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'FnRole' }],
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: arnOf('Docs') },
              {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: { 'Fn::Join': ['', [arnOf('Bucket'), '/*']] },
              },
              { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf('Work') },
              {
                Sid: 'Key',
                Effect: 'Allow',
                Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
                Resource: arnOf('Key'),
              },
            ],
          },
        },
      },
    },
  };
}

const local: LocalResources = {
  region,
  account,
  keyArn,
  bucket: 'data',
  tables: { docs: 'docs' },
  queues: {
    work: {
      url: `http://127.0.0.1/${account}/work`,
      arn: `arn:aws:sqs:${region}:${account}:work`,
      dlqUrl: `http://127.0.0.1/${account}/work-dlq`,
    },
  },
  functions: {
    f: { name: 'tower-local-f', arn: `arn:aws:lambda:${region}:${account}:function:tower-local-f`, roleArn },
  },
  stateMachines: {},
  provided: new Map(),
};

function evaluatorFor(keyPolicyTrustsAccount: boolean) {
  const model = policyModel(template(keyPolicyTrustsAccount), local);
  const log = new DecisionLog([join(mkdtempSync(join(tmpdir(), 'tower-iam-')), 'decisions.jsonl')]);
  const evaluator = new IamEvaluator(model, log);
  const scope: MappingScope = {
    region,
    account,
    encryptionKeyOf: (arn) =>
      model.encryptionKeys.get(arn.startsWith('arn:aws:s3:::') ? (arn.split('/')[0] ?? arn) : arn),
    sesSandbox: true,
  };
  return { model, evaluator, scope };
}

describe('the policy model', () => {
  it('resolves the role policy, the resource policies and which key encrypts what to local ARNs', () => {
    const { model } = evaluatorFor(true);
    expect(model.functionRoles.get('tower-local-f')).toBe(roleArn);
    expect(model.roles.get(roleArn)?.policies[0]?.policy.Statement[1]?.Resource).toBe('arn:aws:s3:::data/*');
    expect(model.encryptionKeys.get(`arn:aws:dynamodb:${region}:${account}:table/docs`)).toBe(keyArn);
    expect(model.encryptionKeys.get('arn:aws:s3:::data')).toBe(keyArn);
    expect(model.resourcePolicies.get(keyArn)?.policy.Statement[0]?.Principal).toEqual({
      AWS: `arn:aws:iam::${account}:root`,
    });
  });
});

describe('evaluation', () => {
  it('allows what the role policy grants, naming the statement', async () => {
    const { evaluator } = evaluatorFor(true);
    const verdict = await evaluator.authorize({
      principal: roleArn,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/in/a.pdf',
      via: 'test',
    });
    expect(verdict).toMatchObject({ allowed: true, allowedBy: ['FnPolicy#2'] });
  });

  // IAM User Guide, "Policy evaluation logic": an explicit deny in a resource-based policy overrides any allow.
  it('honours a bucket policy deny over the role policy allow', async () => {
    const { evaluator } = evaluatorFor(true);
    const verdict = await evaluator.authorize({
      principal: roleArn,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/secret/a.pdf',
      via: 'test',
    });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(/explicit deny in a resource-based policy/);
  });

  // KMS Developer Guide, "Key policies in AWS KMS": IAM policies grant a key's use only when its key
  // policy allows the account (the root principal); otherwise the key policy alone decides.
  it('honours a key policy that does not let IAM policies grant the key', async () => {
    const trusted = evaluatorFor(true);
    const untrusted = evaluatorFor(false);
    const call = { principal: roleArn, action: 'kms:Decrypt', resource: keyArn, via: 'test' };
    expect((await trusted.evaluator.authorize(call)).allowed).toBe(true);
    expect((await untrusted.evaluator.authorize(call)).allowed).toBe(false);
  });
});

describe('the IAM proxy answers a denied call as the service does', () => {
  let upstream: Listening;
  const proxies: Listening[] = [];
  const credentials = {
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    sessionToken: sessionTokenFor(roleArn),
  };
  beforeAll(async () => {
    upstream = await listenLoopback((_, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  afterAll(async () => {
    await Promise.all([upstream.close(), ...proxies.map((p) => p.close())]);
  });
  const proxy = async (service: 'dynamodb' | 's3' | 'sqs', keyPolicyTrustsAccount: boolean) => {
    const { evaluator, scope } = evaluatorFor(keyPolicyTrustsAccount);
    const listening = await startIamProxy(upstream.url, service, evaluator, scope);
    proxies.push(listening);
    return listening.url;
  };

  it('DynamoDB: AccessDeniedException naming KMS when the key denies', async () => {
    const client = new DynamoDBClient({
      region,
      credentials,
      endpoint: await proxy('dynamodb', false),
      maxAttempts: 1,
    });
    const error = await client
      .send(new PutItemCommand({ TableName: 'docs', Item: { id: { S: '1' } } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
    expect((error as Error).message).toMatch(
      /^KMS key access denied error: User: arn:aws:sts::000000000000:assumed-role\/tower-local-f\/.* kms:Decrypt/,
    );
  });

  it('S3: 403 AccessDenied for a bucket policy deny', async () => {
    const client = new S3Client({
      region,
      credentials,
      endpoint: await proxy('s3', true),
      forcePathStyle: true,
      maxAttempts: 1,
    });
    const error = await client
      .send(new GetObjectCommand({ Bucket: 'data', Key: 'secret/a.pdf' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  // SQS API Reference, SendMessage errors: KmsAccessDenied (KMS.AccessDeniedException).
  it('SQS: KmsAccessDenied when the queue key denies the sender', async () => {
    const client = new SQSClient({
      region,
      credentials,
      endpoint: await proxy('sqs', false),
      maxAttempts: 1,
    });
    const error = await client
      .send(new SendMessageCommand({ QueueUrl: `${upstream.url}/${account}/work`, MessageBody: 'x' }))
      .catch((e: unknown) => e);
    expect((error as { name: string }).name).toMatch(/KmsAccessDenied|KMS.AccessDeniedException/);
  });

  // Developer Guide, "Using IAM with DynamoDB transactions": Put, Update, Delete and Get inside a
  // transaction are authorised as PutItem, UpdateItem, DeleteItem and GetItem, ConditionCheck as
  // dynamodb:ConditionCheckItem; there is no permission of the transaction's own to grant.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
  it('DynamoDB: authorises each action inside a TransactWriteItems as its own call, denying the whole on one', async () => {
    // Prepare: the role may put into the table, never update it.
    const client = new DynamoDBClient({
      region,
      credentials,
      endpoint: await proxy('dynamodb', true),
      maxAttempts: 1,
    });
    const put = { Put: { TableName: 'docs', Item: { id: { S: '1' } } } };
    const update = {
      Update: {
        TableName: 'docs',
        Key: { id: { S: '2' } },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      },
    };

    // Act
    const allowed = client.send(new TransactWriteItemsCommand({ TransactItems: [put] }));
    const denied = await client
      .send(new TransactWriteItemsCommand({ TransactItems: [put, update] }))
      .catch((e: unknown) => e);

    // Assess
    await expect(allowed).resolves.toBeDefined();
    expect(denied).toMatchObject({ name: 'AccessDeniedException' });
    expect((denied as Error).message).toMatch(
      /is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table\/docs/,
    );
  });

  it('passes an allowed call through to the service', async () => {
    const client = new DynamoDBClient({
      region,
      credentials,
      endpoint: await proxy('dynamodb', true),
      maxAttempts: 1,
    });
    await expect(
      client.send(new PutItemCommand({ TableName: 'docs', Item: { id: { S: '1' } } })),
    ).resolves.toBeDefined();
  });
});
