import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { httpStatusOf } from '../../shared/http-status.ts';
import type { CreatedObject } from './s3-events.ts';

/** How a duplicate's intake object ended: removed now, replaced since it was read, or already gone. */
export type DuplicateRemoval = 'removed' | 'replaced' | 'gone';

/**
 * Removes a duplicate's intake object, as quarantine removes a rejected input's: only while it still
 * holds the content read (`If-Match: <ETag>`; 412 when another upload replaced it, 404 when it is gone;
 * User Guide, "How to perform conditional deletes"), so a newer file under the same key is never lost.
 * On a versioned bucket this adds a delete marker: the version itself is kept.
 */
export function duplicateRemover(s3: S3Client) {
  return async (object: CreatedObject, eTag: string | undefined): Promise<DuplicateRemoval> => {
    try {
      await s3.send(new DeleteObjectCommand({ Bucket: object.bucket, Key: object.key, IfMatch: eTag }));
      return 'removed';
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 412) return 'replaced';
      if (status === 404) return 'gone';
      throw error;
    }
  };
}
