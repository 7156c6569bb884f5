import { AnalyzeExpenseCommand, TextractClient } from '@aws-sdk/client-textract';
import { describe, expect, it } from 'vitest';
import { normaliseExpense } from '../../../../../../lambdas/processes/invoice/extract/normalise-expense.ts';
import {
  expectedFields,
  invoiceImage,
  randomInvoiceSpec,
} from '../../../../../../lambdas/processes/invoice/samples/index.ts';
import { expenseReader } from '../../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import { startTextractServer } from '../../../../../../local/emulators/textract/index.ts';

/** The local Textract reads an image over the wire with its own OCR, and stops it with the server. */

describe('startTextractServer with its default OCR', () => {
  it('answers AnalyzeExpense on a PNG with OCR words and their confidences', async () => {
    // Prepare
    const spec = randomInvoiceSpec(2, { language: 'en', layout: 'inline' });
    const server = await startTextractServer({ reader: expenseReader });
    const client = new TextractClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      // Act
      const response = await client.send(
        new AnalyzeExpenseCommand({ Document: { Bytes: await invoiceImage(spec, { format: 'png' }) } }),
      );

      // Assess
      const expected = expectedFields(spec);
      const invoice = normaliseExpense(response);
      expect([invoice.invoiceNumber?.value, invoice.total?.value]).toEqual([
        expected.invoiceNumber,
        expected.total,
      ]);
      const words = response.ExpenseDocuments?.[0]?.Blocks?.filter((b) => b.BlockType === 'WORD') ?? [];
      expect(words.length).toBeGreaterThan(30);
      expect(new Set(words.map((w) => w.Confidence)).size).toBeGreaterThan(3);
      expect(words.every((w) => (w.Confidence ?? -1) >= 0 && (w.Confidence ?? 101) <= 100)).toBe(true);
    } finally {
      client.destroy();
      await server.stop();
    }
  }, 60_000);
});
