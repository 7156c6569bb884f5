import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A PDF's first page as RGBA pixels, drawn by pdf.js onto its own @napi-rs/canvas (pdf.js brings a
 * copy and fills its Path2D from it, so its canvases are the ones its glyph paths fit). Optionally
 * turned by a small angle around the page centre, the way a sheet lies askew on a scanner.
 */

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row. */
  readonly data: Uint8ClampedArray;
}

export interface RasterOptions {
  /** @default 200 */
  readonly dpi?: number;
  /** Clockwise, in degrees. @default 0 */
  readonly rotateDegrees?: number;
}

interface PdfCanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    context: {
      fillStyle: string;
      fillRect(x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export async function rasterisePdf(pdfBytes: Uint8Array, options: RasterOptions = {}): Promise<Raster> {
  const task = getDocument({
    data: new Uint8Array(pdfBytes),
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const page = await pdf.getPage(1);
    const viewport = page.getViewport({ scale: (options.dpi ?? 200) / 72 });
    const [width, height] = [Math.round(viewport.width), Math.round(viewport.height)];
    const { context } = (pdf.canvasFactory as PdfCanvasFactory).create(width, height);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    const angle = ((options.rotateDegrees ?? 0) * Math.PI) / 180;
    const [cos, sin, cx, cy] = [Math.cos(angle), Math.sin(angle), width / 2, height / 2];
    // Rotation about the centre, in device pixels, applied before the viewport's own transform.
    const transform = [cos, sin, -sin, cos, cx - cx * cos + cy * sin, cy - cx * sin - cy * cos];
    await page.render({ canvasContext: context as never, viewport, transform }).promise;
    return { width, height, data: context.getImageData(0, 0, width, height).data };
  } finally {
    await task.destroy();
  }
}
