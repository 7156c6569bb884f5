import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { s3 } from '../../data/client.ts';
import { envVars } from '../../registry/names.ts';
import { jsonEnv } from '../../shared/env.ts';
import { classify } from '../../shared/errors.ts';
import { logger, MetricUnit, metrics } from '../../shared/observability.ts';
import { DynamoAuditTrail } from '../../stores/audit.ts';
import { DynamoDocumentStore } from '../../stores/documents.ts';
import { DynamoIdempotencyStore } from '../../stores/idempotency.ts';
import { sfn } from '../../workflows/client.ts';
import { duplicateRemover } from './duplicate-object.ts';
import { objectContentReader } from './object-content.ts';
import { createdObjects } from './s3-events.ts';
import { type StarterDeps, startDocument } from './start-document.ts';

/**
 * Consumes the intake queue. Each message is handled on its own: a failure reports only that message
 * (partial batch response), so SQS redelivers it and, after a few tries, moves it to the DLQ.
 */
export function createStartExecutionHandler(deps: StarterDeps) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    const failures = await Promise.all(event.Records.map((record) => handleRecord(deps, record)));
    metrics.publishStoredMetrics();
    return {
      batchItemFailures: failures
        .filter((id): id is string => id !== undefined)
        .map((id) => ({ itemIdentifier: id })),
    };
  };
}

async function handleRecord(deps: StarterDeps, record: SQSRecord): Promise<string | undefined> {
  const started = performance.now();
  try {
    for (const object of createdObjects(record.body)) {
      const outcome = await startDocument(deps, object);
      logger.info('Intake event handled', { messageId: record.messageId, outcome });
      metrics.addMetric(`Intake_${outcome}`, MetricUnit.Count, 1);
    }
    metrics.addMetric('IntakeLatency', MetricUnit.Milliseconds, performance.now() - started);
    return undefined;
  } catch (error) {
    const classified = classify(error);
    logger.error('Intake event failed; it will be redelivered', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      errorName: error instanceof Error ? error.name : 'unknown',
      errorClass: classified.errorClass,
    });
    metrics.addMetric('IntakeFailed', MetricUnit.Count, 1);
    return record.messageId;
  }
}

export const handler = createStartExecutionHandler({
  idempotency: new DynamoIdempotencyStore(),
  documents: new DynamoDocumentStore(),
  audit: new DynamoAuditTrail(),
  readObject: objectContentReader(s3),
  removeDuplicate: duplicateRemover(s3),
  startExecution: async (stateMachineArn, name, input) => {
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      return 'started';
    } catch (error) {
      if ((error as { name?: string }).name === 'ExecutionAlreadyExists') return 'exists';
      throw error;
    }
  },
  stateMachines: jsonEnv<Record<string, string>>(envVars.stateMachines),
  workflowVersions: jsonEnv<Record<string, string>>(envVars.workflowVersions),
  intakePrefixes: jsonEnv<Record<string, string>>(envVars.intakePrefixes),
  now: () => new Date(),
});
