import type { BucketAccess, TableAccess } from '../../lambdas/platform/registry/functions.ts';

/**
 * The exact IAM actions behind each access level of the function registry. Listed by hand rather than
 * taken from CDK's `grant*` helpers, which add wildcard actions (`kms:GenerateDataKey*`, `s3:List*`).
 */
export const tableActions: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  /** The audit trail: new items only, never an update or a delete. */
  append: ['dynamodb:PutItem'],
};

/** What each table access level needs of the tables' customer-managed key. */
export const tableKeyActions: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['kms:Decrypt'],
  // Conditional writes read the current item back (ReturnValuesOnConditionCheckFailure).
  write: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  readwrite: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  // DynamoDB decrypts the table key with the caller's credentials on every call, writes included
  // (KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS"): without Decrypt every PutItem is denied.
  append: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

/** Object actions per bucket access level; versions are read because events name the version. */
export const bucketActions: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  write: ['s3:PutObject'],
  delete: ['s3:DeleteObject'],
  // Granted on the bucket with an `s3:prefix` condition, not on objects (see function-grants.ts).
  list: [],
};

/** What each bucket access level needs of the bucket's key (SSE-KMS). */
export const bucketKeyActions: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['kms:Decrypt'],
  write: ['kms:GenerateDataKey'],
  delete: [],
  list: [],
};

/** Task results for `.waitForTaskToken` tasks. */
export const taskResponseActions = [
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
];
