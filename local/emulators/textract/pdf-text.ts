import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { badDocument, unsupportedDocument } from './errors.ts';
import type { PageSize, Point, Quad } from './geometry.ts';

/**
 * A PDF's text layer with positions, read with pdf.js (legacy build: Node without a DOM or a canvas;
 * pdf.js runs its worker code in this thread). Refuses what Textract's synchronous API refuses:
 * unreadable or truncated files, password-protected files, more than one page. Textract's set quotas say
 * "PDFs cannot be password protected" (https://docs.aws.amazon.com/textract/latest/dg/limits-document.html):
 * a file encrypted with an empty user password (an owner password restricting printing or copying) opens
 * without one, in pdf.js as in any reader, and is read.
 */

/** One run of text as the PDF draws it (often a whole label or value). */
export interface TextRun {
  readonly text: string;
  /** The glyphs' box, from the ascender to the descender, in points from the page's top left. */
  readonly quad: Quad;
  /** Font size in points, the scale for gaps and line spacing. */
  readonly fontSize: number;
  /** How sure the reader is (0–100): OCR's, per word; absent for a text layer, which is read, not guessed. */
  readonly confidence?: number;
}

export interface PageText extends PageSize {
  readonly runs: readonly TextRun[];
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Readers look for `%%EOF` this close to the end; without it the upload was cut short. */
const eofWindow = 1024;

/** The one page AnalyzeExpense reads; a longer PDF is refused as the synchronous API does. */
export async function readPdfText(bytes: Uint8Array): Promise<PageText> {
  const [page] = await readPdfPages(bytes, 1);
  if (!page) throw badDocument('Unable to read the PDF: it has no page');
  return page;
}

/** Every page's text (StartExpenseAnalysis reads them all); more than `maxPages` is refused. */
export async function readPdfPages(bytes: Uint8Array, maxPages = 3000): Promise<PageText[]> {
  if (!Buffer.from(bytes.subarray(Math.max(0, bytes.length - eofWindow))).includes('%%EOF'))
    throw badDocument('Unable to read the PDF: it is truncated (no %%EOF marker at its end)');
  const task = getDocument({
    data: new Uint8Array(bytes), // a copy, never a Buffer: pdf.js refuses Buffers and may detach what it is given
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      if (error instanceof Error && error.name === 'PasswordException')
        throw unsupportedDocument(
          'The PDF is password protected; Textract does not read PDFs that need a password to open',
        );
      throw badDocument('Unable to read the PDF: its structure is invalid', error);
    });
    if (pdf.numPages > maxPages)
      throw unsupportedDocument(
        maxPages === 1
          ? `The PDF has ${pdf.numPages} pages; AnalyzeExpense reads one page, use StartExpenseAnalysis for more`
          : `The PDF has ${pdf.numPages} pages; the limit is ${maxPages}`,
      );
    const pages: PageText[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number).catch((error: unknown) => {
        throw badDocument(`Unable to read the PDF: page ${number} cannot be parsed`, error);
      });
      pages.push(await pageText(page));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

interface PdfPage {
  getViewport(options: { scale: number }): {
    width: number;
    height: number;
    convertToViewportPoint(x: number, y: number): number[];
  };
  getTextContent(): Promise<{ items: unknown[]; styles: Record<string, FontMetrics> }>;
}

async function pageText(page: PdfPage): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const toPage = ([x, y]: readonly [number, number]): Point => {
    const [vx = 0, vy = 0] = viewport.convertToViewportPoint(x, y);
    return { x: vx, y: vy };
  };
  const runs: TextRun[] = [];
  for (const raw of content.items) {
    const item = raw as { str?: string; fontName: string; transform: number[]; width: number };
    if (typeof item.str !== 'string' || item.str.trim() === '') continue;
    const run = textRun(item.str, item.transform, item.width, content.styles[item.fontName], toPage);
    if (run !== null) runs.push(run);
  }
  return { width: viewport.width, height: viewport.height, runs };
}

interface FontMetrics {
  readonly ascent: number;
  readonly descent: number;
}

/**
 * The run's box from its text matrix: along the baseline for `width`, up by the font's ascent and
 * down by its descent, then into page space (which also applies the page's rotation).
 */
function textRun(
  text: string,
  [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0]: readonly number[],
  width: number,
  metrics: FontMetrics | undefined,
  toPage: (p: readonly [number, number]) => Point,
): TextRun | null {
  const size = Math.hypot(c, d);
  const along = Math.hypot(a, b);
  if (size === 0 || along === 0) return null;
  const [dx, dy] = [a / along, b / along];
  const [ux, uy] = [c / size, d / size];
  const ascent = (metrics?.ascent ?? 0.8) * size;
  const descent = Math.min(0, metrics?.descent ?? -0.2) * size;
  const at = (t: number, h: number) => toPage([e + dx * t + ux * h, f + dy * t + uy * h]);
  return {
    text,
    quad: [at(0, ascent), at(width, ascent), at(width, descent), at(0, descent)],
    fontSize: size,
  };
}
