/** How a person proved who they are (the human-step policy's `identity`). */
export type IdentityMethod = 'passkey' | 'oidc' | 'code' | 'link';

/** The person behind a request, once their session cookie checked out; every decision's audit names these. */
export interface SignedInPerson {
  /** Lower-cased mailbox: the id approvers, groups and delegations name. */
  readonly email: string;
  readonly method: IdentityMethod;
  /** The passkey's credential id, or the identity provider's subject; absent for `code` and `link`. */
  readonly credentialId?: string;
  readonly sessionId: string;
}

/** What the session needs from a request: its cookies, and where it came from (audited). */
export interface SessionRequest {
  readonly cookies: Readonly<Record<string, string>>;
  readonly client: { readonly ip: string; readonly userAgent: string };
}

/** The port every signed-in page (inbox, task, decision) reads the person through; fakes implement it in tests. */
export interface SessionReader {
  /** The person of a live session; undefined for no cookie, an expired session or a forged one. */
  readonly signedIn: (request: SessionRequest) => Promise<SignedInPerson | undefined>;
  /** Whether a state-changing request carries the session's CSRF token. */
  readonly csrfMatches: (person: SignedInPerson, token: string | undefined) => boolean;
  /** The session's CSRF token, for the forms of a page rendered to its person. */
  readonly csrfToken: (person: SignedInPerson) => string;
}
