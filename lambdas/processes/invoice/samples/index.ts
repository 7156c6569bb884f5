/** Sample invoices for the local runtime, tests and benchmarks: specs, PDFs, images, scans and what should be read from them. */
export { cleanInvoiceSpec } from './clean-spec.ts';
export { type ExpectedFields, type ExpectedLineItem, expectedFields } from './expected-fields.ts';
export { isValidIban } from './iban.ts';
export { invoicePdf } from './invoice-pdf.ts';
export {
  type CurrencyCode,
  currencies,
  type InvoiceLine,
  type InvoiceSpec,
  type InvoiceTotals,
  invoiceTotals,
  type Language,
  type LayoutVariant,
  languages,
  layouts,
  lookalikeLayouts,
  type Party,
} from './invoice-spec.ts';
export { lookalikeInvoiceSpec } from './lookalike-spec.ts';
export { type MalformedSample, malformedSamples } from './malformed.ts';
export { type Random, seededRandom } from './prng.ts';
export { randomInvoiceSpec } from './random-spec.ts';
export {
  encodeRaster,
  type ImageFormat,
  type InvoiceImageOptions,
  invoiceImage,
  scannedInvoicePdf,
} from './render-image.ts';
export { applyScanNoise, drawScanNoise, type ScanNoise } from './render-noise.ts';
export { type Raster, type RasterOptions, rasterisePdf } from './render-raster.ts';
export { encodeGrayTiff, type TiffCompression } from './render-tiff.ts';
