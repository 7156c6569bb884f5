import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { invalidParameter, TextractServiceError } from './errors.ts';

/**
 * The request's `Document` to bytes: inline `Bytes` (base64 in the JSON protocol) or an
 * `S3Object` read through an injected fetcher, with Textract's errors for what cannot be read.
 */

export interface S3ObjectRef {
  readonly Bucket: string;
  readonly Name: string;
  readonly Version?: string;
}

/** The object's bytes, or undefined when there is no such bucket, key or version. */
export type ObjectFetcher = (object: S3ObjectRef) => Promise<Uint8Array | undefined>;

/** S3's answers for an object that is not there (or not readable), which Textract reports alike. */
const missingObject = new Set(['NoSuchKey', 'NoSuchBucket', 'NoSuchVersion', 'NotFound', 'AccessDenied']);

/** A fetcher reading through an S3 client (pointed at the local S3 emulator). */
export function s3ObjectFetcher(s3: S3Client): ObjectFetcher {
  return async ({ Bucket, Name, Version }) => {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket, Key: Name, VersionId: Version }));
      return out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
    } catch (error) {
      if (error instanceof Error && missingObject.has(error.name)) return undefined;
      throw error;
    }
  };
}

/** Base64 as the SDK sends blobs: the standard alphabet, padded. */
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function documentBytes(
  document: unknown,
  fetch: ObjectFetcher | undefined,
): Promise<Uint8Array> {
  if (!isRecord(document)) throw invalidParameter('Request has invalid parameters: Document is required');
  const { Bytes: bytes, S3Object: object } = document;
  if ((bytes === undefined) === (object === undefined))
    throw invalidParameter(
      'Request has invalid parameters: Document needs exactly one of Bytes and S3Object',
    );
  if (bytes !== undefined) {
    if (typeof bytes !== 'string' || bytes === '' || bytes.length % 4 !== 0 || !base64.test(bytes))
      throw invalidParameter('Request has invalid parameters: Document.Bytes must be non-empty base64');
    return Buffer.from(bytes, 'base64');
  }
  const ref = s3Ref(object);
  if (fetch === undefined)
    throw new TextractServiceError(
      'InvalidS3ObjectException',
      'This local Textract was started without S3 access',
    );
  let found: Uint8Array | undefined;
  try {
    found = await fetch(ref);
  } catch (error) {
    throw new TextractServiceError('InternalServerError', 'Reading the document from S3 failed', {
      cause: error,
    });
  }
  if (found === undefined)
    throw new TextractServiceError(
      'InvalidS3ObjectException',
      `Unable to get object metadata from S3. Check object key, region and/or access permissions (s3://${ref.Bucket}/${ref.Name}).`,
    );
  return found;
}

function s3Ref(object: unknown): S3ObjectRef {
  if (isRecord(object)) {
    const { Bucket, Name, Version } = object;
    const named = typeof Bucket === 'string' && Bucket !== '' && typeof Name === 'string' && Name !== '';
    if (named && (Version === undefined || typeof Version === 'string'))
      return { Bucket, Name, ...(Version === undefined ? {} : { Version }) };
  }
  throw invalidParameter('Request has invalid parameters: S3Object needs a Bucket and a Name');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
