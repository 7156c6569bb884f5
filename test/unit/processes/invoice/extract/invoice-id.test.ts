import { describe, expect, it } from 'vitest';
import { readInvoiceId } from '../../../../../lambdas/processes/invoice/extract/invoice-id.ts';

describe('readInvoiceId', () => {
  it.each([
    ['Invoice #1258', '1258'],
    ['INVOICE # 123PQR456', '123PQR456'],
    ['Invoice 2024-0017', '2024-0017'],
    ['Factuurnummer 2024-17', '2024-17'],
    ['N° de facture F-12', 'F-12'],
    ['Facture n°123', '123'],
    ['Rechnung Nr. RE-2024-1', 'RE-2024-1'],
    ['Faktura VAT nr FV/12/2024', 'FV/12/2024'],
    ['#A-77', 'A-77'],
    ['  INV-2024-001 ', 'INV-2024-001'],
    ['123PQR456', '123PQR456'],
    ['RE-2024-0042', 'RE-2024-0042'],
  ])('reads %j as %j', (value, id) => {
    // Act / Assess
    expect(readInvoiceId(value)).toBe(id);
  });

  it.each(['', 'Invoice', 'Invoice number'])('finds no id in %j', (value) => {
    // Act / Assess
    expect(readInvoiceId(value)).toBeNull();
  });
});
