/**
 * Passkeys on the approval page, in Chromium with a virtual authenticator.
 * - WebAuthn: W3C Web Authentication Level 2, §7.1 "Registering a new credential" and §7.2 "Verifying an
 *   authentication assertion" (https://www.w3.org/TR/webauthn-2/#sctn-verifying-assertion): the relying
 *   party checks the challenge it issued, the origin, the RP ID hash, the UV flag when verification is
 *   required, and that the credential is one it registered for the user.
 * - The virtual authenticator: Chrome DevTools Protocol, WebAuthn domain
 *   (https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/): `WebAuthn.enable`,
 *   `WebAuthn.addVirtualAuthenticator` with `protocol: 'ctap2'`, `transport: 'internal'`,
 *   `hasUserVerification` and `isUserVerified`, `WebAuthn.getCredentials`, `WebAuthn.addCredential`.
 * The crawlers under passkeys are in identity-crawler.test.ts, beside those under code and link.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../integration/support/runtime.ts';
import { invoiceAwaitingApproval } from './support/awaiting-approval.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;
interface Authenticated {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly send: (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;
  readonly authenticatorId: string;
}

describe.runIf(browserInstalled())('passkeys on the approval page', () => {
  let t: Started;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestRuntime({
      context: {
        processes: {
          invoice: {
            approval: {
              approvers: ['alice@example.com', 'bob@example.com'],
              minDwellSeconds: 1,
              identity: 'passkey',
            },
            rules: { newVendorRequiresApproval: false },
          },
        },
      },
    });
    chromium = await launchChromium();
    browser = chromium.browser;
  });
  afterAll(async () => {
    await chromium?.close();
    await t?.runtime.stop();
  });

  let n = 0;
  /** An invoice awaiting approval, and its link for `to`, on localhost (an IP address is no WebAuthn RP ID). */
  const awaitingApproval = async (to = 'alice@example.com') => {
    n += 1;
    const { id, sent: links } = await invoiceAwaitingApproval(t.tools, `PK-${n}`, 2);
    const link = links.find((l) => l.to === to)?.link ?? '';
    return { id, link: link.replace('//127.0.0.1:', '//localhost:') };
  };

  const latestCode = async (to: string) => {
    const mail = await t.runtime.mailbox();
    const last = mail.filter((m) => m.to.includes(to) && m.subject.startsWith('Your approval code')).at(-1);
    return /\b(\d{6})\b/.exec(last?.subject ?? '')?.[1] ?? '';
  };

  /** A browser context with its own virtual platform authenticator that verifies the user. */
  const withAuthenticator = async (): Promise<Authenticated> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const send = (method: string, params?: Record<string, unknown>) =>
      cdp.send(method as 'WebAuthn.enable', params as never) as Promise<Record<string, unknown>>;
    await send('WebAuthn.enable');
    const added = await send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return { context, page, send, authenticatorId: String(added.authenticatorId) };
  };

  /** Signs in on a link by mailbox code; the first time, the person then creates a passkey. */
  const signIn = async (page: Page, link: string, email: string) => {
    await page.goto(link);
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('One-time code').fill(await latestCode(email));
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  const approveWithPasskey = async (page: Page, tamper?: () => Promise<void>) => {
    await page.getByRole('button', { name: 'Approve…' }).click();
    await page.waitForTimeout(1100);
    await tamper?.();
    await page.getByRole('button', { name: 'Confirm: Approve' }).click();
    await page.waitForLoadState('load');
    return page.locator('h1').innerText();
  };

  const optionsOn = async (page: Page) =>
    JSON.parse((await page.locator('#passkey-options').textContent()) ?? '{}').options as Record<
      string,
      unknown
    >;
  /** Rewrites the options the server put in the page, before the script hands them to the authenticator. */
  const rewriteOptions = (page: Page, change: Record<string, unknown>) =>
    page.locator('#passkey-options').evaluate((block, values) => {
      const data = JSON.parse(block.textContent ?? '{}');
      Object.assign(data.options, values);
      block.textContent = JSON.stringify(data);
    }, change);

  let alice: Authenticated;

  it('registers a passkey after a mailbox code, then decides with a user-verified assertion; the audit names the credential', async () => {
    // Prepare
    const { id, link } = await awaitingApproval();
    alice = await withAuthenticator();
    const cspViolations: string[] = [];
    alice.page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });

    // Act
    await signIn(alice.page, link, 'alice@example.com');
    await expect(alice.page.locator('h1').innerText()).resolves.toBe('Create your passkey');
    await alice.page.getByRole('button', { name: 'Create a passkey' }).click();
    await alice.page.getByRole('button', { name: 'Approve…' }).waitFor();
    const cookies = await alice.context.cookies();
    const outcome = await approveWithPasskey(alice.page);

    // Assess: Chromium kept the Secure cookie on http://localhost (a potentially trustworthy origin).
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'tower_session', secure: true, httpOnly: true, sameSite: 'Strict' }),
    ]);
    expect(outcome).toBe('Approved');
    expect(cspViolations).toEqual([]);
    const credentials = (
      await alice.send('WebAuthn.getCredentials', { authenticatorId: alice.authenticatorId })
    ).credentials as { credentialId: string }[];
    expect(credentials).toHaveLength(1);
    const credentialId = Buffer.from(credentials[0]?.credentialId ?? '', 'base64').toString('base64url');
    const audit = await t.tools.audit(id);
    expect(audit.map((e) => e.type)).toEqual(expect.arrayContaining(['SIGNED_IN', 'PASSKEY_REGISTERED']));
    const vote = audit.find((e) => e.type === 'VOTE_RECORDED');
    expect(vote?.actor).toEqual({ kind: 'person', id: 'alice@example.com' });
    expect(vote?.details).toMatchObject({
      identity: { method: 'passkey', credentialId },
      clientIp: expect.any(String),
      userAgent: expect.stringContaining('Chrome'),
    });
    expect((await t.tools.waitForStatus(id, ['COMPLETED', 'REJECTED', 'FAILED'])).status).toBe('COMPLETED');
  });

  it('refuses and audits an assertion made for another task, and one made with another person’s passkey', async () => {
    // Prepare: two tasks for Alice (signed in already), and Bob's passkey on his own authenticator.
    const first = await awaitingApproval();
    const second = await awaitingApproval();
    const bob = await withAuthenticator();
    await signIn(bob.page, (await awaitingApproval('bob@example.com')).link, 'bob@example.com');
    await bob.page.getByRole('button', { name: 'Create a passkey' }).click();
    await bob.page.getByRole('button', { name: 'Approve…' }).waitFor();
    const [bobKey] = (await bob.send('WebAuthn.getCredentials', { authenticatorId: bob.authenticatorId }))
      .credentials as Record<string, unknown>[];

    // Act 1: on the second task, Alice's authenticator signs the first task's challenge.
    await alice.page.goto(first.link);
    await alice.page.getByRole('button', { name: 'Approve…' }).click();
    const firstOptions = await optionsOn(alice.page);
    await alice.page.goto(second.link);
    const swapped = await approveWithPasskey(alice.page, () =>
      rewriteOptions(alice.page, { challenge: firstOptions.challenge }),
    );
    // Act 2: on the second task, the assertion is made with Bob's passkey (copied into Alice's authenticator).
    await alice.send('WebAuthn.addCredential', {
      authenticatorId: alice.authenticatorId,
      credential: bobKey,
    });
    await alice.page.goto(second.link);
    const bobId = Buffer.from(String(bobKey?.credentialId), 'base64').toString('base64url');
    const borrowed = await approveWithPasskey(alice.page, () =>
      rewriteOptions(alice.page, {
        allowCredentials: [{ id: bobId, type: 'public-key', transports: ['internal'] }],
      }),
    );

    // Assess
    expect(swapped).toMatch(/^Confirm: approve\?$/);
    expect(borrowed).toMatch(/^Confirm: approve\?$/);
    const refusals = (await t.tools.audit(second.id)).filter((e) => e.type === 'PASSKEY_REFUSED');
    expect(refusals).toHaveLength(2);
    expect(refusals[0]?.rationale?.[0]).toContain('challenge');
    expect(refusals[1]?.rationale?.[0]).toContain('not the signed-in person');
    expect((await t.tools.audit(second.id)).map((e) => e.type)).not.toContain('VOTE_RECORDED');
    expect((await t.tools.document(second.id))?.status).toBe('AWAITING_APPROVAL');
    await bob.context.close();
  });
});
