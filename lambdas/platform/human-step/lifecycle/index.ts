/**
 * The one owner of a human task's life (pending → decided → delivered; or expired, cancelled): every
 * entry point that may decide a task or hand its decision back calls one of these.
 */
export { cancelTask } from './cancel.ts';
export { expireAtDeadline, withdrawTask } from './end.ts';
export { voteEvent } from './events.ts';
export { handOnReopened, settleAtWait } from './hand-back.ts';
export { type Actor, type Decided, type LifecycleDeps, stateOf, type TaskState } from './state.ts';
export { castVote, type Settlement, settleVotes, type VoteResult } from './vote.ts';
