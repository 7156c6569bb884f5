import type { IdentityMethod } from '../../identity/signed-in.ts';
import type { AuditEvent } from '../../stores/audit.ts';

/** How a vote's person was proved, for its audit event. */
export interface VoteIdentity {
  readonly method: IdentityMethod;
  readonly credentialId?: string;
  readonly sessionId?: string;
}

/** The vote's audit event, naming how the person was proved (method, credential id, session). */
export const withIdentity = (event: AuditEvent, identity: VoteIdentity): AuditEvent => ({
  ...event,
  details: { ...event.details, identity },
});
