import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayoutVariant } from '../../lambdas/processes/invoice/samples/index.ts';
import { invoicePdf, lookalikeInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { letNewVendorsThrough, startTestRuntime } from '../integration/support/runtime.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

const vendor = 'Weber Bau AG';
const customer = 'Müller Logistik GmbH';

/**
 * Issue 19, finding 1: an invoice whose customer is a company with a legal form, printed top right
 * (larger than the issuer's name, labelled or in an envelope window beside its customer number), was
 * completed with the customer read as the vendor. Whatever the extractor makes of it now, the
 * invoice is read right or a person is asked. New vendors are let through here, so that the reading
 * alone decides (README: new vendors).
 */
describe.runIf(browserInstalled())('an invoice whose customer is a company printed top right', () => {
  let t: Started;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestRuntime({
      context: {
        processes: {
          invoice: {
            approval: { approvers: ['alice@example.com'], minDwellSeconds: 1, identity: 'link' },
            rules: letNewVendorsThrough,
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

  it.each<[string, LayoutVariant, number, boolean]>([
    ['labelled "Rechnungsadresse", in larger type than the issuer', 'letterhead', 1, true],
    ['unlabelled in an envelope window, beside its customer number', 'window-right', 2, true],
    ['under "Rechnung an:", beside the issuer under a big title', 'title-first', 3, true],
    ['over an issuer that prints no VAT id, mail or web', 'letterhead', 4, false],
    ['in a window, over an issuer that prints no VAT id, mail or web', 'window-right', 5, false],
  ])('%s: read right, or sent to a person who sees what was read', async (_, layout, n, issuerDetails) => {
    // Prepare
    const number = `LOOK-2024-${n}`;
    const spec = lookalikeInvoiceSpec(`e2e-${layout}`, {
      language: 'de',
      layout,
      currency: 'EUR',
      invoiceNumber: number,
      vendor: { name: vendor, addressLines: ['Bahnhofstraße 100', '10115 Berlin'] },
      customer: { name: customer, addressLines: ['Hafenstraße 7', '20095 Hamburg'] },
      lineItems: [{ description: 'Montage vor Ort', quantity: 2, unitPriceCents: 45_000 }],
      issuerDetails,
    });

    // Act
    const id = await t.tools.drop('invoice', `${layout}.pdf`, await invoicePdf(spec));
    const doc = await t.tools.waitForStatus(id, [
      'COMPLETED',
      'AWAITING_APPROVAL',
      'FAILED',
      'REJECTED_INPUT',
    ]);

    // Assess
    expect(['COMPLETED', 'AWAITING_APPROVAL']).toContain(doc.status);
    if (doc.status === 'COMPLETED') {
      const result = await t.runtime.clients.s3.send(
        new GetObjectCommand({ Bucket: t.runtime.names.bucket, Key: doc.resultKey }),
      );
      const body = JSON.parse(await (result.Body?.transformToString() ?? '')) as {
        invoice: { vendor: { value: string } | null };
      };
      expect(body.invoice.vendor?.value).toBe(vendor);
      return;
    }
    const [sent] = await t.tools.waitForApprovalLinks((l) => l.subject.includes(`${number} `));
    const page = await browser.newPage();
    await page.goto(sent?.link ?? '');
    const shown = await page.locator('main').innerText();
    const reasons = await page.locator('section', { hasText: 'Why you are asked' }).innerText();
    await page.close();
    // The person sees the name that was read, and the vendor check among the reasons (small total, new vendors let through).
    expect(shown.includes(vendor) || shown.includes(customer)).toBe(true);
    expect(reasons).toMatch(/vendor/iu);
  });
});
