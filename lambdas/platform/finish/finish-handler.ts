import type { Context } from 'aws-lambda';
import { bucketPrefixes, envVars } from '../registry/names.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics, stepCorrelation } from '../shared/observability.ts';
import { DynamoAuditTrail } from '../stores/audit.ts';
import { DynamoDocumentStore } from '../stores/documents.ts';
import { type AfterFinish, type FinalizeDeps, finalize } from './finalize.ts';
import type { FinishEvent } from './result.ts';
import { S3ResultObjects } from './result-object.ts';

/**
 * A finishing handler: the platform's own (the result as the process handed it), or a process's,
 * which reads its result body and adds its own effects through `finish`.
 */
export function createFinalizeHandler<E extends FinishEvent>(
  deps: FinalizeDeps,
  finish: (
    event: E,
  ) => Promise<{ body?: Readonly<Record<string, unknown>>; afterFinish?: AfterFinish }> = async () => ({}),
) {
  return instrument('finalize', stepCorrelation, async (event: E, _context: Context) => {
    const { body, afterFinish } = await finish(event);
    const outcome = await finalize(deps, event, body ?? event.result ?? {}, afterFinish);
    // Counted by the run that finished the document, never again by a re-run.
    if (outcome.finishedNow)
      metrics.addMetric(
        `Documents${outcome.status === 'COMPLETED' ? 'Completed' : 'Rejected'}`,
        MetricUnit.Count,
        1,
      );
    return outcome;
  });
}

/** The stores of finishing (result objects written once by S3 conditional writes), for the platform's finalize and every process's. */
export function finalizeDeps(): FinalizeDeps {
  const bucket = requiredEnv(envVars.bucket);
  return {
    documents: new DynamoDocumentStore(),
    audit: new DynamoAuditTrail(),
    results: new S3ResultObjects(bucket),
    resultsPrefix: bucketPrefixes.results,
    now: () => new Date(),
  };
}
