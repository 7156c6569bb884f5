import { invoicePdf, randomInvoiceSpec } from '../../../lambdas/processes/invoice/samples/index.ts';
import type { startTestRuntime } from '../../integration/support/runtime.ts';

type Tools = Awaited<ReturnType<typeof startTestRuntime>>['tools'];

/** Drops an invoice numbered `number` that needs approval; its document id and the links mailed for it. */
export async function invoiceAwaitingApproval(tools: Tools, number: string, links = 1) {
  const spec = randomInvoiceSpec(number, {
    language: 'en',
    currency: 'EUR',
    invoiceNumber: number,
    lineItems: [{ description: 'Workstations', quantity: 5, unitPriceCents: 300_000 }],
  });
  const id = await tools.drop('invoice', `${number}.pdf`, await invoicePdf(spec));
  await tools.waitForStatus(id, ['AWAITING_APPROVAL']);
  return { id, sent: await tools.waitForApprovalLinks((l) => l.subject.includes(`${number} `), links) };
}
