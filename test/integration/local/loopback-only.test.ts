import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3 } from '../../../local/emulators/s3.ts';
import { startSes } from '../../../local/emulators/ses.ts';
import { startSqs } from '../../../local/emulators/sqs.ts';
import { startTextractServer } from '../../../local/emulators/textract/server.ts';
import { listenLoopback } from '../../../local/http/json-server.ts';
import { freshDynamoDb, sharedDynamoDb } from '../../support/shared-dynamodb.ts';
import { statusFor } from '../support/host-status.ts';

// The emulators from npm, each reachable on its own port besides the proxies in front of them.
describe('every local endpoint answers only requests addressed to this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tower-loopback-'));
  const endpoints: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const [dynamo, s3, sqs, ses, textract, own] = await Promise.all([
      freshDynamoDb(),
      startS3(join(dir, 's3')),
      startSqs(),
      startSes(),
      startTextractServer(),
      listenLoopback((_req, res) => void res.end('ok')),
    ]);
    Object.assign(endpoints, {
      // A runtime's front, and the DynamoDB Local (a JVM, its own guard) it forwards to.
      dynamodb: dynamo.url,
      'dynamodb-local': sharedDynamoDb(),
      s3: s3.url,
      sqs: sqs.url,
      ses: ses.url,
      textract: textract.endpoint,
      listenLoopback: own.url,
    });
    closers.push(dynamo.close, s3.close, sqs.close, ses.close, textract.stop, own.close);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['dynamodb', 'dynamodb-local', 's3', 'sqs', 'ses', 'textract', 'listenLoopback'])(
    '%s refuses a rebound Host and a foreign Origin with 403, and serves 127.0.0.1',
    async (name) => {
      // Prepare
      const url = endpoints[name] ?? '';
      const port = new URL(url).port;

      // Act
      const rebound = await statusFor(url, `rebind.attacker.example:${port}`);
      const foreign = await statusFor(url, `127.0.0.1:${port}`, 'https://attacker.example');
      const own = await statusFor(url, `127.0.0.1:${port}`);

      // Assess
      expect(rebound).toBe(403);
      expect(foreign).toBe(403);
      expect(own).not.toBe(403);
    },
  );
});
