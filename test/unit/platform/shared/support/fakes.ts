import { createHash } from 'node:crypto';
import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { CreateOutcome, ResultObjects } from '../../../../../lambdas/platform/finish/result-object.ts';
import {
  type ApprovalPhase,
  type ApprovalRecord,
  type ApprovalStatus,
  type ApproverEntry,
  type NoticeField,
  noticeIntent,
  type OneTimeCode,
  type StoredVote,
} from '../../../../../lambdas/platform/human-step/record.ts';
import type { ApprovalStore, Ending, VoteResult } from '../../../../../lambdas/platform/human-step/store.ts';
import type { Email, SendEmail } from '../../../../../lambdas/platform/mail/mailer.ts';
import { allowedFrom, type DocumentStatus } from '../../../../../lambdas/platform/shared/status.ts';
import type { DocumentRef } from '../../../../../lambdas/platform/shared/workflow.ts';
import type { AuditEvent } from '../../../../../lambdas/platform/stores/audit.ts';
import { type ChainHead, headOnRecord } from '../../../../../lambdas/platform/stores/audit-chain.ts';
import {
  type DocumentRecord,
  type DocumentStore,
  mayMove,
  type PendingResult,
  type TransitionRequest,
  type TransitionResult,
} from '../../../../../lambdas/platform/stores/documents.ts';
import type {
  ClaimOptions,
  ClaimResult,
  IdempotencyStore,
} from '../../../../../lambdas/platform/stores/idempotency.ts';
import type { TaskResultSender } from '../../../../../lambdas/platform/workflows/task-results.ts';
import { documentId } from './builders.ts';
import { MemoryAudit } from './memory-audit.ts';

export { MemoryAudit } from './memory-audit.ts';

/**
 * In-memory stand-ins for Tower's ports, with the same conditional semantics as the DynamoDB adapters
 * (a refused write is reported, not applied), so tests assert outcomes rather than calls. Each
 * implements its port whole, and the store contract suite (test/integration/stores/) runs against
 * both, so a fake cannot drift from DynamoDB's behaviour.
 */

/** What DynamoDB stores: a copy, with undefined values removed (the client's removeUndefinedValues). */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An error shaped like the SDK's, whose `name` is what callers match. */
export function sdkError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const conditionFailed = () => sdkError('ConditionalCheckFailedException', 'The conditional request failed');

/** A clock tests move by hand. */
export function clock(start = '2025-03-01T09:00:00.000Z') {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/** Documents in memory; each move (and a creation) writes its audit events to `audit` at once, as one write. */
export class MemoryDocuments implements DocumentStore {
  private readonly items = new Map<string, DocumentRecord>();

  constructor(
    initial: readonly DocumentRecord[] = [],
    readonly audit: MemoryAudit = new MemoryAudit(),
  ) {
    for (const record of initial) this.items.set(record.documentId, stored(record));
    audit.keepHeadsWith({
      headOf: (documentId) => {
        const record = this.items.get(documentId);
        return record ? headOnRecord(record) : undefined;
      },
      setHead: (documentId: string, head: ChainHead) => {
        const record = this.items.get(documentId);
        if (record) this.items.set(documentId, { ...record, auditSeq: head.seq, auditHash: head.hash });
      },
    });
  }

  async create(ref: DocumentRef, events: readonly AuditEvent[], now = new Date()): Promise<boolean> {
    if (this.items.has(ref.documentId)) return false;
    this.items.set(
      ref.documentId,
      stored({ ...ref, status: 'RECEIVED', updatedAt: now.toISOString(), revision: 1 }),
    );
    try {
      this.audit.link(ref.documentId, events, { now });
    } catch (error) {
      // One write: a creation whose events cannot be written leaves no record either.
      this.items.delete(ref.documentId);
      throw error;
    }
    return true;
  }

  async get(documentId: string): Promise<DocumentRecord | undefined> {
    const record = this.items.get(documentId);
    return record ? stored(record) : undefined;
  }

  async recordPendingResult(
    documentId: string,
    result: PendingResult,
    expected: PendingResult | undefined,
  ): Promise<boolean> {
    const current = this.items.get(documentId);
    if (!current) return false;
    if (current.ownerExecution !== undefined && current.ownerExecution !== result.executionArn) return false;
    const held = current.pendingResult;
    const unchanged = expected
      ? held?.hash === expected.hash && held.executionArn === expected.executionArn
      : held === undefined;
    if (!unchanged) return false;
    this.items.set(documentId, stored({ ...current, pendingResult: result }));
    return true;
  }

  /** The stored record, for assertions. */
  peek(documentId: string): DocumentRecord | undefined {
    return this.items.get(documentId);
  }

  async transition(
    documentId: string,
    to: DocumentStatus,
    request: TransitionRequest,
  ): Promise<TransitionResult> {
    if (allowedFrom[to].length === 0) throw new Error(`No transition leads to ${to}`);
    const current = this.items.get(documentId);
    if (!mayMove(current, to, request))
      return { applied: false, current: current ? stored(current) : undefined };
    const revision = current.revision + 1;
    // The events first: if they cannot be written, nothing is (one write), and the head moves with them.
    this.audit.link(documentId, request.events({ from: current.status, revision }), { now: request.now });
    const linked = this.items.get(documentId) ?? current;
    const {
      lastMove: _move,
      lastMoveFrom: _from,
      ...kept
    } = linked as DocumentRecord & Record<string, unknown>;
    this.items.set(
      documentId,
      stored({
        ...kept,
        ...request.attributes,
        status: to,
        updatedAt: (request.now ?? new Date()).toISOString(),
        revision,
        ...(request.claimOwnership && request.executionArn ? { ownerExecution: request.executionArn } : {}),
        ...(request.reason !== undefined ? { statusReason: request.reason } : {}),
      }),
    );
    return { applied: true, from: current.status, revision };
  }

  async listByStatus(status: DocumentStatus, limit = 100): Promise<DocumentRecord[]> {
    return [...this.items.values()]
      .filter((r) => r.status === status)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0))
      .slice(0, limit)
      .map(stored);
  }

  get store(): DocumentStore {
    return this;
  }
}

