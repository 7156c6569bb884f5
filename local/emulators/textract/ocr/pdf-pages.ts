import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { badDocument } from '../errors.ts';
import type { PageSize } from '../geometry.ts';
import { type GrayImage, grayOfRgba } from './pixels.ts';

/**
 * The pages of a scanned PDF as pixels, for OCR: each page rendered by pdf.js at the OCR resolution,
 * whatever the scan was embedded as (DCT/JPEG, Flate, a mask, several strips, a rotation). Rendering
 * rather than extracting the embedded image gets page rotation, cropping and placement right for
 * free, and the word boxes then map back to the page by one scale factor.
 */

export interface RenderedPage {
  /** The page's size in points, the unit its PageText is given in. */
  readonly size: PageSize;
  readonly image: GrayImage;
  /** Pixels per point of `image`. */
  readonly scale: number;
}

/** The canvas pdf.js creates in Node (its own @napi-rs/canvas), as far as it is used here. */
interface PdfCanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    context: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void } & {
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Renders the pages numbered in `pages` (1-based; every page when absent) at `dpi`. */
export async function renderPdfPages(
  bytes: Uint8Array,
  dpi: number,
  pages?: readonly number[],
): Promise<RenderedPage[]> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw badDocument('Unable to read the PDF for OCR', error);
    });
    const factory = pdf.canvasFactory as PdfCanvasFactory;
    const rendered: RenderedPage[] = [];
    const numbers = pages ?? Array.from({ length: pdf.numPages }, (_, i) => i + 1);
    for (const n of numbers) {
      if (!Number.isInteger(n) || n < 1 || n > pdf.numPages)
        throw badDocument(`The PDF has no page ${n} (it has ${pdf.numPages})`);
      const page = await pdf.getPage(n);
      const scale = dpi / 72;
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale });
      const [width, height] = [Math.ceil(viewport.width), Math.ceil(viewport.height)];
      const { context } = factory.create(width, height);
      // Scans rarely cover the whole page, and pdf.js leaves the rest transparent: paper is white.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvasContext: context as never, viewport }).promise;
      const image = grayOfRgba(width, height, context.getImageData(0, 0, width, height).data);
      rendered.push({ size: { width: size.width, height: size.height }, image, scale });
      page.cleanup();
    }
    return rendered;
  } finally {
    await task.destroy();
  }
}
