import {
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPool } from '../../local/reliability/driver.ts';
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
