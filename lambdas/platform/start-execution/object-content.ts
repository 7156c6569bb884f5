import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CreatedObject } from './s3-events.ts';
import type { ObjectContent } from './start-document.ts';

/** Metadata key an uploader may set to name the submitter (`x-amz-meta-submitted-by`). */
export const submittedByMetadata = 'submitted-by';

/** Streams the object through SHA-256 (documents can be large); undefined when it no longer exists. */
export function objectContentReader(s3: S3Client) {
  return async (object: CreatedObject): Promise<ObjectContent | undefined> => {
    try {
      const out = await s3.send(
        new GetObjectCommand({ Bucket: object.bucket, Key: object.key, VersionId: object.versionId }),
      );
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of out.Body as Readable) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      return {
        sha256: hash.digest('hex'),
        size,
        contentType: out.ContentType,
        submittedBy: out.Metadata?.[submittedByMetadata],
      };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'NotFound') return undefined;
      throw error;
    }
  };
}
