import { join, sep } from 'node:path';
import { percentDecode, percentEncode } from '../runtime/safe-names.ts';

/**
 * How the local S3 lays object keys out on disk. S3 keys are flat, verbatim strings (`invoices/../x.pdf`
 * is a key under `invoices/`, `a//b` and `a/b` are two keys), so a key is never a path: every byte
 * outside `A-Z a-z 0-9 _ -` is percent-encoded (`/` and `.` included, so no name is `.`, `..` or holds a
 * separator), and the result is cut into pieces of at most 200 characters (file names stop at 255 bytes;
 * an S3 key may be 1,024 bytes). The mapping is one-to-one, so listing reads keys back from file names.
 *
 * @example diskName('invoices/../x.pdf') === 'invoices%2F%2E%2E%2Fx%2Epdf'
 */

/** Where the buckets live under the S3 data directory; `_` cannot start a bucket name, so no bucket collides. */
export const bucketsDirName = '_buckets';

/** s3rver's names for an object's files: `<name>._S3rver_object`, `.md5`, `<name>._S3rver_metadata.json`. */
export const resourceMarker = '._S3rver_';
export const objectSuffix = `${resourceMarker}object`;
export const metadataSuffix = `${resourceMarker}metadata.json`;

const pieceLength = 200;

/** The key's on-disk name: percent-encoded UTF-8, in pieces joined by `/`. The empty key (bucket-level files) stays empty. */
export function diskName(key: string): string {
  const encoded = percentEncode(key);
  const pieces: string[] = [];
  for (let i = 0; i < encoded.length; i += pieceLength) pieces.push(encoded.slice(i, i + pieceLength));
  return pieces.join('/');
}

/** The key a disk name (relative to its bucket directory, either separator) stands for. */
export function keyOfDiskName(name: string): string {
  try {
    return percentDecode(name.split(sep).join('').split('/').join(''));
  } catch {
    throw new Error(`not a local S3 disk name: ${name}`);
  }
}

/** The path of one of a key's files (`resource` is s3rver's: `object`, `metadata.json`, `uploads`, …). */
export function resourcePath(bucketsDir: string, bucket: string, key: string, resource: string): string {
  return join(bucketsDir, bucket, `${diskName(key)}${resourceMarker}${resource}`);
}

/** S3 lists keys in UTF-8 binary order, which differs from UTF-16 order for characters past U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
