import { stateOf } from '../human-step/lifecycle/state.ts';
import { versionsOf } from '../human-step/record.ts';
import type { AuditEvent } from '../stores/audit.ts';
import { type Actor, actorFields, type InboxDeps, type Refusal, refuse } from './actor.ts';
import { folded, inGroup, leads } from './groups.ts';
import { approverIdOf, claimantId, groupOf } from './standing.ts';
import { heldClaim, type InboxRecord, type TaskClaim } from './task.ts';

export type ClaimOutcome = { readonly ok: true; readonly claim?: TaskClaim } | Refusal;

/** A pending task and its policy's groups; a refusal for an unknown or ended one. */
async function pendingTask(deps: InboxDeps, approvalId: string) {
  const record = await deps.inbox.task(approvalId);
  if (!record) return refuse(404, 'there is no such task');
  if (stateOf(record) !== 'pending') return refuse(409, 'the task has ended');
  const policy = deps.policies[record.policyId];
  return { record, groups: policy?.groups ?? {}, claimSeconds: policy?.claimSeconds ?? 1800 };
}

function taskEvent(
  record: InboxRecord,
  actor: Actor,
  type: string,
  details: Record<string, unknown>,
): AuditEvent {
  const who = actorFields(actor);
  return {
    documentId: record.documentId,
    step: record.step,
    type,
    actor: who.actor,
    inputHash: record.summaryHash,
    versions: versionsOf(record),
    executionArn: record.executionArn,
    details: { approvalId: record.approvalId, ...details, ...who.details },
  };
}

/** Writes a claim for `holder`; the store refuses it when someone else holds the task (unless a lead overrides). */
async function writeClaim(
  deps: InboxDeps,
  record: InboxRecord,
  holder: string,
  group: string,
  claimSeconds: number,
  event: AuditEvent,
  override: boolean,
): Promise<ClaimOutcome> {
  const now = deps.now();
  const claim: TaskClaim = {
    by: folded(holder),
    group,
    at: now.toISOString(),
    until: new Date(now.getTime() + claimSeconds * 1000).toISOString(),
  };
  const approverId = approverIdOf(record, holder) ?? claimantId(holder);
  const entry = { email: folded(holder), role: 'approver', secretHashes: [] } as const;
  const event1 = { ...event, details: { ...event.details, until: claim.until } };
  if (await deps.inbox.claim(record.approvalId, { claim, approverId, entry, event: event1, override }, now))
    return { ok: true, claim };
  const current = await deps.inbox.task(record.approvalId);
  if (!current || stateOf(current) !== 'pending') return refuse(409, 'the task has ended');
  const held = heldClaim(current, now);
  return held
    ? refuse(409, `${held.by} holds the task until ${held.until}`)
    : refuse(409, 'the task changed meanwhile; try again');
}

/** Claims a group task for the person: one holder at a time; an expired claim is free to take. */
export async function claimTask(deps: InboxDeps, actor: Actor, approvalId: string): Promise<ClaimOutcome> {
  const found = await pendingTask(deps, approvalId);
  if ('ok' in found) return found;
  const group = groupOf(found.groups, actor.person.email);
  if (group === undefined) return refuse(403, 'you are not in a candidate group of this task');
  const previous = heldClaim(found.record, deps.now()) ? undefined : found.record.claim?.by;
  const event = taskEvent(found.record, actor, 'TASK_CLAIMED', {
    group,
    ...(previous ? { previousClaimExpired: previous } : {}),
  });
  return writeClaim(deps, found.record, actor.person.email, group, found.claimSeconds, event, false);
}

/** Returns a task the person holds to its group. */
export async function releaseTask(deps: InboxDeps, actor: Actor, approvalId: string): Promise<ClaimOutcome> {
  const found = await pendingTask(deps, approvalId);
  if ('ok' in found) return found;
  const claim = heldClaim(found.record, deps.now());
  if (!claim || claim.by !== folded(actor.person.email)) return refuse(409, 'you do not hold this task');
  const event = taskEvent(found.record, actor, 'TASK_RELEASED', { group: claim.group });
  if (await deps.inbox.release(approvalId, claim.by, event)) return { ok: true };
  return refuse(409, 'you do not hold this task');
}

/** A lead gives a group task to a member of that group, whoever held it. */
export async function reassignTask(
  deps: InboxDeps,
  actor: Actor,
  approvalId: string,
  to: string,
): Promise<ClaimOutcome> {
  const found = await pendingTask(deps, approvalId);
  if ('ok' in found) return found;
  const led = Object.entries(found.groups).filter(([, g]) => leads(g, actor.person.email));
  if (led.length === 0) return refuse(403, 'only a lead of a candidate group of this task reassigns it');
  const target = led.find(([, g]) => inGroup(g, to));
  if (!target) return refuse(400, 'the task can only go to a member of a group you lead');
  const from = heldClaim(found.record, deps.now())?.by;
  const event = taskEvent(found.record, actor, 'TASK_REASSIGNED', {
    group: target[0],
    to: folded(to),
    ...(from ? { from } : {}),
  });
  return writeClaim(deps, found.record, to, target[0], found.claimSeconds, event, true);
}
