import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { visibleBytes, visibleText } from '../../shared/visible-text.ts';
import type { CreatedObject } from './s3-events.ts';
import type { ObjectContent } from './start-document.ts';

/** Metadata key an uploader may set to name the submitter (`x-amz-meta-submitted-by`). */
export const submittedByMetadata = 'submitted-by';
/**
 * Metadata key an uploader sets when the file had a name S3 could not take as it was (not UTF-8,
 * control characters, too long): that name's bytes, percent-encoded (`x-amz-meta-original-name`).
 */
export const originalNameMetadata = 'original-name';

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
        eTag: out.ETag,
        originalName: originalNameOf(out.Metadata?.[originalNameMetadata]),
      };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'NotFound') return undefined;
      throw error;
    }
  };
}

/** The original name, shown: percent-encoded bytes decoded (stray bytes as `\xNN`), other text as it is. */
export function originalNameOf(metadata: string | undefined): string | undefined {
  if (!metadata) return undefined;
  if (!/^(?:[A-Za-z0-9_.~-]|%[0-9A-Fa-f]{2})*$/.test(metadata)) return visibleText(metadata);
  const bytes = metadata.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return visibleBytes(Buffer.from(bytes, 'latin1'));
}
