import { readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ConditionalWrites } from './s3-conditional.ts';
import { compareKeys, keyOfDiskName, objectSuffix, resourceMarker, resourcePath } from './s3-keys.ts';

interface ObjectMetadata {
  readonly [name: string]: unknown;
}

interface ListOptions {
  readonly delimiter?: string;
  readonly startAfter?: string;
  readonly prefix?: string;
  readonly maxKeys?: number;
}

/** The part of s3rver's FilesystemStore this store builds on (the package ships no types). */
interface FilesystemStore {
  readonly rootDirectory: string;
  getBucketPath(bucket: string): string;
  getMetadata(bucket: string, key: string): Promise<ObjectMetadata>;
}

type StoreConstructor = new (rootDirectory: string) => FilesystemStore;
type S3ObjectConstructor = new (
  bucket: string,
  key: string,
  content: null,
  metadata: ObjectMetadata,
) => unknown;

const load = createRequire(import.meta.url);
const BaseStore = load('s3rver/lib/stores/filesystem') as StoreConstructor;
const S3Object = load('s3rver/lib/models/object') as S3ObjectConstructor;

/**
 * s3rver's filesystem store with keys stored verbatim (see s3-keys.ts): s3rver maps a key to a path,
 * so `..` in a key wrote outside the bucket and `a//b` was `a/b`. Listing reads keys back from the
 * file names and orders them as S3 does.
 */
export class VerbatimKeyStore extends BaseStore {
  private readonly conditional = new ConditionalWrites(async (bucket, key) => {
    try {
      const etag = (await this.getMetadata(bucket, key)).etag;
      return typeof etag === 'string' ? etag : '';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  });

  /** Called by the (patched) PutObject, CompleteMultipartUpload and DeleteObject controllers around the store write. */
  writeConditionally<T>(
    bucket: string,
    key: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    write: () => Promise<T>,
  ): Promise<T> {
    return this.conditional.write(bucket, key, headers, write);
  }

  getResourcePath(bucket: string, key = '', resource = ''): string {
    return resourcePath(this.rootDirectory, bucket, key, resource);
  }

  /** Every key in a bucket, in S3's order. */
  keys(bucket: string): string[] {
    const bucketPath = this.getBucketPath(bucket);
    let entries: string[];
    try {
      entries = readdirSync(bucketPath, { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    return entries
      .filter((entry) => entry.endsWith(objectSuffix) && !entry.includes(`${resourceMarker}uploads`))
      .map((entry) => keyOfDiskName(entry.slice(0, -objectSuffix.length)))
      .sort(compareKeys);
  }

  async listObjects(bucket: string, options: ListOptions) {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Number.POSITIVE_INFINITY } = options;
    const commonPrefixes = new Set<string>();
    const keys: string[] = [];
    let isTruncated = false;
    for (const key of this.keys(bucket)) {
      if (compareKeys(key, startAfter) <= 0 || !key.startsWith(prefix)) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
        continue;
      }
      if (keys.length === maxKeys) {
        isTruncated = true;
        break;
      }
      keys.push(key);
    }
    const objects = [];
    for (const key of keys) {
      // An object deleted while the listing ran is left out, as s3rver does.
      const metadata = await this.getMetadata(bucket, key).catch(() => undefined);
      if (metadata) objects.push(new S3Object(bucket, key, null, metadata));
    }
    return { objects, commonPrefixes: [...commonPrefixes].sort(compareKeys), isTruncated };
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    for (const file of [
      objectPath,
      `${objectPath}.md5`,
      this.getResourcePath(bucket, key, 'metadata.json'),
    ]) {
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    removeEmptyParents(dirname(objectPath), this.getBucketPath(bucket));
  }
}

/** Removes the empty directories a long key's pieces left, up to (not including) the bucket directory. */
function removeEmptyParents(dir: string, bucketPath: string): void {
  let current = dir;
  while (relative(bucketPath, current) !== '' && !relative(bucketPath, current).startsWith('..')) {
    try {
      if (!statSync(current).isDirectory() || readdirSync(current).length > 0) return;
      rmdirSync(current);
    } catch {
      return;
    }
    current = join(current, '..');
  }
}
