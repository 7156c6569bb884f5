import type { ApprovalOutcome } from '../../shared/workflow.ts';
import { expireAtDeadline } from '../lifecycle/index.ts';
import { type ApprovalDeps, actor, auditBase, taskOf } from './context.ts';
import type { ExpireEvent } from './events.ts';

/**
 * The deadline passed with no decision: revoke the links and reject automatically. Votes stored before
 * the deadline but not yet counted (their run stopped first) decide, not the deadline; a decision that
 * landed between the last wait's timeout and this step stands.
 */
export async function expire(deps: ApprovalDeps, event: ExpireEvent): Promise<ApprovalOutcome> {
  const before = await taskOf(deps, event.taskId);
  return expireAtDeadline(
    deps,
    before,
    {
      ...auditBase(before, event.executionArn),
      type: 'APPROVAL_EXPIRED',
      decision: 'expired',
      rationale: ['no decision before the deadline; rejected automatically'],
    },
    actor,
  );
}
