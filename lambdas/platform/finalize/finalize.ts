import type { NormalizedInvoice } from '../../processes/invoice/domain/invoice.ts';
import { type VendorInvoice, vendorIdOf, vendorRecordKey } from '../../processes/invoice/domain/vendors.ts';
import type { AuditTrail } from '../shared/audit.ts';
import type { DocumentStore } from '../shared/documents.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { StateEvent } from '../shared/workflow.ts';
import { type FinalStatus, resultDocument, verdictOf } from './result.ts';

export interface FinalizeDeps {
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly readInvoice: (key: string) => Promise<NormalizedInvoice | null>;
  readonly writeResult: (key: string, body: string) => Promise<void>;
  readonly recordVendorInvoice: (invoice: VendorInvoice) => Promise<void>;
  readonly resultsPrefix: string;
  readonly now: () => Date;
}

export interface FinalizeOutcome {
  readonly status: FinalStatus | 'STALE';
  readonly resultKey?: string;
}

/**
 * Ends the document: result JSON to S3, vendor history, final status and audit. An execution that no
 * longer owns the document (a stale duplicate) writes nothing.
 */
export async function finalize(deps: FinalizeDeps, event: StateEvent): Promise<FinalizeOutcome> {
  const { state, executionArn } = event;
  const { documentId, process } = state.document;
  const versions = {
    workflow: state.workflowVersion,
    model: state.score?.modelVersion,
    rules: state.rules?.ruleSetVersion,
  };
  const actor = { kind: 'system', id: 'finalize' } as const;
  const record = await deps.documents.get(documentId);
  if (record?.ownerExecution !== undefined && record.ownerExecution !== executionArn) {
    await deps.audit.append(
      {
        documentId,
        step: 'finalize',
        type: 'STALE_EXECUTION_IGNORED',
        actor,
        versions,
        executionArn,
        rationale: ['another execution owns this document'],
      },
      { idempotencyKey: `${documentId}/${executionArn}/stale` },
    );
    return { status: 'STALE' };
  }
  const verdict = verdictOf(state);
  const at = deps.now().toISOString();
  const invoice = state.extraction ? await deps.readInvoice(state.extraction.artifactKey) : null;
  const resultKey = `${deps.resultsPrefix}${process}/${documentId}.json`;
  await deps.writeResult(
    resultKey,
    JSON.stringify(resultDocument(state, invoice, verdict, executionArn, at), null, 2),
  );
  const vendor = invoice?.vendor?.value;
  if (verdict.status === 'COMPLETED' && invoice && vendor) {
    const invoiceDate = invoice.invoiceDate?.value ?? null;
    await deps.recordVendorInvoice({
      vendorId: vendorIdOf(vendor),
      recordKey: vendorRecordKey(invoiceDate, documentId),
      documentId,
      invoiceNumber: invoice.invoiceNumber?.value ?? null,
      invoiceDate,
      total: invoice.total?.value ?? null,
      currency: invoice.currency?.value ?? null,
      bankAccountHash: invoice.bankAccountHash,
      recordedAt: at,
    });
  }
  const change = await changeStatus(
    { documents: deps.documents, audit: deps.audit },
    {
      documentId,
      to: verdict.status,
      step: 'finalize',
      actor,
      versions,
      executionArn,
      reason: verdict.reason,
      attributes: { resultKey },
    },
  );
  await deps.audit.append(
    {
      documentId,
      step: 'finalize',
      type: 'FINALIZED',
      actor,
      decision: verdict.status,
      rationale: [verdict.reason],
      versions,
      executionArn,
      details: { resultKey, applied: change.applied },
    },
    { idempotencyKey: `${documentId}/${executionArn}/finalized` },
  );
  return { status: verdict.status, resultKey };
}
