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

export type QueueId = 'intake';

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
};

export const queueList: readonly QueueSpec[] = Object.values(queues);
