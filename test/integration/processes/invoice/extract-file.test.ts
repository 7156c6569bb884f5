import { describe, expect, it } from 'vitest';
import {
  expectedFields,
  invoicePdf,
  malformedSamples,
  randomInvoiceSpec,
} from '../../../../lambdas/processes/invoice/samples/index.ts';
import { extractFiles } from '../../../../lambdas/processes/invoice/tools/extract-file.ts';

describe('npm run extract', () => {
  it('prints what the extract step reads from each file, and why a file is refused', async () => {
    // Prepare
    const spec = randomInvoiceSpec('cli-1', { language: 'fr' });
    const encrypted = (await malformedSamples(2)).find((s) => s.name === 'encrypted');
    // Act
    const [good, bad] = await extractFiles([
      { name: 'facture.pdf', bytes: await invoicePdf(spec) },
      { name: 'locked.pdf', bytes: encrypted?.bytes ?? new Uint8Array() },
    ]);
    // Assess
    const expected = expectedFields(spec);
    expect(good).toMatchObject({
      file: 'facture.pdf',
      path: 'sync',
      invoice: { total: { value: expected.total }, invoiceNumber: { value: expected.invoiceNumber } },
    });
    expect(bad).toMatchObject({
      file: 'locked.pdf',
      error: { name: 'Tower.InputRejected', message: expect.stringContaining('[encrypted]') },
    });
  });
});
