import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../local/console/server.ts';
import type { Listening } from '../../local/http/json-server.ts';
import { invoicePdf, randomInvoiceSpec } from '../../local/samples/index.ts';
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
    const waiting = await t.tools.drop('invoice', 'console-large.pdf', await invoicePdf(large));
    await t.tools.waitForStatus(completed, ['COMPLETED']);
    await t.tools.waitForStatus(waiting, ['AWAITING_APPROVAL']);
  });
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
    expect(await page.locator('#document-table tbody tr').count()).toBe(2);
    await row.click();
    await page.locator('#audit li').first().waitFor();
    const audit = await page.locator('#audit').innerText();
    expect(audit).toContain('EXTRACTED');
    expect(audit).toMatch(/model vendor-risk@/);
    expect(audit).toMatch(/rules invoice-rules@/);
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
});
