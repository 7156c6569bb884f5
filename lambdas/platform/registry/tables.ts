import type { TableId } from './ids.ts';

/**
 * The DynamoDB tables Tower uses, as pure data: the CDK app and the local runtime both create the
 * catalog's tables (these and each process's own), and handlers read each table's name from the
 * environment variable named here.
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
  /**
   * Each item is one document's effect, written once under a key derived from it (with `documentId`
   * as an attribute): the reliability judge counts a document with two items as duplicated.
   */
  readonly oneItemPerDocument?: boolean;
  readonly indexes?: readonly {
    readonly name: string;
    readonly partitionKey: string;
    readonly sortKey: string;
  }[];
}

export type { TableId } from './ids.ts';

export type PlatformTableId = 'documents' | 'idempotency' | 'approvals' | 'audit' | 'extraction' | 'identity';

/** The platform's stores: documents and their status, idempotency, human tasks, audit, Textract admission. */
export const tables: Readonly<Record<PlatformTableId, TableSpec>> = {
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
    // An execution can hold several human tasks; what ends it finds them all here.
    indexes: [{ name: 'byExecution', partitionKey: 'executionArn', sortKey: 'approvalId' }],
  },
  audit: { id: 'audit', envVar: 'AUDIT_TABLE', partitionKey: 'documentId', sortKey: 'eventId' },
  /** Sign-in sessions (by the hash of their cookie) and each person's passkeys; sessions expire by TTL. */
  identity: { id: 'identity', envVar: 'IDENTITY_TABLE', partitionKey: 'key', expiresAttribute: 'expiresAt' },
  /** Textract admission: per-second rate slots, job leases, and the job → task token map. */
  extraction: {
    id: 'extraction',
    envVar: 'EXTRACTION_TABLE',
    partitionKey: 'key',
    expiresAttribute: 'expiresAt',
  },
};
