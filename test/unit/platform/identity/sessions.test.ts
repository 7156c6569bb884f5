import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCookies, sessionCookieName } from '../../../../lambdas/platform/identity/cookies.ts';
import { createSessions, defaultSessionLifetime } from '../../../../lambdas/platform/identity/sessions.ts';
import { clock } from '../shared/support/fakes.ts';
import { MemoryIdentity } from './memory-identity.ts';

const client = { ip: '198.51.100.7', userAgent: 'test' };
const cookieOf = (setCookie: string) => parseCookies(setCookie.split(';')[0])[sessionCookieName] ?? '';

function setup() {
  const time = clock('2025-03-01T10:00:00.000Z');
  const store = new MemoryIdentity();
  const sessions = createSessions(store, time.now);
  return { time, store, sessions };
}

describe('sessions', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict cookie and stores only its hash', async () => {
    // Prepare
    const f = setup();

    // Act
    const opened = await f.sessions.open({ email: 'Ann@Example.com', method: 'code' });

    // Assess
    expect(opened.setCookie).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    expect(opened.setCookie).toContain(`Max-Age=${defaultSessionLifetime.maxSeconds}`);
    const cookie = cookieOf(opened.setCookie);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify([...f.store.sessions])).not.toContain(cookie);
    const person = await f.sessions.reader.signedIn({ cookies: { [sessionCookieName]: cookie }, client });
    expect(person).toMatchObject({
      email: 'ann@example.com',
      method: 'code',
      sessionId: opened.person.sessionId,
    });
  });

  it('checks the CSRF token of the session, and no other', async () => {
    // Prepare
    const f = setup();
    const ann = await f.sessions.open({ email: 'ann@example.com', method: 'code' });
    const bob = await f.sessions.open({ email: 'bob@example.com', method: 'code' });
    const person = await f.sessions.reader.signedIn({
      cookies: { [sessionCookieName]: cookieOf(ann.setCookie) },
      client,
    });
    if (!person) throw new Error('not signed in');

    // Act, Assess
    expect(f.sessions.reader.csrfMatches(person, ann.csrf)).toBe(true);
    expect(f.sessions.reader.csrfMatches(person, undefined)).toBe(false);
    expect(f.sessions.reader.csrfMatches(person, '')).toBe(false);
    expect(f.sessions.reader.csrfMatches(person, bob.csrf)).toBe(false);
  });

  it('refuses a session idle for longer than 15 minutes', async () => {
    // Prepare
    const f = setup();
    const opened = await f.sessions.open({ email: 'ann@example.com', method: 'code' });
    const request = { cookies: { [sessionCookieName]: cookieOf(opened.setCookie) }, client };

    // Act
    f.time.advance(defaultSessionLifetime.idleSeconds * 1000 + 1000);

    // Assess
    expect(await f.sessions.reader.signedIn(request)).toBeUndefined();
  });

  it('slides while used, but ends 8 hours after sign-in however active', async () => {
    // Prepare
    const f = setup();
    const opened = await f.sessions.open({ email: 'ann@example.com', method: 'code' });
    const request = { cookies: { [sessionCookieName]: cookieOf(opened.setCookie) }, client };
    let lastSeen = 0;

    // Act: a request every 10 minutes
    for (let minutes = 10; minutes <= 8 * 60 + 10; minutes += 10) {
      f.time.advance(10 * 60 * 1000);
      if (await f.sessions.reader.signedIn(request)) lastSeen = minutes;
    }

    // Assess
    expect(lastSeen).toBeGreaterThanOrEqual(8 * 60 - 10);
    expect(lastSeen).toBeLessThan(8 * 60);
  });

  it('refuses a forged, malformed or missing cookie', async () => {
    // Prepare
    const f = setup();
    await f.sessions.open({ email: 'ann@example.com', method: 'code' });

    // Act, Assess
    for (const value of [randomBytes(32).toString('base64url'), 'not-a-session', '', `${'A'.repeat(42)}=`])
      expect(
        await f.sessions.reader.signedIn({ cookies: { [sessionCookieName]: value }, client }),
      ).toBeUndefined();
    expect(await f.sessions.reader.signedIn({ cookies: {}, client })).toBeUndefined();
  });
});

describe('parseCookies', () => {
  it('reads each cookie once, the first of a repeated name, skipping malformed pairs', () => {
    expect(parseCookies('a=1; b=2; a=3; junk; =x')).toEqual({ a: '1', b: '2' });
    expect(parseCookies(undefined)).toEqual({});
  });
});
