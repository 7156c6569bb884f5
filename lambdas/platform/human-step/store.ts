import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import type { AuditEvent } from '../stores/audit.ts';
import { updateAudited } from '../stores/audited-item.ts';
import { type ChainTables, chainTablesFromEnv, type UpdateParts } from '../stores/chain-items.ts';
import { dynamo } from '../stores/client.ts';
import { conditionalWrite, isConditionalCheckFailed, putIfAbsent } from '../stores/dynamo-conditions.ts';
import { queryAll } from '../stores/dynamo-pages.ts';
import {
  type ApprovalPhase,
  type ApprovalRecord,
  type ApprovalStatus,
  type ApproverEntry,
  type NoticeField,
  noticeIntent,
  type OneTimeCode,
  type StoredVote,
} from './record.ts';

export type VoteResult =
  | { readonly recorded: true; readonly record: ApprovalRecord }
  | { readonly recorded: false; readonly record: ApprovalRecord | undefined };

/** How a task ends: when, who decided (for a decision), and the audit events written with it. */
export interface Ending {
  readonly at: string;
  readonly decidedBy?: readonly string[];
  readonly events: readonly AuditEvent[];
}

/**
 * The human-task store port: every change conditional, so a vote or a decision happens once; a vote,
 * an ending and a delivery are each one write with their audit events.
 */
export interface ApprovalStore {
  get(approvalId: string): Promise<ApprovalRecord | undefined>;
  /** Every human task of an execution (the byExecution index), for whoever ends the execution. */
  listByExecution(executionArn: string): Promise<ApprovalRecord[]>;
  /** Creates the approval; false when it already exists (a retried request). */
  create(record: ApprovalRecord): Promise<boolean>;
  /** Adds approvers (escalation) that are not there yet. */
  addApprovers(approvalId: string, entries: Readonly<Record<string, ApproverEntry>>): Promise<void>;
  /** Adds a link secret's hash for an approver (the first send after a crash, or a reminder). */
  addSecretHash(approvalId: string, approverId: string, secretHash: string): Promise<void>;
  markApprover(approvalId: string, approverId: string, field: NoticeField, at: string): Promise<void>;
  /**
   * Claims an approver's email of a phase before sending it: true only when it was neither sent nor
   * claimed, so two runs never both send it.
   */
  claimNotice(approvalId: string, approverId: string, field: NoticeField, at: string): Promise<boolean>;
  /** Gives a claim back after a send that failed (SES refused it), so a retry sends it. */
  releaseNotice(approvalId: string, approverId: string, field: NoticeField): Promise<void>;
  /**
   * Registers the current wait's task token while the approval is pending. When it is already decided,
   * nothing is written and the record is returned so the caller can deliver the decision itself.
   */
  registerToken(
    approvalId: string,
    taskToken: string,
    phase: ApprovalPhase,
  ): Promise<ApprovalRecord | undefined>;
  /** Records one approver's vote with its audit event, in one write: only while pending, once per approver. */
  recordVote(
    approvalId: string,
    approverId: string,
    vote: StoredVote,
    event: AuditEvent,
  ): Promise<VoteResult>;
  /** Moves a pending approval to its end with its audit events, in one write; false (nothing written) when it had ended. */
  finish(approvalId: string, status: Exclude<ApprovalStatus, 'PENDING'>, ending: Ending): Promise<boolean>;
  /** Records, with its audit event, that the decision reached the waiting workflow; false when recorded before. */
  markDelivered(approvalId: string, at: string, event: AuditEvent): Promise<boolean>;
  /** Stores a fresh one-time code for an approver (replacing any earlier one). */
  setOneTimeCode(approvalId: string, approverId: string, code: OneTimeCode): Promise<void>;
  /** Counts a code attempt; false once the attempts are used up. */
  countCodeAttempt(approvalId: string, approverId: string, maxAttempts: number): Promise<boolean>;
}

/**
 * DynamoDB adapter: approvals, each one item written only with conditional updates, a vote or a decision
 * once; a change with audit events is one transaction with them (chained-write.ts).
 */
