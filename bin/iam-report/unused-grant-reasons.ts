import { vendedLogActions } from '../../local/iam/service-deliveries.ts';

/**
 * Why a granted action may go unused in a local run and still stay in the template: AWS calls it with
 * the role where the local runtime does not emulate the caller (Lambda's logs and X-Ray, the event
 * source mapping's own calls, Step Functions' vended logs), AWS needs it where the local emulators
 * differ (S3 versions, DynamoDB's table key), or the code calls it on a path the run did not take. `npm run iam-report` prints the reason beside each unused
 * grant, and counts those without one: each of those is a grant to remove, or a reason to add here.
 */
export interface UnusedGrantReason {
  /** The granted action, as the template names it. */
  readonly action: string;
  /** The roles it applies to, by the report's label (`function extract`, `state machine invoice`). */
  readonly roles: RegExp;
  readonly reason: string;
  /**
   * For a call the function's code makes on a path a local run may not take: the file and the SDK
   * command, which a unit test finds there (so the reason goes when the call does).
   */
  readonly calledIn?: { readonly file: string; readonly command: string };
}

const functions = /^function /;
const stateMachines = /^state machine /;

const lambdaLogs =
  'the Lambda service writes the function’s logs to its log group with the execution role (Lambda Developer Guide, ' +
  '"Sending Lambda function logs to CloudWatch Logs"); locally the worker’s output goes to <data-dir>/logs, no CloudWatch Logs call';
const lambdaTracing =
  'active tracing: Lambda sends the trace segments with the execution role (Lambda Developer Guide, "Visualize Lambda ' +
  'function invocations using AWS X-Ray"); X-Ray is not emulated';
const vendedLogs =
  'Step Functions sets up the vended log delivery to the state machine’s log group with its role (Step Functions ' +
  'Developer Guide, "Using CloudWatch Logs to log execution history in Step Functions", IAM policies for logging); ' +
  'local executions are not logged to CloudWatch Logs, so test/infra/service-deliveries.test.ts checks these statically';
const sfnTracing =
  'tracing enabled: Step Functions sends trace segments and reads sampling rules with the state machine’s role (Step ' +
  'Functions Developer Guide, "Trace Step Functions request data in AWS X-Ray"); X-Ray is not emulated';

export const unusedGrantReasons: readonly UnusedGrantReason[] = [
  { action: 'logs:CreateLogStream', roles: functions, reason: lambdaLogs },
  { action: 'logs:PutLogEvents', roles: functions, reason: lambdaLogs },
  { action: 'xray:PutTraceSegments', roles: functions, reason: lambdaTracing },
  { action: 'xray:PutTelemetryRecords', roles: functions, reason: lambdaTracing },
  {
    action: 'sqs:GetQueueAttributes',
    roles: functions,
    reason:
      'the event source mapping reads the queue’s attributes with the consumer’s role (Lambda Developer Guide, "Creating ' +
      'and configuring an Amazon SQS event source mapping", execution role permissions); the local poller only receives and deletes',
  },
  {
    action: 'kms:GenerateDataKey',
    roles: functions,
    reason:
      'for writers of a table under the customer managed key, as DynamoDB documents it for the table key (KMS Developer ' +
      'Guide, "How Amazon DynamoDB uses AWS KMS"); the local model checks the Decrypt DynamoDB makes on every call, not ' +
      'the table key’s creation',
  },
  {
    action: 's3:GetObjectVersion',
    roles: functions,
    reason:
      'intake reads name the version the S3 event carries (the bucket is versioned); the local S3 keeps no versions ' +
      '(known difference s3-versions), so local events carry none and every local read is a plain GetObject',
  },
  {
    action: 's3:ListBucket',
    roles: functions,
    reason:
      'S3 answers a read of a missing key 404 NoSuchKey only to a caller with s3:ListBucket, else 403 (S3 API Reference, ' +
      'GetObject and HeadObject, "Permissions"); the handlers read keys that may be missing (extraction pages) but never ' +
      'list, and the local model does not make this implicit check (AWS does not document how it applies the s3:prefix condition)',
  },
  {
    action: 'ses:SendEmail',
    roles: /^function (request-approval|approval-api)$/,
    reason:
      'the statement on configuration-set/*: SES also authorises the sender identity’s default configuration set when ' +
      'one is set on the identity, outside the stack (SES Developer Guide, "Using configuration sets"); the local SES has none',
  },
  ...onUntakenPaths(),
  ...vendedLogActions.map((action) => ({ action, roles: stateMachines, reason: vendedLogs })),
  ...[
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
  ].map((action) => ({ action, roles: stateMachines, reason: sfnTracing })),
];

