import { type QueueSpec, visibilityFor } from '../../../platform/registry/queues.ts';

const fourteenDays = 14 * 24 * 3600;

/** Extraction requests wait here (with their task token) until Textract capacity admits them. */
export const extractionQueue: QueueSpec = {
  id: 'extraction',
  consumer: 'extract',
  batchSize: 5,
  maxBatchingWindowSeconds: 0,
  // Deferred requests come back here; only a request that keeps failing reaches the DLQ.
  maxReceiveCount: 50,
  visibilityTimeoutSeconds: visibilityFor(120),
  retentionSeconds: fourteenDays,
  maxConcurrency: 'textract-admission',
  // Half the Extract state's one-hour wait, past which executions start timing out.
  oldestMessageAlarmMinutes: 30,
};

/** Textract's job-completion notifications, from the SNS topic Textract publishes to. */
export const completionsQueue: QueueSpec = {
  id: 'extraction-completions',
  consumer: 'complete-extraction',
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: visibilityFor(120),
  retentionSeconds: fourteenDays,
  maxConcurrency: 2,
  textractCompletions: true,
};
