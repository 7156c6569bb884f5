import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tables as tableSpecs } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import { mayWrite } from '../shared/ownership.ts';
import { allowedFrom, type DocumentStatus } from '../shared/status.ts';
import type { DocumentRef } from '../shared/workflow.ts';
import type { AuditEvent } from './audit-event.ts';
import type { ChainTables, UpdateParts } from './chain-items.ts';
import { writeChained } from './chained-write.ts';
import { dynamo } from './client.ts';
import type { DocumentRecord, PendingResult } from './document-record.ts';
import { conditionalWrite } from './dynamo-conditions.ts';

export type { DocumentRecord, PendingResult } from './document-record.ts';

export interface TransitionOptions {
  /** The execution writing; the write is refused unless it owns the document (or none does yet). */
  readonly executionArn?: string;
  /** Make this execution the owner (the starter does, just before starting it). */
  readonly claimOwnership?: boolean;
  readonly reason?: string;
  readonly attributes?: Readonly<Record<string, string | number>>;
  readonly now?: Date;
}

/** What a move's audit events are built from: the status it leaves and the revision it makes. */
export interface Move {
  readonly from: DocumentStatus;
  readonly revision: number;
}

export interface TransitionRequest extends TransitionOptions {
  /** The move's audit events, written with it in one write, so a move is never left unaudited. */
  readonly events: (move: Move) => readonly AuditEvent[];
}

export type TransitionResult =
  | { readonly applied: true; readonly from: DocumentStatus; readonly revision: number }
  | { readonly applied: false; readonly current: DocumentRecord | undefined };

/** The document store port: records and their monotonic status, each move written with its audit events. */
export interface DocumentStore {
  /** Creates the record in RECEIVED with its first audit events, in one write; false when it exists (nothing written). */
  create(ref: DocumentRef, events: readonly AuditEvent[], now?: Date): Promise<boolean>;
  get(documentId: string): Promise<DocumentRecord | undefined>;
  /**
   * Moves the status to `to`, with the move's audit events, if the transition is allowed from the
   * current status and the writer owns the document. A refused move is not an error: the caller
   * learns the current record instead, and nothing is written.
   */
  transition(documentId: string, to: DocumentStatus, request: TransitionRequest): Promise<TransitionResult>;
  /** Documents in a status, oldest update first (the byStatus index). */
  listByStatus(status: DocumentStatus, limit?: number): Promise<DocumentRecord[]>;
  /**
   * Records the result about to be written, if its execution owns the document (or none does) and the
   * record still holds `expected` (the pending result the caller read, or none); false when refused.
   */
  recordPendingResult(
    documentId: string,
    result: PendingResult,
    expected: PendingResult | undefined,
  ): Promise<boolean>;
}

/** Whether `record` may move to `to` for this writer; the DynamoDB adapter's condition holds the same rule. */
export function mayMove(
  record: DocumentRecord | undefined,
  to: DocumentStatus,
  options: TransitionOptions,
): record is DocumentRecord {
  if (!record || !allowedFrom[to].includes(record.status)) return false;
  return (
    options.executionArn === undefined ||
    options.claimOwnership === true ||
    mayWrite(record, options.executionArn)
  );
}

