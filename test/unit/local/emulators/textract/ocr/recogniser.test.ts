import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  encodeGrayTiff,
  randomInvoiceSpec,
  scannedInvoicePdf,
} from '../../../../../../lambdas/processes/invoice/samples/index.ts';
import type { OcrEngine } from '../../../../../../local/emulators/textract/ocr/engine.ts';
import { createOcrRecogniser } from '../../../../../../local/emulators/textract/ocr/recogniser.ts';
import type { OcrPage } from '../../../../../../local/emulators/textract/ocr/tesseract-page.ts';

/** The recogniser's plumbing with a fake engine: decoding, scaling, PDF pages, errors. No OCR runs. */

interface Call {
  readonly width: number;
  readonly height: number;
  readonly parameters: Readonly<Record<string, string>>;
}

/** An engine that records the PGM it is given and "sees" one word at (100, 200)–(300, 236) px. */
function fakeEngine(): OcrEngine & { calls: Call[]; terminated: number } {
  const calls: Call[] = [];
  const seen: OcrPage = {
    blocks: [
      {
        paragraphs: [
          {
            lines: [
              {
                words: [{ text: 'Total', confidence: 88, bbox: { x0: 100, y0: 200, x1: 300, y1: 236 } }],
                baseline: { x0: 100, y0: 236, x1: 300, y1: 236 },
              },
            ],
          },
        ],
      },
    ],
  };
  const engine = {
    calls,
    terminated: 0,
    recognise: async (image: Uint8Array, parameters: Readonly<Record<string, string>>) => {
      const [, width = '0', height = '0'] =
        /^P5\n(\d+) (\d+)\n255\n/.exec(Buffer.from(image.subarray(0, 30)).toString('latin1')) ?? [];
      calls.push({ width: Number(width), height: Number(height), parameters });
      return seen as never;
    },
    terminate: async () => {
      engine.terminated++;
    },
  };
  return engine;
}

async function png(width: number, height: number): Promise<Uint8Array> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.fillRect(20, 20, 60, 10);
  return new Uint8Array(await canvas.encode('png'));
}

describe('createOcrRecogniser', () => {
  it('enlarges a small image for OCR and gives positions in its own pixels', async () => {
    // Prepare
    const engine = fakeEngine();
    const ocr = createOcrRecogniser({ engine });

    // Act
    const page = await ocr.recognise('png', await png(400, 300));

    // Assess: sent at 2×, read back at 1×, with the sparse-text mode and the word's confidence.
    expect(engine.calls).toEqual([
      { width: 800, height: 600, parameters: expect.objectContaining({ tessedit_pageseg_mode: '11' }) },
    ]);
    expect(page).toMatchObject({ width: 400, height: 300, runs: [{ text: 'Total', confidence: 88 }] });
    expect(page.runs[0]?.quad[0].x).toBe(50);
  });

  it('reads TIFF through its own decoder', async () => {
    // Prepare
    const engine = fakeEngine();
    const rgba = new Uint8ClampedArray(3100 * 2000 * 4).fill(255);

    // Act
    const page = await createOcrRecogniser({ engine }).recognise(
      'tiff',
      encodeGrayTiff({ width: 3100, height: 2000, data: rgba }),
    );

    // Assess: 3100 px is within 10 % of the target, so no resampling.
    expect(engine.calls.map((c) => [c.width, c.height])).toEqual([[3100, 2000]]);
    expect(page.width).toBe(3100);
  });

  it('renders a scanned PDF page at 300 DPI and answers in points', async () => {
    // Prepare
    const engine = fakeEngine();
    const pdf = await scannedInvoicePdf(randomInvoiceSpec(3), { dpi: 100 });

    // Act
    const page = await createOcrRecogniser({ engine }).recognise('pdf', pdf);

    // Assess: an A4 page is 595 × 842 pt, about 2480 × 3508 px at 300 DPI.
    expect(engine.calls[0]?.parameters.user_defined_dpi).toBe('300');
    expect(Math.abs((engine.calls[0]?.width ?? 0) - 2480)).toBeLessThanOrEqual(2);
    expect(Math.abs((engine.calls[0]?.height ?? 0) - 3508)).toBeLessThanOrEqual(2);
    expect(page.width).toBeCloseTo(595.44, 1);
    expect(page.runs[0]?.quad[0].x).toBeCloseTo(24);
  });

  it('reads every page of a multi-page scan, and refuses a page that is not there', async () => {
    // Prepare
    const engine = fakeEngine();
    const ocr = createOcrRecogniser({ engine });
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage([200, 300]);
    doc.addPage([300, 200]);
    const bytes = await doc.save();

    // Act
    const pages = await ocr.recognisePages('pdf', bytes);

    // Assess
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [200, 300],
      [300, 200],
    ]);
    await expect(ocr.recognise('pdf', bytes, 3)).rejects.toMatchObject({ name: 'BadDocumentException' });
  });

  it.each(['png', 'jpeg'] as const)(
    'answers an undecodable %s with UnsupportedDocumentException',
    async (kind) => {
      // Prepare
      const engine = fakeEngine();
      const broken = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

      // Act / Assess
      await expect(createOcrRecogniser({ engine }).recognise(kind, broken)).rejects.toMatchObject({
        name: 'UnsupportedDocumentException',
        message: expect.stringMatching(new RegExp(`${kind.toUpperCase()} image.*OCR`)),
      });
      expect(engine.calls).toEqual([]);
    },
  );

  it('stops its engine on close', async () => {
    const engine = fakeEngine();
    await createOcrRecogniser({ engine }).close();
    expect(engine.terminated).toBe(1);
  });
});
