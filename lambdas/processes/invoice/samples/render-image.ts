import { createCanvas, ImageData } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { invoicePdf } from './invoice-pdf.ts';
import type { InvoiceSpec } from './invoice-spec.ts';
import { seededRandom } from './prng.ts';
import { applyScanNoise, drawScanNoise } from './render-noise.ts';
import { type Raster, rasterisePdf } from './render-raster.ts';

/**
 * A sample invoice as a picture: the text PDF rendered at a scanner's resolution, clean or with scan
 * noise drawn from a seed, encoded as PNG or JPEG; or that picture embedded in a PDF page with no
 * text layer, as a scanner's "scan to PDF" makes it. Deterministic for a spec and a seed.
 *
 * @example await invoiceImage(randomInvoiceSpec(7), { format: 'jpeg', scanSeed: 7 })
 */

export type ImageFormat = 'png' | 'jpeg';

export interface InvoiceImageOptions {
  /** @default 'png' */
  readonly format?: ImageFormat;
  /** @default 200 */
  readonly dpi?: number;
  /** Scan noise (tilt, grain, blur, JPEG quality) drawn from this seed. @default none: a clean render */
  readonly scanSeed?: number | string;
}

/** JPEG quality for a clean render. */
const cleanJpegQuality = 90;

export async function invoiceImage(
  spec: InvoiceSpec,
  options: InvoiceImageOptions = {},
): Promise<Uint8Array> {
  const { raster, jpegQuality } = await invoiceRaster(spec, options);
  return encodeRaster(raster, options.format ?? 'png', jpegQuality);
}

/** A one-page PDF holding only the invoice's picture (JPEG by default, as scanners embed it). */
export async function scannedInvoicePdf(
  spec: InvoiceSpec,
  options: InvoiceImageOptions = {},
): Promise<Uint8Array> {
  const format = options.format ?? 'jpeg';
  const dpi = options.dpi ?? 200;
  const image = await invoiceImage(spec, { ...options, format, dpi });
  const doc = await PDFDocument.create({ updateMetadata: false });
  const issued = new Date(`${spec.invoiceDate}T09:00:00Z`);
  doc.setProducer('Tower sample scans');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const embedded = format === 'jpeg' ? await doc.embedJpg(image) : await doc.embedPng(image);
  // The page is the paper's size: the picture's pixels at its resolution, in points.
  const [width, height] = [(embedded.width * 72) / dpi, (embedded.height * 72) / dpi];
  doc.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  return doc.save();
}

async function invoiceRaster(
  spec: InvoiceSpec,
  options: InvoiceImageOptions,
): Promise<{ raster: Raster; jpegQuality: number }> {
  const pdf = await invoicePdf(spec);
  const dpi = options.dpi ?? 200;
  if (options.scanSeed === undefined)
    return { raster: await rasterisePdf(pdf, { dpi }), jpegQuality: cleanJpegQuality };
  const random = seededRandom(`scan-${options.scanSeed}`);
  const noise = drawScanNoise(random);
  const raster = await rasterisePdf(pdf, { dpi, rotateDegrees: noise.rotateDegrees });
  return { raster: applyScanNoise(raster, noise, random), jpegQuality: noise.jpegQuality };
}

/** PNG or JPEG bytes of a raster. */
export async function encodeRaster(
  raster: Raster,
  format: ImageFormat,
  jpegQuality = cleanJpegQuality,
): Promise<Uint8Array> {
  const canvas = createCanvas(raster.width, raster.height);
  canvas.getContext('2d').putImageData(new ImageData(raster.data, raster.width, raster.height), 0, 0);
  const bytes = format === 'png' ? await canvas.encode('png') : await canvas.encode('jpeg', jpegQuality);
  return new Uint8Array(bytes);
}
