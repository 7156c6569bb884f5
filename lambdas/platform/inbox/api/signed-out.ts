import type { InboxSessions } from './handler.ts';

/**
 * Nobody is signed in: the inbox refuses every request (401) until the identity capability's session
 * reader is wired in its place. Fails closed, never open.
 */
export const signedOut: InboxSessions = {
  signedIn: async () => undefined,
  csrfMatches: () => false,
  csrfToken: () => '',
};
