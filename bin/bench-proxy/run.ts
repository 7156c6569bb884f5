import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3 } from '../../local/emulators/s3.ts';
import { DecisionLog } from '../../local/iam/decisions.ts';
import { IamEvaluator } from '../../local/iam/evaluator.ts';
import { sessionTokenFor } from '../../local/iam/identity.ts';
import { startIamProxy } from '../../local/iam/proxy.ts';
import { RegisteredPolicyModel } from '../../local/iam/registered-model.ts';
import { localCredentials } from '../../local/runtime/clients.ts';

/** One way to the local S3: its figures for one object put and read back. */
export interface TransferFigures {
  readonly path: 'direct' | 'IAM proxy';
  readonly putSeconds: number;
  readonly getSeconds: number;
  /** The process's resident set before the transfer and its highest sample during it (MiB). */
  readonly rssBeforeMiB: number;
  readonly rssPeakMiB: number;
  readonly intact: boolean;
}

const mib = 1024 * 1024;
const region = 'us-east-1';
const account = '000000000000';

/**
 * Puts one object of `sizeMiB` into the local S3 and reads it back, straight and then through the IAM
 * proxy as a role allowed to, streaming both ways; the process's RSS is sampled every 20 ms meanwhile.
 */
export async function runProxyBench(sizeMiB: number): Promise<TransferFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tower-bench-proxy-'));
  const s3 = await startS3(join(dir, 's3'));
  const model = new RegisteredPolicyModel(account, region);
  const roleArn = `arn:aws:iam::${account}:role/bench-writer`;
  model.addRole(roleArn, 'bench writer', [
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::bench/*' },
  ]);
  const scope = { region, account, encryptionKeyOf: () => undefined, sesSandbox: false };
  const proxy = await startIamProxy(s3.url, 's3', new IamEvaluator(model, new DecisionLog([])), scope);
  const client = (endpoint: string, sessionToken?: string) =>
    new S3Client({
      region,
      endpoint,
      forcePathStyle: true,
      credentials: { ...localCredentials, ...(sessionToken ? { sessionToken } : {}) },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  try {
    await client(s3.url).send(new CreateBucketCommand({ Bucket: 'bench' }));
    const block = randomBytes(mib);
    return [
      await transfer('direct', client(s3.url), block, sizeMiB),
      await transfer('IAM proxy', client(proxy.url, sessionTokenFor(roleArn)), block, sizeMiB),
    ];
  } finally {
    await proxy.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function transfer(
  path: TransferFigures['path'],
  s3: S3Client,
  block: Buffer,
  sizeMiB: number,
): Promise<TransferFigures> {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  try {
    const sent = createHash('sha256');
    const chunks = function* () {
      for (let i = 0; i < sizeMiB; i++) {
        sent.update(block);
        yield block;
      }
    };
    const key = `${path.replace(' ', '-')}/${sizeMiB}-mib.bin`;
    const putStarted = performance.now();
    await s3.send(
      new PutObjectCommand({
        Bucket: 'bench',
        Key: key,
        Body: Readable.from(chunks()),
        ContentLength: sizeMiB * mib,
      }),
    );
    const putSeconds = (performance.now() - putStarted) / 1000;
    const getStarted = performance.now();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: key }));
    const read = createHash('sha256');
    for await (const chunk of got.Body as AsyncIterable<Uint8Array>) read.update(chunk);
    const getSeconds = (performance.now() - getStarted) / 1000;
    return {
      path,
      putSeconds,
      getSeconds,
      rssBeforeMiB: rssBefore / mib,
      rssPeakMiB: rssPeak / mib,
      intact: read.digest('hex') === sent.digest('hex'),
    };
  } finally {
    clearInterval(sampler);
  }
}
