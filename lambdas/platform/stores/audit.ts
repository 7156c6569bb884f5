import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import { sha256Hex } from '../shared/hash.ts';
import { dynamo } from './client.ts';
import { putIfAbsent } from './dynamo-conditions.ts';
import { queryAll } from './dynamo-pages.ts';

export type ActorKind = 'system' | 'model' | 'person';

/** One entry of the append-only audit trail: who or what decided what, from which input, under which versions. */
export interface AuditEvent {
  readonly documentId: string;
  /** Workflow step or tool: intake, extract, score, rules, approval, finalize, quarantine, failure, operator. */
  readonly step: string;
  readonly type: string;
  readonly actor: { readonly kind: ActorKind; readonly id: string };
  readonly decision?: string;
  readonly rationale?: readonly string[];
  readonly inputHash?: string;
  readonly versions: { readonly workflow?: string; readonly model?: string; readonly rules?: string };
  readonly executionArn?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends AuditEvent {
  readonly eventId: string;
  readonly at: string;
}

export interface AppendOptions {
  /** Records the event once whatever the retries: the same key is a no-op the second time. */
  readonly idempotencyKey?: string;
  readonly now?: Date;
}

/** The audit trail port: append-only, idempotent by key, listed oldest first. */
export interface AuditTrail {
  /** Appends an event; returns false when an event with the same idempotency key was already recorded. */
  append(event: AuditEvent, options?: AppendOptions): Promise<boolean>;
  /** Every event of a document, oldest first. */
  list(documentId: string): Promise<AuditRecord[]>;
}

/** DynamoDB adapter: The audit trail: puts only, each conditional on the event being new, so nothing is ever overwritten. */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(tables.audit.envVar),
  ) {}

  /** Appends an event; returns false when an event with the same idempotency key was already recorded. */
  async append(event: AuditEvent, options: AppendOptions = {}): Promise<boolean> {
    const at = (options.now ?? new Date()).toISOString();
    const eventId = options.idempotencyKey
      ? `k#${sha256Hex(options.idempotencyKey).slice(0, 40)}`
      : `t#${at}#${randomUUID()}`;
    const record: AuditRecord = { ...event, eventId, at };
    return putIfAbsent(this.db, this.tableName, record, 'eventId');
  }

  /** Every event of a document, oldest first. */
  async list(documentId: string): Promise<AuditRecord[]> {
    const items = await queryAll<AuditRecord>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'documentId = :d',
      ExpressionAttributeValues: { ':d': documentId },
    });
    return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
