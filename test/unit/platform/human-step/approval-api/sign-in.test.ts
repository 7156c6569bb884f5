import { describe, expect, it } from 'vitest';
import type { DecideDeps } from '../../../../../lambdas/platform/human-step/approval-api/caller.ts';
import { servePage } from '../../../../../lambdas/platform/human-step/approval-api/decide.ts';
import type { PageRequest } from '../../../../../lambdas/platform/human-step/approval-api/request.ts';
import { parseCookies, sessionCookieName } from '../../../../../lambdas/platform/identity/cookies.ts';
import { createSessions } from '../../../../../lambdas/platform/identity/sessions.ts';
import { MemoryIdentity } from '../../identity/memory-identity.ts';
import { secrets } from '../../shared/support/builders.ts';
import { approvalApi, formValue, pageRequest } from './support.ts';

/** The approval API with sign-in by code: the link names the task; the person signs in to decide. */
function setup() {
  const f = approvalApi({ record: { identity: 'code', minDwellSeconds: 0 } });
  const identityStore = new MemoryIdentity();
  const deps: DecideDeps = {
    ...f.deps,
    identity: { sessions: createSessions(identityStore, f.deps.now), store: identityStore },
  };
  let cookie = '';
  const send = async (
    method: PageRequest['method'],
    form: Record<string, string> = {},
    secret = secrets.a1,
  ) => {
    const response = await servePage(deps, {
      ...pageRequest(method, f.approvalId, secret, form),
      cookies: cookie ? { [sessionCookieName]: cookie } : {},
    });
    const set = response.headers['Set-Cookie'];
    if (set) cookie = parseCookies(set.split(';')[0])[sessionCookieName] ?? '';
    return response;
  };
  const signIn = async (email: string) => {
    await send('POST', { step: 'sign-in', email });
    return send('POST', { step: 'code', email, code: f.lastCode() });
  };
  return { ...f, deps, send, signIn, cookie: () => cookie, setCookie: (c: string) => (cookie = c) };
}

describe('the approval page under identity "code"', () => {
  it('shows a sign-in form, not the decision, to whoever holds the link', async () => {
    // Prepare
    const f = setup();

    // Act
    const page = await f.send('GET');

    // Assess
    expect(page.body).toContain('Sign in to decide');
    expect(page.body).not.toContain('name="decision"');
  });

  it('decides nothing for a POST of the choice without a session, and audits it', async () => {
    // Prepare
    const f = setup();

    // Act
    const page = await f.send('POST', { step: 'confirm', decision: 'approve', confirm: 'yes' });

    // Assess
    expect(page.body).toContain('Sign in to decide');
    expect(f.record().approvers.a1?.vote).toBeUndefined();
    expect(f.audit.types()).toContain('SESSION_REFUSED');
  });

  it('emails a code only to an approver, answering alike for anyone else', async () => {
    // Prepare
    const f = setup();

    // Act
    const stranger = await f.send('POST', { step: 'sign-in', email: 'mallory@example.com' });
    const approver = await f.send('POST', { step: 'sign-in', email: 'ann@example.com' });

    // Assess
    expect(f.mail.sent.map((m) => m.to)).toEqual(['ann@example.com']);
    expect(stranger.body.replaceAll('mallory@example.com', 'X')).toBe(
      approver.body.replaceAll('ann@example.com', 'X'),
    );
  });

  it('signs the approver in with the code, then decides with the CSRF token, naming the method in the vote', async () => {
    // Prepare
    const f = setup();
    const choose = await f.signIn('ann@example.com');
    const csrf = formValue(choose.body, 'csrf') ?? '';

    // Act
    const confirm = await f.send('POST', {
      step: 'choose',
      nonce: formValue(choose.body, 'nonce') ?? '',
      decision: 'approve',
      csrf,
    });
    const decided = await f.send('POST', {
      step: 'confirm',
      nonce: formValue(confirm.body, 'nonce') ?? '',
      decision: 'approve',
      confirm: 'yes',
      csrf: formValue(confirm.body, 'csrf') ?? '',
    });

    // Assess
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decided.body).toContain('Approved');
    expect(f.record().approvers.a1?.vote?.decision).toBe('approve');
    const vote = f.audit.ofType('VOTE_RECORDED')[0];
    expect(vote?.details).toMatchObject({ identity: { method: 'code' } });
    expect(f.audit.types()).toContain('SIGNED_IN');
  });

  it('refuses a POST without the session’s CSRF token, and audits it', async () => {
    // Prepare
    const f = setup();
    const choose = await f.signIn('ann@example.com');

    // Act
    const page = await f.send('POST', {
      step: 'choose',
      nonce: formValue(choose.body, 'nonce') ?? '',
      decision: 'approve',
    });

    // Assess
    expect(page.statusCode).toBe(403);
    expect(f.audit.types()).toContain('CSRF_REFUSED');
  });

  it('takes the person from the session, not the link: Bob signed in on Ann’s link decides as Bob', async () => {
    // Prepare
    const f = setup();

    // Act
    const choose = await f.signIn('bob@example.com');

    // Assess
    expect(choose.body).toContain('name="decision"');
    expect(formValue(choose.body, 'nonce')).toBeDefined();
    const refusedCode = await f.send('POST', { step: 'code', email: 'mallory@example.com', code: '000000' });
    expect(refusedCode.body).toContain('That code is not right');
  });

  it('refuses a forged session cookie', async () => {
    // Prepare
    const f = setup();
    await f.signIn('ann@example.com');
    f.setCookie(`${f.cookie().slice(0, 42)}${f.cookie().endsWith('A') ? 'B' : 'A'}`);

    // Act
    const page = await f.send('GET');

    // Assess
    expect(page.body).toContain('Sign in to decide');
  });
});
