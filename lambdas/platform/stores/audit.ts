import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ChainHead, headOnRecord, isChained } from './audit-chain.ts';
import type { AuditEvent, AuditRecord } from './audit-event.ts';
import {
  auditItemIds,
  type ChainTables,
  chainTablesFromEnv,
  readDocument,
  readTrailHead,
} from './chain-items.ts';
import { writeChained } from './chained-write.ts';
import { dynamo } from './client.ts';
import { queryAll } from './dynamo-pages.ts';

export type { ActorKind, AuditEvent, AuditRecord, ChainedAuditRecord } from './audit-event.ts';

export interface AppendOptions {
  /**
   * Records the event once whatever the retries of the step that appends it: the same key for the
   * same document is a no-op the second time.
   */
  readonly idempotencyKey?: string;
  readonly now?: Date;
}

/**
 * The audit trail port: append-only, each document's events one hash chain, listed oldest first.
 * Events that record a state change are written by the store that makes the change, in the same
 * write (DocumentStore.transition, ApprovalStore.recordVote…); `append` is for events that change
 * nothing (a refused link, a step's finding).
 */
export interface AuditTrail {
  /** Appends an event as the next link of its document's chain; false when its idempotency key was recorded. */
  append(event: AuditEvent, options?: AppendOptions): Promise<boolean>;
  /** Every event of a document, oldest first: any from before the chain began, then the chain in order. */
  list(documentId: string): Promise<AuditRecord[]>;
  /** The chain's head as kept with the document (or its trail); undefined when it has no trail. */
  head(documentId: string): Promise<ChainHead | undefined>;
}

/**
 * DynamoDB adapter: each append is one transaction of the head's conditional update and the event's
 * create-only put (chained-write.ts), so nothing is ever overwritten and no two writers take one seq.
 */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tables: ChainTables = chainTablesFromEnv(),
  ) {}

  /** Appends an event as the next link of its document's chain; false when its idempotency key was recorded. */
  async append(event: AuditEvent, options: AppendOptions = {}): Promise<boolean> {
    const outcome = await writeChained(this.db, this.tables, {
      documentId: event.documentId,
      idempotencyKey: options.idempotencyKey,
      now: options.now,
      plan: () => ({ events: [event] }),
    });
    return outcome.written;
  }

  /** Every event of a document, oldest first: any from before the chain began, then the chain in order. */
  async list(documentId: string): Promise<AuditRecord[]> {
    const items = await queryAll<AuditRecord>(this.db, {
      TableName: this.tables.audit,
      KeyConditionExpression: 'documentId = :d',
      ExpressionAttributeValues: { ':d': documentId },
      ConsistentRead: true,
    });
    return orderTrail(items.filter((item) => auditItemIds.isEvent(item.eventId)));
  }

  /** The chain's head as kept with the document (or its trail); undefined when it has no trail. */
  async head(documentId: string): Promise<ChainHead | undefined> {
    const document = await readDocument(this.db, this.tables.documents, documentId);
    if (document) return headOnRecord(document);
    return readTrailHead(this.db, this.tables.audit, documentId);
  }
}

/** Events from before the chain began first, by time; then the chain, by seq. */
export function orderTrail<T extends AuditRecord>(events: readonly T[]): T[] {
  const before = events.filter((e) => !isChained(e)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const chain = events.filter(isChained).sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
  return [...before, ...chain];
}
