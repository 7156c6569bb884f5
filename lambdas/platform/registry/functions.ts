import type { QueueId } from './queues.ts';
import type { TableId } from './tables.ts';

/**
 * Every Lambda function Tower deploys, as pure data. `lib/` turns each entry into a NodejsFunction
 * with exactly these grants and environment variables; `local/` runs the same bundle in a worker with
 * the same variables pointing at local resources. Nothing here imports CDK or the AWS SDK.
 */
export type TableAccess = 'read' | 'write' | 'readwrite' | 'append';
/** `list` lets a read of a missing key answer NoSuchKey rather than AccessDenied. */
export type BucketAccess = 'read' | 'write' | 'delete' | 'list';

/** The data bucket's working prefixes, shared by handlers, grants and the local runtime. */
export const bucketPrefixes = {
  results: 'results/',
  quarantine: 'quarantine/',
  extractions: 'extractions/',
} as const;

/** A prefix of the data bucket; `intake` stands for every process's intake prefix. */
export type BucketArea = 'intake' | (typeof bucketPrefixes)[keyof typeof bucketPrefixes];

export interface BucketGrant {
  readonly area: BucketArea;
  readonly access: readonly BucketAccess[];
}

export interface FunctionSpec {
  readonly id: FunctionId;
  /** Entry file, relative to `lambdas/`. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly tables: Readonly<Partial<Record<TableId, TableAccess>>>;
  /** Access to the data bucket (env DATA_BUCKET), one grant per prefix. */
  readonly bucket?: readonly BucketGrant[];
  /** Starts executions of the process state machines (env STATE_MACHINES: JSON of process id → ARN). */
  readonly startsExecutions?: boolean;
  /** Reads the status of the process state machines' executions (DescribeExecution). */
  readonly describesExecutions?: boolean;
  /** Sends task results (SendTaskSuccess/Failure/Heartbeat) to the process state machines. */
  readonly sendsTaskResults?: boolean;
  /** Sends email through SES (env SENDER_ADDRESS). */
  readonly sendsEmail?: boolean;
  /** Textract actions it calls (these have no resource-level permissions). */
  readonly textract?: readonly string[];
  /** Starts Textract jobs that notify the completion topic (env TEXTRACT_TOPIC_ARN, TEXTRACT_ROLE_ARN; iam:PassRole). */
  readonly startsTextractJobs?: boolean;
  /** Consumes this queue and changes its messages' visibility to defer them (env QUEUE_URL). */
  readonly defersOn?: QueueId;
  /** Receives the account's Textract quotas (env TEXTRACT_RATES), for admission control. */
  readonly needsTextractRates?: boolean;
  /** Receives the approval page base URL (env APPROVAL_BASE_URL). */
  readonly needsApprovalUrl?: boolean;
  /** Receives the process's approval policy (env APPROVAL_POLICY); the approval API reads it from each approval record instead. */
  readonly needsApprovalPolicy?: boolean;
}

export type FunctionId =
  | 'start-execution'
  | 'extract'
  | 'score'
  | 'rules'
  | 'request-approval'
  | 'approval-api'
  | 'finalize'
  | 'quarantine'
  | 'record-failure'
  | 'execution-ended'
  | 'complete-extraction'
  | 'recover-extraction';

const spec = (s: FunctionSpec): FunctionSpec => s;

