/**
 * Mail-security crawlers against the approval link, under passkeys, sign-in by code and the link alone. The
 * issue's finding: a crawler that waits before submitting each form approved an invoice while possession
 * of the link was the only proof. Under `passkey` and `code` the link leads to a sign-in that needs the code
 * from the mailbox, so nothing is decided; under `link` the same crawler decides, which is why `link` is an opt-in
 * that warns at synth (test/infra/identity.test.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityMethod } from '../../lambdas/platform/identity/signed-in.ts';
import { startTestRuntime } from '../integration/support/runtime.ts';
import { invoiceAwaitingApproval } from './support/awaiting-approval.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';
import { clickEverything, patientCrawl } from './support/crawler.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;
// Numbers the local extraction reads back as they are (letters, then digits), one per runtime.
const invoiceNumbers: Readonly<Record<IdentityMethod, string>> = {
  passkey: 'CRAWL-1',
  code: 'CRAWL-2',
  link: 'CRAWL-3',
  oidc: 'CRAWL-4',
};

/** A runtime whose one approver signs in by `identity`, and an invoice awaiting her. */
async function awaitingApproval(identity: IdentityMethod, started: (t: Started) => void) {
  const t = await startTestRuntime({
    context: {
      processes: {
        invoice: {
          approval: { approvers: ['alice@example.com'], minDwellSeconds: 1, identity },
          rules: { newVendorRequiresApproval: false },
        },
      },
    },
  });
  started(t);
  const { id, sent } = await invoiceAwaitingApproval(t.tools, invoiceNumbers[identity]);
  const link = sent[0]?.link ?? '';
  // An IP address is no WebAuthn RP ID: passkey pages live on localhost.
  return { t, id, link: identity === 'passkey' ? link.replace('//127.0.0.1:', '//localhost:') : link };
}

type Awaiting = Awaited<ReturnType<typeof awaitingApproval>>;

describe.runIf(browserInstalled())('crawlers that wait 5 s a page and submit everything', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  const runtimes: Started[] = [];
  // The runtimes get their invoices at once and the crawls run at once: the waits are extraction and the
  // crawlers' 5 s a page, not the cores (keeps the e2e tier short).
  const awaiting = new Map<IdentityMethod, Awaiting>();
  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
    const methods = ['passkey', 'code', 'link'] as const;
    const ready = await Promise.all(
      methods.map((identity) => awaitingApproval(identity, (t) => runtimes.push(t))),
    );
    methods.forEach((identity, i) => {
      const one = ready[i];
      if (one) awaiting.set(identity, one);
    });
  }, 360_000);
  afterAll(async () => {
    await chromium?.close();
    await Promise.all(runtimes.map((t) => t.runtime.stop()));
  });
  const started = (identity: IdentityMethod): Awaiting => {
    const one = awaiting.get(identity);
    if (!one) throw new Error(`no runtime under ${identity}`);
    return one;
  };

  it.concurrent.each(['passkey', 'code'] as const)(
    'decide nothing under %s',
    async (identity) => {
      const { t, id, link } = started(identity);
      // Act
      const submissions = await patientCrawl(browser, link, {
        recipient: 'alice@example.com',
        dwellMs: 5000,
        depth: 2,
      });
      await clickEverything(browser, link, 5000);

      // Assess
      expect(submissions).toBeGreaterThanOrEqual(2);
      const types = (await t.tools.audit(id)).map((e) => e.type);
      expect(types).not.toContain('VOTE_RECORDED');
      expect(types).not.toContain('SIGNED_IN');
      expect((await t.tools.document(id))?.status).toBe('AWAITING_APPROVAL');
    },
    300_000,
  );

  it.concurrent('decide under the link alone: why `link` is an explicit, warned opt-in', async () => {
    const { t, id, link } = started('link');
    // Act
    await patientCrawl(browser, link, { recipient: 'alice@example.com', dwellMs: 5000, depth: 2 });

    // Assess
    const vote = (await t.tools.audit(id)).find((e) => e.type === 'VOTE_RECORDED');
    expect(vote?.details).toMatchObject({ identity: { method: 'link' } });
    expect((await t.tools.document(id))?.status).not.toBe('AWAITING_APPROVAL');
  }, 300_000);
});
