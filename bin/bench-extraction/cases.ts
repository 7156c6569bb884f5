import {
  type ExpectedFields,
  expectedFields,
  type InvoiceSpec,
  invoiceImage,
  invoicePdf,
  type LayoutVariant,
  languages,
  lookalikeInvoiceSpec,
  scannedInvoicePdf,
} from '../../lambdas/processes/invoice/samples/index.ts';

/**
 * The benchmark's invoices, in two sets held apart: `tune` (the layouts and seeds the extractor and its
 * confidence caps are fitted on) and `eval` (other layouts, other seeds: the figures to quote). Every
 * case is a lookalike invoice (the customer a company with a legal form, a band of words, half of them
 * discounted); formats go in turn, and each group of four takes a language and a layout so that
 * languages × layouts × formats cases hold every combination once. PNGs are clean renders (an exported
 * or screenshotted invoice); JPEGs and scanned PDFs carry scan noise drawn from the seed.
 */

export const formats = ['text-pdf', 'scanned-pdf', 'png', 'jpeg'] as const;
export type BenchFormat = (typeof formats)[number];

export const benchSets = {
  tune: { layouts: ['inline', 'columns', 'title-first', 'letterhead'], firstSeed: 1 },
  eval: { layouts: ['right-column', 'title-number', 'window-right'], firstSeed: 100_001 },
} as const satisfies Record<string, { layouts: readonly LayoutVariant[]; firstSeed: number }>;
export type BenchSet = keyof typeof benchSets;

export interface BenchCase {
  readonly id: string;
  readonly seed: number;
  readonly format: BenchFormat;
  readonly spec: InvoiceSpec;
  readonly expected: ExpectedFields;
}

/** Cases that hold every language × layout × format of a set once. */
export function fullCover(set: BenchSet): number {
  return languages.length * benchSets[set].layouts.length * formats.length;
}

export function benchCases(
  set: BenchSet,
  count = fullCover(set),
  firstSeed: number = benchSets[set].firstSeed,
): BenchCase[] {
  const setLayouts: readonly LayoutVariant[] = benchSets[set].layouts;
  return Array.from({ length: count }, (_, i) => {
    const seed = firstSeed + i;
    const format = formats[i % formats.length] ?? 'text-pdf';
    const group = Math.floor(i / formats.length);
    const languageIndex = group % languages.length;
    const language = languages[languageIndex] ?? 'en';
    // Each round of languages shifts the layouts by one, so a short run already sees several.
    const round = Math.floor(group / languages.length);
    const layout = setLayouts[(languageIndex + round) % setLayouts.length] ?? 'inline';
    const spec = lookalikeInvoiceSpec(seed, { language, layout });
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
