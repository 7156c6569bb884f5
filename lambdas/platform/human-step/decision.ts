import type { AuditEvent, AuditTrail } from '../stores/audit.ts';
import type { TaskResultSender } from '../workflows/task-results.ts';
import { type Delivery, deliverDecision } from './delivery.ts';
import { decidingValues } from './form/outcome.ts';
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

/** The audit event of one vote, written with it (ApprovalStore.recordVote). */
export function voteEvent(record: ApprovalRecord, vote: StoredVote): AuditEvent {
  return {
    documentId: record.documentId,
    step: record.step,
    type: 'VOTE_RECORDED',
    actor: { kind: 'person', id: vote.approver },
    decision: vote.choice ?? vote.decision,
    rationale: vote.comment ? [vote.comment] : undefined,
    inputHash: vote.summaryHash,
    versions: versionsOf(record),
    executionArn: record.executionArn,
    details: {
      approvalId: record.approvalId,
      clientIp: vote.clientIp,
      userAgent: vote.userAgent,
      ...(vote.values === undefined ? {} : { values: vote.values }),
    },
  };
}

/** The values a decision hands on (decidingValues), for its audit event; nothing when no form was filled in. */
function valuesOf(record: ApprovalRecord, decision: Decided) {
  const votes = Object.values(record.approvers).flatMap((a) => (a.vote ? [a.vote] : []));
  const values = decidingValues(votes, decision === 'approved' ? 'approve' : 'reject');
  return values === undefined ? {} : { values };
}

/** The audit event of a decision, written with the approval's move to it. */
function decidedEvent(
  record: ApprovalRecord,
  decision: Decided,
  deciders: readonly string[],
  actor: AuditEvent['actor'],
): AuditEvent {
  return {
    documentId: record.documentId,
    step: record.step,
    type: 'APPROVAL_DECIDED',
    actor,
    decision,
    rationale: [`decided by ${deciders.join(', ')}`],
    inputHash: record.summaryHash,
    versions: { workflow: record.workflowVersion },
    executionArn: record.executionArn,
    details: { approvalId: record.approvalId, decidedBy: deciders, ...valuesOf(record, decision) },
  };
}

/**
 * Ends a pending approval whose recorded votes meet its policy: the status moves once (conditionally),
 * in one write with its APPROVAL_DECIDED event. Called after each vote, and by every later phase, so
 * votes stored by a run that stopped before counting them still decide.
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
  const events = [decidedEvent(record, result.result, result.deciders, actor)];
  if (!(await deps.approvals.finish(record.approvalId, status, { at, decidedBy: result.deciders, events })))
    return { kind: 'ended' };
  const decided: ApprovalRecord = { ...record, status, decidedAt: at, decidedBy: result.deciders };
  return { kind: 'decided', record: decided, decision: result.result };
}

/**
 * Hands a decided approval to a wait and records, with its audit event, that it arrived (once, whoever
 * delivered it); a wait that has ended is reported.
 */
export async function handDecisionOn(
  deps: DecisionDeps & { readonly sfn: TaskResultSender },
  taskToken: string,
  record: ApprovalRecord,
  decision: Decided,
  actor: AuditEvent['actor'],
): Promise<Delivery> {
  const delivery = await deliverDecision(deps.sfn, taskToken, record, decision);
  if (delivery === 'delivered')
    await deps.approvals.markDelivered(record.approvalId, deps.now().toISOString(), {
      documentId: record.documentId,
      step: record.step,
      type: 'DECISION_DELIVERED',
      actor,
      decision,
      rationale: ['the waiting workflow accepted the decision'],
      versions: { workflow: record.workflowVersion },
      executionArn: record.executionArn,
      details: { approvalId: record.approvalId },
    });
  return delivery;
}
