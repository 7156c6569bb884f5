import {
  type ExpectedFields,
  expectedFields,
  type InvoiceSpec,
  invoiceImage,
  invoicePdf,
  languages,
  layouts,
  randomInvoiceSpec,
  scannedInvoicePdf,
} from '../samples/index.ts';

/**
 * The benchmark's invoices: formats in turn, and for each group of four a language and a layout
 * (8 languages × 5 layouts, coprime, so 40 groups — 160 cases — hold every combination in every
 * format once);
 * currencies, parties, dates and lines come from each case's seed. PNGs are clean renders (an exported or screenshotted invoice);
 * JPEGs and scanned PDFs carry scan noise drawn from the seed (tilt, grain, blur, JPEG quality).
 */

export const formats = ['text-pdf', 'scanned-pdf', 'png', 'jpeg'] as const;
export type BenchFormat = (typeof formats)[number];

export interface BenchCase {
  readonly id: string;
  readonly seed: number;
  readonly format: BenchFormat;
  readonly spec: InvoiceSpec;
  readonly expected: ExpectedFields;
}

export function benchCases(count: number, firstSeed: number): BenchCase[] {
  return Array.from({ length: count }, (_, i) => {
    const seed = firstSeed + i;
    const format = formats[i % formats.length] ?? 'text-pdf';
    const group = Math.floor(i / formats.length);
    const language = languages[group % languages.length] ?? 'en';
    const layout = layouts[group % layouts.length] ?? 'inline';
    const spec = randomInvoiceSpec(seed, { language, layout });
    return {
      id: `${format}-${language}-${layout}-${seed}`,
      seed,
      format,
      spec,
      expected: expectedFields(spec),
    };
  });
}

/** The case's document bytes, made when needed (images are a few hundred kB each). */
export function caseDocument(c: BenchCase): Promise<Uint8Array> {
  switch (c.format) {
    case 'text-pdf':
      return invoicePdf(c.spec);
    case 'scanned-pdf':
      return scannedInvoicePdf(c.spec, { scanSeed: c.seed });
    case 'png':
      return invoiceImage(c.spec, { format: 'png' });
    case 'jpeg':
      return invoiceImage(c.spec, { format: 'jpeg', scanSeed: c.seed });
  }
}
