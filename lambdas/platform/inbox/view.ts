import type { HumanStepFact, TaskPriority } from '../human-step/request.ts';
import { taskPriorities } from '../human-step/request.ts';
import type { Standing } from './standing.ts';
import { heldClaim, type InboxRecord } from './task.ts';

/** One row of a person's inbox (the JSON API's item, the page's row, the CLI's line). */
export interface InboxTask {
  readonly id: string;
  readonly process: string;
  readonly title: string;
  /** The request's facts, as the process worded them. */
  readonly facts: readonly Pick<HumanStepFact, 'label' | 'value'>[];
  readonly priority: TaskPriority;
  readonly dueAt: string;
  /** Negative once overdue. */
  readonly secondsLeft: number;
  readonly overdue: boolean;
  /** The named approvers who have not voted yet. */
  readonly assignees: readonly string[];
  readonly groups: readonly string[];
  readonly claimedBy?: string;
  readonly claimedUntil?: string;
  /** What the reader may do: act (and for whom), claim, or only look. */
  readonly standing: Standing['kind'];
  readonly onBehalfOf?: string;
  readonly choices: readonly { readonly id: string; readonly label: string }[];
}

export function inboxTask(
  record: InboxRecord,
  groups: readonly string[],
  standing: Standing,
  now: Date,
): InboxTask {
  const claim = heldClaim(record, now);
  const secondsLeft = Math.floor((Date.parse(record.deadlineAt) - now.getTime()) / 1000);
  return {
    id: record.approvalId,
    process: record.process,
    title: record.request.title,
    facts: record.request.facts.map(({ label, value }) => ({ label, value })),
    priority: record.request.priority ?? 'normal',
    dueAt: record.deadlineAt,
    secondsLeft,
    overdue: secondsLeft < 0,
    assignees: Object.entries(record.approvers)
      .filter(([id, a]) => !a.vote && !id.startsWith('g'))
      .map(([, a]) => a.email),
    groups,
    ...(claim ? { claimedBy: claim.by, claimedUntil: claim.until } : {}),
    standing: standing.kind,
    ...(standing.kind === 'may-act' && standing.onBehalfOf ? { onBehalfOf: standing.onBehalfOf } : {}),
    choices: record.choices.map(({ id, label }) => ({ id, label })),
  };
}

export type InboxSort = 'due' | 'priority' | 'process';

export interface InboxQuery {
  readonly process?: string;
  readonly group?: string;
  readonly assignee?: string;
  readonly overdue?: boolean;
  /** @default 'due' */
  readonly sort?: InboxSort;
}

const rank = (p: TaskPriority) => taskPriorities.indexOf(p);
const byDue = (a: InboxTask, b: InboxTask) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0);
const sorts: Readonly<Record<InboxSort, (a: InboxTask, b: InboxTask) => number>> = {
  due: (a, b) => byDue(a, b) || rank(b.priority) - rank(a.priority),
  priority: (a, b) => rank(b.priority) - rank(a.priority) || byDue(a, b),
  process: (a, b) => a.process.localeCompare(b.process) || byDue(a, b),
};

/** The rows a query asks for, in its order (ties by id, so the order is stable). */
export function selectTasks(tasks: readonly InboxTask[], query: InboxQuery): InboxTask[] {
  const assignee = query.assignee?.trim().toLowerCase();
  return tasks
    .filter((t) => query.process === undefined || t.process === query.process)
    .filter((t) => query.group === undefined || t.groups.includes(query.group))
    .filter(
      (t) =>
        assignee === undefined ||
        t.assignees.some((a) => a.toLowerCase() === assignee) ||
        t.claimedBy === assignee,
    )
    .filter((t) => !query.overdue || t.overdue)
    .sort((a, b) => sorts[query.sort ?? 'due'](a, b) || a.id.localeCompare(b.id));
}

/** Parses a sort name; undefined for an unknown one. */
export const inboxSort = (value: string | undefined): InboxSort | undefined =>
  value === 'due' || value === 'priority' || value === 'process' ? value : undefined;
