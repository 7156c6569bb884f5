import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  assertionOptions,
  decisionChallenge,
  passkeyOrigin,
  presentedCredentialId,
  registrationChallenge,
  registrationOptions,
  relyingPartyOf,
  verifyAssertion,
  verifyRegistration,
} from '../../identity/passkeys.ts';
import type { IdentityMethod } from '../../identity/signed-in.ts';
import type { ApprovalRecord } from '../record.ts';
import type { HumanStepChoice } from '../request.ts';
import { hashSecret, newLinkSecret } from '../secrets.ts';
import { auditBase, type Caller, type DecideDeps } from './caller.ts';
import type { PageResponse } from './layout.ts';
import { type FormExtras, pages } from './pages.ts';
import type { PageRequest } from './request.ts';
import {
  codePage,
  identityPages,
  lostPasskeyForm,
  passkeyExtras,
  redirect,
  registerPage,
  signInPage,
} from './sign-in-pages.ts';
import { checkCode, sendCode } from './step-up.ts';
import type { VoteIdentity } from './vote-identity.ts';

/** A task's identity method; tasks created before the field existed were decided by the link alone. */
export const identityOf = (record: ApprovalRecord): IdentityMethod => record.identity ?? 'link';

/** Past the gate: who decides (the signed-in approver), the request as the decision logic sees it, a new cookie. */
export type Gate =
  | { readonly caller: Caller; readonly request: PageRequest; readonly setCookie?: string }
  | { readonly page: PageResponse; readonly setCookie?: string };

const hiddenCsrf = (csrf: string) => `<input type="hidden" name="csrf" value="${csrf}">`;

function identityDeps(deps: DecideDeps) {
  if (!deps.identity)
    throw new Error('approval API: sign-in is required but no identity store is configured');
  return deps.identity;
}

/** The approver entry of a mailbox on this task. */
function approverOf(record: ApprovalRecord, email: string): [string, string] | undefined {
  const folded = email.trim().toLowerCase();
  const found = Object.entries(record.approvers).find(([, a]) => a.email.toLowerCase() === folded);
  return found ? [found[0], found[1].email] : undefined;
}

/**
 * The identity gate of the approval page. The link's secret found the task (`linkCaller.record`); under
 * `passkey` and `code` the person is whoever signed in, and only an approver of this task gets past.
 */
export async function signInGate(deps: DecideDeps, linkCaller: Caller, request: PageRequest): Promise<Gate> {
  const { record } = linkCaller;
  const method = identityOf(record);
  if (method === 'link') return { caller: linkCaller, request };
  if (method === 'oidc') throw new Error('approval API: the oidc identity method is not yet available');
  const identity = identityDeps(deps);
  const moved = method === 'passkey' ? passkeyOrigin(request) : undefined;
  if (moved) return { page: redirect(`${moved}/a/${request.approvalId}/${request.secret}`) };
  const step = request.method === 'POST' ? request.form.step : undefined;
  const title = record.request.title;
  if (step === 'sign-in') {
    const email = (request.form.email ?? '').trim().slice(0, 254);
    const approver = approverOf(record, email);
    if (approver) await sendCode(deps, { record, approverId: approver[0], email: approver[1] }, request);
    return { page: codePage(title, email, '') };
  }
  if (step === 'code') return signInWithCode(deps, record, request, method);
  const person = await identity.sessions.reader.signedIn(request);
  if (!person || (method === 'code' && identity.sessions.task(person) !== record.approvalId)) {
    if (request.method === 'POST')
      await refuse(deps, linkCaller, request, 'SESSION_REFUSED', 'no live session');
    return { page: signInPage(title) };
  }
  const approver = approverOf(record, person.email);
  const caller: Caller = approver
    ? { record, approverId: approver[0], email: approver[1], person }
    : { ...linkCaller, email: person.email, person };
  if (!approver) {
    await refuse(
      deps,
      caller,
      request,
      'NOT_AN_APPROVER',
      'the signed-in person is not an approver of this task',
    );
    return { page: identityPages.notApprover(title, person.email) };
  }
  if (request.method !== 'POST') return passkeyPending(deps, caller, request, method);
  if (!identity.sessions.reader.csrfMatches(person, request.form.csrf)) {
    await refuse(
      deps,
      caller,
      request,
      'CSRF_REFUSED',
      'the form carried no or another session’s CSRF token',
    );
    return { page: identityPages.csrf() };
  }
  if (step === 'register') return register(deps, caller, request);
  if (step === 'lost-passkey') {
    await sendCode(deps, caller, request);
    return { page: codePage(title, caller.email, 'register') };
  }
  return passkeyPending(deps, caller, request, method);
}

/** Under `passkey`, a person with no passkey yet creates one before anything else. */
async function passkeyPending(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  method: IdentityMethod,
): Promise<Gate> {
  if (method !== 'passkey' || (await identityDeps(deps).store.passkeys(caller.email)).length > 0)
    return { caller, request };
  return { page: await registration(deps, caller, request) };
}

