import type { Use } from '../capability/use.ts';

/**
 * One item operation on a table, one IAM action each: what a function's code calls, nothing broader.
 * An action inside a TransactWriteItems is authorised as its own call (Put as PutItem, Update as
 * UpdateItem, ConditionCheck as ConditionCheckItem; Developer Guide, "Using IAM with DynamoDB
 * transactions"), so a transaction needs no action of its own.
 */
export type TableOperation = 'get' | 'query' | 'put' | 'update' | 'delete' | 'check';
/** The operations a function performs on one table; `query` reaches the table's indexes too. */
export type TableAccess = readonly TableOperation[];

/**
 * The exact IAM actions behind each operation. Listed by hand rather than taken from CDK's `grant*`
 * helpers, which add batch and wildcard actions (`dynamodb:BatchWriteItem`) no Tower function calls.
 */
export const tableOperationActions: Readonly<Record<TableOperation, string>> = {
  get: 'dynamodb:GetItem',
  query: 'dynamodb:Query',
  put: 'dynamodb:PutItem',
  update: 'dynamodb:UpdateItem',
  delete: 'dynamodb:DeleteItem',
  check: 'dynamodb:ConditionCheckItem',
};

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

/** A function's operations on one table: those actions on it (and its indexes for a query), its name in the environment. */
function table(id: string, access: TableAccess): Use {
  return {
    capability: 'stores',
    kind: 'table',
    target: id,
    detail: access,
    summary: `${access.join(', ')} on table ${id}`,
    grants: (deployed, fn) => {
      const spec = deployed.catalog.tables.find((t) => t.id === id);
      if (!spec) throw new Error(`${fn.id} uses table ${id}, which does not exist`);
      const { arn } = deployed.table(id);
      // Indexes by name, not `index/*`: the catalog knows them all; only a Query reaches them.
      const indexes = access.includes('query')
        ? (spec.indexes ?? []).map((index) => `${arn}/index/${index.name}`)
        : [];
      return {
        statements: [
          {
            actions: [...new Set(access.map((operation) => tableOperationActions[operation]))],
            resources: [arn, ...indexes],
          },
        ],
        keyActions: tableKeyActions(access),
      };
    },
    environment: (deployed, fn) => {
      const spec = deployed.catalog.tables.find((t) => t.id === id);
      if (!spec) throw new Error(`${fn.id} uses table ${id}, which has no name`);
      return { [spec.envVar]: deployed.table(id).name };
    },
    problems: (catalog, fn) => [
      ...(catalog.tables.some((t) => t.id === id)
        ? []
        : [`function ${fn.id} uses table ${id}, which does not exist`]),
      // An empty access would grant the table's key and environment variable for no operation.
      ...(access.length === 0 ? [`function ${fn.id} names table ${id} with no operation`] : []),
    ],
  };
}

/**
 * The DynamoDB tables of the platform and the processes. A function that writes audit events declares
 * `stores.audit()` and, since each chain's head lives on the document record and moves in the same
 * transaction, `get` and `update` on `documents` too (the infra tests hold every function to it).
 */
export const stores = {
  table,
  /**
   * The audit trail's access: new items only, never an update or a delete. With `trailsWithoutDocument`
   * it also reads the head a trail with no document record keeps in the table (the operator's queue
   * trails, a link to no task), and then needs `check` on `documents` (the record must stay absent).
   */
  audit: (options: { readonly trailsWithoutDocument?: boolean } = {}): Use =>
    table('audit', options.trailsWithoutDocument ? ['get', 'put'] : ['put']),
  /** For a function that appends audit events but moves no document: read and move the chains' heads. */
  auditHeads: (): Use => table('documents', ['get', 'update']),
};
