/**
 * Every AWS call the operator CLI (`npm run tower -- <command> --stack <name>`) makes, per command, as
 * data: the stack's operator policy is built from it (lib/constructs/operator-policy.ts), the README
 * table is checked against it, and a test reads the CLI's source to prove nothing it calls is missing.
 */

/** The operator CLI's commands (bin/operator/commands.ts names the same). */
export type OperatorCommand =
  | 'documents'
  | 'timeline'
  | 'verify'
  | 'dlq'
  | 'redrive-dlq'
  | 'redrive'
  | 'cancel';

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
/**
 * An audit append is one transaction: the chain's head on the document record moves (read, then a
 * conditional update) and the event is put; DynamoDB authorises each action inside it as its own call
 * (Developer Guide, "Using IAM with DynamoDB transactions").
 */
const appendAudit = [getDocument, updateDocument, call('dynamodb:PutItem', 'audit-table')];
/** A trail with no document record (a queue's) keeps its head in the audit table; the record must stay absent. */
const appendAuditWithoutDocument = [
  ...appendAudit,
  call('dynamodb:GetItem', 'audit-table'),
  call('dynamodb:ConditionCheckItem', 'documents-table'),
];
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
  verify: [findStack, findDocument, getDocument, listAudit, tableKey],
  dlq: [findStack, call('sqs:GetQueueAttributes', 'dead-letter-queues'), ...receiveDeadLetters],
  'redrive-dlq': [
    findStack,
    ...receiveDeadLetters,
    call('sqs:DeleteMessage', 'dead-letter-queues'),
    call('sqs:SendMessage', 'queues'),
    // A producer to an SSE-KMS queue has SQS generate and decrypt data keys for it.
    call('kms:GenerateDataKey', 'key', 'sqs'),
    ...appendAuditWithoutDocument,
    tableKey,
  ],
  redrive: [
    findStack,
    findDocument,
    getDocument,
    updateDocument,
    listAudit,
    ...appendAudit,
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
    ...appendAudit,
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

/**
 * The store methods the CLI calls through the platform's DynamoDB adapters, by the actions each needs:
 * a move or an append is a transaction of the head's read and update and the event's put.
 */
export const storeMethodActions: Readonly<Record<string, readonly string[]>> = {
  'documents.get': ['dynamodb:GetItem'],
  'documents.transition': ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  'audit.list': ['dynamodb:Query'],
  'audit.append': [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    'dynamodb:PutItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/** Every action any command needs, once. */
export function allOperatorActions(): string[] {
  return [...new Set(Object.values(operatorCalls).flatMap((calls) => calls.map((c) => c.action)))].sort();
}
