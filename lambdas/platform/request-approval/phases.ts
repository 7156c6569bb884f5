import { randomBytes } from 'node:crypto';
import { amountAbove } from '../human-step/amounts.ts';
import {
  auditDecided,
  auditStoredVotes,
  decideByVotes,
  decisionOf,
  handDecisionOn,
} from '../human-step/decision.ts';
import { deliverWithdrawal, outcomeOf } from '../human-step/delivery.ts';
import { type ApprovalPolicy, approvalTimings } from '../human-step/policy.ts';
import {
  type ApprovalPhase,
  type ApprovalRecord,
  type ApproverEntry,
  type NoticeField,
  noticeIntent,
  versionsOf,
} from '../human-step/record.ts';
import { defaultChoices, type HumanStepRequest, parseHumanStepRequest } from '../human-step/request.ts';
import { approvalLink } from '../human-step/route.ts';
import { approvalIdFor, hashSecret, newLinkSecret } from '../human-step/secrets.ts';
import type { ApprovalStore } from '../human-step/store.ts';
import type { AuditEvent, AuditTrail } from '../shared/audit.ts';
import type { DocumentStore } from '../shared/documents.ts';
import { PermanentError } from '../shared/errors.ts';
import { hashJson } from '../shared/hash.ts';
import type { SendEmail } from '../shared/mailer.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { TaskResultSender } from '../shared/task-results.ts';
import type { ApprovalOutcome, DocumentRef, HumanTaskState } from '../shared/workflow.ts';
import { type ApprovalEmailKind, approvalEmail } from './emails.ts';

export interface ApprovalDeps {
  readonly approvals: ApprovalStore;
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly sendEmail: SendEmail;
  readonly sfn: TaskResultSender;
  /** Every process's human-step policy, by policy id (APPROVAL_POLICIES). */
  readonly policies: Readonly<Record<string, ApprovalPolicy>>;
  readonly baseUrl: string;
  readonly now: () => Date;
}

/** The prepare phase (a synchronous Task): the process's request becomes a task, keyed by execution, step and item. */
export interface PrepareEvent {
  readonly phase: 'prepare';
  readonly step: string;
  readonly itemKey?: string;
  readonly document: DocumentRef;
  readonly workflowVersion: string;
  readonly executionArn: string;
  readonly request: unknown;
}

/** One wait of the task (`.waitForTaskToken`): request, remind or escalate. */
export interface WaitEvent {
  readonly phase: ApprovalPhase;
  readonly taskToken: string;
  readonly taskId: string;
  readonly executionArn: string;
  /** The document's process, for the metrics' Process dimension. */
  readonly process?: string;
}

export interface ExpireEvent {
  readonly phase: 'expire';
  readonly taskId: string;
  readonly executionArn: string;
  readonly process?: string;
}

const actor = { kind: 'system', id: 'request-approval' } as const;
const purgeAfterSeconds = 400 * 24 * 3600;

function entries(
  emails: readonly string[],
  prefix: string,
  role: ApproverEntry['role'],
  secrets?: Map<string, string>,
): Record<string, ApproverEntry> {
  return Object.fromEntries(
    emails.map((email, i) => {
      const id = `${prefix}${i + 1}`;
      if (!secrets) return [id, { email, role, secretHashes: [] } satisfies ApproverEntry];
      const secret = newLinkSecret();
      secrets.set(id, secret);
      return [id, { email, role, secretHashes: [hashSecret(secret)] } satisfies ApproverEntry];
    }),
  );
}

function policyFor(deps: ApprovalDeps, request: HumanStepRequest, process: string): [string, ApprovalPolicy] {
  const id = request.requirement.policy ?? process;
  const policy = deps.policies[id];
  if (!policy) throw new PermanentError(`No human-step policy ${id} is configured (processes.<id>.approval)`);
  return [id, policy];
}

/** Whether the decision needs a one-time code: the process asks for it, or the policy does for this amount. */
function needsStepUp(policy: ApprovalPolicy, request: HumanStepRequest): boolean {
  if (request.requirement.stepUp || policy.stepUp === 'always') return true;
  const amount = request.requirement.amount?.value;
  return policy.stepUp === 'above-amount' && amount !== undefined && amountAbove(amount, policy.stepUpAbove);
}

