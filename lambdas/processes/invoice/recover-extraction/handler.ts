import type { Context } from 'aws-lambda';
import { s3 } from '../../../platform/data/client.ts';
import { envVars } from '../../../platform/registry/names.ts';
import { tables } from '../../../platform/registry/tables.ts';
import { requiredEnv } from '../../../platform/shared/env.ts';
import { instrument, MetricUnit, metrics, stepCorrelation } from '../../../platform/shared/observability.ts';
import type { StepEvent } from '../../../platform/shared/workflow.ts';
import { DynamoAuditTrail } from '../../../platform/stores/audit.ts';
import { dynamo } from '../../../platform/stores/client.ts';
import { textract } from '../../../platform/textract/client.ts';
import { JobStore } from '../../../platform/textract/jobs.ts';
import { s3ArtifactStore } from '../extract/adapters.ts';
import { readExpenseJob } from '../extract/expense-job.ts';
import { jobReader } from '../extract/job-reader.ts';
import { publishQuality } from '../extract/quality.ts';
import { type RecoverDeps, recoverExtraction } from './recover.ts';

export function createRecoverExtractionHandler(deps: () => RecoverDeps) {
  return instrument('recover-extraction', stepCorrelation, async (event: StepEvent, _context: Context) => {
    const result = await recoverExtraction(deps(), event);
    metrics.addMetric('ExtractionRecovered', MetricUnit.Count, 1);
    return result;
  });
}

let live: RecoverDeps | undefined;

export const handler = createRecoverExtractionHandler(() => {
  if (live) return live;
  const table = requiredEnv(tables.extraction.envVar);
  const reader = jobReader(textract, dynamo, table);
  live = {
    ...s3ArtifactStore(s3, requiredEnv(envVars.bucket)),
    jobs: new JobStore(dynamo, table),
    readJob: (jobId) => readExpenseJob(reader, jobId),
    audit: new DynamoAuditTrail(),
    recordQuality: publishQuality,
  };
  return live;
});
