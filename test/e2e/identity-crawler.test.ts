/**
 * Mail-security crawlers against the approval link, under sign-in by code and under the link alone. The
 * issue's finding: a crawler that waits before submitting each form approved an invoice while possession
 * of the link was the only proof. Under `code` the link leads to a sign-in that needs the code from the
 * mailbox, so nothing is decided; under `link` the same crawler decides, which is why `link` is an opt-in
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
  return { t, id, link: sent[0]?.link ?? '' };
}

describe.runIf(browserInstalled())('crawlers that wait 5 s a page and submit everything', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let t: Started | undefined;
  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
  });
  afterAll(async () => {
    await chromium?.close();
    await t?.runtime.stop();
  });

  it('decide nothing under sign-in by code', async () => {
    // Prepare
    const started = await awaitingApproval('code', (runtime) => {
      t = runtime;
    });

    // Act
    const submissions = await patientCrawl(browser, started.link, {
      recipient: 'alice@example.com',
      dwellMs: 5000,
      depth: 2,
    });
    await clickEverything(browser, started.link, 5000);

    // Assess
    expect(submissions).toBeGreaterThanOrEqual(2);
    const types = (await started.t.tools.audit(started.id)).map((e) => e.type);
    expect(types).not.toContain('VOTE_RECORDED');
    expect(types).not.toContain('SIGNED_IN');
    expect((await started.t.tools.document(started.id))?.status).toBe('AWAITING_APPROVAL');
    await started.t.runtime.stop();
    t = undefined;
  }, 300_000);

  it('decide under the link alone: why `link` is an explicit, warned opt-in', async () => {
    // Prepare
    const started = await awaitingApproval('link', (runtime) => {
      t = runtime;
    });

    // Act
    await patientCrawl(browser, started.link, { recipient: 'alice@example.com', dwellMs: 5000, depth: 2 });

    // Assess
    const vote = (await started.t.tools.audit(started.id)).find((e) => e.type === 'VOTE_RECORDED');
    expect(vote?.details).toMatchObject({ identity: { method: 'link' } });
    expect((await started.t.tools.document(started.id))?.status).not.toBe('AWAITING_APPROVAL');
  }, 300_000);
});
