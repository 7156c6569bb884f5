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

type Awaiting = Awaited<ReturnType<typeof awaitingApproval>>;

describe.runIf(browserInstalled())('crawlers that wait 5 s a page and submit everything', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  const runtimes: Started[] = [];
  // Both runtimes get their invoice at once and both crawls run at once: the waits are extraction and the
  // crawlers' 5 s a page, not the cores (keeps the e2e tier short).
  let byCode: Awaiting;
  let byLink: Awaiting;
  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
    const start = (identity: IdentityMethod) => awaitingApproval(identity, (t) => runtimes.push(t));
    [byCode, byLink] = await Promise.all([start('code'), start('link')]);
  }, 360_000);
  afterAll(async () => {
    await chromium?.close();
    await Promise.all(runtimes.map((t) => t.runtime.stop()));
  });

  it.concurrent('decide nothing under sign-in by code', async () => {
    // Act
    const submissions = await patientCrawl(browser, byCode.link, {
      recipient: 'alice@example.com',
      dwellMs: 5000,
      depth: 2,
    });
    await clickEverything(browser, byCode.link, 5000);

    // Assess
    expect(submissions).toBeGreaterThanOrEqual(2);
    const types = (await byCode.t.tools.audit(byCode.id)).map((e) => e.type);
    expect(types).not.toContain('VOTE_RECORDED');
    expect(types).not.toContain('SIGNED_IN');
    expect((await byCode.t.tools.document(byCode.id))?.status).toBe('AWAITING_APPROVAL');
  }, 300_000);

  it.concurrent('decide under the link alone: why `link` is an explicit, warned opt-in', async () => {
    // Act
    await patientCrawl(browser, byLink.link, { recipient: 'alice@example.com', dwellMs: 5000, depth: 2 });

    // Assess
    const vote = (await byLink.t.tools.audit(byLink.id)).find((e) => e.type === 'VOTE_RECORDED');
    expect(vote?.details).toMatchObject({ identity: { method: 'link' } });
    expect((await byLink.t.tools.document(byLink.id))?.status).not.toBe('AWAITING_APPROVAL');
  }, 300_000);
});
