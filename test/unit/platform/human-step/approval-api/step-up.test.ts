import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../../lambdas/platform/human-step/approval-api/caller.ts';
import { codeEmail } from '../../../../../lambdas/platform/human-step/approval-api/code-email.ts';
import {
  checkCode,
  codeLifetimeSeconds,
  maxCodeAttempts,
  sendCode,
} from '../../../../../lambdas/platform/human-step/approval-api/step-up.ts';
import { hashSecret } from '../../../../../lambdas/platform/human-step/secrets.ts';
import { humanRequest } from '../../shared/support/builders.ts';
import { approvalApi, pageRequest } from './support.ts';

function setup() {
  const f = approvalApi({ record: { stepUp: true } });
  const caller: Caller = { record: f.record(), approverId: 'a1', email: 'ann@example.com' };
  const request = (code?: string) =>
    pageRequest('POST', f.approvalId, 'secret', code === undefined ? {} : { code });
  return { ...f, caller, request };
}

describe('sendCode', () => {
  it('stores only the hash of a fresh code, valid 10 minutes, and emails the code alone', async () => {
    // Prepare
    const f = setup();

    // Act
    await sendCode(f.deps, f.caller, f.request());

    // Assess
    const code = f.lastCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(f.record().approvers.a1?.oneTimeCode).toEqual({
      codeHash: hashSecret(code),
      expiresAt: Date.parse('2025-03-01T10:00:00.000Z') / 1000 + codeLifetimeSeconds,
      attempts: 0,
    });
    expect(f.mail.sent.map((e) => e.to)).toEqual(['ann@example.com']);
    expect(f.audit.types()).toEqual(['STEP_UP_CODE_SENT']);
    expect(JSON.stringify(f.audit.records)).not.toContain(code);
  });
});

describe('checkCode', () => {
  it('asks for a code when none was sent', async () => {
    const f = setup();
    expect(await checkCode(f.deps, f.caller, f.request('123456'))).toBe(
      'Enter the one-time code from your email.',
    );
  });

  it('accepts the right code, spaces around it ignored', async () => {
    // Prepare
    const f = setup();
    await sendCode(f.deps, f.caller, f.request());

    // Act
    const problem = await checkCode(f.deps, f.caller, f.request(` ${f.lastCode()} `));

    // Assess
    expect(problem).toBeUndefined();
  });

  it(`counts down ${maxCodeAttempts} attempts, then locks even the right code out`, async () => {
    // Prepare
    const f = setup();
    await sendCode(f.deps, f.caller, f.request());
    const code = f.lastCode();
    const wrong = code === '000000' ? '111111' : '000000';

    // Act
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < maxCodeAttempts; i++)
      answers.push(await checkCode(f.deps, f.caller, f.request(wrong)));
    const right = await checkCode(f.deps, f.caller, f.request(code));

    // Assess
    expect(answers).toEqual([
      'That code is not right. 4 attempts left.',
      'That code is not right. 3 attempts left.',
      'That code is not right. 2 attempts left.',
      'That code is not right. 1 attempt left.',
      'locked',
    ]);
    expect(right).toBe('locked');
    expect(f.audit.ofType('STEP_UP_LOCKED')).toHaveLength(1);
  });

  it('accepts the right code on the last attempt', async () => {
    // Prepare
    const f = setup();
    await sendCode(f.deps, f.caller, f.request());
    const code = f.lastCode();
    for (let i = 0; i < maxCodeAttempts - 1; i++)
      await checkCode(f.deps, f.caller, f.request(code === '000000' ? '1' : '0'));

    // Act
    const problem = await checkCode(f.deps, f.caller, f.request(code));

    // Assess
    expect(problem).toBeUndefined();
  });

  it('sends a new code when the code expired, and the new one works', async () => {
    // Prepare
    const f = setup();
    await sendCode(f.deps, f.caller, f.request());
    const old = f.lastCode();
    f.time.advance((codeLifetimeSeconds + 1) * 1000);

    // Act
    const expired = await checkCode(f.deps, f.caller, f.request(old));
    const fresh = await checkCode(f.deps, f.caller, f.request(f.lastCode()));

    // Assess
    expect(expired).toBe('That code had expired; a new one is on its way.');
    expect(f.mail.sent).toHaveLength(2);
    expect(fresh).toBeUndefined();
  });
});

describe('codeEmail', () => {
  it('carries the code and no link', () => {
    // Act
    const email = codeEmail('ann@example.com', humanRequest({ title: 'Invoice from <b>Acme</b>' }), '042917');

    // Assess
    expect(email.subject).toBe('Your approval code: 042917');
    expect(email.text).toContain('042917');
    expect(email.html).toContain('<b>042917</b>');
    expect(`${email.text}${email.html}`).not.toMatch(/https?:|href=/);
    expect(email.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
  });
});