/** Human tasks in memory; a vote, an ending or a delivery writes its audit events to `audit` at once, as one write. */
export class MemoryApprovals implements ApprovalStore {
  private readonly items = new Map<string, ApprovalRecord>();

  constructor(
    initial: readonly ApprovalRecord[] = [],
    readonly audit: MemoryAudit = new MemoryAudit(),
  ) {
    for (const record of initial) this.items.set(record.approvalId, stored(record));
  }

  async get(approvalId: string): Promise<ApprovalRecord | undefined> {
    const record = this.items.get(approvalId);
    return record ? stored(record) : undefined;
  }

  /** The stored record, for assertions. */
  peek(approvalId: string): ApprovalRecord | undefined {
    return this.items.get(approvalId);
  }

  /** Every stored approval. */
  all(): ApprovalRecord[] {
    return [...this.items.values()];
  }

  async listByExecution(executionArn: string): Promise<ApprovalRecord[]> {
    return this.all()
      .filter((r) => r.executionArn === executionArn)
      .map(stored);
  }

  async create(record: ApprovalRecord): Promise<boolean> {
    if (this.items.has(record.approvalId)) return false;
    this.items.set(record.approvalId, stored(record));
    return true;
  }

  async addApprovers(approvalId: string, entries: Readonly<Record<string, ApproverEntry>>): Promise<void> {
    if (Object.keys(entries).length === 0) return;
    const record = this.existing(approvalId);
    // if_not_exists: an approver already there keeps its entry.
    const added = Object.entries(stored(entries)).filter(([id]) => !(id in record.approvers));
    this.put({ ...record, approvers: { ...record.approvers, ...Object.fromEntries(added) } });
  }

  async addSecretHash(approvalId: string, approverId: string, secretHash: string): Promise<void> {
    const approver = this.approver(approvalId, approverId);
    this.setApprover(approvalId, approverId, {
      ...approver,
      secretHashes: [...approver.secretHashes, secretHash],
    });
  }

  async markApprover(approvalId: string, approverId: string, field: NoticeField, at: string): Promise<void> {
    this.setApprover(approvalId, approverId, { ...this.approver(approvalId, approverId), [field]: at });
  }

  async claimNotice(
    approvalId: string,
    approverId: string,
    field: NoticeField,
    at: string,
  ): Promise<boolean> {
    const approver = this.items.get(approvalId)?.approvers[approverId];
    if (!approver || approver[field] || approver[noticeIntent[field]]) return false;
    this.setApprover(approvalId, approverId, { ...approver, [noticeIntent[field]]: at });
    return true;
  }

