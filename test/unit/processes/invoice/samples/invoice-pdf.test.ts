import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../../../../lambdas/processes/invoice/samples/formats.ts';
import { invoicePdf } from '../../../../../lambdas/processes/invoice/samples/invoice-pdf.ts';
import {
  invoiceTotals,
  type Language,
  languages,
} from '../../../../../lambdas/processes/invoice/samples/invoice-spec.ts';
import { invoiceLabels, type LabelSet } from '../../../../../lambdas/processes/invoice/samples/labels.ts';
import { randomInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/random-spec.ts';

/** The page's text layer, runs joined by newlines, read back with pdf.js. */
async function textOf(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const pdf = await task.promise;
    const content = await (await pdf.getPage(1)).getTextContent();
    return content.items
      .flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : []))
      .join('\n');
  } finally {
    await task.destroy();
  }
}

const variants: [Language, LabelSet][] = languages.flatMap((language) => [
  [language, 'inline'],
  [language, 'columns'],
]);

describe('invoicePdf', () => {
  it.each(variants)('draws a one-page %s %s invoice with a text layer', async (language, layout) => {
    // Prepare
    const spec = randomInvoiceSpec(`${language}-${layout}`, { language, layout, dueDate: '2026-03-02' });
    const labels = invoiceLabels[language][layout];

    // Act
    const bytes = await invoicePdf(spec);

    // Assess
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const lines = (await textOf(bytes)).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        spec.vendor.name,
        spec.invoiceNumber,
        labels.invoiceNumber,
        labels.dueDate,
        formatDate(spec.invoiceDate, language),
        formatDate('2026-03-02', language),
        formatMoney(invoiceTotals(spec).totalCents, spec.currency, language),
        labels.description,
        ...spec.lineItems.map((l) => l.description),
      ]),
    );
  });

  it('yields the same bytes for the same spec', async () => {
    // Prepare
    const spec = randomInvoiceSpec(17);

    // Act
    const [a, b] = await Promise.all([invoicePdf(spec), invoicePdf(spec)]);

    // Assess
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('prints no due date label when the spec has none', async () => {
    // Prepare
    const { dueDate: _, ...spec } = randomInvoiceSpec(4, { language: 'fr', layout: 'inline' });

    // Act
    const text = await textOf(await invoicePdf(spec));

    // Assess
    expect(text).not.toContain(invoiceLabels.fr.inline.dueDate);
  });

  it('refuses a spec that cannot be printed', async () => {
    // Prepare
    const spec = { ...randomInvoiceSpec(1), lineItems: [] };

    // Act / Assess
    await expect(invoicePdf(spec)).rejects.toThrow(RangeError);
  });

  it.each(
    languages.flatMap((language) =>
      (['title-first', 'right-column', 'title-number'] as const).map((layout) => [language, layout] as const),
    ),
  )(
    'draws a %s %s invoice whose text layer holds the vendor, the number and the total',
    async (language, layout) => {
      // Prepare
      const spec = randomInvoiceSpec(`${language}-${layout}`, { language, layout });

      // Act
      const text = await textOf(await invoicePdf(spec));

      // Assess
      expect(text).toContain(spec.vendor.name);
      expect(text).toContain(spec.invoiceNumber);
      expect(text.replace(/\D/g, '')).toContain(String(invoiceTotals(spec).totalCents));
    },
  );
});
