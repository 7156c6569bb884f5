import { createRequire } from 'node:module';

type S3ErrorConstructor = new (
  code: string,
  message: string,
  detail?: Record<string, string>,
) => Error & { status: number; expose: boolean };

const load = createRequire(import.meta.url);
const S3Error = load('s3rver/lib/models/error') as S3ErrorConstructor;

/** The object's ETag as stored (quoted) or undefined when there is no object under the key. */
export type ETagOf = (bucket: string, key: string) => Promise<string | undefined>;

const unquote = (etag: string) => etag.trim().replace(/^W\//, '').replace(/"/g, '');

function s3Error(code: string, status: number, message: string, condition?: string) {
  const error = new S3Error(code, message, condition ? { Condition: condition } : {});
  // s3rver knows no ConditionalRequestConflict: its status is set here, as S3 answers it.
  error.status = status;
  error.expose = true;
  return error;
}

/**
 * S3's conditional writes for PutObject and CompleteMultipartUpload (Amazon S3 User Guide, "How to
 * prevent object overwrites with conditional writes"): `If-None-Match: *` writes only when no object
 * has the key, `If-Match: <etag>` only when the current object has that ETag (412 PreconditionFailed
 * otherwise; 404 NoSuchKey for If-Match on a missing key), and a conditional write that meets another
 * write of the same key in flight gets 409 ConditionalRequestConflict. DeleteObject takes `If-Match`
 * alike (User Guide, "How to perform conditional deletes"). Check and write are atomic
 * here because every write of a key is tracked from before its check until its store write ends.
 */
export class ConditionalWrites {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly etagOf: ETagOf) {}

  async write<T>(
    bucket: string,
    key: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    write: () => Promise<T>,
  ): Promise<T> {
    const ifNoneMatch = single(headers['if-none-match']);
    const ifMatch = single(headers['if-match']);
    const conditional = ifNoneMatch !== undefined || ifMatch !== undefined;
    const id = `${bucket}\u0000${key}`;
    if (conditional && (this.inFlight.get(id) ?? 0) > 0)
      throw s3Error(
        'ConditionalRequestConflict',
        409,
        'A conflicting operation occurred. If using PutObject you can retry the request.',
      );
    this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
    try {
      if (conditional) await this.check(bucket, key, ifNoneMatch, ifMatch);
      return await write();
    } finally {
      const left = (this.inFlight.get(id) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(id);
      else this.inFlight.set(id, left);
    }
  }

  private async check(
    bucket: string,
    key: string,
    ifNoneMatch: string | undefined,
    ifMatch: string | undefined,
  ): Promise<void> {
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*')
      throw s3Error(
        'NotImplemented',
        501,
        'A header you provided implies functionality that is not implemented',
        'If-None-Match',
      );
    const current = await this.etagOf(bucket, key);
    if (ifNoneMatch !== undefined && current !== undefined)
      throw s3Error(
        'PreconditionFailed',
        412,
        'At least one of the pre-conditions you specified did not hold',
        'If-None-Match',
      );
    if (ifMatch === undefined) return;
    if (current === undefined) throw s3Error('NoSuchKey', 404, 'The specified key does not exist.');
    const wanted = ifMatch.split(',').map(unquote);
    if (!wanted.includes(unquote(current)) && !wanted.includes('*'))
      throw s3Error(
        'PreconditionFailed',
        412,
        'At least one of the pre-conditions you specified did not hold',
        'If-Match',
      );
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
