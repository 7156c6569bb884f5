import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { bucketPrefixes, envVars } from '../registry/names.ts';
import { DynamoAuditTrail } from '../shared/audit.ts';
import { s3 } from '../shared/clients/s3.ts';
import { DynamoDocumentStore } from '../shared/documents.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics, stepCorrelation } from '../shared/observability.ts';
import { type AfterFinish, type FinalizeDeps, finalize } from './finalize.ts';
import type { FinishEvent } from './result.ts';

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
    metrics.addMetric(
      `Documents${outcome.status === 'COMPLETED' ? 'Completed' : 'Rejected'}`,
      MetricUnit.Count,
      1,
    );
    return outcome;
  });
}

/** The S3 side of finishing, for the platform's finalize and every process's. */
export function finalizeDeps(): FinalizeDeps {
  const bucket = requiredEnv(envVars.bucket);
  return {
    documents: new DynamoDocumentStore(),
    audit: new DynamoAuditTrail(),
    writeResult: async (key, body) => {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
    },
    resultsPrefix: bucketPrefixes.results,
    now: () => new Date(),
  };
}