function newRecord(deps: ApprovalDeps, event: PrepareEvent, request: HumanStepRequest): ApprovalRecord {
  const [policyId, policy] = policyFor(deps, request, event.document.process);
  const approvers = request.requirement.approvers ?? policy.approvers;
  const now = deps.now();
  const deadline = new Date(now.getTime() + policy.timeoutSeconds * 1000);
  const required = policy.quorum + (request.requirement.additionalApprovals ?? 0);
  return {
    approvalId: approvalIdFor(event.executionArn, event.step, event.itemKey),
    documentId: event.document.documentId,
    process: event.document.process,
    executionArn: event.executionArn,
    step: event.step,
    ...(event.itemKey === undefined ? {} : { itemKey: event.itemKey }),
    policyId,
    workflowVersion: event.workflowVersion,
    status: 'PENDING',
    phase: 'request',
    approvers: entries(approvers, 'a', 'approver'),
    escalationApprovers: policy.escalationApprovers,
    // More approvals than people asked could never be given.
    requiredApprovals: Math.max(1, Math.min(required, approvers.length)),
    veto: policy.veto,
    separationOfDuties: policy.separationOfDuties,
    submittedBy: event.document.submittedBy,
    stepUp: needsStepUp(policy, request),
    minDwellSeconds: policy.minDwellSeconds,
    request,
    choices: request.choices ?? defaultChoices,
    summaryHash: hashJson(request),
    pageKey: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    deadlineAt: deadline.toISOString(),
    purgeAt: Math.floor(deadline.getTime() / 1000) + purgeAfterSeconds,
  };
}

/**
 * The prepare phase: validates the process's request against its policy, creates the task once (a
 * retry finds it) and returns its id with the waits the state machine times itself by.
 */
export async function prepare(deps: ApprovalDeps, event: PrepareEvent): Promise<HumanTaskState> {
  const request = parseHumanStepRequest(event.request);
  const fresh = newRecord(deps, event, request);
  const created = await deps.approvals.create(fresh);
  const record = created ? fresh : await deps.approvals.get(fresh.approvalId);
  if (!record) throw new Error('human task vanished after create');
  const policy = deps.policies[record.policyId];
  if (!policy) throw new PermanentError(`No human-step policy ${record.policyId} is configured`);
  return { taskId: record.approvalId, timings: approvalTimings(policy) };
}

async function taskOf(deps: ApprovalDeps, taskId: string): Promise<ApprovalRecord> {
  const record = await deps.approvals.get(taskId);
  if (!record)
    throw new PermanentError(`Human task ${taskId} does not exist; the prepare phase must run first`);
  return record;
}

/**
 * One wait of the task: stores the task token with it, emails whoever this phase concerns, and returns;
 * the workflow resumes when the approval API (or this phase, if the task was decided in between) sends
 * the task result.
 */
export async function runWaitPhase(deps: ApprovalDeps, event: WaitEvent): Promise<void> {
  const secrets = new Map<string, string>();
  let record = await taskOf(deps, event.taskId);
  if (await withdrawIfSuperseded(deps, record, event)) return;
  if (event.phase === 'escalate') {
    await deps.approvals.addApprovers(
      record.approvalId,
      entries(record.escalationApprovers, 'e', 'escalation', secrets),
    );
    record = await taskOf(deps, event.taskId);
  }

  if (await deliverIfDecided(deps, record.approvalId, event.taskToken, event.phase)) return;

  const base = auditBase(record, event.executionArn);
  if (event.phase === 'request') {
    await changeStatus(
      { documents: deps.documents, audit: deps.audit },
      {
        documentId: record.documentId,
        to: 'AWAITING_APPROVAL',
        step: record.step,
        actor,
        versions: base.versions,
        executionArn: event.executionArn,
      },
    );
  }
  const notified = await notify(deps, record, event.phase, secrets);
  const type = { request: 'APPROVAL_REQUESTED', remind: 'APPROVAL_REMINDED', escalate: 'APPROVAL_ESCALATED' }[
    event.phase
  ];
  await deps.audit.append(
    {
      ...base,
      type,
      details: {
        approvalId: record.approvalId,
        notified: notified.sent,
        ...(notified.unconfirmed.length > 0 ? { unconfirmed: notified.unconfirmed } : {}),
        ...(notified.remindedEarly.length > 0 ? { remindedEarly: notified.remindedEarly } : {}),
        requiredApprovals: record.requiredApprovals,
        deadlineAt: record.deadlineAt,
      },
    },
    { idempotencyKey: `${record.approvalId}/${event.phase}` },
  );
}

