import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbNamespace } from '../../../local/emulators/dynamodb-namespace.ts';
import type { Listening } from '../../../local/http/json-server.ts';
import { localCredentials } from '../../../local/runtime/clients.ts';
import { sharedDynamoDb } from '../../support/shared-dynamodb.ts';

// DynamoDB Local without -sharedDb keeps one database per access key id and region (DynamoDB local
// usage notes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html);
// a namespace front signs every request with its namespace's key, so runtimes sharing one JVM are apart.

const fronts: Listening[] = [];
afterAll(async () => {
  for (const front of fronts) await front.close();
});
async function front(namespace: string): Promise<{ db: DynamoDBClient; streams: DynamoDBStreamsClient }> {
  const started = await startDynamoDbNamespace(sharedDynamoDb(), namespace);
  fronts.push(started);
  // Every local client signs with the same key; the front decides whose database it is.
  const config = { region: 'us-east-1', endpoint: started.url, credentials: localCredentials };
  return { db: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

describe('a namespace on the shared DynamoDB Local', () => {
  it('keeps its tables and streams from other namespaces, and finds them again under the same namespace', async () => {
    // Prepare
    const suffix = `${process.pid}-${Date.now()}`;
    const mine = await front(`/tmp/data-a-${suffix}`);
    const theirs = await front(`/tmp/data-b-${suffix}`);
    await mine.db.send(
      new CreateTableCommand({
        TableName: 'documents',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
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
});