/** DynamoDB adapter: document records; every move one transaction with its audit events (chained-write.ts). */
export class DynamoDocumentStore implements DocumentStore {
  private readonly tables: ChainTables;

  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(tableSpecs.documents.envVar),
    /** Read when a write first needs it: a reader of documents names no audit table. */
    auditTable?: string,
  ) {
    this.tables = {
      documents: tableName,
      get audit() {
        return auditTable ?? requiredEnv(tableSpecs.audit.envVar);
      },
    };
  }

  /** Creates the record in RECEIVED with its first audit events, in one write; false when it exists (nothing written). */
  async create(ref: DocumentRef, events: readonly AuditEvent[], now = new Date()): Promise<boolean> {
    const record: DocumentRecord = { ...ref, status: 'RECEIVED', updatedAt: now.toISOString(), revision: 1 };
    const outcome = await writeChained(this.db, this.tables, {
      documentId: ref.documentId,
      now,
      plan: (current) => (current ? undefined : { events, create: record }),
    });
    return outcome.written;
  }

  async get(documentId: string): Promise<DocumentRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { documentId }, ConsistentRead: true }),
    );
    return out.Item as DocumentRecord | undefined;
  }

  /**
   * Moves the status to `to`, with the move's audit events, if the transition is allowed from the
   * current status and the writer owns the document. A refused move is not an error: the caller
   * learns the current record instead, and nothing is written.
   */
  async transition(
    documentId: string,
    to: DocumentStatus,
    request: TransitionRequest,
  ): Promise<TransitionResult> {
    if (allowedFrom[to].length === 0) throw new Error(`No transition leads to ${to}`);
    const outcome = await writeChained(this.db, this.tables, {
      documentId,
      now: request.now,
      plan: (current) =>
        mayMove(current, to, request)
          ? {
              events: request.events({ from: current.status, revision: current.revision + 1 }),
              document: moveParts(to, request),
            }
          : undefined,
    });
    if (!outcome.written) return { applied: false, current: outcome.document };
    const before = outcome.document;
    if (!before) throw new Error(`document ${documentId} moved without a record`);
    return { applied: true, from: before.status, revision: before.revision + 1 };
  }

  /**
   * Records the result about to be written, if its execution owns the document (or none does) and the
   * record still holds `expected` (the pending result the caller read, or none); false when refused.
   */
  async recordPendingResult(
    documentId: string,
    result: PendingResult,
    expected: PendingResult | undefined,
  ): Promise<boolean> {
    const values: Record<string, unknown> = { ':result': result, ':exec': result.executionArn };
    const names: Record<string, string> = { '#owner': 'ownerExecution', '#pending': 'pendingResult' };
    let unchanged = 'attribute_not_exists(#pending)';
    if (expected) {
      names['#hash'] = 'hash';
      names['#pexec'] = 'executionArn';
      values[':eh'] = expected.hash;
      values[':ee'] = expected.executionArn;
      unchanged = '#pending.#hash = :eh AND #pending.#pexec = :ee';
    }
    return conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { documentId },
          UpdateExpression: 'SET #pending = :result',
          ConditionExpression: `attribute_exists(documentId) AND (attribute_not_exists(#owner) OR #owner = :exec) AND ${unchanged}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /** Documents in a status, oldest update first (the byStatus index). */
  async listByStatus(status: DocumentStatus, limit = 100): Promise<DocumentRecord[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :s',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':s': status },
        Limit: limit,
      }),
    );
    return (out.Items ?? []) as DocumentRecord[];
  }
}

/**
 * A move's update and condition: the status only from a status it may be reached from, only by the
 * owner unless claiming, a new revision. `lastMove`, which records from before the chain kept for
 * re-audits, is removed.
 */
function moveParts(to: DocumentStatus, options: TransitionOptions): UpdateParts {
  const names: Record<string, string> = {
    '#status': 'status',
    '#updatedAt': 'updatedAt',
    '#revision': 'revision',
    '#lastMove': 'lastMove',
    '#lastMoveFrom': 'lastMoveFrom',
  };
  const values: Record<string, unknown> = {
    ':to': to,
    ':now': (options.now ?? new Date()).toISOString(),
    ':one': 1,
  };
  const set = ['#status = :to', '#updatedAt = :now'];
  const fromKeys = allowedFrom[to].map((status, i) => {
    values[`:from${i}`] = status;
    return `:from${i}`;
  });
  const conditions = [`#status IN (${fromKeys.join(', ')})`];
  if (options.executionArn !== undefined) {
    names['#owner'] = 'ownerExecution';
    values[':exec'] = options.executionArn;
    if (options.claimOwnership) set.push('#owner = :exec');
    else conditions.push('(attribute_not_exists(#owner) OR #owner = :exec)');
  }
  if (options.reason !== undefined) {
    names['#reason'] = 'statusReason';
    values[':reason'] = options.reason;
    set.push('#reason = :reason');
  }
  for (const [i, [name, value]] of Object.entries(options.attributes ?? {}).entries()) {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    set.push(`#a${i} = :a${i}`);
  }
  return { set, add: ['#revision :one'], remove: ['#lastMove', '#lastMoveFrom'], conditions, names, values };
}
