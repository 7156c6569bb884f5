import type { ApprovalOutcome } from '../../shared/workflow.ts';
import type { AuditEvent } from '../../stores/audit.ts';
import { deliverWithdrawal, outcomeOf } from '../delivery.ts';
import type { ApprovalRecord } from '../record.ts';
import { type Actor, decisionOf, type LifecycleDeps, stateOf, taskOf } from './state.ts';
import { decide } from './transitions.ts';

/**
 * pending → expired at the deadline, unless stored votes decide it first (their run stopped before
 * counting them) or a decision landed after the last wait timed out: that decision stands. The expiry
 * and its event are one write; a retry that finds the task ended writes nothing. Returns what the
 * expire step hands to the workflow.
 */
export async function expireAtDeadline(
  deps: Omit<LifecycleDeps, 'sfn'>,
  before: ApprovalRecord,
  expired: AuditEvent,
  actor: Actor,
): Promise<ApprovalOutcome> {
  if (stateOf(before) === 'pending') {
    const byVotes = await decide(deps, before, actor);
    if (byVotes.kind === 'decided') return outcomeOf(byVotes.record, byVotes.decision);
  }
  const at = deps.now().toISOString();
  await deps.approvals.finish(before.approvalId, 'EXPIRED', { at, events: [expired] });
  const record = await taskOf(deps, before.approvalId);
  const decided = decisionOf(record);
  if (decided) return outcomeOf(record, decided);
  return { ...outcomeOf(record, 'expired'), decidedAt: record.decidedAt ?? at };
}

/**
 * pending → cancelled for a wait whose execution no longer owns the document, and ends that wait on the
 * rejection path. False when the task was decided before (that decision is then delivered as usual).
 * The cancellation and its event are one write; a retry finds it cancelled and only delivers again.
 */
export async function withdrawTask(
  deps: LifecycleDeps,
  record: ApprovalRecord,
  taskToken: string,
  cancelled: AuditEvent,
  reason: string,
): Promise<boolean> {
  if (stateOf(record) === 'pending')
    await deps.approvals.finish(record.approvalId, 'CANCELLED', {
      at: deps.now().toISOString(),
      events: [cancelled],
    });
  const current = await taskOf(deps, record.approvalId);
  if (decisionOf(current)) return false;
  await deliverWithdrawal(deps.sfn, taskToken, current, reason);
  return true;
}
