import type {
  BucketAccess,
  TableAccess,
  TableOperation,
  TaskResult,
} from '../../lambdas/platform/registry/functions.ts';

/**
 * The exact IAM actions behind each access of the function registry. Listed by hand rather than taken
 * from CDK's `grant*` helpers, which add wildcard and batch actions (`kms:GenerateDataKey*`, `s3:List*`,
 * `dynamodb:BatchWriteItem`) that no Tower function calls.
 */
export const tableOperationActions: Readonly<Record<TableOperation, string>> = {
  get: 'dynamodb:GetItem',
  query: 'dynamodb:Query',
  put: 'dynamodb:PutItem',
  update: 'dynamodb:UpdateItem',
  delete: 'dynamodb:DeleteItem',
};

/** The IAM actions of a table access, in registry order. */
export const tableActions = (access: TableAccess): string[] => [
  ...new Set(access.map((operation) => tableOperationActions[operation])),
];

const writes: ReadonlySet<TableOperation> = new Set(['put', 'update', 'delete']);

/**
 * What a table access needs of the tables' customer-managed key. DynamoDB decrypts the table key with
 * the caller's credentials on every data-plane call, reads and writes alike, and documents
 * GenerateDataKey (not Encrypt) for writers (KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS":
 * items are encrypted inside DynamoDB with the table key, never by a kms:Encrypt call).
 */
export const tableKeyActions = (access: TableAccess): string[] =>
  access.some((operation) => writes.has(operation))
    ? ['kms:Decrypt', 'kms:GenerateDataKey']
    : ['kms:Decrypt'];

/** Object actions per bucket access level. */
export const bucketActions: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['s3:GetObject'],
  // GetObject/HeadObject with a VersionId (S3 API Reference, GetObject "Permissions").
  readVersion: ['s3:GetObjectVersion'],
  write: ['s3:PutObject'],
  delete: ['s3:DeleteObject'],
  // Granted on the bucket with an `s3:prefix` condition, not on objects (see function-grants.ts).
  list: [],
};

/** What each bucket access level needs of the bucket's key (SSE-KMS). */
export const bucketKeyActions: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['kms:Decrypt'],
  readVersion: ['kms:Decrypt'],
  write: ['kms:GenerateDataKey'],
  delete: [],
  list: [],
};

/** Task results for `.waitForTaskToken` tasks, one action each. */
export const taskResultActions: Readonly<Record<TaskResult, string>> = {
  success: 'states:SendTaskSuccess',
  failure: 'states:SendTaskFailure',
  heartbeat: 'states:SendTaskHeartbeat',
};
