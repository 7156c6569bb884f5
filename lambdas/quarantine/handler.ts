import { CopyObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { bucketPrefixes, envVars } from '../registry/functions.ts';
import { AuditTrail } from '../shared/audit.ts';
import { s3 } from '../shared/clients/s3.ts';
import { DocumentStore } from '../shared/documents.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics } from '../shared/observability.ts';
import { type QuarantineDeps, type QuarantineEvent, quarantine } from './quarantine.ts';

export function createQuarantineHandler(deps: QuarantineDeps) {
  return instrument(
    'quarantine',
    (event: QuarantineEvent) => ({ documentId: event.document.documentId, executionArn: event.executionArn }),
    async (event: QuarantineEvent, _context: Context) => {
      const outcome = await quarantine(deps, event);
      metrics.addMetric('DocumentsRejectedInput', MetricUnit.Count, 1);
      return outcome;
    },
  );
}

const bucket = requiredEnv(envVars.bucket);

export const handler = createQuarantineHandler({
  documents: new DocumentStore(),
  audit: new AuditTrail(),
  moveObject: async (source, targetKey, metadata) => {
    const copySource = `${source.bucket}/${encodeURIComponent(source.key).replace(/%2F/g, '/')}${source.versionId ? `?versionId=${encodeURIComponent(source.versionId)}` : ''}`;
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: targetKey,
        CopySource: copySource,
        Metadata: metadata,
        MetadataDirective: 'REPLACE',
      }),
    );
    // On a versioned bucket this only adds a delete marker: the original version is kept.
    await s3.send(new DeleteObjectCommand({ Bucket: source.bucket, Key: source.key }));
  },
  quarantinePrefix: bucketPrefixes.quarantine,
  now: () => new Date(),
});
