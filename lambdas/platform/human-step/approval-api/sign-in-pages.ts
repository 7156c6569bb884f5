import { createHash } from 'node:crypto';
import { passkeyScript } from '../../identity/browser/passkey-script.ts';
import { escapeHtml as attr, htmlText as text } from '../../shared/html.ts';
import { type PageResponse, page } from './layout.ts';
import type { FormExtras } from './pages.ts';

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${attr(name)}" value="${attr(value)}">`;
const message = (note?: string) => (note ? `<p class="msg" role="alert">${text(note)}</p>` : '');
const item = (title: string) => `<p class="item">${text(title)}</p>`;

/** The first page under `passkey` or `code`: the link names the task; the person proves their mailbox. */
export function signInPage(title: string, note?: string): PageResponse {
  return page(
    200,
    'Sign in to decide',
    `${message(note)}<section class="card">${item(title)}<p>This link shows which task it is, not who you are. Enter your email address: if you may decide on it, we email you a one-time code.</p></section>
<form method="post" class="card">${hidden('step', 'sign-in')}
<label for="email">Your email address</label><input id="email" name="email" type="email" autocomplete="email" maxlength="254" required>
<div class="actions"><button class="neutral" type="submit">Email me a code</button></div></form>`,
  );
}

/** The code page: the same answer whether or not the address may decide (no one learns who the approvers are). */
export function codePage(title: string, email: string, then: string, note?: string): PageResponse {
  return page(
    200,
    'Enter your code',
    `${message(note)}<section class="card">${item(title)}<p>If ${text(email)} may decide on this, a one-time code is on its way to it. It is valid for 10 minutes.</p></section>
<form method="post" class="card">${hidden('step', 'code')}${hidden('email', email)}${hidden('then', then)}
<label for="code">One-time code</label><input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
<div class="actions"><button class="neutral" type="submit">Sign in</button></div></form>`,
  );
}

/** The passkey script's CSP hash: the only script the pages run. */
export const passkeyScriptHash = createHash('sha256').update(passkeyScript).digest('base64');

/** The JSON data block the script reads (not executed, so outside `script-src`), with `<` escaped. */
const optionsBlock = (mode: 'register' | 'assert', options: unknown) =>
  `<script type="application/json" id="passkey-options">${JSON.stringify({ mode, options }).replace(/</g, '\\u003c')}</script><p id="passkey-status" class="note" role="status"></p><script>${passkeyScript}</script>`;

/** What a passkey ceremony adds to a form: the result's field, the marker, the options and the script. */
export function passkeyExtras(mode: 'register' | 'assert', options: unknown, fields: string): FormExtras {
  return {
    fields: `${fields}${hidden('webauthn', '')}`,
    attributes: ' data-passkey',
    after: optionsBlock(mode, options),
    scriptHash: passkeyScriptHash,
  };
}

/** Registration, after the mailbox was proved by a code: the person creates a passkey for this service. */
export function registerPage(title: string, extras: FormExtras, note?: string): PageResponse {
  return page(
    200,
    'Create your passkey',
    `${message(note)}<section class="card">${item(title)}<p>Decisions here are confirmed with a passkey (your device's fingerprint, face or PIN). Create one now; you will use it for each decision.</p></section>
<form method="post" class="card"${extras.attributes ?? ''}>${hidden('step', 'register')}${extras.fields}
<div class="actions"><button class="neutral" type="submit">Create a passkey</button></div></form>${extras.after ?? ''}`,
    undefined,
    extras.scriptHash,
  );
}

/** A lost passkey: a form that starts a new mailbox proof for a re-registration. */
export const lostPasskeyForm = (csrf: string) =>
  `<form method="post" class="card">${hidden('step', 'lost-passkey')}${hidden('csrf', csrf)}<p class="note">Lost your passkey? Prove your mailbox again with a code and create a new one.</p><div class="actions"><button class="neutral" type="submit">Register a new passkey</button></div></form>`;

/** A redirect to the same page elsewhere (a GET): no body to speak of, no caching. */
export function redirect(location: string): PageResponse {
  const moved = page(303, 'Moved', '<section class="card"><p>This page moved.</p></section>');
  return { ...moved, headers: { ...moved.headers, Location: location } };
}

export const identityPages = {
  notApprover: (title: string, email: string) =>
    page(
      403,
      'Not yours to decide',
      `<section class="card">${item(title)}<p>You are signed in as ${text(email)}, who is not asked to decide on this. Nothing was decided.</p></section>`,
    ),
  csrf: () =>
    page(
      403,
      'Refused',
      '<section class="card"><p>This form did not come from your signed-in page, so nothing was decided. Open the link from your email again.</p></section>',
    ),
};
