import { createHash } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { canonicalJson } from '../shared/canonical-json.ts';
import type { StoredPasskey } from './store.ts';

/** The relying party: its id (a host name) and the origin its pages are served from. */
export interface RelyingParty {
  readonly id: string;
  readonly origin: string;
}

/** What a decision's assertion signs (W3C WebAuthn Level 2, §13.4.3: the challenge binds the operation). */
export interface DecisionBinding {
  readonly approvalId: string;
  readonly choice: string;
  readonly summaryHash: string;
  /** The confirmation page's signed nonce: who it was rendered to, when, for which choice. */
  readonly nonce: string;
}

type Bytes = Uint8Array<ArrayBuffer>;
const sha256 = (text: string): Bytes => Uint8Array.from(createHash('sha256').update(text).digest());

/** The challenge of a decision: SHA-256 of the task, the choice, what was shown and the page's nonce. */
export const decisionChallenge = (binding: DecisionBinding): Bytes => sha256(canonicalJson(binding));

/** The challenge of a registration: bound to the session that proved the mailbox (its CSRF token is secret). */
export const registrationChallenge = (csrf: string): Bytes => sha256(`register|${csrf}`);

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const transportsOf = (p: StoredPasskey) => p.transports as AuthenticatorTransportFuture[];

export function registrationOptions(
  rp: RelyingParty,
  email: string,
  existing: readonly StoredPasskey[],
  challenge: Bytes,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: 'Tower',
    rpID: rp.id,
    userName: email,
    userID: sha256(`user|${email}`),
    challenge,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
}

/** The new passkey when the registration response verifies (user verified, this challenge, this origin). */
export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  challenge: Bytes,
  at: Date,
): Promise<StoredPasskey | undefined> {
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: b64url(challenge),
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  });
  const info = result.registrationInfo;
  if (!result.verified || !info) return undefined;
  return {
    id: info.credential.id,
    publicKey: b64url(info.credential.publicKey),
    counter: info.credential.counter,
    transports: info.credential.transports ?? response.response.transports ?? [],
    createdAt: at.toISOString(),
  };
}

export function assertionOptions(
  rp: RelyingParty,
  passkeys: readonly StoredPasskey[],
  challenge: Bytes,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge,
    userVerification: 'required',
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p) })),
  });
}

export type AssertionResult =
  | { readonly ok: true; readonly credentialId: string; readonly counter: number }
  | { readonly ok: false; readonly reason: string };

/** Verifies a decision's assertion against the signed-in person's own passkeys and the expected challenge. */
export async function verifyAssertion(
  rp: RelyingParty,
  raw: string | undefined,
  challenge: Bytes,
  passkeys: readonly StoredPasskey[],
): Promise<AssertionResult> {
  let response: AuthenticationResponseJSON;
  try {
    response = JSON.parse(raw ?? '') as AuthenticationResponseJSON;
  } catch {
    return { ok: false, reason: 'no passkey assertion was sent' };
  }
  const passkey = passkeys.find((p) => p.id === response?.id);
  if (!passkey)
    return { ok: false, reason: 'the assertion was made with a passkey that is not the signed-in person’s' };
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: b64url(challenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: transportsOf(passkey),
      },
    });
    if (!result.verified) return { ok: false, reason: 'the assertion did not verify' };
    return { ok: true, credentialId: passkey.id, counter: result.authenticationInfo.newCounter };
  } catch (error) {
    // The library throws for a challenge, origin or flag mismatch: each a refusal, named in the audit.
    return { ok: false, reason: `the assertion did not verify: ${(error as Error).message.slice(0, 200)}` };
  }
}

/** The relying party of a request to the approval API: its own domain (API Gateway's requestContext.domainName). */
export function relyingPartyOf(domainName: string): RelyingParty {
  const host = domainName.toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  const loopback = hostname === 'localhost' || hostname === '127.0.0.1';
  // Locally the pages are served over http on loopback; WebAuthn accepts http://localhost (a secure context).
  return { id: hostname, origin: `${loopback ? 'http' : 'https'}://${host}` };
}

/** The credential id an assertion names, for the audit of a refusal; 'none' when it is not one. */
export function presentedCredentialId(raw: string | undefined): string {
  try {
    const id = (JSON.parse(raw ?? '') as { id?: unknown }).id;
    return typeof id === 'string' ? id.slice(0, 200) : 'none';
  } catch {
    return 'none';
  }
}

/**
 * Where a passkey page must be opened instead: locally the links may name 127.0.0.1, which is no valid
 * WebAuthn RP ID (W3C WebAuthn Level 2, §5.1.3: a registrable domain), so the person is sent to the same
 * page on localhost. Undefined on any other domain (on AWS, always).
 */
export function passkeyOrigin(request: { readonly method: string; readonly domainName: string }) {
  const loopbackIp = /^127\.0\.0\.1(:\d+)?$/.exec(request.domainName);
  return loopbackIp && request.method !== 'POST' ? `http://localhost${loopbackIp[1] ?? ''}` : undefined;
}
