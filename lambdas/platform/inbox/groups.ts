/** A candidate group of a human-step policy: its members may claim its tasks; its leads also reassign them. */
export interface TaskGroup {
  readonly members: readonly string[];
  readonly leads: readonly string[];
}

/** Group name → members and leads, as a policy's `groups` gives them. */
export type TaskGroups = Readonly<Record<string, TaskGroup>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const namePattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The form every comparison of people uses: approvers, groups and delegations name lower-cased mailboxes. */
export const folded = (email: string): string => email.trim().toLowerCase();

/** Whether a person may claim the group's tasks (members and leads). */
export const inGroup = (group: TaskGroup, email: string): boolean =>
  [...group.members, ...group.leads].some((m) => folded(m) === folded(email));

/** Whether a person leads the group (reassigns its tasks). */
export const leads = (group: TaskGroup, email: string): boolean =>
  group.leads.some((m) => folded(m) === folded(email));

/**
 * Every problem of a policy's `groups`, each `groups.<name>… <problem>`; `show` renders a value for the
 * message (or nothing, when values must not be echoed).
 */
export function groupProblems(raw: unknown, show: (value: unknown) => string): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return [`groups must be an object of group name to { members, leads }${show(raw)}`];
  const problems: string[] = [];
  for (const [name, group] of Object.entries(raw)) {
    const at = `groups.${name}`;
    if (!namePattern.test(name)) problems.push(`${at} must be named in lowercase letters, digits and -`);
    if (group === null || typeof group !== 'object' || Array.isArray(group)) {
      problems.push(`${at} must be an object with members and leads${show(group)}`);
      continue;
    }
    const g = group as Record<string, unknown>;
    const unknown = Object.keys(g).filter((k) => k !== 'members' && k !== 'leads');
    if (unknown.length > 0) problems.push(`${at} has unknown keys ${unknown.join(', ')}`);
    for (const field of ['members', 'leads'] as const) {
      const list = g[field];
      if (!Array.isArray(list))
        problems.push(`${at}.${field} must be a list of email addresses${show(list)}`);
      else
        list.forEach((address, i) => {
          if (typeof address !== 'string' || !emailPattern.test(address))
            problems.push(`${at}.${field}.${i} must be an email address${show(address)}`);
        });
    }
    if (Array.isArray(g.members) && g.members.length === 0)
      problems.push(`${at}.members must list at least one person`);
  }
  return problems;
}
