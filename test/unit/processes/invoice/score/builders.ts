import type { Field, InvoiceHeader } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import type { VendorInvoice } from '../../../../../lambdas/processes/invoice/domain/vendors.ts';

/** Test builders: a routine invoice from a known vendor, and that vendor's history. */
export const field = (value: string, confidence = 98): Field => ({ value, confidence });

export function invoice(overrides: Partial<InvoiceHeader> = {}): InvoiceHeader {
  return {
    vendor: field('Acme Supplies Ltd'),
    invoiceNumber: field('INV-2024-0107'),
    invoiceDate: field('2024-07-01'),
    dueDate: field('2024-07-31'),
    currency: field('EUR'),
    subtotal: field('1020.00'),
    tax: field('193.80'),
    total: field('1213.80'),
    bankAccountHash: 'bank-a',
    pageCount: 1,
    warnings: [],
    lineItemCount: 3,
    ...overrides,
  };
}

/** `count` past invoices, oldest first, totals around 1,200 EUR, all paid to `bank-a`. */
export function history(count: number, overrides: Partial<VendorInvoice> = {}): VendorInvoice[] {
  const totals = ['1180.40', '1225.10', '1199.95', '1250.00', '1174.35', '1210.60'];
  return Array.from({ length: count }, (_, k) => {
    const month = String(k + 1).padStart(2, '0');
    return {
      vendorId: 'vendor-acme',
      recordKey: `INV#2024-${month}-01#doc-${k}`,
      documentId: `doc-${k}`,
      invoiceNumber: `INV-2024-01${String(k).padStart(2, '0')}`,
      invoiceDate: `2024-${month}-01`,
      total: totals[k % totals.length] ?? '1200.00',
      currency: 'EUR',
      bankAccountHash: 'bank-a',
      recordedAt: `2024-${month}-02T09:00:00.000Z`,
      ...overrides,
    };
  });
}
