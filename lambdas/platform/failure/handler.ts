import type { Context } from 'aws-lambda';
import { instrument, MetricUnit, metrics, stepCorrelation } from '../shared/observability.ts';
import { DynamoAuditTrail } from '../stores/audit.ts';
import { DynamoDocumentStore } from '../stores/documents.ts';
import { type RecordFailureDeps, type RecordFailureEvent, recordFailure } from './record-failure.ts';

export function createRecordFailureHandler(deps: RecordFailureDeps) {
  return instrument(
    'record-failure',
    stepCorrelation,
    async (event: RecordFailureEvent, _context: Context) => {
      const outcome = await recordFailure(deps, event);
      metrics.addMetric('DocumentsFailed', MetricUnit.Count, 1);
      return outcome;
    },
  );
}

export const handler = createRecordFailureHandler({
  documents: new DynamoDocumentStore(),
  audit: new DynamoAuditTrail(),
});
