import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { TextractClient } from '@aws-sdk/client-textract';
import { expenseReader } from '../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import { startTextractServer, type TextractServer } from '../../../../../local/emulators/textract/index.ts';

/**
 * s3rver and the local Textract on 127.0.0.1 with real SDK clients, for tests that go through the
 * wire. Nothing listens beyond loopback; `close()` stops both servers and removes the S3 directory.
 */

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

// s3rver ships no types; only the two methods used here are declared.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const region = 'us-east-1';

export interface Loopback {
  readonly bucket: string;
  readonly s3: S3Client;
  readonly textract: TextractClient;
  readonly textractServer: TextractServer;
  put(key: string, bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  const directory = await mkdtemp(join(tmpdir(), 'tower-textract-s3-'));
  const s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  const { port } = await s3rver.run();
  // s3rver stores streamed uploads corrupted unless checksums are only sent when required.
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const bucket = 'intake';
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const textractServer = await startTextractServer({ s3, reader: expenseReader });
  const textract = new TextractClient({
    endpoint: textractServer.endpoint,
    region,
    credentials,
    maxAttempts: 1,
  });
  return {
    bucket,
    s3,
    textract,
    textractServer,
    put: async (key, bytes) => {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }),
      );
    },
    close: async () => {
      textract.destroy();
      s3.destroy();
      await textractServer.stop();
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
