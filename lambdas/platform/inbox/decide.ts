import type { DecideDeps } from '../human-step/approval-api/caller.ts';
import { apiActor } from '../human-step/approval-api/settle.ts';
import { castVote } from '../human-step/lifecycle/index.ts';
import { stateOf } from '../human-step/lifecycle/state.ts';
import { isSubmitter } from '../human-step/outcome.ts';
import { type StoredVote, versionsOf } from '../human-step/record.ts';
import type { HumanStepChoice } from '../human-step/request.ts';
import { type Actor, actorFields, type InboxDeps } from './actor.ts';
import { activeDelegations } from './list.ts';
import { type Standing, standing } from './standing.ts';
import type { InboxRecord } from './task.ts';

/** At most this many tasks in one batch (one request, well inside the function's timeout). */
export const maxBatch = 25;

export type TaskDecision =
  | { readonly id: string; readonly outcome: 'recorded'; readonly status: string }
  | { readonly id: string; readonly outcome: 'skipped'; readonly reason: string };

/** Why the policy keeps this person from deciding this task from the inbox; undefined when it may. */
export function batchRefusal(
  record: InboxRecord,
  seen: Standing,
  choice: HumanStepChoice | undefined,
  actor: string,
): string | undefined {
  if (stateOf(record) !== 'pending') return 'the task has ended';
  if (seen.kind === 'voted') return 'you have already voted on it';
  if (seen.kind === 'may-claim') return 'it is a group task: claim it first';
  if (seen.kind === 'claimed') return `${seen.by} holds it`;
  if (seen.kind === 'none') return 'you may not act on it';
  if (!choice) return 'it offers no such choice';
  if (record.stepUp)
    return 'it is above the step-up amount: decide it on its own page, with the one-time code';
  // A batch carries no per-decision proof; a policy that asks for one is decided on the task's own page.
  if (record.identity === 'passkey' || record.identity === 'code')
    return `its policy asks for a ${record.identity === 'passkey' ? 'passkey' : 'one-time code'} for each decision: decide it on its own page`;
  const principal = seen.onBehalfOf ?? actor;
  if (isSubmitter(record, actor) || isSubmitter(record, principal)) return 'it is your own submission';
  return undefined;
}

/**
 * Decides tasks chosen in the inbox, each on its own: a vote through the same path as the link's
 * confirmation (the lifecycle's castVote), or a skip with the reason;
 * either way one audit event per task.
 */
export async function decideTasks(
  deps: InboxDeps & DecideDeps,
  actor: Actor,
  ids: readonly string[],
  choiceId: string,
  comment: string,
): Promise<TaskDecision[]> {
  const delegations = await activeDelegations(deps, actor.person.email);
  const results: TaskDecision[] = [];
  for (const id of [...new Set(ids)].slice(0, maxBatch)) {
    const record = await deps.inbox.task(id);
    if (!record) {
      results.push({ id, outcome: 'skipped', reason: 'there is no such task' });
      continue;
    }
    const groups = deps.policies[record.policyId]?.groups ?? {};
    const seen = standing(record, groups, actor.person.email, delegations, deps.now());
    const choice = record.choices.find((c) => c.id === choiceId);
    const why = batchRefusal(record, seen, choice, actor.person.email);
    if (why !== undefined || seen.kind !== 'may-act' || !choice) {
      results.push(await skip(deps, actor, record, why ?? 'you may not act on it'));
      continue;
    }
    results.push(await vote(deps, actor, record, seen, choice, comment));
  }
  return results;
}

async function skip(
  deps: InboxDeps,
  actor: Actor,
  record: InboxRecord,
  reason: string,
): Promise<TaskDecision> {
  const who = actorFields(actor);
  await deps.audit.append({
    documentId: record.documentId,
    step: record.step,
    type: 'BATCH_DECISION_SKIPPED',
    actor: who.actor,
    decision: 'refused',
    rationale: [reason],
    inputHash: record.summaryHash,
    versions: versionsOf(record),
    executionArn: record.executionArn,
    details: { approvalId: record.approvalId, ...who.details },
  });
  return { id: record.approvalId, outcome: 'skipped', reason };
}

async function vote(
  deps: InboxDeps & DecideDeps,
  actor: Actor,
  record: InboxRecord,
  seen: Extract<Standing, { kind: 'may-act' }>,
  choice: HumanStepChoice,
  comment: string,
): Promise<TaskDecision> {
  const stored: StoredVote = {
    approver: actor.person.email,
    decision: choice.effect,
    choice: choice.id,
    at: deps.now().toISOString(),
    comment: comment || undefined,
    clientIp: actor.client.ip,
    userAgent: actor.client.userAgent,
    summaryHash: record.summaryHash,
  };
  // The same event as the link's, naming how the person signed in and, for a delegate, whom they act for.
  const details = {
    ...actorFields(actor).details,
    via: 'inbox',
    ...(seen.onBehalfOf ? { onBehalfOf: seen.onBehalfOf } : {}),
  };
  const result = await castVote(deps, record, seen.approverId, stored, apiActor, details);
  if (result.kind === 'already-voted' || result.kind === 'ended' || result.kind === 'unknown')
    return skip(deps, actor, record, 'the task changed meanwhile (decided, or voted)');
  const after = await deps.approvals.get(record.approvalId);
  return { id: record.approvalId, outcome: 'recorded', status: after?.status ?? 'PENDING' };
}
