import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../../local/emulators/dynamodb-local.ts';
import { localCredentials } from '../../../local/runtime/clients.ts';
import { statusFor } from '../support/host-status.ts';

const dir = mkdtempSync(join(tmpdir(), 'tower-dynamodb-local-'));
const dataDir = join(dir, 'dynamodb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const client = (url: string, region: string) =>
  new DynamoDBClient({ region, endpoint: url, credentials: localCredentials });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
    if (!alive(pid)) return true;
  return !alive(pid);
}

describe("AWS's DynamoDB Local on loopback", () => {
  it('keeps tables under -dbPath, and close() leaves no JVM behind', async () => {
    const local = await startDynamoDbLocal({ directory: dataDir });
    expect(new URL(local.url).hostname).toBe('127.0.0.1');
    const db = client(local.url, 'eu-west-1');
    await db.send(
      new CreateTableCommand({
        TableName: 'kept',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await db.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'a' }, v: { S: 'before' } } }));
    db.destroy();
    await local.close();
    expect(alive(local.pid)).toBe(false);
  });

  it('serves the same tables after a restart, to any region (-sharedDb), refuses other hosts, and dies with its parent', async () => {
    // A child process starts it, so the test can kill the parent the way a crash would.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'support/dynamodb-local-child.ts'), dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = await createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((r) => [String(r.value)]);
    const { url, pid } = JSON.parse(line ?? '{}') as { url: string; pid: number };
    try {
      // Another region than the table was made in: -sharedDb keeps one database for every client.
      const item = await client(url, 'us-west-2').send(
        new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'a' } }, ConsistentRead: true }),
      );
      expect(item.Item?.v).toEqual({ S: 'before' });
      expect(await statusFor(url, 'attacker.example')).toBe(403);
      expect(await statusFor(url, '127.0.0.1', 'https://attacker.example')).toBe(403);
    } finally {
      child.kill('SIGKILL');
    }
    // Its stdin pipe closes with the parent: the JVM stops on its own.
    expect(await gone(pid, 20_000)).toBe(true);
  });
});
