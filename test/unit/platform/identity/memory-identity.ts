import type {
  IdentityStore,
  StoredPasskey,
  StoredSession,
} from '../../../../lambdas/platform/identity/store.ts';

/** The identity store in memory: sessions by hash, passkeys by mailbox. */
export class MemoryIdentity implements IdentityStore {
  readonly sessions = new Map<string, StoredSession>();
  readonly keys = new Map<string, StoredPasskey[]>();

  async getSession(hash: string) {
    return this.sessions.get(hash);
  }
  async putSession(hash: string, session: StoredSession) {
    this.sessions.set(hash, session);
  }
  async touchSession(hash: string, lastSeenAt: number, expiresAt: number) {
    const session = this.sessions.get(hash);
    if (!session) return false;
    this.sessions.set(hash, { ...session, lastSeenAt, expiresAt });
    return true;
  }
  async passkeys(email: string) {
    return this.keys.get(email) ?? [];
  }
  async addPasskey(email: string, passkey: StoredPasskey) {
    this.keys.set(email, [...(this.keys.get(email) ?? []), passkey]);
  }
  async setCounter(email: string, credentialId: string, counter: number) {
    this.keys.set(
      email,
      (this.keys.get(email) ?? []).map((p) => (p.id === credentialId ? { ...p, counter } : p)),
    );
  }
}
