import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import { allowedFrom, type DocumentStatus } from '../shared/status.ts';
import type { DocumentRef } from '../shared/workflow.ts';
import type { AuditEvent } from './audit.ts';
import { dynamo } from './client.ts';
import { conditionalWrite, isConditionalCheckFailed, putIfAbsent } from './dynamo-conditions.ts';

/**
 * A status move as its audit event reads. The latest one stays on the record, so whoever moves the
 * document next (or is refused) can audit it if its writer was cut off between the move and the audit.
 */
export interface StatusMove {
  readonly to: DocumentStatus;
  readonly step: string;
  readonly actor: AuditEvent['actor'];
  readonly versions: AuditEvent['versions'];
  readonly executionArn?: string;
  readonly reason?: string;
  readonly details?: AuditEvent['details'];
  readonly at: string;
}

/**
 * The result finishing is about to write, recorded before the write: a re-run of the same execution
 * writes the same body (same `at`), and an object already under `key` is recognised by `hash`.
 */
export interface PendingResult {
  readonly executionArn: string;
  readonly key: string;
  /** SHA-256 (hex) of the body. */
  readonly hash: string;
  /** The time the body carries. */
  readonly at: string;
}

/** A document's record: where it came from, where it is now, and which execution owns it. */
export interface DocumentRecord extends DocumentRef {
  readonly status: DocumentStatus;
  /** ARN of the execution allowed to move this document's status. */
  readonly ownerExecution?: string;
  readonly statusReason?: string;
  readonly failureClass?: string;
  readonly failedStep?: string;
  readonly errorName?: string;
  readonly resultKey?: string;
  readonly pendingResult?: PendingResult;
  readonly quarantineKey?: string;
  readonly rejectionReason?: string;
  readonly updatedAt: string;
  /** Incremented on every transition, so readers can tell two states apart. */
  readonly revision: number;
  /** The move that produced this revision, and the status it left. */
  readonly lastMove?: StatusMove;
  readonly lastMoveFrom?: DocumentStatus;
}

export interface TransitionOptions {
  /** The execution writing; the write is refused unless it owns the document (or none does yet). */
  readonly executionArn?: string;
  /** Make this execution the owner (the starter does, just before starting it). */
  readonly claimOwnership?: boolean;
  readonly reason?: string;
  readonly attributes?: Readonly<Record<string, string | number>>;
  readonly now?: Date;
  /** Kept on the record as `lastMove` until the next move. */
  readonly move?: StatusMove;
}

export type TransitionResult =
  | {
      readonly applied: true;
      readonly from: DocumentStatus;
      readonly revision: number;
      /** The record as it was before this move. */
      readonly before: DocumentRecord;
    }
  | { readonly applied: false; readonly current: DocumentRecord | undefined };

/** The document store port: records and their monotonic status, conditional single-item writes only. */
export interface DocumentStore {
  /** Creates the record in RECEIVED; returns false when the document already exists. */
  create(ref: DocumentRef, now?: Date): Promise<boolean>;
  get(documentId: string): Promise<DocumentRecord | undefined>;
  /**
   * Moves the status to `to` if the transition is allowed from the current status and the writer owns
   * the document. A refused write is not an error: the caller learns the current record instead.
   */
  transition(documentId: string, to: DocumentStatus, options?: TransitionOptions): Promise<TransitionResult>;
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

/** DynamoDB adapter: Document records and their monotonic status, with single-item conditional writes only. */
export class DynamoDocumentStore implements DocumentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(tables.documents.envVar),
  ) {}

  /** Creates the record in RECEIVED; returns false when the document already exists. */
  async create(ref: DocumentRef, now = new Date()): Promise<boolean> {
    const record: DocumentRecord = { ...ref, status: 'RECEIVED', updatedAt: now.toISOString(), revision: 1 };
    return putIfAbsent(this.db, this.tableName, record, 'documentId');
  }

  async get(documentId: string): Promise<DocumentRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { documentId }, ConsistentRead: true }),
    );
    return out.Item as DocumentRecord | undefined;
  }

  /**
   * Moves the status to `to` if the transition is allowed from the current status and the writer owns
   * the document. A refused write is not an error: the caller learns the current record instead.
   */
  async transition(
    documentId: string,
    to: DocumentStatus,
    options: TransitionOptions = {},
  ): Promise<TransitionResult> {
    const from = allowedFrom[to];
    if (from.length === 0) throw new Error(`No transition leads to ${to}`);
    const names: Record<string, string> = {
      '#status': 'status',
      '#updatedAt': 'updatedAt',
      '#revision': 'revision',
    };
    const values: Record<string, unknown> = {
      ':to': to,
      ':now': (options.now ?? new Date()).toISOString(),
      ':one': 1,
    };
    const sets = ['#status = :to', '#updatedAt = :now'];
    const fromKeys = from.map((status, i) => {
      values[`:from${i}`] = status;
      return `:from${i}`;
    });
    const conditions = ['attribute_exists(documentId)', `#status IN (${fromKeys.join(', ')})`];
    if (options.executionArn !== undefined) {
      names['#owner'] = 'ownerExecution';
      values[':exec'] = options.executionArn;
      if (options.claimOwnership) sets.push('#owner = :exec');
      else conditions.push('(attribute_not_exists(#owner) OR #owner = :exec)');
    }
    if (options.reason !== undefined) {
      names['#reason'] = 'statusReason';
      values[':reason'] = options.reason;
      sets.push('#reason = :reason');
    }
    for (const [i, [name, value]] of Object.entries(options.attributes ?? {}).entries()) {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      sets.push(`#a${i} = :a${i}`);
    }
    names['#lastMove'] = 'lastMove';
    names['#lastMoveFrom'] = 'lastMoveFrom';
    // Operands read the item before the update: lastMoveFrom gets the status being left.
    if (options.move) {
      values[':move'] = options.move;
      sets.push('#lastMove = :move', '#lastMoveFrom = #status');
    }
    const remove = options.move ? '' : ' REMOVE #lastMove, #lastMoveFrom';
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { documentId },
          UpdateExpression: `SET ${sets.join(', ')} ADD #revision :one${remove}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      const before = out.Attributes as DocumentRecord;
      return { applied: true, from: before.status, revision: Number(before.revision ?? 0) + 1, before };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { applied: false, current: await this.get(documentId) };
    }
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
