import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { s3 } from '../../../platform/data/client.ts';
import { envVars } from '../../../platform/registry/names.ts';
import { tables } from '../../../platform/registry/tables.ts';
import { requiredEnv } from '../../../platform/shared/env.ts';
import { classify } from '../../../platform/shared/errors.ts';
import { logger, MetricUnit, metrics } from '../../../platform/shared/observability.ts';
import { DynamoAuditTrail } from '../../../platform/stores/audit.ts';
import { dynamo } from '../../../platform/stores/client.ts';
import { textract } from '../../../platform/textract/client.ts';
import { JobLeases } from '../../../platform/textract/job-leases.ts';
import { JobStore } from '../../../platform/textract/jobs.ts';
import { sfn } from '../../../platform/workflows/client.ts';
import { failTask, succeedTask } from '../../../platform/workflows/task-results.ts';
import { s3ArtifactStore } from '../extract/adapters.ts';
import { readExpenseJob } from '../extract/expense-job.ts';
import { jobReader } from '../extract/job-reader.ts';
import { publishQuality } from '../extract/quality.ts';
import { type CompleteDeps, completeJob } from './complete.ts';
import { parseNotification } from './notification.ts';

/** Consumes Textract's completion notifications; a failure reports only its message, which SQS redelivers. */
export function createCompleteExtractionHandler(deps: () => CompleteDeps) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    const failures: string[] = [];
    for (const record of event.Records) {
      const notification = parseNotification(record.body);
      if (!notification) {
        logger.warn('Not a Textract job notification; dropped', { messageId: record.messageId });
        continue;
      }
      try {
        const outcome = await completeJob(deps(), notification);
        logger.info('Job notification handled', { jobId: notification.jobId, outcome });
        metrics.addMetric(`ExtractionJob_${outcome}`, MetricUnit.Count, 1);
        if (outcome === 'still-running' || outcome === 'no-capacity') failures.push(record.messageId);
      } catch (error) {
        logger.error('Job notification failed; it will be redelivered', {
          jobId: notification.jobId,
          errorName: classify(error).name,
        });
        failures.push(record.messageId);
      }
    }
    metrics.publishStoredMetrics();
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

let live: CompleteDeps | undefined;

export const handler = createCompleteExtractionHandler(() => {
  if (!live) {
    const table = requiredEnv(tables.extraction.envVar);
    const reader = jobReader(textract, dynamo, table);
    live = {
      ...s3ArtifactStore(s3, requiredEnv(envVars.bucket)),
      jobs: new JobStore(dynamo, table),
      leases: new JobLeases(dynamo, table),
      readJob: (jobId) => readExpenseJob(reader, jobId),
      audit: new DynamoAuditTrail(),
      succeed: (token, output) => succeedTask(sfn, token, output),
      fail: (token, error) => failTask(sfn, token, error),
      recordQuality: publishQuality,
      now: () => new Date(),
    };
  }
  return live;
});
