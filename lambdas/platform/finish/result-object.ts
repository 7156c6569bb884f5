import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3 } from '../data/client.ts';
import { TransientError } from '../shared/errors.ts';
import { sha256Hex } from '../shared/hash.ts';
import { httpStatusOf } from '../shared/http-status.ts';

/** What a create-only write found: it wrote, or an object was already under the key. */
export type CreateOutcome =
  | { readonly written: true }
  | { readonly written: false; readonly body: string; readonly etag: string };

/** The result objects port: a create-only write and a compare-and-swap replace (S3 conditional writes). */
export interface ResultObjects {
  /** Writes `body` under `key` only if no object is there; otherwise returns what is there. */
  create(key: string, body: string): Promise<CreateOutcome>;
  /** Replaces the object under `key` only if it still has `etag`; false when it changed or vanished. */
  replace(key: string, body: string, etag: string): Promise<boolean>;
}

/** How the result write ended: written now, found already written (by hash), or a foreign object replaced. */
export type ResultWrite = 'written' | 'found' | 'replaced';

/**
 * Writes a document's result once. An object already under the key is this document's recorded result
 * when its hash is the one recorded before the write (a re-run after a crash: nothing is written); any
 * other object (left by an execution that no longer owns the document) is replaced, only if unchanged
 * since it was read.
 */
export async function writeResultOnce(
  objects: ResultObjects,
  key: string,
  body: string,
  recordedHash: string,
): Promise<ResultWrite> {
  const created = await objects.create(key, body);
  if (created.written) return 'written';
  if (sha256Hex(created.body) === recordedHash) return 'found';
  if (await objects.replace(key, body, created.etag)) return 'replaced';
  throw new TransientError(`result ${key} changed while it was being replaced; retry`);
}

/**
 * S3 adapter (User Guide, "How to prevent object overwrites with conditional writes"): `IfNoneMatch: *`
 * creates, `IfMatch: <etag>` replaces; 412 PreconditionFailed means the condition did not hold, 409
 * ConditionalRequestConflict a concurrent write (retried). Needs s3:PutObject and s3:GetObject.
 */
export class S3ResultObjects implements ResultObjects {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Client = s3,
  ) {}

  async create(key: string, body: string): Promise<CreateOutcome> {
    try {
      await this.put(key, body, { IfNoneMatch: '*' });
      return { written: true };
    } catch (error) {
      if (httpStatusOf(error) !== 412) throw conflictAsTransient(error, key);
    }
    try {
      const existing = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        written: false,
        body: (await existing.Body?.transformToString('utf-8')) ?? '',
        etag: existing.ETag ?? '',
      };
    } catch (error) {
      // Deleted between the refused write and the read: a retry writes it.
      if (httpStatusOf(error) === 404)
        throw new TransientError(`result ${key} vanished after a refused write`, { cause: error });
      throw error;
    }
  }

  async replace(key: string, body: string, etag: string): Promise<boolean> {
    try {
      await this.put(key, body, { IfMatch: etag });
      return true;
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 412 || status === 404) return false;
      throw conflictAsTransient(error, key);
    }
  }

  private async put(
    key: string,
    body: string,
    condition: { readonly IfNoneMatch: '*' } | { readonly IfMatch: string },
  ): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        ...condition,
      }),
    );
  }
}

function conflictAsTransient(error: unknown, key: string): unknown {
  if (httpStatusOf(error) !== 409) return error;
  return new TransientError(`a concurrent write of ${key} conflicted (409 ConditionalRequestConflict)`, {
    cause: error,
  });
}
