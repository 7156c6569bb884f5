import type { AuditEvent } from '../../stores/audit.ts';
import { decidingValues } from '../form/outcome.ts';
import { type ApprovalRecord, type StoredVote, versionsOf } from '../record.ts';
import type { Actor, Decided } from './state.ts';

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
export function decidedEvent(
  record: ApprovalRecord,
  decision: Decided,
  deciders: readonly string[],
  actor: Actor,
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

/** The audit event of a decision the waiting workflow accepted, written with deliveredAt. */
export function deliveredEvent(record: ApprovalRecord, decision: Decided, actor: Actor): AuditEvent {
  return {
    documentId: record.documentId,
    step: record.step,
    type: 'DECISION_DELIVERED',
    actor,
    decision,
    rationale: ['the waiting workflow accepted the decision'],
    versions: { workflow: record.workflowVersion },
    executionArn: record.executionArn,
    details: { approvalId: record.approvalId },
  };
}

/** The audit event of a decision whose workflow no longer waited (stopped or finished). */
export function notAppliedEvent(record: ApprovalRecord, decision: Decided, actor: Actor): AuditEvent {
  return {
    documentId: record.documentId,
    step: record.step,
    type: 'DECISION_NOT_APPLIED',
    actor,
    decision,
    rationale: ['the workflow was no longer waiting (stopped or finished)'],
    versions: { workflow: record.workflowVersion },
    executionArn: record.executionArn,
  };
}
