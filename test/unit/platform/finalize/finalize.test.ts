import { describe, expect, it } from 'vitest';
import { type FinalizeDeps, finalize } from '../../../../lambdas/platform/finalize/finalize.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/shared/documents.ts';
import type { ApprovalOutcome, WorkflowState } from '../../../../lambdas/platform/shared/workflow.ts';
import type { NormalizedInvoice } from '../../../../lambdas/processes/invoice/domain/invoice.ts';
import { type VendorInvoice, vendorIdOf } from '../../../../lambdas/processes/invoice/domain/vendors.ts';
import {
  documentId,
  documentRecord,
  executionArn,
  field,
  normalizedInvoice,
  otherExecutionArn,
  workflowState,
} from '../shared/support/builders.ts';
import { clock, MemoryAudit, MemoryDocuments } from '../shared/support/fakes.ts';

const resultKey = `results/invoice/${documentId}.json`;

function finalizer(options: { document?: DocumentRecord; invoice?: NormalizedInvoice | null } = {}) {
  const documents = new MemoryDocuments([
    options.document ?? documentRecord({ status: 'AWAITING_APPROVAL' }),
  ]);
  const audit = new MemoryAudit();
  const results = new Map<string, string>();
  const vendors: VendorInvoice[] = [];
  const reads: string[] = [];
  const deps: FinalizeDeps = {
    documents: documents.store,
    audit: audit.trail,
    readInvoice: async (key) => {
      reads.push(key);
      return options.invoice === undefined ? normalizedInvoice() : options.invoice;
    },
    writeResult: async (key, body) => {
      results.set(key, body);
    },
    recordVendorInvoice: async (invoice) => {
      vendors.push(invoice);
    },
    resultsPrefix: 'results/',
    now: clock('2025-03-01T10:01:00.000Z').now,
  };
  const result = () =>
    JSON.parse(results.get(resultKey) ?? 'null') as { status: string; reason: string } | null;
  return { deps, documents, audit, results, vendors, reads, result };
}

const approval = (decision: ApprovalOutcome['decision']): ApprovalOutcome => ({
  approvalId: 'approval-1',
  decision,
  votes: [],
  decidedAt: '2025-03-01T10:00:00.000Z',
});

describe('finalize', () => {
  it.each<[string, Partial<WorkflowState>, string, string]>([
    ['an approved invoice', { approval: approval('approved') }, 'COMPLETED', 'approved'],
    [
      'an invoice rejected by a task failure',
      { approvalRejection: { Error: 'Approval.Rejected', Cause: '{"votes":[]}' } },
      'REJECTED',
      'rejected by the approvers',
    ],
    [
      'an invoice whose approval expired',
      { approval: approval('expired') },
      'REJECTED',
      'approval expired; rejected automatically',
    ],
    ['an invoice that needed no approval', {}, 'COMPLETED', 'no approval required'],
  ])('ends %s, writing the result and the status', async (_name, overrides, status, reason) => {
    // Prepare
    const f = finalizer();

    // Act
    const outcome = await finalize(f.deps, { state: workflowState(overrides), executionArn });

    // Assess
    expect(outcome).toEqual({ status, resultKey });
    expect(f.result()).toMatchObject({ status, reason });
    expect(f.documents.peek(documentId)).toMatchObject({ status, resultKey, statusReason: reason });
    expect(f.audit.ofType('FINALIZED')).toMatchObject([
      { decision: status, details: { resultKey, applied: true } },
    ]);
  });

  it('adds a completed invoice to its vendor history', async () => {
    // Prepare
    const f = finalizer({ invoice: normalizedInvoice({ vendor: field('ACME Supplies, Ltd.') }) });

    // Act
    await finalize(f.deps, { state: workflowState({ approval: approval('approved') }), executionArn });

    // Assess
    expect(f.reads).toEqual([`extractions/invoice/${documentId}.json`]);
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

  it.each<[string, Partial<WorkflowState>]>([
    ['rejected', { approval: approval('rejected') }],
    ['expired', { approval: approval('expired') }],
    ['rejected by a task failure', { approvalRejection: { Error: 'Approval.Rejected' } }],
  ])('keeps a %s invoice out of the vendor history', async (_name, overrides) => {
    const f = finalizer();
    await finalize(f.deps, { state: workflowState(overrides), executionArn });
    expect(f.vendors).toEqual([]);
  });

  it('keeps an invoice without a vendor name out of the vendor history', async () => {
    const f = finalizer({ invoice: normalizedInvoice({ vendor: null }) });
    await finalize(f.deps, { state: workflowState(), executionArn });
    expect(f.vendors).toEqual([]);
    expect(f.documents.peek(documentId)?.status).toBe('COMPLETED');
  });

  it('writes nothing for a stale execution that no longer owns the document', async () => {
    // Prepare
    const f = finalizer({
      document: documentRecord({ status: 'AWAITING_APPROVAL', ownerExecution: otherExecutionArn }),
    });

    // Act
    const outcome = await finalize(f.deps, {
      state: workflowState({ approval: approval('approved') }),
      executionArn,
    });

    // Assess
    expect(outcome).toEqual({ status: 'STALE' });
    expect(f.results.size).toBe(0);
    expect(f.vendors).toEqual([]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'AWAITING_APPROVAL', revision: 3 });
    expect(f.audit.types()).toEqual(['STALE_EXECUTION_IGNORED']);
  });

  it('audits once when retried after it already ended the document', async () => {
    // Prepare
    const f = finalizer();
    const event = { state: workflowState({ approval: approval('approved') }), executionArn };
    await finalize(f.deps, event);

    // Act
    const again = await finalize(f.deps, event);

    // Assess
    expect(again).toEqual({ status: 'COMPLETED', resultKey });
    expect(f.documents.peek(documentId)?.status).toBe('COMPLETED');
    expect(f.audit.ofType('FINALIZED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGE_REFUSED')).toEqual([]);
  });

  it('records the versions that decided in every event', async () => {
    const f = finalizer();
    await finalize(f.deps, { state: workflowState(), executionArn });
    for (const event of f.audit.records) {
      expect(event.versions).toEqual({
        workflow: 'invoice@1+0123abcd',
        model: 'vendor-risk@2+abc',
        rules: 'invoice-rules@4',
      });
    }
  });

  it('finalizes without reading an invoice when there was no extraction', async () => {
    // Prepare
    const f = finalizer();

    // Act
    await finalize(f.deps, { state: workflowState({ extraction: undefined }), executionArn });

    // Assess
    expect(f.reads).toEqual([]);
    expect(f.result()).toMatchObject({ status: 'COMPLETED' });
    expect(f.vendors).toEqual([]);
  });
});
