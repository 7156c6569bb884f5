import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sessionCookie, sessionCookieName } from './cookies.ts';
import type { IdentityMethod, SessionReader, SignedInPerson } from './signed-in.ts';
import type { IdentityStore, StoredSession } from './store.ts';

/** How long a session lives: idle, and at most. */
export interface SessionLifetime {
  readonly idleSeconds: number;
  readonly maxSeconds: number;
}

export const defaultSessionLifetime: SessionLifetime = { idleSeconds: 15 * 60, maxSeconds: 8 * 3600 };

const cookiePattern = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** What a sign-in proved, to open a session with. */
export interface Proof {
  readonly email: string;
  readonly method: IdentityMethod;
  readonly credentialId?: string;
  readonly task?: string;
}

/** A new session: its Set-Cookie header value and the person it signs in. */
export interface OpenedSession {
  readonly setCookie: string;
  readonly person: SignedInPerson;
  readonly csrf: string;
}

/**
 * Sessions stored server-side (the identity table, KMS-encrypted, TTL): a stateless token could not be
 * ended early (sign-out, a lost passkey), a stored one is deleted. The cookie is 256 random bits.
 */
export function createSessions(store: IdentityStore, now: () => Date, lifetime = defaultSessionLifetime) {
  const seconds = () => Math.floor(now().getTime() / 1000);
  // The stored session behind each person object handed out: their CSRF token and task, without another read.
  const sessionOf = new WeakMap<SignedInPerson, StoredSession>();

  const open = async (proof: Proof): Promise<OpenedSession> => {
    const sessionId = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const at = seconds();
    const session: StoredSession = {
      email: proof.email.toLowerCase(),
      method: proof.method,
      ...(proof.credentialId ? { credentialId: proof.credentialId } : {}),
      ...(proof.task ? { task: proof.task } : {}),
      csrf,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: at + Math.min(lifetime.idleSeconds, lifetime.maxSeconds),
    };
    const hash = hashOf(sessionId);
    await store.putSession(hash, session);
    const person = personOf(hash, session);
    sessionOf.set(person, session);
    return { setCookie: sessionCookie(sessionId, lifetime.maxSeconds), person, csrf };
  };

  const reader: SessionReader = {
    signedIn: async (request) => {
      const cookie = request.cookies[sessionCookieName] ?? '';
      if (!cookiePattern.test(cookie)) return undefined;
      const hash = hashOf(cookie);
      const session = await store.getSession(hash);
      const at = seconds();
      if (!session || session.expiresAt <= at) return undefined;
      const expiresAt = Math.min(at + lifetime.idleSeconds, session.createdAt + lifetime.maxSeconds);
      if (!(await store.touchSession(hash, at, expiresAt))) return undefined;
      const person = personOf(hash, session);
      sessionOf.set(person, session);
      return person;
    },
    csrfMatches: (person, token) => {
      const expected = sessionOf.get(person)?.csrf;
      if (!expected || !token) return false;
      const a = Buffer.from(expected);
      const b = Buffer.from(token);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    csrfToken: (person) => sessionOf.get(person)?.csrf ?? '',
  };

  /** Under `code`, the task whose code opened the session. */
  const task = (person: SignedInPerson): string | undefined => sessionOf.get(person)?.task;
  return { open, reader, task };
}

export type Sessions = ReturnType<typeof createSessions>;

/** `sessionId` is the hash of the cookie, never the cookie: it may be logged and audited. */
function personOf(hash: string, s: StoredSession): SignedInPerson {
  return {
    email: s.email,
    method: s.method,
    ...(s.credentialId ? { credentialId: s.credentialId } : {}),
    sessionId: hash,
  };
}
