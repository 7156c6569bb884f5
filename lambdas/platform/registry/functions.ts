import { fileURLToPath } from 'node:url';
import type { FunctionId, QueueId, TableId } from './ids.ts';
import type { bucketPrefixes } from './names.ts';

/**
 * The platform's Lambda functions, as pure data; each process adds its own (see process-spec.ts). `lib/`
 * turns each entry into a NodejsFunction with exactly these grants and environment variables; `local/`
 * runs the same bundle in a worker with the same variables pointing at local resources. Nothing here
 * imports CDK or the AWS SDK.
 */
/** One item operation on a table, one IAM action each: what a function's code calls, nothing broader. */
export type TableOperation = 'get' | 'query' | 'put' | 'update' | 'delete';
/** The operations a function performs on one table; `query` reaches the table's indexes too. */
export type TableAccess = readonly TableOperation[];
/** The audit trail's access: new items only, never an update or a delete. */
export const appendOnly: TableAccess = ['put'];
/**
 * `readVersion` reads the version an S3 event names (the bucket is versioned); `list` lets a read of a
 * missing key answer NoSuchKey rather than AccessDenied.
 */
export type BucketAccess = 'read' | 'readVersion' | 'write' | 'delete' | 'list';

/**
 * A prefix of the data bucket; `intake` stands for the intake prefixes. A platform function is granted
 * an area for every process, a process's own function only its process's part (`results/<process>/`).
 */
export type BucketArea = 'intake' | (typeof bucketPrefixes)[keyof typeof bucketPrefixes];

export interface BucketGrant {
  readonly area: BucketArea;
  readonly access: readonly BucketAccess[];
}

export interface FunctionSpec {
  /** Unique across the platform and every process; names the deployed function (`tower-<stage>-<id>`). */
  readonly id: FunctionId;
  /** Absolute path of the entry file, resolved from the module that declares the function. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly tables: Readonly<Partial<Record<TableId, TableAccess>>>;
  /** Access to the data bucket (env DATA_BUCKET), one grant per prefix. */
  readonly bucket?: readonly BucketGrant[];
  /** Starts executions of the process state machines (env STATE_MACHINES, WORKFLOW_VERSIONS, INTAKE_PREFIXES). */
  readonly startsExecutions?: boolean;
  /** Reads the status of the process state machines' executions (DescribeExecution). */
  readonly describesExecutions?: boolean;
  /** The task results it sends to the process state machines' `.waitForTaskToken` tasks. */
  readonly sendsTaskResults?: readonly TaskResult[];
  /** Sends email through SES (env SENDER_ADDRESS). */
  readonly sendsEmail?: boolean;
  /** Textract actions it calls (these have no resource-level permissions). */
  readonly textract?: readonly string[];
  /**
   * Starts Textract jobs that notify the topic feeding this queue (env TEXTRACT_TOPIC_ARN,
   * TEXTRACT_ROLE_ARN; iam:PassRole). The queue must be a `textractCompletions` queue.
   */
  readonly startsTextractJobs?: QueueId;
  /** Consumes this queue and changes its messages' visibility to defer them (env QUEUE_URL). */
  readonly defersOn?: QueueId;
  /** Receives the account's Textract quotas (env TEXTRACT_RATES), for admission control. */
  readonly needsTextractRates?: boolean;
  /** Inspects documents at admission: receives its process's active-content policy (env ACTIVE_CONTENT_POLICY). */
  readonly inspectsDocuments?: boolean;
  /** Receives the approval page base URL (env APPROVAL_BASE_URL). */
  readonly needsApprovalUrl?: boolean;
  /** Receives every process's human-step policy (env APPROVAL_POLICIES: JSON of policy id → policy). */
  readonly needsApprovalPolicies?: boolean;
  /** Receives its process's rule parameters (env RULE_PARAMETERS); only a process's own function can. */
  readonly needsRuleParameters?: boolean;
}

/** A task result, one IAM action each (states:SendTaskSuccess, states:SendTaskFailure, states:SendTaskHeartbeat). */
export type TaskResult = 'success' | 'failure' | 'heartbeat';

