import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { s3 } from '../../../platform/data/client.ts';
import { activeContentPolicyOf } from '../../../platform/inspection/active-content.ts';
import { sqs } from '../../../platform/queues/client.ts';
import { envVars } from '../../../platform/registry/names.ts';
import type { TextractRates } from '../../../platform/registry/queues.ts';
import { tables } from '../../../platform/registry/tables.ts';
import { jsonEnv, requiredEnv } from '../../../platform/shared/env.ts';
import { classify } from '../../../platform/shared/errors.ts';
import { logger, MetricUnit, metrics } from '../../../platform/shared/observability.ts';
import { DynamoAuditTrail } from '../../../platform/stores/audit.ts';
import { dynamo } from '../../../platform/stores/client.ts';
import { textract } from '../../../platform/textract/client.ts';
import { JobLeases } from '../../../platform/textract/job-leases.ts';
import { JobStore } from '../../../platform/textract/jobs.ts';
import { RateSlots } from '../../../platform/textract/rate-slots.ts';
import { parseRequest } from '../../../platform/textract/request.ts';
import { sfn } from '../../../platform/workflows/client.ts';
import { failTask, succeedTask } from '../../../platform/workflows/task-results.ts';
import {
  s3ArtifactStore,
  s3DocumentSource,
  textractExpenseAnalyzer,
  textractJobStarter,
} from './adapters.ts';
import { type Admission, admit } from './admit.ts';
import type { AdmitDeps } from './ports.ts';
import { publishQuality } from './quality.ts';
import { extractionQueue } from './queues.ts';

export type { AdmitDeps } from './ports.ts';

/** Returns a message to the queue after `seconds` (a request waiting for capacity). */
export type Deferrer = (record: SQSRecord, seconds: number) => Promise<void>;

/**
 * Consumes the extraction queue: each request is admitted at the Textract rate or deferred; deferred
 * ones are reported as batch item failures after their visibility is shortened, so they come back soon.
 */
export function createExtractHandler(deps: () => AdmitDeps, deferMessage: () => Deferrer) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    const failures: string[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        const started = performance.now();
        let admission: Admission;
        try {
          const request = parseRequest(record.body);
          logger.appendKeys({ documentId: request.document.documentId, executionArn: request.executionArn });
          const receives = Number(record.attributes.ApproximateReceiveCount ?? '1');
          admission = await admit(deps(), request, receives >= extractionQueue.maxReceiveCount - 1);
        } catch (error) {
          // Unparseable requests have no token to fail: they go to the DLQ after their receives.
          logger.error('Extraction request failed', {
            messageId: record.messageId,
            errorName: classify(error).name,
          });
          failures.push(record.messageId);
          return;
        }
        if (admission.outcome === 'defer') {
          failures.push(record.messageId);
          const { why, seconds } = admission;
          try {
            await deferMessage()(record, seconds);
            metrics.addMetric('ExtractionDeferred', MetricUnit.Count, 1);
            logger.info('Extraction deferred', { why, seconds });
          } catch (error) {
            // Nothing is lost (the request returns), but a whole visibility timeout later, not in `seconds`.
            metrics.addMetric('ExtractionDeferralFailed', MetricUnit.Count, 1);
            logger.error('Extraction deferral failed: the request returns after the visibility timeout', {
              why,
              seconds,
              errorName: classify(error).name,
              error,
            });
          }
        } else {
          metrics.addMetric(`Extraction_${admission.how}`, MetricUnit.Count, 1);
          metrics.addMetric('AdmissionLatency', MetricUnit.Milliseconds, performance.now() - started);
        }
      }),
    );
    metrics.publishStoredMetrics();
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

let live: AdmitDeps | undefined;
let deferrer: Deferrer | undefined;

function liveDeps(): AdmitDeps {
  const table = requiredEnv(tables.extraction.envVar);
  return {
    ...s3DocumentSource(s3),
    ...s3ArtifactStore(s3, requiredEnv(envVars.bucket)),
    analyzeExpense: textractExpenseAnalyzer(textract),
    startExpenseAnalysis: textractJobStarter(textract, {
      topicArn: requiredEnv(envVars.textractTopic),
      roleArn: requiredEnv(envVars.textractRole),
    }),
    rates: new RateSlots(dynamo, table),
    leases: new JobLeases(dynamo, table),
    jobs: new JobStore(dynamo, table),
    limits: jsonEnv<TextractRates>(envVars.textractRates),
    activeContentPolicy: activeContentPolicyOf(process.env[envVars.activeContentPolicy]),
    audit: new DynamoAuditTrail(),
    succeed: (token, output) => succeedTask(sfn, token, output),
    fail: (token, error) => failTask(sfn, token, error),
    recordQuality: publishQuality,
    now: () => Date.now(),
  };
}

/** Adapters are built on first use, so importing this module (tests, tooling) needs no environment. */
export const handler = createExtractHandler(
  () => {
    live ??= liveDeps();
    return live;
  },
  () => {
    if (!deferrer) {
      const queueUrl = requiredEnv(envVars.queueUrl);
      deferrer = async (record, seconds) => {
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: record.receiptHandle,
            VisibilityTimeout: seconds,
          }),
        );
      };
    }
    return deferrer;
  },
);
