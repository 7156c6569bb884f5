import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../../../lambdas/processes/invoice/samples/formats.ts';
import { invoicePdf } from '../../../../../lambdas/processes/invoice/samples/invoice-pdf.ts';
import {
  invoiceTotals,
  languages,
  lookalikeLayouts,
} from '../../../../../lambdas/processes/invoice/samples/invoice-spec.ts';
import { lookalikeInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/lookalike-spec.ts';
import { lookalikeWords } from '../../../../../lambdas/processes/invoice/samples/lookalike-words.ts';
import { randomInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/random-spec.ts';

/** Each text run of the page with its top edge (PDF points, from the bottom) and its font size. */
async function runsOf(bytes: Uint8Array): Promise<{ text: string; y: number; size: number }[]> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const content = await (await (await task.promise).getPage(1)).getTextContent();
    return content.items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [{ text: item.str, y: item.transform[5] ?? 0, size: Math.abs(item.transform[3] ?? 0) }]
        : [],
    );
  } finally {
    await task.destroy();
  }
}

describe('lookalikeInvoiceSpec', () => {
  it('is randomInvoiceSpec with a company for a customer, its number, a band and sometimes a discount', () => {
    // Act
    const specs = Array.from(
      { length: 40 },
      (_, i) => [lookalikeInvoiceSpec(i), randomInvoiceSpec(i)] as const,
    );

    // Assess
    for (const [lookalike, plain] of specs) {
      expect({ ...lookalike, customer: plain.customer }).toMatchObject({ ...plain });
      expect(lookalike.customer.name).not.toBe(lookalike.vendor.name);
      expect(lookalike.customer.addressLines).toEqual(plain.customer.addressLines);
      expect(lookalikeWords[lookalike.language].bands).toContain(lookalike.headerBand);
    }
    const discounted = specs.filter(([s]) => s.discountBasisPoints !== undefined).length;
    expect(discounted).toBeGreaterThan(10);
    expect(discounted).toBeLessThan(30);
  });
});

describe.each(lookalikeLayouts)('the %s layout', (layout) => {
  it.each(languages)(
    'puts the band and the customer above the issuer’s name, larger (%s)',
    async (language) => {
      // Prepare
      const spec = lookalikeInvoiceSpec(`${layout}-${language}`, {
        layout,
        language,
        discountBasisPoints: 2500,
      });

      // Act
      const runs = await runsOf(await invoicePdf(spec));

      // Assess
      const find = (text: string) => runs.find((r) => r.text === text);
      const [band, customer, vendor] = [
        find(spec.headerBand ?? ''),
        find(spec.customer.name),
        find(spec.vendor.name),
      ];
      expect(band?.size).toBeGreaterThan(vendor?.size ?? Number.POSITIVE_INFINITY);
      expect(customer?.size).toBeGreaterThan(vendor?.size ?? Number.POSITIVE_INFINITY);
      expect(band?.y).toBeGreaterThan(vendor?.y ?? Number.POSITIVE_INFINITY);
      const totals = invoiceTotals(spec);
      const money = (cents: number) => formatMoney(cents, spec.currency, language);
      const texts = runs.map((r) => r.text);
      expect(texts).toEqual(
        expect.arrayContaining([
          money(totals.subtotalCents),
          money(-totals.discountCents),
          money(totals.totalCents),
        ]),
      );
    },
    // Polish pages embed a Unicode font: seconds on a busy machine.
    30_000,
  );
});
