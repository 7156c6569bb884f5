import type { Context } from 'aws-lambda';
import { bucketPrefixes, envVars } from '../registry/names.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics, stepCorrelation } from '../shared/observability.ts';
import { DynamoAuditTrail } from '../stores/audit.ts';
import { DynamoDocumentStore } from '../stores/documents.ts';
import { S3QuarantineObjects } from './objects.ts';
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
  objects: new S3QuarantineObjects(bucket),
  quarantinePrefix: bucketPrefixes.quarantine,
  now: () => new Date(),
});
