import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { s3 } from '../data/client.ts';
import { PermanentError } from '../shared/errors.ts';
import { httpStatusOf } from '../shared/http-status.ts';
import type { DocumentRef } from '../shared/workflow.ts';

/** How the copy ended: made now, or found there (an earlier run made it). */
export type CopyOutcome = 'copied' | 'found';

/** The quarantine's objects: a copy made once under its key, and the original's removal. */
export interface QuarantineObjects {
  /** Copies the original to `targetKey` (with metadata) unless an object is already there. */
  copyOnce(source: DocumentRef, targetKey: string, metadata: Record<string, string>): Promise<CopyOutcome>;
  /** Removes the original from the intake prefix; a no-op when it is already gone. */
  remove(source: DocumentRef): Promise<void>;
}

/**
 * S3 adapter: the copy is a create-only write (`IfNoneMatch: *`, 412 when an earlier run made it; User
 * Guide, "How to prevent object overwrites with conditional writes"). Read and write rather than
 * CopyObject: no copy-source encoding to get wrong for keys with `+`, `?` or non-ASCII characters.
 */
export class S3QuarantineObjects implements QuarantineObjects {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Client = s3,
  ) {}

  async copyOnce(
    source: DocumentRef,
    targetKey: string,
    metadata: Record<string, string>,
  ): Promise<CopyOutcome> {
    let original: GetObjectCommandOutput;
    try {
      original = await this.client.send(
        new GetObjectCommand({ Bucket: source.bucket, Key: source.key, VersionId: source.versionId }),
      );
    } catch (error) {
      if (httpStatusOf(error) !== 404) throw error;
      // The original is gone: an earlier run copied and removed it, or nothing is left to keep.
      if (await this.exists(targetKey)) return 'found';
      throw new PermanentError(`${source.key} is gone and was never quarantined`, { cause: error });
    }
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: targetKey,
          Body: original.Body as Readable,
          ContentLength: original.ContentLength,
          ContentType: original.ContentType,
          Metadata: metadata,
          IfNoneMatch: '*',
        }),
      );
      return 'copied';
    } catch (error) {
      // Whatever the write's fate, the read must not stay open (a held connection and file).
      (original.Body as Readable | undefined)?.destroy?.();
      if (httpStatusOf(error) !== 412) throw error;
      return 'found';
    }
  }

  async remove(source: DocumentRef): Promise<void> {
    // On a versioned bucket this only adds a delete marker: the original version is kept.
    await this.client.send(new DeleteObjectCommand({ Bucket: source.bucket, Key: source.key }));
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (httpStatusOf(error) === 404) return false;
      throw error;
    }
  }
}