export const functions: Readonly<Record<FunctionId, FunctionSpec>> = {
  'start-execution': spec({
    id: 'start-execution',
    entry: 'platform/start-execution/handler.ts',
    description: 'Consumes S3 events from the intake queue and starts one execution per document',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { documents: 'readwrite', idempotency: 'readwrite', audit: 'append' },
    bucket: [{ area: 'intake', access: ['read'] }],
    startsExecutions: true,
  }),
  extract: spec({
    id: 'extract',
    entry: 'processes/invoice/extract/handler.ts',
    description:
      'Admits extraction requests at the Textract rate: AnalyzeExpense for one page, StartExpenseAnalysis for more',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { extraction: 'readwrite', audit: 'append' },
    bucket: [
      { area: 'intake', access: ['read'] },
      { area: bucketPrefixes.extractions, access: ['read', 'write', 'list'] },
    ],
    textract: ['textract:AnalyzeExpense', 'textract:StartExpenseAnalysis'],
    sendsTaskResults: true,
    startsTextractJobs: true,
    needsTextractRates: true,
    defersOn: 'extraction',
  }),
  'complete-extraction': spec({
    id: 'complete-extraction',
    entry: 'processes/invoice/complete-extraction/handler.ts',
    description: 'Reads a finished Textract expense job, page by page, and resumes the waiting workflow',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { extraction: 'readwrite', audit: 'append' },
    bucket: [{ area: bucketPrefixes.extractions, access: ['read', 'write', 'list'] }],
    textract: ['textract:GetExpenseAnalysis'],
    sendsTaskResults: true,
  }),
  'recover-extraction': spec({
    id: 'recover-extraction',
    entry: 'processes/invoice/recover-extraction/handler.ts',
    description: 'After an extraction wait times out, reads the result or the job status directly',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { extraction: 'readwrite', audit: 'append' },
    bucket: [{ area: bucketPrefixes.extractions, access: ['read', 'write', 'list'] }],
    textract: ['textract:GetExpenseAnalysis'],
  }),
  score: spec({
    id: 'score',
    entry: 'processes/invoice/score/handler.ts',
    description: 'Scores vendor risk with the versioned model, or the heuristic fallback',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { vendors: 'read', audit: 'append' },
  }),
  rules: spec({
    id: 'rules',
    entry: 'processes/invoice/rules/handler.ts',
    description: 'Applies the versioned payment-terms and approval rules',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { audit: 'append' },
    needsApprovalPolicy: true,
  }),
  'request-approval': spec({
    id: 'request-approval',
    entry: 'platform/request-approval/handler.ts',
    description: 'Stores the task token server-side and emails the approvers their links',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { approvals: 'readwrite', documents: 'readwrite', audit: 'append' },
    sendsEmail: true,
    sendsTaskResults: true,
    needsApprovalUrl: true,
    needsApprovalPolicy: true,
  }),
  'approval-api': spec({
    id: 'approval-api',
    entry: 'platform/approval-api/handler.ts',
    description: 'Serves the approval page and records one decision per approver',
    memoryMb: 512,
    timeoutSeconds: 29,
    tables: { approvals: 'readwrite', audit: 'append' },
    sendsEmail: true,
    sendsTaskResults: true,
  }),
  finalize: spec({
    id: 'finalize',
    entry: 'platform/finalize/handler.ts',
    description: 'Writes the result, the final status and the vendor history',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { documents: 'readwrite', vendors: 'write', audit: 'append' },
    bucket: [
      { area: bucketPrefixes.extractions, access: ['read'] },
      { area: bucketPrefixes.results, access: ['write'] },
    ],
  }),
  quarantine: spec({
    id: 'quarantine',
    entry: 'platform/quarantine/handler.ts',
    description: 'Moves a rejected input to the quarantine prefix and records REJECTED_INPUT',
    memoryMb: 256,
    timeoutSeconds: 60,
    tables: { documents: 'readwrite', audit: 'append' },
    bucket: [
      { area: 'intake', access: ['read', 'delete'] },
      { area: bucketPrefixes.quarantine, access: ['write'] },
    ],
  }),
  'record-failure': spec({
    id: 'record-failure',
    entry: 'platform/record-failure/handler.ts',
    description: 'Records FAILED with the error class and cause',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { documents: 'readwrite', audit: 'append' },
  }),
  'execution-ended': spec({
    id: 'execution-ended',
    entry: 'platform/execution-ended/handler.ts',
    description:
      'Closes what a stopped, timed-out or failed execution leaves open: revokes approval links, settles the status',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { documents: 'readwrite', approvals: 'readwrite', audit: 'append' },
    describesExecutions: true,
  }),
};

export const functionList: readonly FunctionSpec[] = Object.values(functions);

/** Environment variable names shared by `lib/`, `local/` and the handlers. */
export const envVars = {
  bucket: 'DATA_BUCKET',
  stateMachines: 'STATE_MACHINES',
  workflowVersions: 'WORKFLOW_VERSIONS',
  sender: 'SENDER_ADDRESS',
  approvalBaseUrl: 'APPROVAL_BASE_URL',
  approvalPolicy: 'APPROVAL_POLICY',
  textractTopic: 'TEXTRACT_TOPIC_ARN',
  textractRole: 'TEXTRACT_ROLE_ARN',
  textractRates: 'TEXTRACT_RATES',
  queueUrl: 'QUEUE_URL',
} as const;
