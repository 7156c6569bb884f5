import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../bin/console/server.ts';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import type { Listening } from '../../local/http/json-server.ts';
import { startTestRuntime } from '../integration/support/runtime.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

// Without a browser, browser.test.ts fails with the install line instead of these failing one by one.
describe.runIf(browserInstalled())('the local console', () => {
  let t: Started;
  let consoleServer: Listening;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let completed: string;
  let waiting: string;
  let failed: string;
  beforeAll(async () => {
    t = await startTestRuntime();
    consoleServer = await startConsole(t.runtime);
    chromium = await launchChromium();
    browser = chromium.browser;
    const small = randomInvoiceSpec('console-small', {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Support', quantity: 1, unitPriceCents: 50_000 }],
    });
    const large = randomInvoiceSpec('console-large', {
      language: 'en',
      currency: 'EUR',
      invoiceNumber: 'CONSOLE-2',
      lineItems: [{ description: 'Racks', quantity: 3, unitPriceCents: 900_000 }],
    });
    completed = await t.tools.drop('invoice', 'console-small.pdf', await invoicePdf(small));
    waiting = await t.tools.drop('invoice', 'console-large.pdf', await invoicePdf(large));
    await t.tools.waitForStatus(completed, ['COMPLETED']);
    await t.tools.waitForStatus(waiting, ['AWAITING_APPROVAL']);
    // A third ends FAILED in its rules step, for the redrive hint.
    t.runtime.faults.set([{ functionId: 'rules', kind: 'permanent' }]);
    const broken = randomInvoiceSpec('console-failed', {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Cables', quantity: 2, unitPriceCents: 1_500 }],
    });
    failed = await t.tools.drop('invoice', 'console-failed.pdf', await invoicePdf(broken));
    await t.tools.waitForStatus(failed, ['FAILED']);
    t.runtime.faults.set([]);
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await consoleServer?.close();
    await t?.runtime.stop();
  });

  it('lists documents and shows one document’s timeline and path through the state machine', async () => {
    const page = await browser.newPage();
    await page.goto(consoleServer.url);
    const row = page.locator(`tr[data-id="${completed}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('COMPLETED');
    expect(await page.locator('#document-table tbody tr').count()).toBe(3);
    await row.click();
    await page.locator('#audit li').first().waitFor();
    const audit = await page.locator('#audit').innerText();
    expect(audit).toContain('EXTRACTED');
    expect(audit).toMatch(/model vendor-risk@/);
    expect(audit).toMatch(/rules invoice-rules@/);
    // The trail's hash chain, verified against the head on the record, above the events.
    expect(await page.locator('#chain').innerText()).toMatch(/^chain verified: \d+ events$/);
    const visited = await page
      .locator('svg .node.visited')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')));
    expect(visited).toEqual(['Extract', 'Score', 'ApplyRules', 'NeedsApproval', 'Finalize']);
    expect(await page.locator('svg .edge.taken').count()).toBe(4);
    expect(await page.locator('#steps tbody tr').count()).toBe(5);
    await page.close();
  });

  it('shows the mailbox with approval links and per-step latency percentiles', async () => {
    const page = await browser.newPage();
    await page.goto(`${consoleServer.url}/#mail`);
    const link = page.locator('#mail-table a').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${t.runtime.endpoints.approvals}/a/`));
    expect(await page.locator('#mail-table').innerText()).toContain('CONSOLE-2');
    await page.goto(`${consoleServer.url}/#latency`);
    await page.locator('#step-latency tbody tr').first().waitFor();
    const steps = await page.locator('#step-latency tbody').innerText();
    for (const step of ['Extract', 'Score', 'ApplyRules', 'Finalize']) expect(steps).toContain(step);
    expect(await page.locator('#function-latency tbody tr').count()).toBeGreaterThanOrEqual(5);
    await page.close();
  });

  /** Opens the console at 1280 × 900 with one document's detail shown. */
  const detailOf = async (documentId: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(consoleServer.url);
    await page.locator(`tr[data-id="${documentId}"]`).click();
    await page.locator('#graph svg .node').first().waitFor();
    return page;
  };

  it('fits a 1,280 px window for every document, with no state name cut', async () => {
    for (const id of [completed, waiting, failed]) {
      const page = await detailOf(id);
      const box = (selector: string) =>
        page.locator(selector).evaluate((el) => ({
          scroll: el.scrollWidth,
          client: el.clientWidth,
          right: el.getBoundingClientRect().right,
        }));
      const [html, detail, svg] = [await box('html'), await box('#detail'), await box('#graph svg')];
      const widths = {
        page: [html.scroll, html.client],
        detail: [detail.scroll, detail.client],
        svg: svg.right,
        pane: detail.right,
      };
      expect(widths.page[0]).toBeLessThanOrEqual(widths.page[1] ?? 0);
      expect(widths.detail[0]).toBeLessThanOrEqual(widths.detail[1] ?? 0);
      expect(widths.svg).toBeLessThanOrEqual(widths.pane);
      const labels = await page
        .locator('#graph svg .node')
        .evaluateAll((nodes) =>
          nodes.map((n) => [n.getAttribute('data-state'), n.querySelector('text')?.textContent]),
        );
      for (const [state, label] of labels) expect(label).toBe(state);
      await page.close();
    }
  });

  it('draws the human step as one box on the path, its waits inside it', async () => {
    const page = await detailOf(waiting);
    const nodes = await page
      .locator('#graph svg .node')
      .evaluateAll((all) => all.map((n) => n.getAttribute('data-state')));
    expect(nodes).toEqual(['Extract', 'Score', 'ApplyRules', 'NeedsApproval', 'RequestApproval']);
    expect(await page.locator('#graph svg .node.human.current').getAttribute('data-state')).toBe(
      'RequestApproval',
    );
    expect(await page.locator('#graph svg .edge.taken').count()).toBe(4);
    await page.close();
  });

  it('shows what was read, with the reads below their threshold marked', async () => {
    const page = await detailOf(completed);
    const rows = page.locator('#read tbody tr');
    expect(await rows.count()).toBe(8);
    const read = (await t.tools.audit(completed)).find((e) => e.type === 'EXTRACTED')?.details as {
      fields: { label: string; value: string | null; confidence: number | null; threshold?: number }[];
    };
    const total = read.fields.find((f) => f.label === 'Total');
    expect(total?.value).toBeTruthy();
    expect(
      await rows.filter({ has: page.getByRole('cell', { name: 'Total', exact: true }) }).innerText(),
    ).toContain(total?.value ?? '?');
    const below = read.fields.filter(
      (f) => f.threshold !== undefined && (f.confidence === null || f.confidence < f.threshold),
    );
    expect(await page.locator('#read tbody tr.below').count()).toBe(below.length);
    await page.close();
  });

  it('gives a FAILED document its redrive command and one awaiting approval its link', async () => {
    const failedPage = await detailOf(failed);
    expect(await failedPage.locator('#next').innerText()).toContain('It failed in rules');
    expect(await failedPage.locator('#next code').innerText()).toBe(
      `npm run tower -- redrive ${failed} --local ${t.runtime.dataDir} --reason "<why it can run now>"`,
    );
    await failedPage.close();
    const waitingPage = await detailOf(waiting);
    const hrefs = await waitingPage
      .locator('#next a', { hasText: 'open the approval page' })
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const sent = await t.tools.waitForApprovalLinks((l) => l.subject.includes('CONSOLE-2'), 2);
    // One link per approver (alice and bob), each the one emailed.
    expect(hrefs.sort()).toEqual(sent.map((l) => l.link).sort());
    expect(await waitingPage.locator('#next').innerText()).toContain('(sent to alice@example.com)');
    expect(await waitingPage.locator('#next a[href="#mail"]').count()).toBe(1);
    await waitingPage.close();
    const completedPage = await detailOf(completed);
    expect(await completedPage.locator('#next').isHidden()).toBe(true);
    await completedPage.close();
  });

  it('dates every mail in the mailbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${consoleServer.url}/#mail`);
    await page.locator('#mail-table tbody tr').first().waitFor();
    const sentAt = await page.locator('#mail-table tbody td:first-child').allInnerTexts();
    expect(sentAt.length).toBeGreaterThan(0);
    for (const at of sentAt) expect(at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await page.close();
  });
});