export class DynamoApprovalStore implements ApprovalStore {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(tables.approvals.envVar),
    private readonly chain: ChainTables = chainTablesFromEnv(),
  ) {}

  async get(approvalId: string): Promise<ApprovalRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { approvalId }, ConsistentRead: true }),
    );
    return out.Item as ApprovalRecord | undefined;
  }

  /** Every human task of an execution (the byExecution index), for whoever ends the execution. */
  async listByExecution(executionArn: string): Promise<ApprovalRecord[]> {
    return queryAll<ApprovalRecord>(this.db, {
      TableName: this.tableName,
      IndexName: 'byExecution',
      KeyConditionExpression: 'executionArn = :e',
      ExpressionAttributeValues: { ':e': executionArn },
    });
  }

  /** Creates the approval; false when it already exists (a retried request). */
  async create(record: ApprovalRecord): Promise<boolean> {
    return putIfAbsent(this.db, this.tableName, record, 'approvalId');
  }

  /** Adds approvers (escalation) that are not there yet. */
  async addApprovers(approvalId: string, entries: Readonly<Record<string, ApproverEntry>>): Promise<void> {
    const ids = Object.keys(entries);
    if (ids.length === 0) return;
    const names: Record<string, string> = { '#approvers': 'approvers' };
    const values: Record<string, unknown> = {};
    const sets = ids.map((id, i) => {
      names[`#a${i}`] = id;
      values[`:e${i}`] = entries[id];
      return `#approvers.#a${i} = if_not_exists(#approvers.#a${i}, :e${i})`;
    });
    await this.update(approvalId, `SET ${sets.join(', ')}`, names, values);
  }

  /** Adds a link secret's hash for an approver (the first send after a crash, or a reminder). */
  async addSecretHash(approvalId: string, approverId: string, secretHash: string): Promise<void> {
    await this.update(
      approvalId,
      'SET #approvers.#a.secretHashes = list_append(#approvers.#a.secretHashes, :h)',
      { '#approvers': 'approvers', '#a': approverId },
      { ':h': [secretHash] },
    );
  }

  /**
   * Claims an approver's email of a phase before sending it: true only when it was neither sent nor
   * claimed, so two runs never both send it.
   */
  async claimNotice(
    approvalId: string,
    approverId: string,
    field: NoticeField,
    at: string,
  ): Promise<boolean> {
    return conditionalWrite(
      this.update(
        approvalId,
        'SET #approvers.#a.#i = :at',
        { '#approvers': 'approvers', '#a': approverId, '#f': field, '#i': noticeIntent[field] },
        { ':at': at },
        'attribute_exists(#approvers.#a) AND attribute_not_exists(#approvers.#a.#f) AND attribute_not_exists(#approvers.#a.#i)',
      ),
    );
  }

  /** Gives a claim back after a send that failed (SES refused it), so a retry sends it. */
  async releaseNotice(approvalId: string, approverId: string, field: NoticeField): Promise<void> {
    await this.update(
      approvalId,
      'REMOVE #approvers.#a.#i',
      { '#approvers': 'approvers', '#a': approverId, '#i': noticeIntent[field] },
      {},
    );
  }

  async markApprover(approvalId: string, approverId: string, field: NoticeField, at: string): Promise<void> {
    await this.update(
      approvalId,
      'SET #approvers.#a.#f = :at',
      { '#approvers': 'approvers', '#a': approverId, '#f': field },
      { ':at': at },
    );
  }

  /**
   * Registers the current wait's task token while the approval is pending. When it is already decided,
   * nothing is written and the record is returned so the caller can deliver the decision itself.
   */
  async registerToken(
    approvalId: string,
    taskToken: string,
    phase: ApprovalPhase,
  ): Promise<ApprovalRecord | undefined> {
    try {
      await this.update(
        approvalId,
        'SET taskToken = :t, phase = :p',
        { '#status': 'status' },
        { ':t': taskToken, ':p': phase, ':pending': 'PENDING' },
        '#status = :pending',
      );
      return undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return this.get(approvalId);
      throw error;
    }
  }

  /** Records one approver's vote with its audit event, in one write: only while pending, once per approver. */
  async recordVote(
    approvalId: string,
    approverId: string,
    vote: StoredVote,
    event: AuditEvent,
  ): Promise<VoteResult> {
    const recorded = await this.changeAudited(approvalId, [event], {
      set: ['#approvers.#a.vote = :v'],
      conditions: [
        '#status = :pending',
        'attribute_exists(#approvers.#a)',
        'attribute_not_exists(#approvers.#a.vote)',
      ],
      names: { '#approvers': 'approvers', '#a': approverId, '#status': 'status' },
      values: { ':v': vote, ':pending': 'PENDING' },
    });
    const record = await this.get(approvalId);
    return recorded && record ? { recorded: true, record } : { recorded: false, record };
  }

  /** Moves a pending approval to its end with its audit events, in one write; false (nothing written) when it had ended. */
  async finish(
    approvalId: string,
    status: Exclude<ApprovalStatus, 'PENDING'>,
    ending: Ending,
  ): Promise<boolean> {
    return this.changeAudited(approvalId, ending.events, {
      set: ['#status = :s', 'decidedAt = :at', 'decidedBy = :by'],
      conditions: ['#status = :pending'],
      names: { '#status': 'status' },
      values: { ':s': status, ':at': ending.at, ':by': ending.decidedBy ?? [], ':pending': 'PENDING' },
    });
  }

  /** Records, with its audit event, that the decision reached the waiting workflow; false when recorded before. */
  async markDelivered(approvalId: string, at: string, event: AuditEvent): Promise<boolean> {
    return this.changeAudited(approvalId, [event], {
      set: ['#delivered = :at'],
      conditions: ['attribute_not_exists(#delivered)'],
      names: { '#delivered': 'deliveredAt' },
      values: { ':at': at },
    });
  }

  /** Stores a fresh one-time code for an approver (replacing any earlier one). */
  async setOneTimeCode(approvalId: string, approverId: string, code: OneTimeCode): Promise<void> {
    await this.update(
      approvalId,
      'SET #approvers.#a.oneTimeCode = :c',
      { '#approvers': 'approvers', '#a': approverId },
      { ':c': code },
    );
  }

  /** Counts a code attempt; false once the attempts are used up. */
  async countCodeAttempt(approvalId: string, approverId: string, maxAttempts: number): Promise<boolean> {
    return conditionalWrite(
      this.update(
        approvalId,
        'SET #approvers.#a.oneTimeCode.attempts = #approvers.#a.oneTimeCode.attempts + :one',
        { '#approvers': 'approvers', '#a': approverId },
        { ':one': 1, ':max': maxAttempts },
        '#approvers.#a.oneTimeCode.attempts < :max',
      ),
    );
  }

  /** One change of the approval and its audit events as one write; false when the change's condition failed. */
  private changeAudited(approvalId: string, events: readonly AuditEvent[], parts: UpdateParts) {
    return updateAudited(this.db, this.chain, { table: this.tableName, key: { approvalId }, parts, events });
  }

  private async update(
    approvalId: string,
    expression: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
    condition?: string,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { approvalId },
        UpdateExpression: expression,
        ConditionExpression: condition
          ? `attribute_exists(approvalId) AND ${condition}`
          : 'attribute_exists(approvalId)',
        ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
        ExpressionAttributeValues: Object.keys(values).length > 0 ? values : undefined,
      }),
    );
  }
}
