import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBucket } from './support/resources.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// Amazon S3 User Guide, "How to perform conditional deletes"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html): DeleteObject with
// `If-Match: <ETag>` deletes only while the current object has that ETag, else 412 Precondition Failed;
// with If-Match and no object under the key, 404 NoSuchKey. It needs s3:DeleteObject and s3:GetObject.
// The starter relies on it to remove a duplicate's intake object without losing a newer upload.

let target: ConformanceTarget;
let bucket: string;

beforeAll(async () => {
  target = await openTarget();
  bucket = await createBucket(target, 'conditional-deletes');
});
afterAll(() => target.close());

const s3 = () => target.clients().s3;

async function refusal(work: Promise<unknown>): Promise<{ name?: string; status?: number }> {
  try {
    await work;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return { name: (error as { name?: string }).name, status };
  }
  throw new Error('the delete was expected to be refused');
}

const exists = (key: string) =>
  s3()
    .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    .then(async (o) => (await o.Body?.transformToString()) ?? '')
    .catch(() => undefined);

describe('S3 conditional deletes', () => {
  it('deletes with If-Match only the object of that ETag: a replaced object gets 412 and stays', async () => {
    // Prepare
    const key = 'conditional-delete/replaced.pdf';
    const first = await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'first' }));
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'newer upload' }));

    // Act
    const stale = await refusal(
      s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key, IfMatch: first.ETag })),
    );

    // Assess
    expect(stale).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect(await exists(key)).toBe('newer upload');
  });

  it('deletes the object when its ETag matches', async () => {
    // Prepare
    const key = 'conditional-delete/same.pdf';
    const put = await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'same' }));

    // Act
    await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key, IfMatch: put.ETag }));

    // Assess
    expect(await exists(key)).toBeUndefined();
  });

  it('answers 404 NoSuchKey to If-Match on a key with no object', async () => {
    // Act
    const missing = await refusal(
      s3().send(
        new DeleteObjectCommand({ Bucket: bucket, Key: 'conditional-delete/absent.pdf', IfMatch: '"0123"' }),
      ),
    );

    // Assess
    expect(missing).toMatchObject({ name: 'NoSuchKey', status: 404 });
  });
});
