import { capability } from '../capability/manifest.ts';
import { tables } from '../registry/tables.ts';

/**
 * Who a person is: sign-in sessions (HttpOnly, Secure, SameSite=Strict cookie, CSRF token) and passkeys
 * (WebAuthn), in the KMS-encrypted identity table; the approval page and the inbox read the person through
 * the SessionReader port (signed-in.ts).
 */
export const identity = capability({
  name: 'identity',
  summary: 'People sign in (mailbox code, passkey); sessions and passkeys in an encrypted table with TTL',
  tables: [tables.identity],
});
