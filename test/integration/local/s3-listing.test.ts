import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPool } from '../../../bin/reliability/driver.ts';
import { type LocalS3, startS3 } from '../../../local/emulators/s3.ts';

// s3rver paginates with a DES-encrypted token, which OpenSSL 3 refuses: patches/s3rver+3.7.1.patch.
describe('local S3 listing past one page', () => {
  const bucket = 'listing-test';
  const count = 1050;
  let dir: string;
  let s3: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tower-s3-listing-'));
    s3 = await startS3(dir);
    client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await inPool(
      Array.from({ length: count }, (_, i) => `results/invoice/${String(i).padStart(5, '0')}.json`),
      32,
      async (key) => {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}' }));
      },
    );
  });

  afterAll(async () => {
    client.destroy();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages through every key with continuation tokens', async () => {
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: 'results/', ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      token = page.NextContinuationToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(new Set(keys).size).toBe(count);
  });

  it('answers a token it did not issue as an incorrect argument, not a server error', async () => {
    const forged = Buffer.alloc(48, 7).toString('base64');
    await expect(
      client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: forged })),
    ).rejects.toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
  });
});
