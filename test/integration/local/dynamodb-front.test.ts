import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbFront } from '../../../local/emulators/dynamodb-front.ts';
import type { Listening } from '../../../local/http/json-server.ts';
import { localCredentials } from '../../../local/runtime/clients.ts';
import { sharedDynamoDb } from '../../support/shared-dynamodb.ts';

// DynamoDB Local without -sharedDb keeps one database per access key id and region (DynamoDB local
// usage notes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html);
// a namespace front signs every request with its namespace's key, so runtimes sharing one JVM are apart.
// ARNs name the table's region, as AWS's do (API Reference, TableDescription and DescribeStream:
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html);
// DynamoDB Local's own name region `ddblocal`, and the front turns them both ways.

const fronts: Listening[] = [];
afterAll(async () => {
  for (const front of fronts) await front.close();
});
async function front(
  namespace: string,
  region = 'us-east-1',
): Promise<{ db: DynamoDBClient; streams: DynamoDBStreamsClient }> {
  const started = await startDynamoDbFront(sharedDynamoDb(), { namespace });
  fronts.push(started);
  // Every local client signs with the same key; the front decides whose database it is.
  const config = { region, endpoint: started.url, credentials: localCredentials };
  return { db: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

const createWithStream = (db: DynamoDBClient, name: string) =>
  db.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );

describe('the front of the shared DynamoDB Local', () => {
  it('keeps its tables and streams from other namespaces, and finds them again under the same namespace', async () => {
    // Prepare
    const suffix = `${process.pid}-${Date.now()}`;
    const mine = await front(`/tmp/data-a-${suffix}`);
    const theirs = await front(`/tmp/data-b-${suffix}`);
    await createWithStream(mine.db, 'documents');
    await mine.db.send(new PutItemCommand({ TableName: 'documents', Item: { pk: { S: 'doc-1' } } }));

    // Act: the other namespace, and a new front on the first (as a restarted runtime makes)
    const otherTables = (await theirs.db.send(new ListTablesCommand({}))).TableNames;
    const otherStreams = (await theirs.streams.send(new ListStreamsCommand({}))).Streams;
    const again = await front(`/tmp/data-a-${suffix}`);
    const item = await again.db.send(
      new GetItemCommand({ TableName: 'documents', Key: { pk: { S: 'doc-1' } }, ConsistentRead: true }),
    );
    const streams = (await again.streams.send(new ListStreamsCommand({ TableName: 'documents' }))).Streams;

    // Assess
    expect(otherTables).toEqual([]);
    expect(otherStreams).toEqual([]);
    expect(item.Item?.pk).toEqual({ S: 'doc-1' });
    expect(streams?.map((s) => s.TableName)).toEqual(['documents']);
  });

  it('answers with ARNs in the caller’s region, and finds the stream by them', async () => {
    // Prepare
    const { db, streams } = await front(`/tmp/data-arns-${process.pid}-${Date.now()}`, 'eu-central-1');

    // Act
    const created = await createWithStream(db, 'audit');
    const streamArn = created.TableDescription?.LatestStreamArn ?? '';
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shardId = described.StreamDescription?.Shards?.[0]?.ShardId;
    const iterator = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const records = await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));

    // Assess
    expect(created.TableDescription?.TableArn).toBe('arn:aws:dynamodb:eu-central-1:000000000000:table/audit');
    expect(streamArn).toMatch(/^arn:aws:dynamodb:eu-central-1:000000000000:table\/audit\/stream\//);
    expect(described.StreamDescription?.StreamArn).toBe(streamArn);
    expect(iterator.ShardIterator?.startsWith(`${streamArn}|`)).toBe(true);
    expect(records.Records).toEqual([]);
  });
});
