import { describe, expect, it } from 'vitest';
import {
  decisionChallenge,
  passkeyOrigin,
  registrationChallenge,
  relyingPartyOf,
  verifyAssertion,
} from '../../../../lambdas/platform/identity/passkeys.ts';

const binding = {
  approvalId: 'task-1',
  choice: 'approve',
  summaryHash: 'e'.repeat(64),
  nonce: '1.confirm.mac',
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('decisionChallenge', () => {
  it('binds the task, the choice, what was shown and the page: changing any one changes it', () => {
    const base = hex(decisionChallenge(binding));
    expect(hex(decisionChallenge({ ...binding }))).toBe(base);
    for (const change of [
      { approvalId: 'task-2' },
      { choice: 'reject' },
      { summaryHash: 'f'.repeat(64) },
      { nonce: '2.confirm.mac' },
    ])
      expect(hex(decisionChallenge({ ...binding, ...change }))).not.toBe(base);
    expect(hex(registrationChallenge('csrf-a'))).not.toBe(hex(registrationChallenge('csrf-b')));
  });
});

describe('relyingPartyOf', () => {
  it('is the approval API’s own domain, over https on AWS and http on loopback', () => {
    expect(relyingPartyOf('abc123.execute-api.eu-west-1.amazonaws.com')).toEqual({
      id: 'abc123.execute-api.eu-west-1.amazonaws.com',
      origin: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
    });
    expect(relyingPartyOf('localhost:4321')).toEqual({ id: 'localhost', origin: 'http://localhost:4321' });
  });

  it('sends a page opened on 127.0.0.1 to localhost (an IP address is no RP ID), never a POST or another host', () => {
    expect(passkeyOrigin({ method: 'GET', domainName: '127.0.0.1:4321' })).toBe('http://localhost:4321');
    expect(passkeyOrigin({ method: 'POST', domainName: '127.0.0.1:4321' })).toBeUndefined();
    expect(passkeyOrigin({ method: 'GET', domainName: 'localhost:4321' })).toBeUndefined();
    expect(passkeyOrigin({ method: 'GET', domainName: 'approvals.example.com' })).toBeUndefined();
  });
});

describe('verifyAssertion', () => {
  const rp = relyingPartyOf('localhost:4321');
  const mine = [{ id: 'bWluZQ', publicKey: 'AAAA', counter: 0, transports: ['internal'], createdAt: '' }];

  it('refuses no assertion, and one by a credential that is not the signed-in person’s', async () => {
    const challenge = decisionChallenge(binding);
    expect(await verifyAssertion(rp, undefined, challenge, mine)).toEqual({
      ok: false,
      reason: 'no passkey assertion was sent',
    });
    const other = JSON.stringify({ id: 'b3RoZXI', rawId: 'b3RoZXI', type: 'public-key', response: {} });
    expect(await verifyAssertion(rp, other, challenge, mine)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not the signed-in person'),
    });
  });

  it('refuses a malformed assertion by a known credential, saying it did not verify', async () => {
    const forged = JSON.stringify({ id: 'bWluZQ', rawId: 'bWluZQ', type: 'public-key', response: {} });
    expect(await verifyAssertion(rp, forged, decisionChallenge(binding), mine)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('did not verify'),
    });
  });
});
