import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { bucketPrefixes, envVars } from '../registry/names.ts';
import { DynamoAuditTrail } from '../shared/audit.ts';
import { s3 } from '../shared/clients/s3.ts';
import { DynamoDocumentStore } from '../shared/documents.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics, stepCorrelation } from '../shared/observability.ts';
import { type QuarantineDeps, type QuarantineEvent, quarantine } from './quarantine.ts';

export function createQuarantineHandler(deps: QuarantineDeps) {
  return instrument('quarantine', stepCorrelation, async (event: QuarantineEvent, _context: Context) => {
    const outcome = await quarantine(deps, event);
    metrics.addMetric('DocumentsRejectedInput', MetricUnit.Count, 1);
    return outcome;
  });
}

const bucket = requiredEnv(envVars.bucket);

export const handler = createQuarantineHandler({
  documents: new DynamoDocumentStore(),
  audit: new DynamoAuditTrail(),
  moveObject: async (source, targetKey, metadata) => {
    // Read and write rather than CopyObject: no copy-source encoding to get wrong for keys with `+`,
    // `?` or non-ASCII characters; quarantine is rare and documents are bounded in size.
    const original = await s3.send(
      new GetObjectCommand({ Bucket: source.bucket, Key: source.key, VersionId: source.versionId }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: targetKey,
        Body: original.Body as Readable,
        ContentLength: original.ContentLength,
        ContentType: original.ContentType,
        Metadata: metadata,
      }),
    );
    // On a versioned bucket this only adds a delete marker: the original version is kept.
    await s3.send(new DeleteObjectCommand({ Bucket: source.bucket, Key: source.key }));
  },
  quarantinePrefix: bucketPrefixes.quarantine,
  now: () => new Date(),
});
