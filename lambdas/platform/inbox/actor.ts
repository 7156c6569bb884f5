import type { ApprovalPolicy } from '../human-step/policy.ts';
import type { SignedInPerson } from '../identity/signed-in.ts';
import type { AuditEvent, AuditTrail } from '../stores/audit.ts';
import type { InboxStore } from './store.ts';

/** A signed-in person acting from the inbox, and where the request came from (both audited). */
export interface Actor {
  readonly person: SignedInPerson;
  readonly client: { readonly ip: string; readonly userAgent: string };
}

/** What the inbox's actions work with. */
export interface InboxDeps {
  readonly inbox: InboxStore;
  readonly audit: AuditTrail;
  /** Every process's human-step policy, by policy id: groups, leads and claim lifetimes come from here. */
  readonly policies: Readonly<Record<string, ApprovalPolicy>>;
  readonly now: () => Date;
}

/** An action refused, with why (shown to the person, and audited where it concerns a task). */
export interface Refusal {
  readonly ok: false;
  /** HTTP status: 404 no such task, 409 taken or ended, 403 not allowed, 400 bad input. */
  readonly status: 400 | 403 | 404 | 409;
  readonly reason: string;
}

export const refuse = (status: Refusal['status'], reason: string): Refusal => ({ ok: false, status, reason });

/** The audit fields naming the person: who, how they proved it, from where. */
export function actorFields(actor: Actor): Pick<AuditEvent, 'actor'> & {
  readonly details: Readonly<Record<string, unknown>>;
} {
  return {
    actor: { kind: 'person', id: actor.person.email },
    details: {
      identityMethod: actor.person.method,
      ...(actor.person.credentialId ? { credentialId: actor.person.credentialId } : {}),
      clientIp: actor.client.ip,
      userAgent: actor.client.userAgent,
    },
  };
}
