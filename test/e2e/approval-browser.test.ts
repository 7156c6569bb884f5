import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount } from '../../lambdas/platform/human-step/format.ts';
import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import {
  expectedFields,
  invoicePdf,
  randomInvoiceSpec,
} from '../../lambdas/processes/invoice/samples/index.ts';
import { readDecisions } from '../../local/iam/decisions.ts';
import { iamFiles } from '../../local/iam/parity.ts';
import { startTestRuntime } from '../integration/support/runtime.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

// Without a browser, browser.test.ts fails with the install line instead of these failing one by one.
describe.runIf(browserInstalled())('the approval page in a real browser', () => {
  let t: Started;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestRuntime({
      context: {
        processes: {
          invoice: { approval: { approvers: ['alice@example.com'], minDwellSeconds: 2, identity: 'link' } },
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
  const awaitingApproval = async () => {
    n += 1;
    const spec = randomInvoiceSpec(`browser-${n}`, {
      language: 'en',
      currency: 'EUR',
      invoiceNumber: `WEB-${n}`,
      lineItems: [{ description: 'Workstations', quantity: 5, unitPriceCents: 300_000 }],
    });
    const id = await t.tools.drop('invoice', `web-${n}.pdf`, await invoicePdf(spec));
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    const [sent] = await t.tools.waitForApprovalLinks((l) => l.subject.includes(`WEB-${n} `));
    return { id, link: sent?.link ?? '', spec };
  };

  it('lets an approver read the invoice, approve, and resume the workflow; the audit names them', async () => {
    // Prepare
    const { id, link, spec } = await awaitingApproval();
    const expected = expectedFields(spec);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    // Act
    const response = await page.goto(link);
    // The heading is the invoice's own title for the human step: number, vendor and amount.
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading.innerText()).resolves.toBe(
      `Invoice ${expected.invoiceNumber} from ${expected.vendor} (${formatAmount(expected.total, expected.currency)})`,
    );
    const summary = await page.locator('dl').innerText();
    await page.waitForTimeout(2200);
    await page.getByRole('button', { name: 'Approve…' }).click();
    await page.getByRole('button', { name: 'Confirm: Approve' }).click();
    const outcome = await page.locator('h1').innerText();
    // Assess
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(summary).toContain(formatAmount(expected.total, expected.currency));
    expect(summary).toContain(expected.vendor);
    expect(cspViolations).toEqual([]);
    expect(outcome).toBe('Approved');
    expect((await t.tools.waitForStatus(id, ['COMPLETED', 'REJECTED', 'FAILED'])).status).toBe('COMPLETED');
    const vote = (await t.tools.audit(id)).find((e) => e.type === 'VOTE_RECORDED');
    expect(vote?.actor).toEqual({ kind: 'person', id: 'alice@example.com' });
    expect((vote?.details as { userAgent?: string } | undefined)?.userAgent).toContain('Chrome');
    await page.close();
  });

  it('decides nothing when a headless scanner loads the page and clicks every button within a second', async () => {
    const { id, link } = await awaitingApproval();
    const page = await browser.newPage();
    // The document pane's PDF viewer keeps its frame navigating for a second after load, which Playwright's
    // click waits out; what is tested is how fast the scanner clicks, so the document is not loaded.
    await page.route(`${new URL(t.runtime.iam?.endpoints.s3 ?? t.runtime.endpoints.s3).origin}/**`, (r) =>
      r.abort(),
    );
    await page.goto(link);
    for (let round = 0; round < 4; round++) {
      const buttons = await page.locator('button').all();
      if (buttons.length === 0) break;
      await buttons[round % buttons.length]?.click({ timeout: 1000 });
      await page.waitForLoadState();
    }
    await page.close();
    expect((await t.tools.document(id))?.status).toBe('AWAITING_APPROVAL');
    const types = (await t.tools.audit(id)).map((e) => e.type);
    expect(types).not.toContain('VOTE_RECORDED');
    expect(types).toContain('DECISION_TOO_FAST');
  });

  it('links the invoice through a short-lived presigned URL, evaluated as the approval function, and shows it inline', async () => {
    // Prepare
    const { id, link } = await awaitingApproval();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    // Act
    const s3 = new URL(t.runtime.iam?.endpoints.s3 ?? t.runtime.endpoints.s3).origin;
    const loaded = page.waitForResponse((r) => r.url().startsWith(`${s3}/`), { timeout: 15_000 });
    const response = await page.goto(link);
    const shown = await loaded;
    const src = (await page.locator('.document iframe').getAttribute('src')) ?? '';
    const open = page.getByRole('link', { name: /^Open web-\d+\.pdf$/ });
    const fetched = await fetch(src);
    const bytes = new Uint8Array(await fetched.arrayBuffer());
    // Assess: a presigned GetObject on the S3 endpoint the functions use (the local IAM proxy), for 10 minutes.
    const url = new URL(src);
    expect(url.origin).toBe(s3);
    expect(shown.url()).toBe(src);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBeTruthy();
    expect(src).not.toContain(new URL(link).pathname.split('/').pop() ?? '-');
    expect(shown.status()).toBe(200);
    expect(shown.headers()['content-type']).toBe('application/pdf');
    expect(await open.getAttribute('href')).toBe(src);
    expect(await open.getAttribute('rel')).toBe('noopener noreferrer');
    // The page admits frames from that origin only, and nothing broke its policy.
    expect(response?.headers()['content-security-policy']).toContain(`frame-src ${url.origin};`);
    expect(cspViolations).toEqual([]);
    // What the browser showed is the document this decision is about.
    expect(documentIdOf('invoice', sha256Hex(bytes))).toBe(id);
    // The local IAM evaluation allowed the read as the approval function's role, as S3 would.
    const reads = readDecisions(iamFiles(t.runtime.dataDir).decisions).filter(
      (d) => d.principal.endsWith('/tower-local-approval-api') && d.action.startsWith('s3:GetObject'),
    );
    expect(
      reads.map((d) => [
        d.allowed,
        d.resource.endsWith(`/invoices/${new URL(src).pathname.split('/').pop()}`),
      ]),
    ).toContainEqual([true, true]);
    // It fits the window, and says what to check.
    const html = await page.locator('html').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(html[0]).toBeLessThanOrEqual(html[1] ?? 0);
    expect(await page.locator('dl').innerText()).toMatch(/read with confidence \d+/);
    await page.close();
  });
});
