import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startS3 } from '../../../local/emulators/s3.ts';

// S3 stores keys verbatim in a flat namespace ("Naming Amazon S3 objects",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html): `invoices/../x.pdf` is a key
// under `invoices/`, never a path, and `a//b` is not `a/b`.
const keys = [
  'invoices/a/../../../../../../../../../../../../tmp/tower-escape.pdf',
  'invoices/../x.pdf',
  './y',
  'a/./b',
  'a//b',
  'a/b',
  '//double-leading',
  'a/%2e%2e/%2e%2e/c',
  'back\\slash\\..\\..\\z',
  'ü/ä…/日本語.pdf',
  '..',
  'trailing/',
];

const client = (url: string) =>
  new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('local S3 stores keys verbatim and writes only inside its data directory', () => {
  const bucket = 'verbatim-keys';
  let sandbox: string;
  let dataDir: string;
  let s3: LocalS3;
  let sdk: S3Client;

  beforeAll(async () => {
    sandbox = mkdtempSync(join(tmpdir(), 'tower-s3-keys-'));
    dataDir = join(sandbox, 'deep', 'data');
    mkdirSync(dataDir, { recursive: true });
    s3 = await startS3(dataDir);
    sdk = client(s3.url);
    await sdk.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const key of keys) await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  });

  afterAll(async () => {
    sdk.destroy();
    await s3.close();
    rmSync(sandbox, { recursive: true, force: true });
  });

  it('lists every key exactly as it was put, in UTF-8 order', async () => {
    const listed = await sdk.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(
      [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
  });

  it.each(keys)('answers GetObject of %s with its own bytes', async (key) => {
    const got = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe(key);
  });

  it('lists a prefix literally: invoices/ holds the keys that start with it, `..` and all', async () => {
    const listed = await sdk.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'invoices/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([
      'invoices/../x.pdf',
      'invoices/a/../../../../../../../../../../../../tmp/tower-escape.pdf',
    ]);
  });

  it('created nothing outside the data directory, and nothing in it outside the bucket', () => {
    expect(filesUnder(sandbox).filter((f) => !f.startsWith(join('deep', 'data')))).toEqual(['deep']);
    const bucketDir = join('_buckets', bucket);
    const outsideBucket = filesUnder(dataDir).filter(
      (f) => f !== '_buckets' && f !== bucketDir && !f.startsWith(`${bucketDir}${sep}`),
    );
    expect(outsideBucket).toEqual([]);
    expect(readdirSync(tmpdir())).not.toContain('tower-escape.pdf._S3rver_object');
  });
});
