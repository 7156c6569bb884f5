import { type FunctionId, functions } from './functions.ts';

/**
 * The SQS queues Tower uses, as pure data shared by the CDK app and the local runtime: each has a
 * dead-letter queue and one consuming function through an event source mapping.
 */
export interface QueueSpec {
  readonly id: QueueId;
  readonly consumer: FunctionId;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Six times the consumer's timeout, as AWS recommends for Lambda event sources. */
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
}

export type QueueId = 'intake' | 'extraction' | 'extraction-completions';

export const queues: Readonly<Record<QueueId, QueueSpec>> = {
  intake: {
    id: 'intake',
    consumer: 'start-execution',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 6 * functions['start-execution'].timeoutSeconds,
    retentionSeconds: 14 * 24 * 3600,
  },
  /** Extraction requests wait here (with their task token) until Textract capacity admits them. */
  extraction: {
    id: 'extraction',
    consumer: 'extract',
    batchSize: 5,
    maxBatchingWindowSeconds: 0,
    // Deferred requests come back here; only a request that keeps failing reaches the DLQ.
    maxReceiveCount: 50,
    visibilityTimeoutSeconds: 6 * functions.extract.timeoutSeconds,
    retentionSeconds: 14 * 24 * 3600,
  },
  /** Textract's job-completion notifications, from the SNS topic. */
  'extraction-completions': {
    id: 'extraction-completions',
    consumer: 'complete-extraction',
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 6 * functions['complete-extraction'].timeoutSeconds,
    retentionSeconds: 14 * 24 * 3600,
  },
};

/** The account's Textract quotas, as configured (CDK context `textract`). */
export interface TextractRates {
  readonly syncTps: number;
  readonly startTps: number;
  readonly maxConcurrentJobs: number;
}

/**
 * Concurrent consumers per queue: the intake by configuration; extraction enough to keep the
 * configured Textract rate busy (about three seconds a call) and no more, so the rest waits in SQS.
 */
export function maxConcurrencyOf(
  id: QueueId,
  settings: { readonly intakeMaxConcurrency: number; readonly textract: TextractRates },
): number {
  if (id === 'intake') return settings.intakeMaxConcurrency;
  if (id === 'extraction')
    return Math.min(1000, Math.max(2, Math.ceil(settings.textract.syncTps * 3 + settings.textract.startTps)));
  return 2;
}

export const queueList: readonly QueueSpec[] = Object.values(queues);
