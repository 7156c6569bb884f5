import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import { sha256Hex } from '../shared/hash.ts';
import type { ChainHead } from './audit-chain.ts';
import type { DocumentRecord } from './document-record.ts';

/** The two tables every chained write touches: the head lives on the document record, the events in the audit table. */
export interface ChainTables {
  readonly documents: string;
  readonly audit: string;
}

/** The tables from the environment, read when first needed (a function that only reads documents names no audit table). */
export function chainTablesFromEnv(): ChainTables {
  return {
    get documents() {
      return requiredEnv(tables.documents.envVar);
    },
    get audit() {
      return requiredEnv(tables.audit.envVar);
    },
  };
}

/**
 * The audit table's sort keys (`eventId`), one key schema for every kind of item:
 * - `s#<seq, 12 digits>`: a link of the document's chain;
 * - `k#…`, `t#…`: events an older deployment recorded before the chain began (kept, never linked);
 * - `i#<hash of an idempotency key>`: the marker that the keyed event was recorded (it names its seq);
 * - `head`: the head of a trail with no document record (an operator's queue trail, a link to no task).
 */
export const auditItemIds = {
  head: 'head',
  marker: (idempotencyKey: string) => `i#${sha256Hex(idempotencyKey).slice(0, 40)}`,
  isEvent: (eventId: string) => /^(s|k|t)#/.test(eventId),
};

/** The attributes of the document record that hold its chain's head. */
export const headAttributes = { seq: 'auditSeq', hash: 'auditHash' } as const;

/** The document record, read consistently (a chained write starts from the head it holds). */
export async function readDocument(
  db: DynamoDBDocumentClient,
  tableName: string,
  documentId: string,
): Promise<DocumentRecord | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: { documentId }, ConsistentRead: true }),
  );
  return out.Item as DocumentRecord | undefined;
}

/** The head of a trail with no document record, kept in the audit table under `head`. */
export async function readTrailHead(
  db: DynamoDBDocumentClient,
  auditTable: string,
  documentId: string,
): Promise<ChainHead | undefined> {
  const out = await db.send(
    new GetCommand({
      TableName: auditTable,
      Key: { documentId, eventId: auditItemIds.head },
      ConsistentRead: true,
    }),
  );
  const item = out.Item as { seq?: number; hash?: string } | undefined;
  return item?.seq !== undefined && item.hash !== undefined ? { seq: item.seq, hash: item.hash } : undefined;
}

/** Clauses of an UpdateExpression and its condition, so a change and the head's update merge into one Update. */
export interface UpdateParts {
  readonly set?: readonly string[];
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
  /** Joined with AND. */
  readonly conditions?: readonly string[];
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** Several parts as one. */
export function mergeParts(...parts: readonly UpdateParts[]): UpdateParts {
  return {
    set: parts.flatMap((p) => p.set ?? []),
    add: parts.flatMap((p) => p.add ?? []),
    remove: parts.flatMap((p) => p.remove ?? []),
    conditions: parts.flatMap((p) => p.conditions ?? []),
    names: Object.assign({}, ...parts.map((p) => p.names ?? {})),
    values: Object.assign({}, ...parts.map((p) => p.values ?? {})),
  };
}

/** The Update's expressions; names and values left out when none (DynamoDB refuses empty maps). */
export function updateExpressions(parts: UpdateParts) {
  const clauses = [
    parts.set?.length ? `SET ${parts.set.join(', ')}` : '',
    parts.add?.length ? `ADD ${parts.add.join(', ')}` : '',
    parts.remove?.length ? `REMOVE ${parts.remove.join(', ')}` : '',
  ].filter(Boolean);
  const names = parts.names ?? {};
  const values = parts.values ?? {};
  return {
    UpdateExpression: clauses.join(' '),
    ...(parts.conditions?.length ? { ConditionExpression: parts.conditions.join(' AND ') } : {}),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: { ...names } } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: { ...values } } : {}),
  };
}
