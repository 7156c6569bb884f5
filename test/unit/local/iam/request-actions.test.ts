import { describe, expect, it } from 'vitest';
import { requiredCalls } from '../../../../local/iam/request-actions.ts';
import type { EndpointRequest, MappingScope } from '../../../../local/iam/requests.ts';

const key = 'arn:aws:kms:us-east-1:000000000000:key/k';
const table = 'arn:aws:dynamodb:us-east-1:000000000000:table/docs';
const queue = 'arn:aws:sqs:us-east-1:000000000000:intake';
const scope: MappingScope = {
  region: 'us-east-1',
  account: '000000000000',
  encryptionKeyOf: (arn) => ([table, queue, 'arn:aws:s3:::data'].includes(arn) ? key : undefined),
  sesSandbox: true,
};
const json = (target: string, body: unknown): EndpointRequest => ({
  method: 'POST',
  url: '/',
  headers: { 'x-amz-target': target },
  body: Buffer.from(JSON.stringify(body)),
});
const rest = (
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body = '',
): EndpointRequest => ({
  method,
  url,
  headers,
  body: Buffer.from(body),
});
const actions = (calls: ReturnType<typeof requiredCalls>) => calls.map((c) => [c.action, c.resource]);
const via = { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com', 'kms:CallerAccount': '000000000000' };

describe('request → (action, resource)', () => {
  // KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS": Decrypt with the caller's credentials on
  // every data-plane call of a table with a customer managed key.
  it('DynamoDB: the table (or index) and kms:Decrypt on its key for data-plane calls', () => {
    expect(
      requiredCalls('dynamodb', json('DynamoDB_20120810.PutItem', { TableName: 'docs' }), scope),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: table },
      { action: 'kms:Decrypt', resource: key, kind: 'kms', context: via },
    ]);
    expect(
      actions(
        requiredCalls(
          'dynamodb',
          json('DynamoDB_20120810.Query', { TableName: 'docs', IndexName: 'byStatus' }),
          scope,
        ),
      ),
    ).toEqual([
      ['dynamodb:Query', `${table}/index/byStatus`],
      ['kms:Decrypt', key],
    ]);
    expect(
      actions(
        requiredCalls('dynamodb', json('DynamoDB_20120810.DescribeTable', { TableName: 'docs' }), scope),
      ),
    ).toEqual([['dynamodb:DescribeTable', table]]);
  });

  it('DynamoDB: batch and transaction items each name their table and action', () => {
    const batch = json('DynamoDB_20120810.BatchWriteItem', { RequestItems: { docs: [], other: [] } });
    expect(actions(requiredCalls('dynamodb', batch, scope)).map(([a]) => a)).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:BatchWriteItem',
      'kms:Decrypt',
    ]);
    const transaction = json('DynamoDB_20120810.TransactWriteItems', {
      TransactItems: [{ Put: { TableName: 'docs' } }, { ConditionCheck: { TableName: 'docs' } }],
    });
    expect(actions(requiredCalls('dynamodb', transaction, scope))).toEqual([
      ['dynamodb:PutItem', table],
      ['dynamodb:ConditionCheckItem', table],
      ['kms:Decrypt', key],
    ]);
  });

  // Service Authorization Reference, DynamoDB: DescribeStream, GetShardIterator and GetRecords on the
  // stream resource, ListStreams on none (`*`).
  //   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
  // A shard iterator begins with its stream's ARN and `|` (the example in
  //   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html).
  it('DynamoDB Streams on DynamoDB’s endpoint: each call on its stream', () => {
    // Prepare
    const stream = `${table}/stream/2026-01-01T00:00:00.000`;
    const streams = (operation: string, body: unknown) =>
      actions(requiredCalls('dynamodb', json(`DynamoDBStreams_20120810.${operation}`, body), scope));

    // Act, Assess
    expect(streams('DescribeStream', { StreamArn: stream })).toEqual([['dynamodb:DescribeStream', stream]]);
    expect(streams('GetShardIterator', { StreamArn: stream, ShardId: 's' })).toEqual([
      ['dynamodb:GetShardIterator', stream],
    ]);
    expect(streams('GetRecords', { ShardIterator: `${stream}|001|c2hhcmQ=` })).toEqual([
      ['dynamodb:GetRecords', stream],
    ]);
    expect(streams('ListStreams', { TableName: 'docs' })).toEqual([['dynamodb:ListStreams', '*']]);
    // An iterator that names no stream is evaluated on `*`, which no stream grant matches.
    expect(streams('GetRecords', { ShardIterator: 'opaque' })).toEqual([['dynamodb:GetRecords', '*']]);
  });

  // S3 User Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)": GenerateDataKey to
  // upload, Decrypt to download.
  it('S3: object actions with the key the bucket encrypts with, keys verbatim', () => {
    expect(actions(requiredCalls('s3', rest('PUT', '/data/invoices/a%2F..%2F..%2Fx.pdf'), scope))).toEqual([
      ['s3:PutObject', 'arn:aws:s3:::data/invoices/a/../../x.pdf'],
      ['kms:GenerateDataKey', key],
    ]);
    expect(actions(requiredCalls('s3', rest('GET', '/data/invoices/../x.pdf'), scope))).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::data/invoices/../x.pdf'],
      ['kms:Decrypt', key],
    ]);
    expect(actions(requiredCalls('s3', rest('GET', '/data/results/r.json?versionId=v1'), scope))).toEqual([
      ['s3:GetObjectVersion', 'arn:aws:s3:::data/results/r.json'],
      ['kms:Decrypt', key],
    ]);
    expect(actions(requiredCalls('s3', rest('HEAD', '/data/results/r.json'), scope))).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::data/results/r.json'],
    ]);
    expect(requiredCalls('s3', rest('GET', '/data?list-type=2&prefix=invoices%2F'), scope)).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::data', context: { 's3:prefix': 'invoices/' } },
    ]);
    expect(actions(requiredCalls('s3', rest('DELETE', '/data/q/x'), scope))).toEqual([
      ['s3:DeleteObject', 'arn:aws:s3:::data/q/x'],
    ]);
  });

  // SQS Developer Guide, "Amazon SQS key management": producers need GenerateDataKey and Decrypt.
  it('SQS: the queue from its URL, batch actions as their single action, the key for sends', () => {
    const send = json('AmazonSQS.SendMessageBatch', { QueueUrl: 'http://127.0.0.1:1/000000000000/intake' });
    expect(actions(requiredCalls('sqs', send, scope))).toEqual([
      ['sqs:SendMessage', queue],
      ['kms:GenerateDataKey', key],
      ['kms:Decrypt', key],
    ]);
    const receive = json('AmazonSQS.ReceiveMessage', { QueueUrl: 'http://127.0.0.1:1/000000000000/intake' });
    expect(actions(requiredCalls('sqs', receive, scope))).toEqual([
      ['sqs:ReceiveMessage', queue],
      ['kms:Decrypt', key],
    ]);
  });

  it('SNS on the shared endpoint: query-protocol Publish on the topic', () => {
    const publish = rest(
      'POST',
      '/',
      {},
      'Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At&Message=x',
    );
    expect(actions(requiredCalls('sqs', publish, scope))).toEqual([
      ['sns:Publish', 'arn:aws:sns:us-east-1:000000000000:t'],
    ]);
  });

  // Service Authorization Reference, "Actions, resources, and condition keys for AWS Step Functions":
  // SendTask* have no resource types, so IAM authorises them on `*`.
  it('Step Functions: StartExecution on the state machine, SendTask* on *', () => {
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:m';
    expect(
      actions(requiredCalls('sfn', json('AWSStepFunctions.StartExecution', { stateMachineArn: arn }), scope)),
    ).toEqual([['states:StartExecution', arn]]);
    expect(
      actions(requiredCalls('sfn', json('AWSStepFunctions.SendTaskSuccess', { taskToken: 't' }), scope)),
    ).toEqual([['states:SendTaskSuccess', '*']]);
  });

  it('refuses a service no mapping covers, rather than let its calls through', () => {
    expect(() => requiredCalls('comprehend', json('Comprehend.DetectPiiEntities', {}), scope)).toThrow(
      'IAM: no request mapping for comprehend; its capability must give one',
    );
  });
});
