import type { NormalizedInvoice } from '../domain/invoice.ts';
import { type VendorInvoice, vendorIdOf, vendorRecordKey } from '../domain/vendors.ts';

/** The vendor-history entry of a completed invoice, or none when the vendor was not read. */
export function vendorRecordOf(
  invoice: NormalizedInvoice | null,
  documentId: string,
  recordedAt: string,
): VendorInvoice | undefined {
  const vendor = invoice?.vendor?.value;
  if (!invoice || !vendor) return undefined;
  const invoiceDate = invoice.invoiceDate?.value ?? null;
  return {
    vendorId: vendorIdOf(vendor),
    recordKey: vendorRecordKey(invoiceDate, documentId),
    documentId,
    invoiceNumber: invoice.invoiceNumber?.value ?? null,
    invoiceDate,
    total: invoice.total?.value ?? null,
    currency: invoice.currency?.value ?? null,
    bankAccountHash: invoice.bankAccountHash,
    recordedAt,
  };
}
