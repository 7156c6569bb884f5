import type { S3EventRecord } from 'aws-lambda';

/** An object S3 reported as created, as the starter needs it. */
export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly size: number;
  /** Identifies this exact event for deduplication: version id, else sequencer, else ETag. */
  readonly eventIdentity: string;
  readonly uploader?: string;
}

export class MalformedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

/**
 * Reads the created objects from one SQS message body holding an S3 event notification.
 * S3's test event and non-create events yield nothing; anything unreadable throws.
 */
export function createdObjects(body: string): CreatedObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedEventError('message body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new MalformedEventError('message body is not an object');
  const message = parsed as { Event?: unknown; Records?: unknown };
  if (message.Event === 's3:TestEvent') return [];
  if (!Array.isArray(message.Records)) throw new MalformedEventError('message has no S3 Records');
  return (message.Records as S3EventRecord[])
    .filter((r) => typeof r?.eventName === 'string' && r.eventName.startsWith('ObjectCreated:'))
    .map(toCreatedObject)
    .filter((o) => !(o.key.endsWith('/') && o.size === 0));
}

function toCreatedObject(record: S3EventRecord): CreatedObject {
  const bucket = record.s3?.bucket?.name;
  const rawKey = record.s3?.object?.key;
  if (typeof bucket !== 'string' || typeof rawKey !== 'string') {
    throw new MalformedEventError('S3 record has no bucket or key');
  }
  // S3 URL-encodes keys in notifications, with '+' for spaces.
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    throw new MalformedEventError('S3 record key is not URL-encoded');
  }
  const { versionId, sequencer, eTag } = record.s3.object;
  // An unversioned bucket may send an empty version id; the sequencer then identifies the event.
  const eventIdentity = versionId || sequencer || eTag;
  if (!eventIdentity) throw new MalformedEventError('S3 record has no version id, sequencer or ETag');
  return {
    bucket,
    key,
    versionId: versionId || undefined,
    size: Number(record.s3.object.size ?? 0),
    eventIdentity,
    uploader: record.userIdentity?.principalId,
  };
}
