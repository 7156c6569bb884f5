import { describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { analyzeExpense, analyzePage } from '../../../../../local/emulators/textract/analyze-expense.ts';
import {
  type ExpenseReader,
  isExpenseReader,
} from '../../../../../local/emulators/textract/expense-reader.ts';
import { pageOf, run, runRight } from './runs.ts';

/** The port a process's stand-in fills: without one, a valid answer with no fields; with one, its fields. */

describe('the local Textract without an expense reader', () => {
  it('answers AnalyzeExpense with the page, its LINEs and WORDs, and no fields', async () => {
    // Prepare
    const pdf = await invoicePdf(randomInvoiceSpec(7, { language: 'en' }));

    // Act
    const doc = (await analyzeExpense(pdf)).ExpenseDocuments?.[0];

    // Assess
    expect([doc?.SummaryFields, doc?.LineItemGroups]).toEqual([[], []]);
    const types = new Set(doc?.Blocks?.map((b) => b.BlockType));
    expect([...types]).toEqual(['PAGE', 'LINE', 'WORD']);
  });
});

describe('an expense reader', () => {
  it('gets the laid-out page and gives the fields, their currency from its currencyOf', () => {
    // Prepare: a reader that calls the LINE right of `Total:` the total, in a currency of its own.
    const seen: string[][] = [];
    const reader: ExpenseReader = {
      read: ({ lines, size }) => {
        seen.push([...lines.map((l) => l.text), `${size.width}x${size.height}`]);
        const value = lines[1];
        if (value === undefined) return { summaryFields: [], lineItems: [] };
        return { summaryFields: [{ type: 'TOTAL', label: null, value }], lineItems: [] };
      },
      knows: () => false,
      currencyOf: (text) => (text.includes('9') ? 'XTS' : null),
    };

    // Act
    const doc = analyzePage(pageOf([run('Total:', 50, 200), runRight('9.99', 300, 200)]), { reader })
      .ExpenseDocuments?.[0];

    // Assess
    expect(seen).toEqual([['Total:', '9.99', '600x800']]);
    const total = doc?.SummaryFields?.[0];
    expect([total?.Type?.Text, total?.ValueDetection?.Text, total?.Currency?.Code]).toEqual([
      'TOTAL',
      '9.99',
      'XTS',
    ]);
  });

  const none = (): null => null;
  const candidates: readonly (readonly [unknown, boolean])[] = [
    [{ read: none, knows: none, currencyOf: none }, true],
    [{ read: none, knows: none }, false],
    [{ read: 1, knows: none, currencyOf: none }, false],
    [null, false],
    ['reader', false],
  ];
  it.each(candidates)('is told apart from other values: %j → %s', (value, expected) => {
    expect(isExpenseReader(value)).toBe(expected);
  });
});
