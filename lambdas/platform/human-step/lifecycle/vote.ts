import type { ApprovalRecord, StoredVote } from '../record.ts';
import { voteEvent } from './events.ts';
import { type Actor, type Decided, type LifecycleDeps, stateOf } from './state.ts';
import { decide, type Followed, follow } from './transitions.ts';

/** What became of a task after a vote was counted: what the caller tells the person. */
export type Settlement =
  /** Not decided yet: how many approvals it has, and how many more it needs. */
  | { readonly kind: 'pending'; readonly approvals: number; readonly remaining: number }
  /** Someone else ended it in between (decided, expired, cancelled); the record as it is now. */
  | { readonly kind: 'ended'; readonly record: ApprovalRecord }
  /** Decided: handed back, not applied (the workflow stopped), or left to the next wait phase. */
  | { readonly kind: Followed; readonly decision: Decided }
  /** The task no longer exists (purged). */
  | { readonly kind: 'unknown' };

/** What became of a vote cast: not recorded (and why), or recorded and settled. */
export type VoteResult =
  | Settlement
  /** This person had already voted and the task is still pending: the first vote stands. */
  | { readonly kind: 'already-voted'; readonly vote: StoredVote; readonly record: ApprovalRecord };

/**
 * The entry point for a person's vote, whoever takes it (the emailed link, an inbox): stores it with
 * its VOTE_RECORDED event (once per person, only while pending), then settles the task. `deliverer` is
 * who the audit names for handing the decision back; `details` adds to the event what the entry point
 * knows (how the person signed in, whom a delegate acts for).
 */
export async function castVote(
  deps: LifecycleDeps,
  record: ApprovalRecord,
  approverId: string,
  vote: StoredVote,
  deliverer: Actor,
  details: Readonly<Record<string, unknown>> = {},
): Promise<VoteResult> {
  const event = voteEvent(record, vote);
  const recorded = await deps.approvals.recordVote(record.approvalId, approverId, vote, {
    ...event,
    details: { ...event.details, ...details },
  });
  if (recorded.recorded)
    return settleVotes(deps, recorded.record, { kind: 'person', id: vote.approver }, deliverer);
  const current = recorded.record;
  if (!current) return { kind: 'unknown' };
  const own = current.approvers[approverId]?.vote;
  if (stateOf(current) === 'pending' && own) return { kind: 'already-voted', vote: own, record: current };
  return { kind: 'ended', record: current };
}

/**
 * Counts a pending task's stored votes and, when they decide it, hands the decision back: after a vote,
 * and when a vote is sent again after an answer that never came (its run stopped before counting).
 * Writes nothing while the votes do not decide.
 */
export async function settleVotes(
  deps: LifecycleDeps,
  record: ApprovalRecord,
  decider: Actor,
  deliverer: Actor,
): Promise<Settlement> {
  const decision = await decide(deps, record, decider);
  if (decision.kind === 'pending') {
    const remaining = Math.max(0, record.requiredApprovals - decision.approvals);
    return { kind: 'pending', approvals: decision.approvals, remaining };
  }
  if (decision.kind === 'ended') {
    const current = await deps.approvals.get(record.approvalId);
    return current ? { kind: 'ended', record: current } : { kind: 'unknown' };
  }
  return {
    kind: await follow(deps, decision.record, decision.decision, deliverer),
    decision: decision.decision,
  };
}
