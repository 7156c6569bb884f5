import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPool } from '../../bin/reliability/driver.ts';
import { knownDifference } from './support/known-difference.ts';
import { createBucket } from './support/resources.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// Amazon S3 User Guide, "Naming Amazon S3 objects": a key is a sequence of Unicode characters (up to
// 1,024 bytes of UTF-8) in a flat namespace; prefixes and `/` only suggest folders. API Reference
// ListObjectsV2: "Returns some or all (up to 1,000) of the objects in a bucket", in UTF-8 binary
// order, with NextContinuationToken while IsTruncated. User Guide, "Retaining multiple versions of
// objects with S3 Versioning": each PUT to a versioned bucket keeps a new version with its own VersionId.

const oddKeys = [
  'invoices/a/../../../../../../../../etc/tower-escape.pdf',
  'invoices/../x.pdf',
  './y.pdf',
  'a/./b.pdf',
  'a//b.pdf',
  'a/b.pdf',
  '//leading.pdf',
  'trailing/',
  'a/%2e%2e/%2e%2e/c.pdf',
  'back\\slash\\..\\..\\z.pdf',
  'ü/ä…/日本語 ☃.pdf',
  '..',
  'plus+and space.pdf',
];

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

let target: ConformanceTarget;
let bucket: string;

beforeAll(async () => {
  target = await openTarget();
  bucket = await createBucket(target, 'keys');
});
afterAll(() => target.close());

const s3 = () => target.clients().s3;

async function listAll(prefix: string): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    token = page.NextContinuationToken;
    pages += 1;
  } while (token);
  return { keys, pages };
}

describe('S3 keys', () => {
  it('stores and lists every key verbatim: ../, ./, //, %2e%2e, backslashes, unicode', async () => {
    await inPool(oddKeys, 8, async (key) => {
      await s3().send(new PutObjectCommand({ Bucket: bucket, Key: `odd/${key}`, Body: key }));
    });
    const { keys } = await listAll('odd/');
    expect(keys).toEqual(oddKeys.map((k) => `odd/${k}`).sort(utf8Order));
    for (const key of oddKeys) {
      const got = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: `odd/${key}` }));
      expect(await got.Body?.transformToString()).toBe(key);
    }
  });

  it('lists a prefix literally: `odd/invoices/` holds the keys that start with it, `..` and all', async () => {
    const { keys } = await listAll('odd/invoices/');
    expect(keys).toEqual([
      'odd/invoices/../x.pdf',
      'odd/invoices/a/../../../../../../../../etc/tower-escape.pdf',
    ]);
  });

  it('pages a listing past 1,000 keys with continuation tokens', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `many/${String(i).padStart(4, '0')}.json`);
    await inPool(many, 16, async (key) => {
      await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}' }));
    });
    const first = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'many/' }));
    expect(first).toMatchObject({ IsTruncated: true, KeyCount: 1000 });
    const { keys, pages } = await listAll('many/');
    expect(pages).toBe(2);
    expect(keys).toEqual(many);
  });
});

describe('S3 versions', () => {
  it(
    'keeps each overwrite as a version with its own VersionId',
    knownDifference(
      {
        id: 's3-versions',
        reason:
          's3rver keeps one object per key: PutBucketVersioning is not implemented and PutObject answers no VersionId',
      },
      async () => {
        const versioned = await createBucket(target, 'versions');
        await s3().send(
          new PutBucketVersioningCommand({
            Bucket: versioned,
            VersioningConfiguration: { Status: 'Enabled' },
          }),
        );
        const one = await s3().send(new PutObjectCommand({ Bucket: versioned, Key: 'doc.pdf', Body: 'one' }));
        const two = await s3().send(new PutObjectCommand({ Bucket: versioned, Key: 'doc.pdf', Body: 'two' }));
        expect(one.VersionId).toBeTruthy();
        expect(two.VersionId).not.toBe(one.VersionId);
        const old = await s3().send(
          new GetObjectCommand({ Bucket: versioned, Key: 'doc.pdf', VersionId: one.VersionId }),
        );
        expect(await old.Body?.transformToString()).toBe('one');
        const listed = await s3().send(
          new ListObjectVersionsCommand({ Bucket: versioned, Prefix: 'doc.pdf' }),
        );
        expect(listed.Versions?.map((v) => v.VersionId).sort()).toEqual(
          [one.VersionId, two.VersionId].sort(),
        );
      },
    ),
  );
});

