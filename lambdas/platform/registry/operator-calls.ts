/**
 * Every AWS call the operator CLI (`npm run tower -- <command> --stack <name>`) makes, per command, as
 * data: the stack's operator policy is built from it (lib/constructs/operator-policy.ts), the README
 * table is checked against it, and a test reads the CLI's source to prove nothing it calls is missing.
 */

/** The operator CLI's commands (bin/operator/commands.ts names the same). */
export type OperatorCommand = 'documents' | 'timeline' | 'dlq' | 'redrive-dlq' | 'redrive' | 'cancel';

/** What a call acts on; the stack resolves each to ARNs. */
export type OperatorResource =
  | 'stack'
  | 'documents-table'
  | 'documents-by-status'
  | 'audit-table'
  | 'queues'
  | 'dead-letter-queues'
  | 'state-machines'
  | 'executions'
  | 'key';

export interface OperatorCall {
  /** The IAM action, e.g. `dynamodb:GetItem`. */
  readonly action: string;
  readonly on: OperatorResource;
  /** For `key`: the service that uses the key for the caller (the `kms:ViaService` condition). */
  readonly via?: 'dynamodb' | 'sqs';
}

const call = (action: string, on: OperatorResource, via?: OperatorCall['via']): OperatorCall =>
  via === undefined ? { action, on } : { action, on, via };

// Each `--stack` run reads the stack's outputs first (stack-target.ts).
const findStack = call('cloudformation:DescribeStacks', 'stack');
// DynamoDB decrypts a customer-managed-key table's key with the caller's credentials on every call.
const tableKey = call('kms:Decrypt', 'key', 'dynamodb');
const getDocument = call('dynamodb:GetItem', 'documents-table');
// A document named by a prefix of its id is found in the byStatus index (bin/operator/document-ids.ts).
const findDocument = call('dynamodb:Query', 'documents-by-status');
const updateDocument = call('dynamodb:UpdateItem', 'documents-table');
const listAudit = call('dynamodb:Query', 'audit-table');
const appendAudit = call('dynamodb:PutItem', 'audit-table');
const describeExecution = call('states:DescribeExecution', 'executions');
const executionHistory = call('states:GetExecutionHistory', 'executions');
const stopExecution = call('states:StopExecution', 'executions');
const receiveDeadLetters = [
  call('sqs:ReceiveMessage', 'dead-letter-queues'),
  call('sqs:ChangeMessageVisibility', 'dead-letter-queues'),
  // An SSE-KMS queue's messages are decrypted for the consumer.
  call('kms:Decrypt', 'key', 'sqs'),
];

export const operatorCalls: Readonly<Record<OperatorCommand, readonly OperatorCall[]>> = {
  documents: [findStack, findDocument, tableKey],
  timeline: [findStack, findDocument, getDocument, listAudit, tableKey, describeExecution, executionHistory],
  dlq: [findStack, call('sqs:GetQueueAttributes', 'dead-letter-queues'), ...receiveDeadLetters],
  'redrive-dlq': [
    findStack,
    ...receiveDeadLetters,
    call('sqs:DeleteMessage', 'dead-letter-queues'),
    call('sqs:SendMessage', 'queues'),
    // A producer to an SSE-KMS queue has SQS generate and decrypt data keys for it.
    call('kms:GenerateDataKey', 'key', 'sqs'),
    appendAudit,
    tableKey,
  ],
  redrive: [
    findStack,
    findDocument,
    getDocument,
    updateDocument,
    listAudit,
    appendAudit,
    tableKey,
    describeExecution,
    executionHistory,
    call('states:RedriveExecution', 'executions'),
    // A redrive AWS refuses (the execution is past its redrive window) starts a new execution.
    call('states:StartExecution', 'state-machines'),
  ],
  cancel: [
    findStack,
    findDocument,
    getDocument,
    updateDocument,
    appendAudit,
    tableKey,
    describeExecution,
    stopExecution,
  ],
};

/** The SDK command classes the CLI constructs, by the IAM action each needs. */
export const sdkCommandActions: Readonly<Record<string, string>> = {
  DescribeStacksCommand: 'cloudformation:DescribeStacks',
  QueryCommand: 'dynamodb:Query',
  GetCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DescribeExecutionCommand: 'states:DescribeExecution',
  GetExecutionHistoryCommand: 'states:GetExecutionHistory',
  StopExecutionCommand: 'states:StopExecution',
  RedriveExecutionCommand: 'states:RedriveExecution',
  StartExecutionCommand: 'states:StartExecution',
  GetQueueAttributesCommand: 'sqs:GetQueueAttributes',
  ReceiveMessageCommand: 'sqs:ReceiveMessage',
  ChangeMessageVisibilityBatchCommand: 'sqs:ChangeMessageVisibility',
  DeleteMessageCommand: 'sqs:DeleteMessage',
  SendMessageCommand: 'sqs:SendMessage',
};

/** The store methods the CLI calls through the platform's DynamoDB adapters, by the action each needs. */
export const storeMethodActions: Readonly<Record<string, string>> = {
  'documents.get': 'dynamodb:GetItem',
  'documents.transition': 'dynamodb:UpdateItem',
  'audit.list': 'dynamodb:Query',
  'audit.append': 'dynamodb:PutItem',
};

/** Every action any command needs, once. */
export function allOperatorActions(): string[] {
  return [...new Set(Object.values(operatorCalls).flatMap((calls) => calls.map((c) => c.action)))].sort();
}
