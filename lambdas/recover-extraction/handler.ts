import type { Context } from 'aws-lambda';
import { s3ArtifactStore } from '../extract/adapters.ts';
import { readExpenseJob } from '../extract/expense-job.ts';
import { JobStore } from '../extract/jobs.ts';
import { publishQuality } from '../extract/quality.ts';
import { envVars } from '../registry/functions.ts';
import { tables } from '../registry/tables.ts';
import { AuditTrail } from '../shared/audit.ts';
import { dynamo } from '../shared/clients/dynamo.ts';
import { s3 } from '../shared/clients/s3.ts';
import { textract } from '../shared/clients/textract.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics } from '../shared/observability.ts';
import type { StepEvent } from '../shared/workflow.ts';
import { type RecoverDeps, recoverExtraction } from './recover.ts';

export function createRecoverExtractionHandler(deps: () => RecoverDeps) {
  return instrument(
    'recover-extraction',
    (event: StepEvent) => ({ documentId: event.document.documentId, executionArn: event.executionArn }),
    async (event: StepEvent, _context: Context) => {
      const result = await recoverExtraction(deps(), event);
      metrics.addMetric('ExtractionRecovered', MetricUnit.Count, 1);
      return result;
    },
  );
}

let live: RecoverDeps | undefined;

export const handler = createRecoverExtractionHandler(() => {
  live ??= {
    ...s3ArtifactStore(s3, requiredEnv(envVars.bucket)),
    jobs: new JobStore(dynamo, requiredEnv(tables.extraction.envVar)),
    readJob: (jobId) => readExpenseJob(textract, jobId),
    audit: new AuditTrail(),
    recordQuality: publishQuality,
  };
  return live;
});