// Amazon S3 User Guide, "How to prevent object overwrites with conditional writes"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html) and API Reference
// PutObject / CompleteMultipartUpload (`IfNoneMatch`, `IfMatch`): `If-None-Match: *` uploads only when
// the key does not exist, else 412 Precondition Failed; `If-Match: <etag>` only when the object's ETag
// matches, else 412 (404 NoSuchKey when there is no object); a conflicting concurrent write answers
// 409 ConditionalRequestConflict. If-None-Match needs s3:PutObject; If-Match needs s3:PutObject and s3:GetObject.

const statusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

async function refusal(work: Promise<unknown>): Promise<{ name?: string; status?: number }> {
  try {
    await work;
  } catch (error) {
    return { name: (error as { name?: string }).name, status: statusOf(error) };
  }
  throw new Error('the write was expected to be refused');
}

const body = async (key: string) =>
  await s3()
    .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    .then((o) => o.Body?.transformToString());

describe('S3 conditional writes', () => {
  it('writes with If-None-Match: * only while no object has the key; the second gets 412 and changes nothing', async () => {
    const key = 'conditional/once.json';
    const first = await s3().send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'first', IfNoneMatch: '*' }),
    );
    expect(first.ETag).toBeTruthy();

    const second = await refusal(
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'second', IfNoneMatch: '*' })),
    );

    expect(second).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect(await body(key)).toBe('first');
  });

  it('replaces with If-Match only the object of that ETag: a stale ETag gets 412, a missing key 404', async () => {
    const key = 'conditional/swap.json';
    const one = await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'one' }));
    const two = await s3().send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'two', IfMatch: one.ETag }),
    );
    expect(two.ETag).not.toBe(one.ETag);

    const stale = await refusal(
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'three', IfMatch: one.ETag })),
    );
    const missing = await refusal(
      s3().send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'conditional/absent.json',
          Body: 'x',
          IfMatch: one.ETag,
        }),
      ),
    );

    expect(stale).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect(missing).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(await body(key)).toBe('two');
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ETag).toBe(two.ETag);
  });

  it('lets exactly one of many concurrent If-None-Match: * writes of a key through (the others 412 or 409)', async () => {
    const key = 'conditional/race.json';
    const bodies = Array.from({ length: 8 }, (_, i) => `writer-${i}`);

    const outcomes = await Promise.all(
      bodies.map((b) =>
        s3()
          .send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: b, IfNoneMatch: '*' }))
          .then(() => ({ written: b }))
          .catch((error: unknown) => ({ refused: `${(error as Error).name} ${statusOf(error)}` })),
      ),
    );

    const written = outcomes.flatMap((o) => ('written' in o ? [o.written] : []));
    const refused = outcomes.flatMap((o) => ('refused' in o ? [o.refused] : []));
    expect(written).toHaveLength(1);
    for (const r of refused)
      expect(['PreconditionFailed 412', 'ConditionalRequestConflict 409']).toContain(r);
    expect(await body(key)).toBe(written[0]);
  });

  it('completes a multipart upload with If-None-Match: * only when the key is free', async () => {
    const key = 'conditional/multipart.json';
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'already here' }));
    const upload = await s3().send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const part = await s3().send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: upload.UploadId,
        PartNumber: 1,
        Body: 'part',
      }),
    );

    const refused = await refusal(
      s3().send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: upload.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
          IfNoneMatch: '*',
        }),
      ),
    );

    expect(refused).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect(await body(key)).toBe('already here');
  });
});
