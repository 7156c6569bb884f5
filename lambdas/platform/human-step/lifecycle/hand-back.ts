import type { ApprovalPhase, ApprovalRecord } from '../record.ts';
import { type Actor, decisionOf, type LifecycleDeps, stateOf, taskOf } from './state.ts';
import { decide, handOn } from './transitions.ts';

/**
 * A decided task no wait has received (the run that decided stopped before SendTask*, and the person
 * opens the link again): hands it to the current wait, once. A wait that has ended is left to the next
 * phase, which finds the decision.
 */
export async function handOnReopened(
  deps: LifecycleDeps,
  record: ApprovalRecord,
  deliverer: Actor,
): Promise<void> {
  const decision = decisionOf(record);
  if (stateOf(record) !== 'decided' || !decision || !record.taskToken) return;
  await handOn(deps, record.taskToken, record, decision, deliverer);
}

/**
 * A wait phase begins: registers its token while the task is pending; otherwise (decided while no wait
 * was registered), or when stored votes decide it now (their run stopped before counting them), delivers
 * the decision to this wait itself. True when the wait has its result.
 */
export async function settleAtWait(
  deps: LifecycleDeps,
  approvalId: string,
  taskToken: string,
  phase: ApprovalPhase,
  actor: Actor,
): Promise<boolean> {
  let ended = await deps.approvals.registerToken(approvalId, taskToken, phase);
  if (!ended) {
    const byVotes = await decide(deps, await taskOf(deps, approvalId), actor);
    if (byVotes.kind === 'pending') return false;
    ended = byVotes.kind === 'decided' ? byVotes.record : await taskOf(deps, approvalId);
  }
  const decision = decisionOf(ended);
  if (!decision) return false;
  await handOn(deps, taskToken, ended, decision, actor);
  return true;
}
