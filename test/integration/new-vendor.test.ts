import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalOnlyForBeingNew } from '../../bin/start/demo.ts';
import { cleanInvoiceSpec, invoicePdf } from '../../lambdas/processes/invoice/samples/index.ts';
import { decide } from './support/approval-page.ts';
import { startTestRuntime } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * The rules' default for a vendor Tower has never completed an invoice of: a person approves the first
 * (as accounts payable approves a new vendor before its first payment), and the vendor's later
 * invoices go through on their own. `processes.invoice.rules.newVendorRequiresApproval` turns it off.
 */
describe("a new vendor's first invoice, under the default rule parameters", () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({
      context: {
        processes: {
          invoice: { approval: { approvers: ['alice@example.com'], minDwellSeconds: 1, identity: 'link' } },
        },
      },
    });
  });
  afterAll(async () => t?.runtime.stop());

  it('waits for a person, for that reason alone; once approved, the next invoice of the vendor completes', async () => {
    // Prepare
    const spec = (n: number) =>
      cleanInvoiceSpec(`new-vendor-${n}`, {
        invoiceNumber: `NEWV-${n}`,
        lineItems: [{ description: 'Consulting, one day', quantity: 1, unitPriceCents: 45_000 + n }],
      });

    // Act
    const first = await t.tools.drop('invoice', 'first.pdf', await invoicePdf(spec(1)));
    const waiting = await t.tools.waitForStatus(first, ['AWAITING_APPROVAL', 'COMPLETED', 'FAILED']);
    const [sent] = await t.tools.waitForApprovalLinks((l) => l.subject.includes('NEWV-1 '));
    const decided = await decide(sent?.link ?? '', 'approve', 1100);
    await t.tools.waitForStatus(first, ['COMPLETED']);
    const second = await t.tools.drop('invoice', 'second.pdf', await invoicePdf(spec(2)));
    const next = await t.tools.waitForStatus(second, ['AWAITING_APPROVAL', 'COMPLETED', 'FAILED']);

    // Assess
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    expect(approvalOnlyForBeingNew(await t.tools.audit(first))).toBe(true);
    expect(decided.status).toBe(200);
    expect(next.status).toBe('COMPLETED');
  });
});
