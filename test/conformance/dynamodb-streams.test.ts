import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName, eventually } from './support/eventually.ts';
import { createTable } from './support/resources.ts';
import { type ConformanceTarget, openTarget, type PolicyStatement } from './support/target.ts';

// Developer Guide, "Change data capture for DynamoDB Streams": each item change writes one stream record
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
// API Reference, StreamSpecification: NEW_AND_OLD_IMAGES writes the item as it was and as it is
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html
// API Reference (Streams), Record / StreamRecord: eventName INSERT, MODIFY or REMOVE, with the images
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
// Service Authorization Reference, DynamoDB: DescribeStream, GetShardIterator and GetRecords each need
// their own action on the stream resource
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html

let target: ConformanceTarget;
let table: string;
let streamArn: string;

beforeAll(async () => {
  target = await openTarget();
  const created = await createTable(target, 'streams', undefined, 'NEW_AND_OLD_IMAGES');
  table = created.name;
  streamArn = created.streamArn ?? '';
});
afterAll(() => target.close());

/** Every record the stream holds so far, shard by shard from the oldest (a few pages per open shard). */
async function allRecords(streams = target.clients().dynamodbStreams): Promise<StreamRecord[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: StreamRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    // An open shard hands out a next iterator forever: stop at the first empty page.
    for (let page = 0; iterator && page < 10; page += 1) {
      const got = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(got.Records ?? []));
      if ((got.Records ?? []).length === 0) break;
      iterator = got.NextShardIterator;
    }
  }
  return records;
}

describe('DynamoDB Streams with NEW_AND_OLD_IMAGES', () => {
  it('gives the table a stream ARN', () => {
    expect(streamArn).toMatch(/^arn:aws[a-z-]*:dynamodb:[^:]+:\d{12}:table\/.+\/stream\/.+/);
  });

  it('records a put, an update and a delete in order, each with its old and new images', async () => {
    const db = target.clients().dynamodb;
    const key = { pk: { S: 'watched' } };
    await db.send(new PutItemCommand({ TableName: table, Item: { ...key, state: { S: 'received' } } }));
    await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':s': { S: 'approved' } },
      }),
    );
    await db.send(new DeleteItemCommand({ TableName: table, Key: key }));

    const records = await eventually(async () => {
      const mine = (await allRecords()).filter((r) => r.dynamodb?.Keys?.pk?.S === 'watched');
      return mine.length >= 3 ? mine : undefined;
    }, 'three stream records of the watched item');
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records.map((r) => r.dynamodb);
    expect(records.every((r) => r.dynamodb?.StreamViewType === 'NEW_AND_OLD_IMAGES')).toBe(true);
    expect(insert?.OldImage).toBeUndefined();
    expect(insert?.NewImage).toEqual({ ...key, state: { S: 'received' } });
    expect(modify?.OldImage).toEqual({ ...key, state: { S: 'received' } });
    expect(modify?.NewImage).toEqual({ ...key, state: { S: 'approved' } });
    expect(remove?.OldImage).toEqual({ ...key, state: { S: 'approved' } });
    expect(remove?.NewImage).toBeUndefined();
  });
});

describe('DynamoDB Streams permissions', () => {
  const grant = (actions: string[]): PolicyStatement[] => [
    { Effect: 'Allow', Action: actions, Resource: streamArn },
  ];

  it('reads records with GetRecords granted on the stream, and is denied GetRecords without it', async () => {
    await target
      .clients()
      .dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'permitted' } } }));
    const reader = await target.createPrincipal(
      'streams-reader',
      grant(['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords']),
    );
    const withoutRecords = await target.createPrincipal(
      'streams-no-records',
      grant(['dynamodb:DescribeStream', 'dynamodb:GetShardIterator']),
    );

    const records = await eventually(async () => {
      const read = await allRecords(reader.dynamodbStreams);
      return read.some((r) => r.dynamodb?.Keys?.pk?.S === 'permitted') ? read : undefined;
    }, 'the permitted item in the stream, read by streams-reader');
    expect(records.length).toBeGreaterThan(0);
    expect(await allRecords(withoutRecords.dynamodbStreams).then(() => 'no error', errorName)).toBe(
      'AccessDeniedException',
    );
  });
});
