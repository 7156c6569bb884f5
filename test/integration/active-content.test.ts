import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { open } from './support/approval-page.ts';
import { startTestRuntime, testContext } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

/** A one-line invoice (completes without a person when clean) that runs JavaScript when opened. */
async function invoiceWithJavaScript(seed: string): Promise<Buffer> {
  const clean = await invoicePdf(
    randomInvoiceSpec(seed, {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Consulting', quantity: 2, unitPriceCents: 45_000 }],
    }),
  );
  const doc = await PDFDocument.load(clean);
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.launchURL("x")') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  // Object streams on (pdf-lib's default): the action is compressed, as most producers write it.
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

const ends = ['COMPLETED', 'FAILED', 'REJECTED_INPUT', 'AWAITING_APPROVAL'] as const;

describe('a PDF with JavaScript dropped into the invoice intake (default policy: a person looks)', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({ clockScale: 0.01 });
  });
  afterAll(async () => t?.runtime.stop());

  it('waits for a person, with the reason on the page, never completed unseen', async () => {
    // Act
    const id = await t.tools.drop('invoice', 'scripted.pdf', await invoiceWithJavaScript('active-js-review'));
    const doc = await t.tools.waitForStatus(id, [...ends]);

    // Assess
    expect(doc.status).toBe('AWAITING_APPROVAL');
    const links = await t.tools.waitForApprovalLinks((l) => l.to === 'alice@example.com');
    const page = await open(links.at(-1)?.link ?? '');
    expect(page.status).toBe(200);
    expect(page.html).toContain('The PDF contains JavaScript, run when it is opened');
    const rules = (await t.tools.audit(id)).find((e) => e.type === 'RULES_APPLIED');
    expect(rules).toMatchObject({ decision: 'approval-required' });
    expect(rules?.rationale?.[0]).toMatch(/^The PDF contains JavaScript/);
    const extracted = (await t.tools.audit(id)).find((e) => e.type === 'EXTRACTED');
    expect(extracted?.details).toMatchObject({ activeContent: ['javascript'] });
  });
});

describe('a PDF with JavaScript under processes.invoice.activeContent = reject', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({
      clockScale: 0.01,
      context: {
        processes: { invoice: { ...testContext.processes.invoice, activeContent: 'reject' } },
      },
    });
  });
  afterAll(async () => t?.runtime.stop());

  it('is quarantined with the reason, and no person is asked', async () => {
    // Act
    const id = await t.tools.drop('invoice', 'scripted.pdf', await invoiceWithJavaScript('active-js-reject'));
    const doc = await t.tools.waitForStatus(id, [...ends]);

    // Assess
    expect(doc).toMatchObject({
      status: 'REJECTED_INPUT',
      rejectionReason: 'active-content',
      quarantineKey: `quarantine/invoice/${id}/scripted.pdf`,
    });
    const types = (await t.tools.audit(id)).map((e) => e.type);
    expect(types).not.toContain('RULES_APPLIED');
  });
});