  async releaseNotice(approvalId: string, approverId: string, field: NoticeField): Promise<void> {
    const { [noticeIntent[field]]: _claimed, ...approver } = this.approver(approvalId, approverId);
    this.setApprover(approvalId, approverId, approver);
  }

  async registerToken(
    approvalId: string,
    taskToken: string,
    phase: ApprovalPhase,
  ): Promise<ApprovalRecord | undefined> {
    const record = this.items.get(approvalId);
    if (record?.status !== 'PENDING') return this.get(approvalId);
    this.put({ ...record, taskToken, phase });
    return undefined;
  }

  async recordVote(
    approvalId: string,
    approverId: string,
    vote: StoredVote,
    event: AuditEvent,
  ): Promise<VoteResult> {
    const record = this.items.get(approvalId);
    const approver = record?.approvers[approverId];
    if (record?.status !== 'PENDING' || !approver || approver.vote) {
      return { recorded: false, record: await this.get(approvalId) };
    }
    this.linkEvents([event]);
    this.setApprover(approvalId, approverId, { ...approver, vote });
    return { recorded: true, record: stored(this.existing(approvalId)) };
  }

  async finish(
    approvalId: string,
    status: Exclude<ApprovalStatus, 'PENDING'>,
    ending: Ending,
  ): Promise<boolean> {
    const record = this.items.get(approvalId);
    if (record?.status !== 'PENDING') return false;
    this.linkEvents(ending.events);
    this.put({ ...record, status, decidedAt: ending.at, decidedBy: ending.decidedBy ?? [] });
    return true;
  }

  async markDelivered(approvalId: string, at: string, event: AuditEvent): Promise<boolean> {
    const record = this.items.get(approvalId);
    if (!record || record.deliveredAt !== undefined) return false;
    this.linkEvents([event]);
    this.put({ ...record, deliveredAt: at });
    return true;
  }

  /** The change's audit events, written with it (one write: nothing awaits in between). */
  private linkEvents(events: readonly AuditEvent[]): void {
    const documentId = events[0]?.documentId;
    if (documentId === undefined || events.some((e) => e.documentId !== documentId))
      throw new Error('a change of an approval needs its audit events, all of one document');
    this.audit.link(documentId, events);
  }

  async setOneTimeCode(approvalId: string, approverId: string, code: OneTimeCode): Promise<void> {
    this.setApprover(approvalId, approverId, { ...this.approver(approvalId, approverId), oneTimeCode: code });
  }

  async countCodeAttempt(approvalId: string, approverId: string, maxAttempts: number): Promise<boolean> {
    const approver = this.items.get(approvalId)?.approvers[approverId];
    const code = approver?.oneTimeCode;
    if (!approver || !code || code.attempts >= maxAttempts) return false;
    this.setApprover(approvalId, approverId, {
      ...approver,
      oneTimeCode: { ...code, attempts: code.attempts + 1 },
    });
    return true;
  }

  get store(): ApprovalStore {
    return this;
  }

  private existing(approvalId: string): ApprovalRecord {
    const record = this.items.get(approvalId);
    if (!record) throw conditionFailed();
    return record;
  }

  /** A path below a missing approver cannot be updated: DynamoDB refuses with a ValidationException. */
  private approver(approvalId: string, approverId: string): ApproverEntry {
    const approver = this.existing(approvalId).approvers[approverId];
    if (!approver)
      throw sdkError(
        'ValidationException',
        'The document path provided in the update expression is invalid for update',
      );
    return approver;
  }

  private setApprover(approvalId: string, approverId: string, entry: ApproverEntry): void {
    const record = this.existing(approvalId);
    this.put({ ...record, approvers: { ...record.approvers, [approverId]: entry } });
  }

  private put(record: ApprovalRecord): void {
    this.items.set(record.approvalId, stored(record));
  }
}

/**
 * How a test ends a task by hand: when, who decided, and the one audit event the store writes with the
 * ending (an ending always carries its event, as the human step's code writes them).
 */
