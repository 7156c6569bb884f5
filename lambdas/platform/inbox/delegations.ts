import { type Actor, actorFields, type InboxDeps, type Refusal, refuse } from './actor.ts';
import { folded } from './groups.ts';
import type { Delegation } from './task.ts';

/** The audit trail delegations are recorded in (they concern people, not one document). */
export const delegationTrail = 'inbox/delegations';
/** A delegation covers an absence, not a standing arrangement. */
const maxDelegationDays = 90;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface DelegationInput {
  readonly to: string;
  /** ISO time or date; @default now */
  readonly startsAt?: string;
  /** ISO time or date (a date means its start, UTC). */
  readonly until: string;
}

/** An ISO time from a date or time text; undefined when it is neither. */
function isoTime(text: string | undefined): string | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Lets another person act on the giver's tasks for a period; audited with both names. */
export async function delegate(
  deps: InboxDeps,
  actor: Actor,
  input: DelegationInput,
): Promise<{ readonly ok: true; readonly delegation: Delegation } | Refusal> {
  const now = deps.now();
  const to = folded(input.to ?? '');
  const from = folded(actor.person.email);
  if (!emailPattern.test(to)) return refuse(400, 'to must be an email address');
  if (to === from) return refuse(400, 'a person cannot delegate to themselves');
  const startsAt = input.startsAt ? isoTime(input.startsAt) : now.toISOString();
  const until = isoTime(input.until);
  if (!startsAt || !until) return refuse(400, 'startsAt and until must be dates (YYYY-MM-DD) or ISO times');
  if (until <= startsAt || until <= now.toISOString())
    return refuse(400, 'until must be after the start and in the future');
  if (Date.parse(until) - Date.parse(startsAt) > maxDelegationDays * 24 * 3600 * 1000)
    return refuse(400, `a delegation lasts at most ${maxDelegationDays} days`);
  const delegation: Delegation = { from, to, startsAt, until, createdAt: now.toISOString() };
  await deps.inbox.putDelegation(delegation);
  const who = actorFields(actor);
  await deps.audit.append({
    documentId: delegationTrail,
    step: 'inbox',
    type: 'DELEGATION_GRANTED',
    actor: who.actor,
    rationale: [`${from} lets ${to} act on their tasks from ${startsAt} until ${until}`],
    versions: {},
    details: { from, to, startsAt, until, ...who.details },
  });
  return { ok: true, delegation };
}
