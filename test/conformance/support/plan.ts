/**
 * Every resource the conformance suite creates, named from the run's id. Tests take their names from
 * here (target.name refuses any other), so what `npm run conformance -- --aws` announces before it
 * creates anything is exactly what the tests create — and delete again in their afterAll.
 */
export const planned = {
  'states-role': {
    service: 'IAM',
    kind: 'role',
    purpose:
      "execution role of the state machines below (trusts states.amazonaws.com; sqs:SendMessage and lambda:InvokeFunction on this run's resources only)",
  },
  'lambda-role': {
    service: 'IAM',
    kind: 'role',
    purpose:
      "execution role of the functions below (trusts lambda.amazonaws.com; receives and deletes this run's queue messages; no logs permission, so no log groups are left)",
  },
  'exec-pass': {
    service: 'Step Functions',
    kind: 'state machine',
    purpose: 'a Pass state: start, describe, list (stepfunctions-executions)',
  },
  'exec-wait': {
    service: 'Step Functions',
    kind: 'state machine',
    purpose: 'a 10-minute Wait state: idempotent start, stop (stepfunctions-executions)',
  },
  'history-queue': {
    service: 'SQS',
    kind: 'queue',
    purpose: 'receives the task tokens of the history state machines (stepfunctions-history)',
  },
  'history-callback': {
    service: 'Step Functions',
    kind: 'state machine',
    purpose: 'an sqs:sendMessage.waitForTaskToken state with Retry and Catch (stepfunctions-history)',
  },
  'history-timeout': {
    service: 'Step Functions',
    kind: 'state machine',
    purpose: 'a callback state that times out after 1 s (stepfunctions-history)',
  },
  'history-echo': {
    service: 'Lambda',
    kind: 'function',
    purpose: 'returns its event, Node.js 22 (stepfunctions-history)',
  },
  'history-function': {
    service: 'Step Functions',
    kind: 'state machine',
    purpose: 'a Task on the history-echo function ARN (stepfunctions-history)',
  },
  'tokens-queue': {
    service: 'SQS',
    kind: 'queue',
    purpose: 'receives the task tokens of tokens-callback (stepfunctions-task-tokens)',
  },
  'tokens-callback': {
    service: 'Step Functions',
    kind: 'state machine',
    purpose: 'an sqs:sendMessage.waitForTaskToken state (stepfunctions-task-tokens)',
  },
  visibility: {
    service: 'SQS',
    kind: 'queue',
    purpose: 'visibility timeout and redrive to visibility-dlq after 2 receives (sqs)',
  },
  'visibility-dlq': { service: 'SQS', kind: 'queue', purpose: 'dead-letter queue of visibility (sqs)' },
  'batch-source': {
    service: 'SQS',
    kind: 'queue',
    purpose: 'event source of the batch function, redrive to batch-dlq after 1 receive (sqs-event-source)',
  },
  'batch-dlq': {
    service: 'SQS',
    kind: 'queue',
    purpose: 'dead-letter queue of batch-source (sqs-event-source)',
  },
  batch: {
    service: 'Lambda',
    kind: 'function',
    purpose: 'answers a partial batch response, Node.js 22 (sqs-event-source)',
  },
  'batch-mapping': {
    service: 'Lambda',
    kind: 'event source mapping',
    purpose: 'batch-source to batch with ReportBatchItemFailures (sqs-event-source)',
  },
  keys: { service: 'S3', kind: 'bucket', purpose: 'keys stored verbatim, listing past 1,000 keys (s3)' },
  versions: { service: 'S3', kind: 'bucket', purpose: 'a versioned bucket: overwrites keep versions (s3)' },
  'conditional-deletes': {
    service: 'S3',
    kind: 'bucket',
    purpose: 'deletes on the condition of an ETag (s3-conditional-delete)',
  },
  'large-objects': {
    service: 'S3',
    kind: 'bucket',
    purpose: 'a 100 MB object put in one PUT and read back by large-object-writer (s3-object-size)',
  },
  'large-object-writer': {
    service: 'IAM',
    kind: 'role',
    purpose:
      'assumed by the run; may put and get objects under large/ of large-objects, nothing else (s3-object-size)',
  },
  conditions: { service: 'DynamoDB', kind: 'table', purpose: 'conditional writes, on demand (dynamodb)' },
  transactions: {
    service: 'DynamoDB',
    kind: 'table',
    purpose: 'TransactWriteItems: all or nothing, cancellation reasons, idempotency (dynamodb-transactions)',
  },
  streams: {
    service: 'DynamoDB',
    kind: 'table',
    purpose: 'a stream of NEW_AND_OLD_IMAGES read back with GetRecords (dynamodb-streams)',
  },
  'streams-reader': {
    service: 'IAM',
    kind: 'role',
    purpose:
      "assumed by the run; may DescribeStream, GetShardIterator and GetRecords on the streams table's stream (dynamodb-streams)",
  },
  'streams-no-records': {
    service: 'IAM',
    kind: 'role',
    purpose:
      "assumed by the run; may DescribeStream and GetShardIterator on the streams table's stream, not GetRecords (dynamodb-streams)",
  },
  'kms-key': {
    service: 'KMS',
    kind: 'key',
    purpose:
      'a symmetric customer managed key, default key policy, scheduled for deletion (7 days) when kms ends (kms)',
  },
  'kms-table': { service: 'DynamoDB', kind: 'table', purpose: 'encrypted with kms-key (kms)' },
  'kms-bucket': { service: 'S3', kind: 'bucket', purpose: 'SSE-KMS by default with kms-key (kms)' },
  'kms-queue': { service: 'SQS', kind: 'queue', purpose: 'SSE-KMS with kms-key (kms)' },
  'kms-no-key': {
    service: 'IAM',
    kind: 'role',
    purpose:
      'assumed by the run; may put and get on kms-table and kms-bucket and send to kms-queue, nothing of kms-key (kms)',
  },
  'kms-generate-only': {
    service: 'IAM',
    kind: 'role',
    purpose: 'as kms-no-key, plus kms:GenerateDataKey on kms-key, not kms:Decrypt (kms)',
  },
  'kms-full': {
    service: 'IAM',
    kind: 'role',
    purpose: 'as kms-no-key, plus kms:GenerateDataKey and kms:Decrypt on kms-key (kms)',
  },
  'presign-bucket': {
    service: 'S3',
    kind: 'bucket',
    purpose: 'holds one PDF read through presigned GetObject URLs (s3-presigned)',
  },
  'presign-reader': {
    service: 'IAM',
    kind: 'role',
    purpose:
      'assumed by the run; may s3:GetObject in presign-bucket, and signs URLs that work (s3-presigned)',
  },
  'presign-outsider': {
    service: 'IAM',
    kind: 'role',
    purpose: 'assumed by the run; may nothing in presign-bucket, and signs URLs S3 refuses (s3-presigned)',
  },
  email: {
    service: 'SES',
    kind: 'message',
    purpose: 'SendEmail from the verified sender to success@simulator.amazonses.com (ses)',
  },
} as const;

