import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDbFront } from '../../local/emulators/dynamodb-front.ts';
import { type DynamoDbLocalOptions, startDynamoDbLocal } from '../../local/emulators/dynamodb-local.ts';
import { localCredentials } from '../../local/runtime/clients.ts';
import { type Percentiles, percentiles } from '../bench/stats.ts';

export const engines = [
  'DynamoDB Local, disk, its JVM alone',
  'DynamoDB Local, disk, behind its front (npm start)',
  'DynamoDB Local, memory, its JVM alone',
  'DynamoDB Local, memory, namespace front (tests)',
] as const;
export type Engine = (typeof engines)[number];
export const operations = ['PutItem', 'GetItem', 'Query', 'UpdateItem (conditional)'] as const;
export type Operation = (typeof operations)[number];

/** One engine's figures: start-up to its first answer, per-call latency, and memory. */
export interface EngineFigures {
  readonly engine: Engine;
  /** Milliseconds from start to answering, one per start. */
  readonly startMs: readonly number[];
  readonly calls: Readonly<Record<Operation, Percentiles>>;
  /** The JVM's resident set after the calls. */
  readonly rssMiB: number;
}

interface Server {
  readonly url: string;
  readonly pid: number;
  close(): Promise<void>;
}

/** Behind a front (dynamodb-front.ts), as npm start runs it and, with a namespace, as the tests do. */
async function behindFront(options: DynamoDbLocalOptions, namespace?: string): Promise<Server> {
  const local = await startDynamoDbLocal(options);
  const front = await startDynamoDbFront(local.url, namespace === undefined ? {} : { namespace });
  return {
    url: front.url,
    pid: local.pid,
    close: async () => {
      await front.close();
      await local.close();
    },
  };
}

// On disk as npm start runs it; in memory, one JVM without -sharedDb, as the tests share it.
const starters: Record<Engine, (dir: string) => Promise<Server>> = {
  'DynamoDB Local, disk, its JVM alone': (dir) => startDynamoDbLocal({ directory: dir }),
  'DynamoDB Local, disk, behind its front (npm start)': (dir) => behindFront({ directory: dir }),
  'DynamoDB Local, memory, its JVM alone': () => startDynamoDbLocal(),
  'DynamoDB Local, memory, namespace front (tests)': (dir) => behindFront({ sharedDb: false }, dir),
};

/** A process's resident set in MiB, from ps (Linux and macOS). */
function rssOf(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

/** Each operation `calls` times in a row on one client, after `calls / 5` unmeasured (JIT, caches). */
async function measureCalls(url: string, calls: number): Promise<Record<Operation, Percentiles>> {
  const db = new DynamoDBClient({ region: 'us-east-1', endpoint: url, credentials: localCredentials });
  await db.send(
    new CreateTableCommand({
      TableName: 'bench',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: db, maxWaitTime: 60 }, { TableName: 'bench' });
  const key = (i: number) => ({ pk: { S: `doc-${i % 20}` }, sk: { S: `item-${i}` } });
  const call: Record<Operation, (i: number) => Promise<unknown>> = {
    PutItem: (i) =>
      db.send(
        new PutItemCommand({
          TableName: 'bench',
          Item: { ...key(i), state: { S: 'received' }, revision: { N: '0' }, body: { S: 'x'.repeat(400) } },
        }),
      ),
    GetItem: (i) => db.send(new GetItemCommand({ TableName: 'bench', Key: key(i), ConsistentRead: true })),
    Query: (i) =>
      db.send(
        new QueryCommand({
          TableName: 'bench',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `doc-${i % 20}` } },
          Limit: 10,
        }),
      ),
    'UpdateItem (conditional)': (i) =>
      db.send(
        new UpdateItemCommand({
          TableName: 'bench',
          Key: key(i),
          UpdateExpression: 'SET #s = :s, revision = revision + :one',
          ConditionExpression: 'attribute_exists(pk) AND #s = :from',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: {
            ':s': { S: 'approved' },
            ':from': { S: 'received' },
            ':one': { N: '1' },
          },
        }),
      ),
  };
  const warm = Math.ceil(calls / 5);
  const figures = {} as Record<Operation, Percentiles>;
  for (const operation of operations) {
    // Warm-up calls use the keys past the measured ones (PutItem's warm-up wrote them in state 'received').
    for (let i = 0; i < warm; i += 1) await call[operation](calls + i);
    const samples: number[] = [];
    for (let i = 0; i < calls; i += 1) samples.push(await timed(() => call[operation](i)));
    figures[operation] = percentiles(samples);
  }
  db.destroy();
  return figures;
}

/** Starts `engine` `starts` times on a fresh data directory each; measures calls on the last start. */
export async function benchEngine(engine: Engine, starts: number, calls: number): Promise<EngineFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tower-bench-dynamodb-'));
  const startMs: number[] = [];
  try {
    for (let s = 0; s < starts - 1; s += 1) {
      const begin = performance.now();
      const server = await starters[engine](join(dir, `start-${s}`));
      startMs.push(performance.now() - begin);
      await server.close();
    }
    const begin = performance.now();
    const server = await starters[engine](join(dir, 'measured'));
    startMs.push(performance.now() - begin);
    try {
      const figures = await measureCalls(server.url, calls);
      return { engine, startMs, calls: figures, rssMiB: rssOf(server.pid) };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
