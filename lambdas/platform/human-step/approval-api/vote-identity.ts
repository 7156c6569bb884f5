import type { IdentityMethod } from '../../identity/signed-in.ts';

/** How a vote's person was proved, for its audit event. */
export interface VoteIdentity {
  readonly method: IdentityMethod;
  readonly credentialId?: string;
  readonly sessionId?: string;
}
