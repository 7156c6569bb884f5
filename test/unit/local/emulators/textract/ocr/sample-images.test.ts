import { createHash } from 'node:crypto';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  applyScanNoise,
  drawScanNoise,
  invoiceImage,
  randomInvoiceSpec,
  scannedInvoicePdf,
  seededRandom,
} from '../../../../../../lambdas/processes/invoice/samples/index.ts';
import { sniffKind } from '../../../../../../local/emulators/textract/document-kind.ts';
import { readPdfText } from '../../../../../../local/emulators/textract/pdf-text.ts';

/** Sample invoices as images and scans: formats, sizes, determinism, no text layer. No OCR here. */

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const spec = randomInvoiceSpec(11);

describe('invoiceImage', () => {
  it.each([
    ['png', 'png'],
    ['jpeg', 'jpeg'],
  ] as const)('renders a %s of an A4 page at the DPI asked', async (format, kind) => {
    // Act
    const bytes = await invoiceImage(spec, { format, dpi: 100 });

    // Assess: A4 is 8.27 × 11.69 in.
    const image = await loadImage(Buffer.from(bytes));
    expect([sniffKind(bytes), image.width, image.height]).toEqual([kind, 827, 1169]);
  });

  it('is the same for the same spec and scan seed, and differs for another seed', async () => {
    // Act
    const [a, b, c] = await Promise.all([
      invoiceImage(spec, { format: 'jpeg', dpi: 72, scanSeed: 1 }),
      invoiceImage(spec, { format: 'jpeg', dpi: 72, scanSeed: 1 }),
      invoiceImage(spec, { format: 'jpeg', dpi: 72, scanSeed: 2 }),
    ]);

    // Assess
    expect(sha(a)).toBe(sha(b));
    expect(sha(a)).not.toBe(sha(c));
  });
});

describe('scannedInvoicePdf', () => {
  it('is a one-page PDF with no text layer, the size of the paper', async () => {
    // Act
    const bytes = await scannedInvoicePdf(spec, { dpi: 100, scanSeed: 3 });

    // Assess
    const page = await readPdfText(bytes);
    expect(sniffKind(bytes)).toBe('pdf');
    expect(page.runs).toEqual([]);
    expect(page.width).toBeCloseTo(595.4, 0);
    expect(page.height).toBeCloseTo(841.7, 0);
  });

  it('is deterministic for a spec and a seed', async () => {
    const [a, b] = await Promise.all([
      scannedInvoicePdf(spec, { dpi: 72 }),
      scannedInvoicePdf(spec, { dpi: 72 }),
    ]);
    expect(sha(a)).toBe(sha(b));
  });
});

describe('scan noise', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('draws a tilt within 1° and a plausible scanner (seed %d)', (seed) => {
    const noise = drawScanNoise(seededRandom(seed));
    expect(Math.abs(noise.rotateDegrees)).toBeLessThanOrEqual(1);
    expect(noise.paper).toBeGreaterThanOrEqual(236);
    expect(noise.jpegQuality).toBeGreaterThanOrEqual(55);
    expect(noise.jpegQuality).toBeLessThanOrEqual(85);
  });

  it('turns white into the paper tone and keeps black ink dark', () => {
    // Prepare: one white and one black pixel, no grain or blur.
    const raster = { width: 2, height: 1, data: new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]) };
    const noise = { rotateDegrees: 0, paper: 240, blur: 0, grain: 0, specks: 0, jpegQuality: 80 };

    // Act
    const out = applyScanNoise(raster, noise, seededRandom(1));

    // Assess
    expect([...out.data]).toEqual([240, 240, 240, 255, 0, 0, 0, 255]);
  });
});
