import { describe, expect, it } from 'vitest';
import { finalize } from '../../../../../lambdas/platform/finish/finalize.ts';
import type { Verdict } from '../../../../../lambdas/platform/finish/result.ts';
import type { NormalizedInvoice } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import { type VendorInvoice, vendorIdOf } from '../../../../../lambdas/processes/invoice/domain/vendors.ts';
import {
  type InvoiceFinishEvent,
  invoiceFinish,
} from '../../../../../lambdas/processes/invoice/finalize/finish.ts';
import {
  documentId,
  documentRecord,
  documentRef,
  executionArn,
  extraction,
  field,
  normalizedInvoice,
  rules,
  score,
} from '../../../platform/shared/support/builders.ts';
import { clock, MemoryDocuments, MemoryResultObjects } from '../../../platform/shared/support/fakes.ts';

const event: InvoiceFinishEvent = {
  document: documentRef(),
  workflowVersion: 'invoice@2+0123abcd',
  executionArn,
  humanTasks: {},
  extraction: extraction(),
  score: score(),
  rules: rules(),
  versions: { model: 'vendor-risk@2+abc', rules: 'invoice-rules@4' },
};
const completed: Verdict = { status: 'COMPLETED', reason: 'approved' };

function finisher(invoice: NormalizedInvoice | null = normalizedInvoice()) {
  const reads: string[] = [];
  const vendors: VendorInvoice[] = [];
  const deps = {
    readInvoice: async (key: string) => {
      reads.push(key);
      return invoice;
    },
    // Keyed as the vendors table is: one item per (vendorId, recordKey), written once.
    recordVendorInvoice: async (entry: VendorInvoice) => {
      if (vendors.some((v) => v.vendorId === entry.vendorId && v.recordKey === entry.recordKey)) return false;
      vendors.push(entry);
      return true;
    },
  };
  return { deps, reads, vendors };
}

describe("invoiceFinish: the invoice's part of finishing", () => {
  it('puts the whole invoice, its risk and its rules in the result', async () => {
    // Prepare
    const f = finisher();

    // Act
    const { body } = await invoiceFinish(f.deps, event);

    // Assess
    expect(f.reads).toEqual([`extractions/invoice/${documentId}.json`]);
    expect(body).toEqual({ invoice: normalizedInvoice(), risk: score(), rules: rules() });
  });

  it('adds a completed invoice to its vendor history', async () => {
    // Prepare
    const f = finisher(normalizedInvoice({ vendor: field('ACME Supplies, Ltd.') }));
    const { afterFinish } = await invoiceFinish(f.deps, event);

    // Act
    await afterFinish(completed, '2025-03-01T10:01:00.000Z');

    // Assess
    expect(f.vendors).toEqual([
      {
        vendorId: vendorIdOf('Acme Supplies Ltd'),
        recordKey: `INV#2025-02-20#${documentId}`,
        documentId,
        invoiceNumber: 'INV-0107',
        invoiceDate: '2025-02-20',
        total: '12138.00',
        currency: 'EUR',
        bankAccountHash: 'bank-hash-a',
        recordedAt: '2025-03-01T10:01:00.000Z',
      },
    ]);
  });

  it('keeps a rejected invoice out of the vendor history', async () => {
    const f = finisher();
    const { afterFinish } = await invoiceFinish(f.deps, event);
    await afterFinish(
      { status: 'REJECTED', reason: 'rejected by the approvers' },
      '2025-03-01T10:01:00.000Z',
    );
    expect(f.vendors).toEqual([]);
  });

  it.each([
    ['without a vendor name', normalizedInvoice({ vendor: null })],
    ['whose stored extraction is gone', null],
  ])('keeps an invoice %s out of the vendor history', async (_, invoice) => {
    const f = finisher(invoice);
    const { afterFinish } = await invoiceFinish(f.deps, event);
    await afterFinish(completed, '2025-03-01T10:01:00.000Z');
    expect(f.vendors).toEqual([]);
  });

  it('records the vendor entry once when finishing runs again, after success or after a crash before the status', async () => {
    // Prepare
    const f = finisher(normalizedInvoice({ vendor: field('ACME Supplies, Ltd.') }));
    const documents = new MemoryDocuments([documentRecord({ status: 'EXECUTING' })]);
    const deps = {
      documents,
      audit: documents.audit,
      results: new MemoryResultObjects(),
      resultsPrefix: 'results/',
      now: clock('2025-03-01T10:01:00.000Z').now,
    };
    const run = async (crash: boolean) => {
      const { body, afterFinish } = await invoiceFinish(f.deps, event);
      return finalize(deps, event, body, async (verdict, at) => {
        await afterFinish(verdict, at);
        if (crash) throw new Error('runtime killed after the vendor entry');
      });
    };
    await expect(run(true)).rejects.toThrow('runtime killed');

    // Act
    await run(false);
    const third = await run(false);

    // Assess
    expect(third.finishedNow).toBe(false);
    expect(f.vendors).toHaveLength(1);
    expect(f.vendors[0]?.recordedAt).toBe('2025-03-01T10:01:00.000Z');
    expect(deps.results.puts).toBe(1);
    expect(documents.peek(documentId)?.status).toBe('COMPLETED');
  });
});