/** The code form: a right code opens a session for that approver (under `code`, for this task only). */
async function signInWithCode(
  deps: DecideDeps,
  record: ApprovalRecord,
  request: PageRequest,
  method: IdentityMethod,
): Promise<Gate> {
  const email = (request.form.email ?? '').trim().slice(0, 254);
  const approver = approverOf(record, email);
  const title = record.request.title;
  if (!approver) return { page: codePage(title, email, '', 'That code is not right.') };
  const caller: Caller = { record, approverId: approver[0], email: approver[1] };
  const problem = await checkCode(deps, caller, request);
  if (problem === 'locked') return { page: pages.locked(title) };
  if (problem) return { page: codePage(title, email, request.form.then ?? '', problem) };
  // One-time: the code is spent (replaced by an unguessable, already expired one).
  await deps.approvals.setOneTimeCode(record.approvalId, approver[0], {
    codeHash: hashSecret(newLinkSecret()),
    expiresAt: 0,
    attempts: 0,
  });
  const opened = await identityDeps(deps).sessions.open({
    email: approver[1],
    method: 'code',
    ...(method === 'code' ? { task: record.approvalId } : {}),
  });
  const signedIn: Caller = { ...caller, person: opened.person };
  await deps.audit.append({ ...auditBase(signedIn, request), type: 'SIGNED_IN' });
  const asGet: PageRequest = { ...request, method: 'GET', form: {} };
  if (method === 'passkey' && request.form.then === 'register')
    return { page: await registration(deps, signedIn, request), setCookie: opened.setCookie };
  const gate = await passkeyPending(deps, signedIn, asGet, method);
  return { ...gate, setCookie: opened.setCookie };
}

async function registration(deps: DecideDeps, caller: Caller, request: PageRequest, note?: string) {
  const { sessions, store } = identityDeps(deps);
  const person = caller.person;
  if (!person) throw new Error('registration needs a signed-in person');
  const csrf = sessions.reader.csrfToken(person);
  const options = await registrationOptions(
    relyingPartyOf(request.domainName),
    caller.email,
    await store.passkeys(caller.email),
    registrationChallenge(csrf),
  );
  return registerPage(
    caller.record.request.title,
    passkeyExtras('register', options, hiddenCsrf(csrf)),
    note,
  );
}

/** A registration response: a verified passkey is stored under the person's mailbox, audited. */
async function register(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<Gate> {
  const { sessions, store } = identityDeps(deps);
  const person = caller.person;
  // Only a session that proved the mailbox by code in it registers: a passkey session cannot add a key.
  if (person?.method !== 'code') return { page: identityPages.csrf() };
  let response: RegistrationResponseJSON;
  try {
    response = JSON.parse(request.form.webauthn ?? '') as RegistrationResponseJSON;
  } catch {
    return { page: await registration(deps, caller, request, 'No passkey was created. Try again.') };
  }
  const rp = relyingPartyOf(request.domainName);
  const existing = await store.passkeys(caller.email);
  const passkey = await verifyRegistration(
    rp,
    response,
    registrationChallenge(sessions.reader.csrfToken(person)),
    deps.now(),
  ).catch(() => undefined);
  if (!passkey) {
    await refuse(deps, caller, request, 'PASSKEY_REFUSED', 'the registration response did not verify');
    return {
      page: await registration(deps, caller, request, 'That passkey could not be verified. Try again.'),
    };
  }
  await store.addPasskey(caller.email, passkey);
  const base = auditBase(caller, request);
  await deps.audit.append({
    ...base,
    type: 'PASSKEY_REGISTERED',
    details: {
      ...base.details,
      credentialId: passkey.id,
      replacesLost: existing.length > 0,
      earlier: existing.length,
    },
  });
  return { caller, request: { ...request, method: 'GET', form: {} } };
}

async function refuse(deps: DecideDeps, caller: Caller, request: PageRequest, type: string, why: string) {
  await deps.audit.append({ ...auditBase(caller, request), type, decision: 'refused', rationale: [why] });
}

/** What the identity method adds to the decision pages: the CSRF token, and under `passkey` the assertion. */
export async function formExtras(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  confirming?: { readonly choice: HumanStepChoice; readonly nonce: string },
): Promise<FormExtras | undefined> {
  const person = caller.person;
  if (!person || !deps.identity) return undefined;
  const csrf = deps.identity.sessions.reader.csrfToken(person);
  const fields = hiddenCsrf(csrf);
  if (identityOf(caller.record) !== 'passkey' || !confirming) return { fields };
  const challenge = decisionChallenge({
    approvalId: caller.record.approvalId,
    choice: confirming.choice.id,
    summaryHash: caller.record.summaryHash,
    nonce: confirming.nonce,
  });
  const passkeys = await deps.identity.store.passkeys(caller.email);
  const options = await assertionOptions(relyingPartyOf(request.domainName), passkeys, challenge);
  const extras = passkeyExtras('assert', options, fields);
  return { ...extras, after: `${extras.after ?? ''}${lostPasskeyForm(csrf)}` };
}

/** The proof a decision needs beyond the session: under `passkey`, an assertion over this task, choice and page. */
export async function proveDecision(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  choice: HumanStepChoice,
): Promise<{ readonly identity: VoteIdentity } | { readonly refused: string }> {
  const method = identityOf(caller.record);
  const person = caller.person;
  if (method === 'link' || !person) return { identity: { method: 'link' } };
  if (method !== 'passkey') return { identity: { method, sessionId: person.sessionId } };
  const { store } = identityDeps(deps);
  const passkeys = await store.passkeys(caller.email);
  const challenge = decisionChallenge({
    approvalId: caller.record.approvalId,
    choice: choice.id,
    summaryHash: caller.record.summaryHash,
    nonce: request.form.nonce ?? '',
  });
  const result = await verifyAssertion(
    relyingPartyOf(request.domainName),
    request.form.webauthn,
    challenge,
    passkeys,
  );
  if (!result.ok) {
    const base = auditBase(caller, request);
    await deps.audit.append({
      ...base,
      type: 'PASSKEY_REFUSED',
      decision: 'refused',
      rationale: [result.reason],
      details: { ...base.details, presentedCredentialId: presentedCredentialId(request.form.webauthn) },
    });
    return {
      refused: 'Your passkey did not confirm this decision, so nothing was decided. Please confirm again.',
    };
  }
  await store.setCounter(caller.email, result.credentialId, result.counter);
  return { identity: { method: 'passkey', credentialId: result.credentialId, sessionId: person.sessionId } };
}
