import type { AfterFinish } from '../../../platform/finish/finalize.ts';
import type { FinishEvent } from '../../../platform/finish/result.ts';
import type { NormalizedInvoice } from '../domain/invoice.ts';
import type { VendorInvoice } from '../domain/vendors.ts';
import type { ExtractionResult, RulesResult, ScoreResult } from '../domain/workflow.ts';
import { vendorRecordOf } from './vendor-record.ts';

/** What the invoice's Finalize Task hands its function: the platform's finishing input and the invoice's steps. */
export interface InvoiceFinishEvent extends FinishEvent {
  readonly extraction: ExtractionResult;
  readonly score: ScoreResult;
  readonly rules: RulesResult;
}

export interface InvoiceFinishDeps {
  readonly readInvoice: (key: string) => Promise<NormalizedInvoice | null>;
  /** Records the entry once; false when an earlier run already did. */
  readonly recordVendorInvoice: (invoice: VendorInvoice) => Promise<boolean>;
}

/**
 * The invoice's part of finishing: the result carries the whole invoice (line items from the stored
 * extraction), the risk and the rules; a completed invoice joins its vendor's history.
 */
export async function invoiceFinish(deps: InvoiceFinishDeps, event: InvoiceFinishEvent) {
  const invoice = await deps.readInvoice(event.extraction.artifactKey);
  const afterFinish: AfterFinish = async (verdict, at) => {
    const entry =
      verdict.status === 'COMPLETED' ? vendorRecordOf(invoice, event.document.documentId, at) : undefined;
    if (entry) await deps.recordVendorInvoice(entry);
  };
  return { body: { invoice, risk: event.score, rules: event.rules }, afterFinish };
}
