/**
 * The DynamoDB tables Tower uses, as pure data: the CDK app and the local runtime both create
 * tables from this list, and handlers read each table's name from the environment variable named here.
 */
export interface TableSpec {
  /** Stable id, used in grants and in local table names. */
  readonly id: TableId;
  /** Environment variable that carries the table name to handlers. */
  readonly envVar: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Epoch-seconds attribute after which an item is expired (DynamoDB TTL on AWS; readers filter locally). */
  readonly expiresAttribute?: string;
  readonly indexes?: readonly {
    readonly name: string;
    readonly partitionKey: string;
    readonly sortKey: string;
  }[];
}

export type TableId = 'documents' | 'idempotency' | 'approvals' | 'audit' | 'vendors' | 'extraction';

export const tables: Readonly<Record<TableId, TableSpec>> = {
  documents: {
    id: 'documents',
    envVar: 'DOCUMENTS_TABLE',
    partitionKey: 'documentId',
    indexes: [{ name: 'byStatus', partitionKey: 'status', sortKey: 'updatedAt' }],
  },
  idempotency: {
    id: 'idempotency',
    envVar: 'IDEMPOTENCY_TABLE',
    partitionKey: 'key',
    expiresAttribute: 'expiresAt',
  },
  approvals: {
    id: 'approvals',
    envVar: 'APPROVALS_TABLE',
    partitionKey: 'approvalId',
    expiresAttribute: 'purgeAt',
  },
  audit: { id: 'audit', envVar: 'AUDIT_TABLE', partitionKey: 'documentId', sortKey: 'eventId' },
  vendors: { id: 'vendors', envVar: 'VENDORS_TABLE', partitionKey: 'vendorId', sortKey: 'recordKey' },
  /** Textract admission: per-second rate slots, job leases, and the job → task token map. */
  extraction: {
    id: 'extraction',
    envVar: 'EXTRACTION_TABLE',
    partitionKey: 'key',
    expiresAttribute: 'expiresAt',
  },
};

export const tableList: readonly TableSpec[] = Object.values(tables);