/**
 * Registers this wait's token, then delivers the decision itself when there is one no one delivered:
 * decided while no wait was registered, or votes stored by a run cut off before they were counted
 * (counted now). True when the wait has its result.
 */
async function deliverIfDecided(
  deps: ApprovalDeps,
  approvalId: string,
  taskToken: string,
  phase: ApprovalPhase,
): Promise<boolean> {
  let decided = await deps.approvals.registerToken(approvalId, taskToken, phase);
  if (!decided) {
    const current = await taskOf(deps, approvalId);
    const byVotes = await decideByVotes(deps, current, actor);
    if (byVotes.kind === 'pending') return false;
    await auditStoredVotes(deps.audit, current);
    decided = byVotes.kind === 'decided' ? byVotes.record : await taskOf(deps, approvalId);
  }
  const decision = decisionOf(decided);
  if (!decision) return false;
  // A run cut off between the decision and its audit left it unaudited; the key makes this once.
  await auditDecided(deps.audit, decided, decision, actor);
  await handDecisionOn(deps, taskToken, decided, decision);
  return true;
}

/**
 * A wait of an execution that does not own its document (a stale duplicate; the owner may long have
 * decided) asks no one: the task is cancelled, so no link decides it, and the wait ends on the rejection
 * path to finalize, which writes nothing for a non-owner. False when the execution owns the document or
 * the task was decided before (the normal path then delivers that decision). A retry repeats the
 * cancellation's audit and delivery under the same keys.
 */
async function withdrawIfSuperseded(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  event: WaitEvent,
): Promise<boolean> {
  const owner = (await deps.documents.get(record.documentId))?.ownerExecution;
  if (owner === undefined || owner === event.executionArn) return false;
  if (record.status === 'PENDING')
    await deps.approvals.finish(record.approvalId, 'CANCELLED', deps.now().toISOString());
  const current = await taskOf(deps, record.approvalId);
  if (current.status === 'APPROVED' || current.status === 'REJECTED') return false;
  const reason = 'another execution owns the document; no one was asked';
  await deps.audit.append(
    {
      ...auditBase(record, event.executionArn),
      type: 'APPROVAL_CANCELLED',
      decision: 'cancelled',
      rationale: [reason],
      details: { approvalId: record.approvalId, phase: event.phase },
    },
    { idempotencyKey: `${record.approvalId}/cancelled` },
  );
  await deliverWithdrawal(deps.sfn, event.taskToken, current, reason);
  return true;
}

/** Who this phase's emails went to now, and who a cut-off earlier run may or may not have reached. */
interface Notified {
  readonly sent: string[];
  readonly unconfirmed: string[];
  /** Unconfirmed request recipients sent their reminder now, so nobody is left without a link. */
  readonly remindedEarly: string[];
}

/**
 * Emails each person this phase concerns and has not yet been emailed for it, each email keyed by
 * (approval, approver, phase): claimed before the send, marked sent after it. A claim without the mark
 * means a run was cut off around the send; SES cannot say whether it went out, and a second copy is the
 * duplicate this step must never make, so it is not sent again (at most once). A request left
 * unconfirmed so is followed by that person's reminder now (itself once: the scheduled reminder then
 * skips them), so a cut-off send never leaves someone without a link; any other phase's leaves the
 * later phases and the deadline. A send SES refused gives the claim back, so the retry sends it.
 */