export type { FunctionId } from './ids.ts';

/** The entry file next to a registry module: `handlerPath(import.meta.url, './finalize/handler.ts')`. */
export function handlerPath(moduleUrl: string, relative: string): string {
  return fileURLToPath(new URL(relative, moduleUrl));
}

const entry = (relative: string) => handlerPath(import.meta.url, relative);
const spec = (s: FunctionSpec): FunctionSpec => s;

/** The functions every process uses: intake, the human step, finishing, failure, quarantine, settlement. */
export const platformFunctions: readonly FunctionSpec[] = [
  spec({
    id: 'start-execution',
    entry: entry('../start-execution/handler.ts'),
    description: 'Consumes S3 events from the intake queue and starts one execution per document',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: {
      documents: ['get', 'put', 'update'],
      idempotency: ['get', 'put', 'update'],
      audit: appendOnly,
    },
    // delete: a duplicate's intake object is removed (its document holds the same content)
    bucket: [{ area: 'intake', access: ['read', 'readVersion', 'delete'] }],
    startsExecutions: true,
  }),
  spec({
    id: 'request-approval',
    entry: entry('../request-approval/handler.ts'),
    description:
      'The human step: stores the task token server-side, emails the people their links, reminds, escalates, expires',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { approvals: ['get', 'put', 'update'], documents: ['get', 'update'], audit: appendOnly },
    sendsEmail: true,
    sendsTaskResults: ['success', 'failure'],
    needsApprovalUrl: true,
    needsApprovalPolicies: true,
  }),
  spec({
    id: 'approval-api',
    entry: entry('../approval-api/handler.ts'),
    description: 'Serves the human-step page and records one decision per person',
    memoryMb: 512,
    timeoutSeconds: 29,
    tables: { approvals: ['get', 'update'], audit: appendOnly },
    // Signs the page's short-lived link to the document decided on (a presigned URL carries these permissions).
    bucket: [{ area: 'intake', access: ['read', 'readVersion'] }],
    sendsEmail: true,
    sendsTaskResults: ['success', 'failure'],
  }),
  spec({
    id: 'finalize',
    entry: entry('../finalize/handler.ts'),
    description: 'Writes the result, the final status and the audit event',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { documents: ['get', 'update'], audit: appendOnly },
    // read: a refused create-only write compares the stored result by hash (If-Match needs s3:GetObject too)
    bucket: [{ area: 'results/', access: ['read', 'write'] }],
  }),
  spec({
    id: 'quarantine',
    entry: entry('../quarantine/handler.ts'),
    description: 'Moves a rejected input to the quarantine prefix and records REJECTED_INPUT',
    memoryMb: 256,
    timeoutSeconds: 60,
    tables: { documents: ['get', 'update'], audit: appendOnly },
    bucket: [
      { area: 'intake', access: ['read', 'readVersion', 'delete'] },
      // read: a re-run whose original is gone checks (HeadObject) that its copy is there
      { area: 'quarantine/', access: ['read', 'write'] },
    ],
  }),
  spec({
    id: 'record-failure',
    entry: entry('../record-failure/handler.ts'),
    description: 'Records FAILED with the failed step, the error class and cause',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { documents: ['get', 'update'], audit: appendOnly },
  }),
  spec({
    id: 'execution-ended',
    entry: entry('../execution-ended/handler.ts'),
    description:
      'Closes what a stopped, timed-out or failed execution leaves open: revokes human-step links, settles the status',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { documents: ['get', 'update'], approvals: ['query', 'update'], audit: appendOnly },
    describesExecutions: true,
  }),
];

/** The placeholders every process's ASL may use for the platform's functions, without declaring them. */
export const platformPlaceholders: Readonly<Record<string, FunctionId>> = {
  RequestApprovalFunctionArn: 'request-approval',
  FinalizeFunctionArn: 'finalize',
  QuarantineFunctionArn: 'quarantine',
  RecordFailureFunctionArn: 'record-failure',
};
