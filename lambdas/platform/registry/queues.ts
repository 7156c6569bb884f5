import type { FunctionId, QueueId } from './ids.ts';

/**
 * The SQS queues Tower uses, as pure data shared by the CDK app and the local runtime: each has a
 * dead-letter queue and one consuming function through an event source mapping. The platform owns the
 * intake queue; a process declares its own (extraction requests, Textract completions) in its package.
 */
export interface QueueSpec {
  /** Unique across the platform and every process. */
  readonly id: QueueId;
  readonly consumer: FunctionId;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Six times the consumer's timeout, as AWS recommends for Lambda event sources. */
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  /**
   * Most concurrent consumers: a number, `intake` (CDK context `intakeMaxConcurrency`), or
   * `textract-admission` (enough to keep the account's Textract rate busy, so the rest waits in SQS).
   */
  readonly maxConcurrency: number | 'intake' | 'textract-admission';
  /** Fed by an SNS topic that Textract publishes job completions to (raw delivery). */
  readonly textractCompletions?: boolean;
  /** Alarm when the oldest message waited this long: its consumer is not keeping up. @default - no age alarm */
  readonly oldestMessageAlarmMinutes?: number;
}

export type { QueueId } from './ids.ts';

/** Six times a consumer's timeout: AWS's recommendation for a Lambda event source's visibility timeout. */
export function visibilityFor(consumerTimeoutSeconds: number): number {
  return 6 * consumerTimeoutSeconds;
}

const fourteenDays = 14 * 24 * 3600;

/** The platform's queue: S3 intake events, consumed by the starter. */
export const platformQueues: readonly QueueSpec[] = [
  {
    id: 'intake',
    consumer: 'start-execution',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: visibilityFor(60),
    retentionSeconds: fourteenDays,
    maxConcurrency: 'intake',
    oldestMessageAlarmMinutes: 15,
  },
];

/** The account's Textract quotas, as configured (CDK context `textract`). */
export interface TextractRates {
  readonly syncTps: number;
  readonly startTps: number;
  /** GetExpenseAnalysis calls per second (a job's result pages). */
  readonly getTps: number;
  readonly maxConcurrentJobs: number;
}

/** Concurrent consumers of a queue under the deployment's settings. */
export function maxConcurrencyOf(
  spec: QueueSpec,
  settings: { readonly intakeMaxConcurrency: number; readonly textract: TextractRates },
): number {
  if (spec.maxConcurrency === 'intake') return settings.intakeMaxConcurrency;
  if (spec.maxConcurrency === 'textract-admission')
    // About three seconds a call: enough consumers to keep the configured rate busy, and no more.
    return Math.min(1000, Math.max(2, Math.ceil(settings.textract.syncTps * 3 + settings.textract.startTps)));
  return spec.maxConcurrency;
}
