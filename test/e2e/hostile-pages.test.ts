import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../bin/console/server.ts';
import { choosePage } from '../../lambdas/platform/human-step/approval-api/pages.ts';
import type { Listening } from '../../local/http/json-server.ts';
import { startTestRuntime } from '../integration/support/runtime.ts';
import { approvalRecord, humanRequest } from '../unit/platform/shared/support/builders.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

// What an attacker who sends invoices controls: a 256-character vendor with no space to break at, and
// a right-to-left override that shows "INV-‮1234" as "INV-4321" and "invoice‮fdp.exe" as "invoiceexe.pdf".
const longVendor = 'W'.repeat(256);
const reversedNumber = 'INV-\u202E1234';
const hostilePage = choosePage(
  approvalRecord({
    request: humanRequest({
      title: `Invoice ${reversedNumber} from ${longVendor} (EUR 12,138.00)`,
      facts: [
        { label: 'Vendor', value: longVendor },
        { label: 'Invoice', value: reversedNumber },
      ],
    }),
  }),
  'nonce',
  { approveAllowed: true },
).body;

/** Left edge, in px, of the first `char` in the element's text as laid out: the order the eye reads. */
function leftOf(page: Page, selector: string, char: string): Promise<number> {
  return page.locator(selector).evaluate((element, wanted) => {
    const doc = element.ownerDocument;
    const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return range.getBoundingClientRect().left;
    }
    throw new Error(`no ${wanted} in ${element.textContent}`);
  }, char);
}

/** The computed `unicode-bidi` of the element. */
const bidiOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).unicodeBidi);

/** How far the page and its heading reach past the viewport, in px (0: nothing sticks out). */
const overflow = (page: Page) =>
  page.locator('html').evaluate((html) => {
    const view = html.ownerDocument.defaultView;
    const heading = html.ownerDocument.querySelector('h1');
    const width = view?.innerWidth ?? 0;
    return {
      page: html.scrollWidth - width,
      heading: (heading?.scrollWidth ?? 0) - width,
      headingWidth: heading?.getBoundingClientRect().width ?? 0,
    };
  });

// Without a browser, browser.test.ts fails with the install line instead of these failing one by one.
describe.runIf(browserInstalled())('hostile names and pages in a real browser', () => {
  let t: Started;
  let consoleServer: Listening;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestRuntime();
    consoleServer = await startConsole(t.runtime);
    // A DNS-rebinding page: its own name, resolving to 127.0.0.1 once the attack starts.
    chromium = await launchChromium(['--host-resolver-rules=MAP rebind.attacker.example 127.0.0.1']);
    browser = chromium.browser;
  });
  afterAll(async () => {
    await chromium?.close();
    await consoleServer?.close();
    await t?.runtime.stop();
  });

  it.each([390, 1280])(
    'keeps a 256-character vendor within the approval page at %i px: the heading wraps',
    async (width) => {
      // Prepare
      const page = await browser.newPage({ viewport: { width, height: 900 } });

      // Act
      await page.setContent(hostilePage);
      const reach = await overflow(page);
      await page.close();

      // Assess
      expect(reach.page).toBeLessThanOrEqual(0);
      expect(reach.heading).toBeLessThanOrEqual(0);
      expect(reach.headingWidth).toBeLessThanOrEqual(Math.min(width, 560));
    },
  );

  it('shows a reversed invoice number as it is written, isolated, on the approval page', async () => {
    // Prepare: the measurement sees a raw override reverse the digits (so it can tell).
    const page = await browser.newPage();
    await page.setContent(`<p id="raw">${reversedNumber}</p>`);
    const rawReversed = (await leftOf(page, '#raw', '1')) > (await leftOf(page, '#raw', '4'));

    // Act
    await page.setContent(hostilePage);
    const invoice = page.locator('dd', { hasText: 'INV-' });
    const shown = await invoice.innerText();
    const inOrder =
      (await leftOf(page, 'dd:has-text("INV-")', '1')) < (await leftOf(page, 'dd:has-text("INV-")', '4'));
    const isolation = await bidiOf(page, 'dd:has-text("INV-") bdi');
    await page.close();

    // Assess
    expect(rawReversed).toBe(true);
    expect(shown).toBe('INV-\\u202E1234');
    expect(inOrder).toBe(true);
    expect(isolation).toBe('isolate');
  });

  it('shows file names with a bidi override or escapes as written in the console, and wraps a long one', async () => {
    // Prepare: objects put straight into the intake prefix, as an operation's upload would.
    const names = ['invoice\u202Efdp.exe', '\u001B[31mred.pdf', `${'n'.repeat(256)}.pdf`];
    const ids = [];
    for (const [i, name] of names.entries())
      ids.push(await t.tools.drop('invoice', name, new TextEncoder().encode(`not an invoice ${i}`)));
    for (const id of ids) await t.tools.waitForStatus(id, ['REJECTED_INPUT', 'FAILED']);
    // The first file's bytes again under another name: a duplicate, named in the console.
    await t.tools.drop('invoice', 'again.pdf', new TextEncoder().encode('not an invoice 0'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // Act
    await page.goto(consoleServer.url);
    const fileCell = (id: string) => page.locator(`tr[data-id="${id}"] td`).nth(3);
    await fileCell(ids[2] ?? '').waitFor();
    const shown = await Promise.all(ids.map((id) => fileCell(id).innerText()));
    const longCell = await fileCell(ids[2] ?? '').evaluate((td) => td.getBoundingClientRect().right);
    await page.locator(`tr[data-id="${ids[0]}"]`).click();
    const duplicate = page.locator('#audit li', { hasText: 'DUPLICATE_RECEIVED' });
    await duplicate.waitFor();
    const duplicateText = await duplicate.innerText();
    const title = await page.locator('#detail-title').innerText();
    const isolation = await bidiOf(page, '#detail-title bdi');
    await page.close();

    // Assess
    expect(shown.slice(0, 2)).toEqual(['invoice\\u202Efdp.exe', '\\x1B[31mred.pdf']);
    expect(shown[2]?.replace(/\s/g, '')).toBe(`${'n'.repeat(256)}.pdf`);
    expect(longCell).toBeLessThanOrEqual(1280);
    expect(title).toContain('invoice\\u202Efdp.exe');
    expect(duplicateText).toContain('again.pdf has the same content as invoice\\u202Efdp.exe');
    expect(isolation).toBe('isolate');
  });

  it('refuses a page on another name rebound to 127.0.0.1: the console, the approval API, the mailbox and every emulator answer 403', async () => {
    // Prepare
    const page = await browser.newPage();
    const rebound = (url: string, path: string) =>
      `http://rebind.attacker.example:${new URL(url).port}${path}`;
    const targets = [
      rebound(consoleServer.url, '/api/mail'),
      rebound(consoleServer.url, '/'),
      rebound(t.runtime.endpoints.approvals, '/a/AbCdEfGhIjKlMnOpQrStUv/secret_0123456789'),
      rebound(t.runtime.endpoints.ses, '/store'),
      ...Object.values(t.runtime.endpoints).map((url) => rebound(url, '/')),
    ];

    // Act
    const own = await page.goto(`${consoleServer.url}/api/mail`);
    const answers = [];
    for (const target of targets) {
      const response = await page.goto(target);
      answers.push({ target, status: response?.status(), text: await page.innerText('body') });
    }
    await page.close();

    // Assess
    expect(own?.status()).toBe(200);
    for (const answer of answers) {
      expect(answer.status, answer.target).toBe(403);
      expect(answer.text).toContain('Host "rebind.attacker.example:');
    }
  });
});
