import type { ApprovalRecord } from '../human-step/record.ts';

/** Who holds a group task and until when (ISO times compare as text); one holder at a time. */
export interface TaskClaim {
  readonly by: string;
  readonly group: string;
  readonly at: string;
  readonly until: string;
}

/** A human task as the inbox reads it: the approval record with its claim, if a group member holds it. */
export type InboxRecord = ApprovalRecord & { readonly claim?: TaskClaim };

/** Person A lets B act on A's tasks from `from` until `until` (ISO); B acts on behalf of A, and the audit names both. */
export interface Delegation {
  readonly from: string;
  readonly to: string;
  readonly startsAt: string;
  readonly until: string;
  readonly createdAt: string;
}

/** The claim that holds at `now`, if any (an expired claim returns the task to its group without a write). */
export const heldClaim = (record: Pick<InboxRecord, 'claim'>, now: Date): TaskClaim | undefined =>
  record.claim !== undefined && record.claim.until > now.toISOString() ? record.claim : undefined;

/** Whether a delegation is in force at `now`. */
export const delegationActive = (d: Delegation, now: Date): boolean => {
  const at = now.toISOString();
  return d.startsAt <= at && at < d.until;
};
