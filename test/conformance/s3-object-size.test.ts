import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName, retrying } from './support/eventually.ts';
import { createBucket } from './support/resources.ts';
import { type ConformanceTarget, openTarget, type TargetClients } from './support/target.ts';

// Amazon S3 User Guide, "Uploading objects" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html):
// "With a single PUT operation, you can upload a single object up to 5 GB in size"; beyond that,
// multipart upload ("Amazon S3 multipart upload limits",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html: parts of 5 MiB to 5 GiB).
// So 100 MB is an ordinary single PUT, and a principal's calls carry it whole; locally they pass the
// IAM proxy, which must stream it rather than hold it (it refused bodies over 16 MiB before).

const mib = 1024 * 1024;
const objectSize = 100 * mib;

let target: ConformanceTarget;
let bucket: string;
let writer: TargetClients;

beforeAll(async () => {
  target = await openTarget();
  bucket = await createBucket(target, 'large-objects');
  writer = await target.createPrincipal('large-object-writer', [
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `arn:aws:s3:::${bucket}/large/*` },
  ]);
}, 180_000);
afterAll(() => target.close());

/** `size` bytes of one random MiB repeated, streamed (never held whole), and their SHA-256. */
function streamOf(size: number): { body: () => Readable; sha256: string } {
  const block = randomBytes(mib);
  const chunks = function* () {
    for (let sent = 0; sent < size; sent += mib) yield block.subarray(0, Math.min(mib, size - sent));
  };
  const hash = createHash('sha256');
  for (const chunk of chunks()) hash.update(chunk);
  return { body: () => Readable.from(chunks()), sha256: hash.digest('hex') };
}

async function sha256Of(body: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk);
  return hash.digest('hex');
}

// A new role's grants reach S3 within seconds on AWS (IAM User Guide, "Troubleshooting IAM").
const granted = <T>(call: () => Promise<T>) => retrying(call, (e) => errorName(e) === 'AccessDenied');

describe('S3 object size', () => {
  it('puts a 100 MB object in one streamed PUT and gets back the same bytes', async () => {
    // Prepare
    const object = streamOf(objectSize);
    const key = 'large/100-mb.bin';
    // Act
    const started = performance.now();
    await granted(() =>
      writer.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: object.body(), ContentLength: objectSize }),
      ),
    );
    const put = performance.now() - started;
    const got = await writer.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const read = await sha256Of(got.Body as AsyncIterable<Uint8Array>);
    // Assess
    expect(got.ContentLength).toBe(objectSize);
    expect(read).toBe(object.sha256);
    const head = await target.clients().s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(objectSize);
    process.stdout.write(
      `s3-object-size (${target.kind}): 100 MB put ${(put / 1000).toFixed(1)} s, put and get ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });

  it('answers a large PUT the principal may not make with 403 AccessDenied, not a broken connection', async () => {
    // Prepare: outside large/, where the writer has no grant
    const object = streamOf(20 * mib);
    // Act
    const error = await writer.s3
      .send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'elsewhere/20-mb.bin',
          Body: object.body(),
          ContentLength: 20 * mib,
        }),
      )
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });
});