export function ending(
  type: string,
  at: string,
  decidedBy?: readonly string[],
  forDocument = documentId,
): Ending {
  return {
    at,
    ...(decidedBy ? { decidedBy } : {}),
    events: [
      {
        documentId: forDocument,
        step: 'approval',
        type,
        actor: { kind: 'system', id: 'test' },
        versions: {},
      },
    ],
  };
}

/** Units of work claimed once: a lock a crashed claimant loses when it expires, a result kept until its TTL. */
export class MemoryIdempotency implements IdempotencyStore {
  readonly units = new Map<
    string,
    { state: 'IN_PROGRESS' | 'DONE'; lockUntil: number; expiresAt: number; result?: Record<string, unknown> }
  >();

  async claim(key: string, options: ClaimOptions): Promise<ClaimResult> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const unit = this.units.get(key);
    const expired = unit === undefined || unit.expiresAt < now;
    if (!expired && unit.state === 'DONE') return { outcome: 'done', result: stored(unit.result ?? {}) };
    if (!expired && unit.lockUntil >= now) return { outcome: 'in-progress' };
    this.units.set(key, {
      state: 'IN_PROGRESS',
      lockUntil: now + options.lockSeconds,
      expiresAt: now + options.ttlSeconds,
    });
    return { outcome: 'claimed' };
  }

  async complete(key: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    const unit = this.units.get(key);
    this.units.set(key, {
      state: 'DONE',
      lockUntil: 0,
      expiresAt: unit?.expiresAt ?? Number.MAX_SAFE_INTEGER,
      result: stored({ ...result }),
    });
  }
}

/** A task result as the fake Step Functions received it. */
export type TaskResult =
  | { readonly kind: 'success'; readonly taskToken: string; readonly output: unknown }
  | { readonly kind: 'failure'; readonly taskToken: string; readonly error: string; readonly cause: unknown };

/**
 * Step Functions' task-result API: records what reaches the waiting tasks. `refuse` names the error a
 * token's wait answers with (TaskTimedOut, TaskDoesNotExist, …), if any.
 */
export function fakeSfn(refuse: (taskToken: string) => string | undefined = () => undefined) {
  const results: TaskResult[] = [];
  const client: TaskResultSender = {
    send: async (command) => {
      if (command instanceof SendTaskSuccessCommand) {
        const { taskToken = '', output = 'null' } = command.input;
        const error = refuse(taskToken);
        if (error) throw sdkError(error);
        results.push({ kind: 'success', taskToken, output: JSON.parse(output) });
        return {};
      }
      if (command instanceof SendTaskFailureCommand) {
        const { taskToken = '', error = '', cause = 'null' } = command.input;
        const refused = refuse(taskToken);
        if (refused) throw sdkError(refused);
        results.push({ kind: 'failure', taskToken, error, cause: JSON.parse(cause) });
        return {};
      }
      throw new Error('the fake Step Functions client only takes task results');
    },
  };
  return { client, results };
}

/** A mailbox: every email sent, and optionally a send that fails. */
export function fakeMailer(fails: (email: Email, attempt: number) => boolean = () => false) {
  const sent: Email[] = [];
  let attempt = 0;
  const send: SendEmail = async (email) => {
    attempt += 1;
    if (fails(email, attempt)) throw sdkError('ThrottlingException', 'Maximum sending rate exceeded');
    sent.push(email);
  };
  return { send, sent };
}

/**
 * S3 objects with S3's conditional writes (create only if absent, replace only on a matching ETag);
 * `puts` counts every write that changed an object, so tests can show a re-run writes nothing.
 */
export class MemoryResultObjects implements ResultObjects {
  readonly objects = new Map<string, { body: string; etag: string }>();
  puts = 0;
  /** Called before a replace lands, to simulate a concurrent writer. */
  beforeReplace?: (key: string) => void;

  async create(key: string, body: string): Promise<CreateOutcome> {
    const existing = this.objects.get(key);
    if (existing) return { written: false, body: existing.body, etag: existing.etag };
    this.put(key, body);
    return { written: true };
  }

  async replace(key: string, body: string, etag: string): Promise<boolean> {
    this.beforeReplace?.(key);
    if (this.objects.get(key)?.etag !== etag) return false;
    this.put(key, body);
    return true;
  }

  put(key: string, body: string): void {
    this.puts += 1;
    this.objects.set(key, { body, etag: `"${createHash('md5').update(body).digest('hex')}"` });
  }
}
