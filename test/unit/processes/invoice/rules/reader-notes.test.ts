import { describe, expect, it } from 'vitest';
import { readerNotes } from '../../../../../lambdas/processes/invoice/rules/reader-notes.ts';

describe('readerNotes', () => {
  it.each([
    ['dueDate: missing', 'Due date: not found on the document'],
    ['vendor: unparseable', 'Vendor: found, but not readable'],
    ['totals: subtotal + tax does not equal total', 'Totals: subtotal + tax does not equal total'],
    ['lineItems[2].amount: unparseable', 'Line 3 amount: found, but not readable'],
    [
      'invoiceDate: ambiguous day/month order, read as day-first',
      'Invoice date: ambiguous day/month order, read as day-first',
    ],
    ['something else entirely', 'something else entirely'],
  ])('words %s for a person', (warning, note) => {
    expect(readerNotes([warning])).toEqual([note]);
  });
});
