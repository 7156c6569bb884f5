import type { ApprovalOutcome } from '../../shared/workflow.ts';
import { decideByVotes, decisionOf } from '../decision.ts';
import { outcomeOf } from '../delivery.ts';
import { type ApprovalDeps, actor, auditBase, taskOf } from './context.ts';
import type { ExpireEvent } from './events.ts';

/**
 * The deadline passed with no decision: revoke the links and reject automatically. The expiry and its
 * audit event are one write; a retry that finds the task ended writes nothing.
 */
export async function expire(deps: ApprovalDeps, event: ExpireEvent): Promise<ApprovalOutcome> {
  const before = await taskOf(deps, event.taskId);
  // Votes stored before the deadline but not yet counted (their run stopped first) decide, not the deadline.
  if (before.status === 'PENDING') {
    const byVotes = await decideByVotes(deps, before, actor);
    if (byVotes.kind === 'decided') return outcomeOf(byVotes.record, byVotes.decision);
  }
  const at = deps.now().toISOString();
  await deps.approvals.finish(event.taskId, 'EXPIRED', {
    at,
    events: [
      {
        ...auditBase(before, event.executionArn),
        type: 'APPROVAL_EXPIRED',
        decision: 'expired',
        rationale: ['no decision before the deadline; rejected automatically'],
      },
    ],
  });
  const record = await taskOf(deps, event.taskId);
  // A decision that landed between the last wait's timeout and this step stands.
  const decided = decisionOf(record);
  if (decided) return outcomeOf(record, decided);
  return { ...outcomeOf(record, 'expired'), decidedAt: record.decidedAt ?? at };
}
