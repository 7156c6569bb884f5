import { stateOf } from '../human-step/lifecycle/state.ts';
import type { InboxDeps } from './actor.ts';
import { folded, inGroup } from './groups.ts';
import { inboxKeys } from './index-keys.ts';
import { standing } from './standing.ts';
import { type Delegation, delegationActive } from './task.ts';
import { type InboxQuery, type InboxTask, inboxTask, selectTasks } from './view.ts';

/** The groups a person is in, across every policy (members and leads). */
export function groupsOfPerson(deps: Pick<InboxDeps, 'policies'>, email: string): string[] {
  const names = Object.values(deps.policies).flatMap((p) =>
    Object.entries(p.groups)
      .filter(([, g]) => inGroup(g, email))
      .map(([name]) => name),
  );
  return [...new Set(names)];
}

/** The delegations in force that let this person act for others. */
export async function activeDelegations(deps: InboxDeps, email: string): Promise<Delegation[]> {
  const now = deps.now();
  return (await deps.inbox.delegationsTo(email)).filter((d) => delegationActive(d, now));
}

/**
 * Every pending task a person may act on, claim, or sees held in their group, across processes: one
 * Query per holder (the person, their groups, and whoever delegated to them), then each task read.
 */
export async function inboxOf(deps: InboxDeps, email: string, query: InboxQuery = {}): Promise<InboxTask[]> {
  const now = deps.now();
  const delegations = await activeDelegations(deps, email);
  const people = [folded(email), ...delegations.map((d) => d.from)];
  const holders = [
    ...new Set(people.flatMap((p) => [inboxKeys.person(p), ...groupsOfPerson(deps, p).map(inboxKeys.group)])),
  ];
  const ids = [...new Set((await Promise.all(holders.map((h) => deps.inbox.indexed(h)))).flat())];
  const records = await Promise.all(ids.map((id) => deps.inbox.task(id)));
  const tasks: InboxTask[] = [];
  for (const record of records) {
    if (!record || stateOf(record) !== 'pending') continue;
    const groups = deps.policies[record.policyId]?.groups ?? {};
    const seen = standing(record, groups, email, delegations, now);
    if (seen.kind === 'none' || seen.kind === 'voted') continue;
    tasks.push(inboxTask(record, Object.keys(groups), seen, now));
  }
  return selectTasks(tasks, query);
}
