import type { AuditEvent, AuditTrail } from '../stores/audit.ts';
import type { TaskResultSender } from '../workflows/task-results.ts';
import { type Delivery, deliverDecision } from './delivery.ts';
import { tally } from './outcome.ts';
import { type ApprovalRecord, type StoredVote, versionsOf } from './record.ts';
import type { ApprovalStore } from './store.ts';

export type Decided = 'approved' | 'rejected';

export type Decision =
  | { readonly kind: 'pending'; readonly approvals: number }
  | { readonly kind: 'decided'; readonly record: ApprovalRecord; readonly decision: Decided }
  /** Ended by someone else in between (decided, expired, recalled, cancelled). */
  | { readonly kind: 'ended' };

interface DecisionDeps {
  readonly approvals: ApprovalStore;
  readonly audit: AuditTrail;
  readonly now: () => Date;
}

/** A decided approval's status as the decision it carries; undefined while pending or ended otherwise. */
export function decisionOf(record: ApprovalRecord): Decided | undefined {
  if (record.status === 'APPROVED') return 'approved';
  if (record.status === 'REJECTED') return 'rejected';
  return undefined;
}

/** The audit event of one stored vote, keyed by approval and approver: written once whoever writes it. */
export function auditVote(
  audit: AuditTrail,
  record: ApprovalRecord,
  approverId: string,
  vote: StoredVote,
): Promise<boolean> {
  return audit.append(
    {
      documentId: record.documentId,
      step: record.step,
      type: 'VOTE_RECORDED',
      actor: { kind: 'person', id: vote.approver },
      decision: vote.choice ?? vote.decision,
      rationale: vote.comment ? [vote.comment] : undefined,
      inputHash: vote.summaryHash,
      versions: versionsOf(record),
      executionArn: record.executionArn,
      details: { approvalId: record.approvalId, clientIp: vote.clientIp, userAgent: vote.userAgent },
    },
    { idempotencyKey: `${record.approvalId}/vote/${approverId}` },
  );
}

/** Audits every stored vote not audited yet: a run cut off between storing a vote and its audit left a gap. */
export async function auditStoredVotes(audit: AuditTrail, record: ApprovalRecord): Promise<void> {
  for (const [id, approver] of Object.entries(record.approvers))
    if (approver.vote) await auditVote(audit, record, id, approver.vote);
}

/**
 * The decision's audit event, once per approval whoever writes it: the vote that decided, or a later
 * step finding the approval decided by a run cut off before its audit.
 */
export async function auditDecided(
  audit: AuditTrail,
  record: ApprovalRecord,
  decision: Decided,
  actor: AuditEvent['actor'],
): Promise<void> {
  const deciders = record.decidedBy ?? [];
  await audit.append(
    {
      documentId: record.documentId,
      step: record.step,
      type: 'APPROVAL_DECIDED',
      actor,
      decision,
      rationale: [`decided by ${deciders.join(', ')}`],
      inputHash: record.summaryHash,
      versions: { workflow: record.workflowVersion },
      executionArn: record.executionArn,
      details: { approvalId: record.approvalId, decidedBy: deciders },
    },
    { idempotencyKey: `${record.approvalId}/decided` },
  );
}

/**
 * Ends a pending approval whose recorded votes meet its policy: the status moves once (conditionally)
 * and the decision is audited once. Called after each vote, and by every later phase, so a vote stored
 * by a run cut off before it was counted still decides.
 */
export async function decideByVotes(
  deps: DecisionDeps,
  record: ApprovalRecord,
  actor: AuditEvent['actor'],
): Promise<Decision> {
  const result = tally(record);
  if (result.result === 'pending') return { kind: 'pending', approvals: result.approvals };
  const at = deps.now().toISOString();
  const status = result.result === 'approved' ? 'APPROVED' : 'REJECTED';
  if (!(await deps.approvals.finish(record.approvalId, status, at, result.deciders)))
    return { kind: 'ended' };
  const decided: ApprovalRecord = { ...record, status, decidedAt: at, decidedBy: result.deciders };
  await auditDecided(deps.audit, decided, result.result, actor);
  return { kind: 'decided', record: decided, decision: result.result };
}

/** Hands a decided approval to a wait and records that it arrived; a wait that has ended is reported. */
export async function handDecisionOn(
  deps: DecisionDeps & { readonly sfn: TaskResultSender },
  taskToken: string,
  record: ApprovalRecord,
  decision: Decided,
): Promise<Delivery> {
  const delivery = await deliverDecision(deps.sfn, taskToken, record, decision);
  if (delivery === 'delivered')
    await deps.approvals.markDelivered(record.approvalId, deps.now().toISOString());
  return delivery;
}