async function notify(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  phase: ApprovalPhase,
  secrets: Map<string, string>,
): Promise<Notified> {
  const field = phase === 'remind' ? 'remindedAt' : 'notifiedAt';
  const kind: ApprovalEmailKind =
    phase === 'request' ? 'request' : phase === 'remind' ? 'reminder' : 'escalation';
  const wanted = Object.entries(record.approvers).filter(([, a]) =>
    phase === 'escalate' ? a.role === 'escalation' : a.role === 'approver' && !(phase === 'remind' && a.vote),
  );
  const notified: Notified = { sent: [], unconfirmed: [], remindedEarly: [] };
  for (const [id, approver] of wanted) {
    if (approver[field]) continue;
    if (approver[noticeIntent[field]]) {
      notified.unconfirmed.push(approver.email);
      if (
        phase === 'request' &&
        !approver.vote &&
        (await sendOnce(deps, record, id, 'remindedAt', 'reminder', secrets))
      )
        notified.remindedEarly.push(approver.email);
      continue;
    }
    if (await sendOnce(deps, record, id, field, kind, secrets)) notified.sent.push(approver.email);
  }
  return notified;
}

/** One approver's email of one kind, once: claim, send with a working link, mark. False when already claimed. */
async function sendOnce(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  id: string,
  field: NoticeField,
  kind: ApprovalEmailKind,
  secrets: Map<string, string>,
): Promise<boolean> {
  const approver = record.approvers[id];
  if (!approver || approver[field] || approver[noticeIntent[field]]) return false;
  if (!(await deps.approvals.claimNotice(record.approvalId, id, field, deps.now().toISOString())))
    return false;
  // A secret made in this run is used only if it is the one stored (another run may have stored its own).
  let secret = secrets.get(id);
  if (!secret || !approver.secretHashes.includes(hashSecret(secret))) {
    // Only hashes are stored, so a resend (retry or reminder) carries a new secret; earlier links stay valid.
    secret = newLinkSecret();
    await deps.approvals.addSecretHash(record.approvalId, id, hashSecret(secret));
  }
  const link = approvalLink(deps.baseUrl, record.approvalId, secret);
  try {
    await deps.sendEmail(approvalEmail(kind, approver.email, record.request, link, record.deadlineAt));
  } catch (error) {
    await deps.approvals.releaseNotice(record.approvalId, id, field);
    throw error;
  }
  await deps.approvals.markApprover(record.approvalId, id, field, deps.now().toISOString());
  return true;
}

/** The deadline passed with no decision: revoke the links and reject automatically. */
export async function expire(deps: ApprovalDeps, event: ExpireEvent): Promise<ApprovalOutcome> {
  const before = await taskOf(deps, event.taskId);
  // Votes stored before the deadline by a run cut off before counting them decide, not the deadline.
  if (before.status === 'PENDING') {
    const byVotes = await decideByVotes(deps, before, actor);
    if (byVotes.kind === 'decided') {
      await auditStoredVotes(deps.audit, before);
      return outcomeOf(byVotes.record, byVotes.decision);
    }
  }
  const at = deps.now().toISOString();
  const expired = await deps.approvals.finish(event.taskId, 'EXPIRED', at);
  const record = await taskOf(deps, event.taskId);
  const decided = decisionOf(record);
  if (!expired && decided) {
    // A decision landed between the last wait's timeout and this step: it stands.
    await auditDecided(deps.audit, record, decided, actor);
    return outcomeOf(record, decided);
  }
  await deps.audit.append(
    {
      ...auditBase(record, event.executionArn),
      type: 'APPROVAL_EXPIRED',
      decision: 'expired',
      rationale: ['no decision before the deadline; rejected automatically'],
    },
    { idempotencyKey: `${record.approvalId}/expired` },
  );
  return { ...outcomeOf(record, 'expired'), decidedAt: record.decidedAt ?? at };
}

/** What every audit event of the task carries: its step, what was shown, the versions that asked. */
export function auditBase(record: ApprovalRecord, executionArn: string) {
  return {
    documentId: record.documentId,
    step: record.step,
    actor,
    inputHash: record.summaryHash,
    versions: versionsOf(record),
    executionArn,
  } satisfies Omit<AuditEvent, 'type'>;
}