/** Calls the code makes on a path an integration run may not take (a retry, a refusal, a failure). */
function onUntakenPaths(): UnusedGrantReason[] {
  const path = (
    fn: string,
    action: string,
    file: string,
    command: string,
    when: string,
  ): UnusedGrantReason => ({
    action,
    roles: new RegExp(`^function ${fn}$`),
    reason: `${file} calls ${command} when ${when}`,
    calledIn: { file, command },
  });
  const pageRead = (fn: string) =>
    path(
      fn,
      'dynamodb:PutItem',
      'lambdas/platform/stores/dynamo-conditions.ts',
      'PutCommand',
      'it reads a multi-page expense job: each GetExpenseAnalysis call first takes a rate slot, a conditional put',
    );
  return [
    pageRead('complete-extraction'),
    pageRead('recover-extraction'),
    path(
      'start-execution',
      'dynamodb:GetItem',
      'lambdas/platform/stores/idempotency.ts',
      'GetCommand',
      'an event’s claim is refused (a redelivered S3 event): it reads the earlier claim’s outcome',
    ),
    path(
      'request-approval',
      'states:SendTaskSuccess',
      'lambdas/platform/human-step/delivery.ts',
      'SendTaskSuccessCommand',
      'an approval was decided while no wait held its token (between a reminder’s waits): the next wait delivers it',
    ),
    path(
      'extract',
      'dynamodb:DeleteItem',
      'lambdas/platform/textract/job-leases.ts',
      'DeleteCommand',
      'a Textract job slot was leased but the start was refused or failed: it frees the slot',
    ),
    path(
      'extract',
      'sqs:ChangeMessageVisibility',
      'lambdas/processes/invoice/extract/handler.ts',
      'ChangeMessageVisibilityCommand',
      'no Textract slot is free before the deadline: it defers the message rather than fail it',
    ),
    path(
      'complete-extraction',
      'states:SendTaskFailure',
      'lambdas/platform/workflows/task-results.ts',
      'SendTaskFailureCommand',
      'Textract reports the job FAILED: the waiting extraction task fails with the job’s message',
    ),
    path(
      'finalize',
      's3:GetObject',
      'lambdas/platform/finish/result-object.ts',
      'GetObjectCommand',
      'its create-only result write is refused (412, a re-run): it compares the stored result by hash',
    ),
    path(
      'invoice-finalize',
      's3:GetObject',
      'lambdas/platform/finish/result-object.ts',
      'GetObjectCommand',
      'its create-only result write is refused (412, a re-run): it compares the stored result by hash',
    ),
    path(
      'approval-api',
      's3:GetObject',
      'lambdas/platform/human-step/approval-api/document-link.ts',
      'GetObjectCommand',
      'an approver’s browser opens the page’s presigned document link, which acts with this role (the browser tests do; an integration run renders pages without loading the document)',
    ),
    path(
      'approval-api',
      'dynamodb:ConditionCheckItem',
      'lambdas/platform/stores/chained-write.ts',
      'TransactWriteCommand',
      'a link names no task: its refusal is audited under a trail with no document record, and the transaction’s ConditionCheck (authorised as ConditionCheckItem) holds that record absent',
    ),
    path(
      'approval-api',
      'dynamodb:GetItem',
      'lambdas/platform/stores/chain-items.ts',
      'GetCommand',
      'a link names no task: the head of that trail, kept in the audit table, is read before its refusal is linked',
    ),
    path(
      'quarantine',
      's3:GetObject',
      'lambdas/platform/quarantine/objects.ts',
      'HeadObjectCommand',
      'the original is already gone (a re-run): it checks that the quarantined copy is there',
    ),
  ];
}

/** The reason a role's unused grant stays, if one is listed. */
export function unusedGrantReason(
  roleLabel: string,
  action: string,
  reasons: readonly UnusedGrantReason[] = unusedGrantReasons,
): string | undefined {
  // A merged role's label lists each owner: a reason for any of them applies.
  const owners = roleLabel.split(', ');
  return reasons.find((r) => r.action === action && owners.some((owner) => r.roles.test(owner)))?.reason;
}
