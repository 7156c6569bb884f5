import { stateOf } from '../human-step/lifecycle/state.ts';
import type { InboxDeps } from './actor.ts';
import { inboxKeys } from './index-keys.ts';
import { inboxOf } from './list.ts';
import { heldClaim } from './task.ts';
import { type InboxQuery, type InboxTask, inboxTask, selectTasks } from './view.ts';

/** The holders an operator's overview reads: one group, or every group and named approver the policies know. */
function holdersFor(deps: InboxDeps, group: string | undefined): string[] {
  if (group !== undefined) return [inboxKeys.group(group)];
  const policies = Object.values(deps.policies);
  return [
    ...new Set([
      ...policies.flatMap((p) => Object.keys(p.groups).map(inboxKeys.group)),
      ...policies.flatMap((p) => [...p.approvers, ...p.escalationApprovers].map(inboxKeys.person)),
    ]),
  ];
}

/**
 * Pending tasks for an operator (`npm run tower -- tasks`): a person's inbox exactly as the API lists it
 * (`assignee`), or a group's tasks, or every task of the groups and approvers the policies name.
 */
export async function pendingTasks(deps: InboxDeps, query: InboxQuery): Promise<InboxTask[]> {
  if (query.assignee !== undefined) return inboxOf(deps, query.assignee, { ...query, assignee: undefined });
  const now = deps.now();
  const holders = holdersFor(deps, query.group);
  const ids = [...new Set((await Promise.all(holders.map((h) => deps.inbox.indexed(h)))).flat())];
  const tasks: InboxTask[] = [];
  for (const record of await Promise.all(ids.map((id) => deps.inbox.task(id)))) {
    if (!record || stateOf(record) !== 'pending') continue;
    const claim = heldClaim(record, now);
    const groups = Object.keys(deps.policies[record.policyId]?.groups ?? {});
    tasks.push(inboxTask(record, groups, claim ? { kind: 'claimed', by: claim.by } : { kind: 'none' }, now));
  }
  return selectTasks(tasks, query);
}