export type Planned = keyof typeof planned;

/** A planned resource's name in a run: lowercase, so it also fits S3's bucket rules. */
export function resourceName(runId: string, purpose: Planned, accountId?: string): string {
  const base = `tower-conf-${runId}-${purpose}`;
  // Bucket names are global: the account makes them unique to it.
  return planned[purpose].kind === 'bucket' && accountId ? `${base}-${accountId}` : base;
}

/** The plan as lines for a person to read before anything is created. */
export function describePlan(runId: string, region: string, accountId?: string): string[] {
  const shown = (purpose: Planned) => {
    const kind = planned[purpose].kind;
    if (kind === 'message') return '(no resource)';
    if (kind === 'event source mapping') return '(identified by the UUID Lambda assigns)';
    if (kind === 'key') return `alias/${resourceName(runId, purpose)}`;
    return resourceName(runId, purpose, accountId);
  };
  return (Object.keys(planned) as Planned[])
    .map((purpose) => {
      const p = planned[purpose];
      return `  ${p.service.padEnd(14)} ${p.kind.padEnd(20)} ${shown(purpose).padEnd(44)} ${p.purpose}`;
    })
    .concat([
      `  (region ${region}; the states and lambda roles are deleted when the run ends, everything else when its test file ends, pass or fail; the key is scheduled for deletion then)`,
    ]);
}
