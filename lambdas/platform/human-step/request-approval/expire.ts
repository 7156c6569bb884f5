import type { ApprovalOutcome } from '../../shared/workflow.ts';
import { auditDecided, auditStoredVotes, decideByVotes, decisionOf } from '../decision.ts';
import { outcomeOf } from '../delivery.ts';
import { type ApprovalDeps, actor, auditBase, taskOf } from './context.ts';
import type { ExpireEvent } from './events.ts';

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
