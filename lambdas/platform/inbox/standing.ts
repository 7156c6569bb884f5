import { sha256Hex } from '../shared/hash.ts';
import { folded, inGroup, type TaskGroups } from './groups.ts';
import { type Delegation, delegationActive, heldClaim, type InboxRecord } from './task.ts';

/** What a person may do with a task in their inbox, and as whom. */
export type Standing =
  /** Votes as `approverId`; `onBehalfOf` when a delegation lets them act for that person. */
  | { readonly kind: 'may-act'; readonly approverId: string; readonly onBehalfOf?: string }
  | { readonly kind: 'may-claim'; readonly group: string }
  | { readonly kind: 'claimed'; readonly by: string }
  | { readonly kind: 'voted' }
  | { readonly kind: 'none' };

/** The approver entry of a person on a task, if they have one. */
export function approverIdOf(record: InboxRecord, email: string): string | undefined {
  return Object.entries(record.approvers).find(([, a]) => folded(a.email) === folded(email))?.[0];
}

/** The approver entry a claim adds for a group member who was not named (stable per person). */
export const claimantId = (email: string): string => `g${sha256Hex(folded(email)).slice(0, 12)}`;

/** The candidate group of a task a person belongs to (members and leads), if any. */
export function groupOf(groups: TaskGroups, email: string): string | undefined {
  return Object.entries(groups).find(([, g]) => inGroup(g, email))?.[0];
}

function own(record: InboxRecord, groups: TaskGroups, email: string, now: Date): Standing {
  const id = approverIdOf(record, email);
  const entry = id === undefined ? undefined : record.approvers[id];
  const claim = heldClaim(record, now);
  if (entry?.vote) return { kind: 'voted' };
  // Named approvers act without a claim; a group member only while holding it.
  if (id !== undefined && !id.startsWith('g')) return { kind: 'may-act', approverId: id };
  if (claim && folded(claim.by) === folded(email))
    return { kind: 'may-act', approverId: id ?? claimantId(email) };
  const group = groupOf(groups, email);
  if (group === undefined) return { kind: 'none' };
  return claim ? { kind: 'claimed', by: claim.by } : { kind: 'may-claim', group };
}

/**
 * A person's standing on a task: their own, or, when that does not let them act, what a delegation in
 * force lets them do on behalf of its giver.
 */
export function standing(
  record: InboxRecord,
  groups: TaskGroups,
  email: string,
  delegations: readonly Delegation[],
  now: Date,
): Standing {
  const mine = own(record, groups, email, now);
  if (mine.kind === 'may-act' || mine.kind === 'voted') return mine;
  for (const d of delegations) {
    if (folded(d.to) !== folded(email) || !delegationActive(d, now)) continue;
    const theirs = own(record, groups, d.from, now);
    if (theirs.kind === 'may-act') return { ...theirs, onBehalfOf: folded(d.from) };
  }
  return mine;
}
